package dev.streamz.conformance;

import dev.streamz.Stream;
import dev.streamz.VirtualScheduler;

import java.time.Duration;

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
     * Moves {@code vs}'s virtual time forward by {@code d} and returns when every consequence is done:
     * directly, {@code vs.advanceBy(d)}; compiled, the same in steps, each followed by a wait for the
     * pipeline's quiescence (the segments run their timers on threads of their own), so that what a
     * segment schedules on {@code vs} lands at the virtual time it would directly. {@code d} zero runs what
     * is due now ({@code vs.runUntilIdle()}).
     *
     * @param vs the graph's virtual scheduler
     * @param d how far to move; not negative
     */
    default void advance(VirtualScheduler vs, Duration d) {
        vs.advanceBy(d);
    }

    /**
     * @return whether an emit whose processing threw keeps its own hold on the element's refs: true
     *     directly (at-least-once, G04); false compiled, where the failing segment skips the element and
     *     releases the hold of its ring slot ({@code ErrorPolicy.REPORT_AND_SKIP})
     */
    default boolean failedEmitKeepsItsHold() {
        return true;
    }

    /** @return whether elements travel through a compiled pipeline */
    boolean compiled();

    /** Releases what the harness built (a compiled pipeline and its threads). */
    @Override
    void close();
}
