package dev.streamz.conformance;

import dev.streamz.Stream;
import dev.streamz.VirtualScheduler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;


/**
 * The base of the conformance tests: they push elements with {@link #emit(Stream, Object)}, which goes
 * through a {@link Harness}. Core runs them directly; disruptor-runtime subclasses each test class and
 * overrides {@link #newHarness()} to run the very same tests through a compiled pipeline.
 */
public abstract class ConformanceBase {
    private Harness harness = Harness.DIRECT;

    /** @return the harness for one test; direct execution here */
    protected Harness newHarness() {
        return Harness.DIRECT;
    }

    @BeforeEach
    final void openHarness() {
        harness = newHarness();
    }

    @AfterEach
    final void closeHarness() {
        harness.close();
    }

    /** Emits {@code x} into {@code node} through the harness. */
    final <T> void emit(Stream<T> node, T x) {
        harness.emit(node, x);
    }

    /** Emits {@code x} with metadata into {@code node} through the harness. */
    final <T> void emit(Stream<T> node, T x, List<Map<String, Object>> metadata) {
        harness.emit(node, x, metadata);
    }

    /** Moves virtual time through the harness; see {@link Harness#advance(VirtualScheduler, Duration)}. */
    final void advance(VirtualScheduler vs, Duration d) {
        harness.advance(vs, d);
    }

    /** @return whether the test runs through a compiled pipeline */
    final boolean compiled() {
        return harness.compiled();
    }

    /** @return a consumer that emits into {@code node} through the harness */
    final <T> Consumer<T> emitter(Stream<T> node) {
        return x -> harness.emit(node, x);
    }

    /** @return see {@link Harness#failedEmitKeepsItsHold()} */
    final boolean failedEmitKeepsItsHold() {
        return harness.failedEmitKeepsItsHold();
    }
}
