package dev.streamz.conformance;

import dev.streamz.Stream;

import java.util.List;
import java.util.Map;

/**
 * How a conformance test pushes elements into its graph. {@link #DIRECT} calls {@code node.emit} (core's
 * own run); disruptor-runtime's {@code CompiledHarness} compiles the graph, emits through the compiled
 * pipeline and waits until it is quiescent, so the same assertions check the compiled runtime.
 */
public interface Harness extends AutoCloseable {
    /** Direct execution: {@code node.emit(x)}. */
    Harness DIRECT = new Harness() {
        @Override
        public <T> void emit(Stream<T> node, T x) {
            node.emit(x);
        }

        @Override
        public <T> void emit(Stream<T> node, T x, List<Map<String, Object>> metadata) {
            node.emit(x, metadata);
        }

        @Override
        public boolean compiled() {
            return false;
        }

        @Override
        public void close() {
        }
    };

    /**
     * Pushes {@code x} into {@code node} and returns when every consequence is done; a failure in the
     * graph is thrown from here, as a direct {@code emit} throws it.
     */
    <T> void emit(Stream<T> node, T x);

    /** {@link #emit(Stream, Object)} with metadata. */
    <T> void emit(Stream<T> node, T x, List<Map<String, Object>> metadata);

    /**
     * @return how many extra holds an element's refs carry while the graph processes it: 0 directly; 1
     *     compiled, where the ring holds the element until its segment has processed it
     */
    default int holdsDuringEmission() {
        return 0;
    }

    /** @return whether elements travel through a compiled pipeline */
    boolean compiled();

    /** Releases what the harness built (a compiled pipeline and its threads). */
    @Override
    void close();
}
