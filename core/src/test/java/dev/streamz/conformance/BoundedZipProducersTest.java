package dev.streamz.conformance;

import dev.streamz.Stream;
import dev.streamz.VirtualScheduler;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

import static dev.streamz.conformance.Async.ms;
import static dev.streamz.conformance.Async.now;
import static dev.streamz.conformance.Async.source;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * E22: a bounded {@code zip} fed by producers that chain each {@code emitAsync} on the previous one's
 * future, the way a producer respects back pressure. The expected tuples, times and held emitters are
 * what streamz 0.6.4 gives for the same producers on a virtual clock.
 */
class BoundedZipProducersTest {

    private final VirtualScheduler vs = new VirtualScheduler();
    private final Stream<Object> a = source(vs);
    private final Stream<Object> b = source(vs);
    private final Stream<List<Object>> z = a.zipBounded(1, b);
    private final List<List<Object>> out = z.sinkToList();
    private final List<CompletableFuture<Void>> emits = new ArrayList<>();
    /** The values whose emitter was held (its future not complete when {@code emitAsync} returned). */
    private final List<Object> held = new ArrayList<>();

    /** Emits {@code first}, ..., {@code first + n - 1} into {@code s}, each once the previous one was accepted. */
    private void chain(Stream<Object> s, int first, int n) {
        if (n == 0) {
            return;
        }
        CompletableFuture<Void> f = emit(s, first);
        f.thenRun(() -> chain(s, first + 1, n - 1));
    }

    private CompletableFuture<Void> emit(Stream<Object> s, Object x) {
        CompletableFuture<Void> f = s.emitAsync(x);
        if (!f.isDone()) {
            held.add(x);
        }
        emits.add(f);
        return f;
    }

    private static List<List<Object>> tuples(int... pairs) {
        List<List<Object>> l = new ArrayList<>();
        for (int i = 0; i < pairs.length; i += 2) {
            l.add(List.of(pairs[i], pairs[i + 1]));
        }
        return l;
    }

    private void assertAllAccepted() {
        assertEquals(10, emits.size());
        for (CompletableFuture<Void> f : emits) {
            assertTrue(f.isDone() && !f.isCompletedExceptionally(), f.toString());
        }
        assertEquals(0, z.bufferedCount(), "nothing left in the zip");
        assertEquals(List.of(), vs.errors());
    }

    /** streamz 0.6.4: five tuples at 0 ms, a.emit(1) and b.emit(13) held and released, no error. */
    @Test
    void E22_chainedProducersOnBothInputs() {
        chain(a, 0, 5);
        chain(b, 10, 5);
        vs.runUntilIdle();
        assertEquals(tuples(0, 10, 1, 11, 2, 12, 3, 13, 4, 14), out);
        assertEquals(List.of(1, 13), held);
        assertAllAccepted();
        assertEquals(0, now(vs));
    }

    /** streamz 0.6.4 with the other producer first: the same tuples; b.emit(11) and a.emit(3) held. */
    @Test
    void E22_chainedProducersOtherInputFirst() {
        chain(b, 10, 5);
        chain(a, 0, 5);
        vs.runUntilIdle();
        assertEquals(tuples(0, 10, 1, 11, 2, 12, 3, 13, 4, 14), out);
        assertEquals(List.of(11, 3), held);
        assertAllAccepted();
    }

    /** streamz 0.6.4 with one input paced at 1 s: a tuple per second, the paced producer never waits. */
    @Test
    void E22_onePacedInput() {
        Map<Object, Long> done = new TreeMap<>();
        List<Long> tupleTimes = new ArrayList<>();
        z.sink(t -> tupleTimes.add(now(vs)));
        pacedChain(0, done);
        for (int i = 0; i < 5; i++) {
            int x = 10 + i;
            vs.schedule(() -> emit(b, x).thenRun(() -> done.put(x, now(vs))), ms(1000L * (i + 1)));
        }
        vs.advanceBy(ms(10_000));
        assertEquals(tuples(0, 10, 1, 11, 2, 12, 3, 13, 4, 14), out);
        assertEquals(List.of(1000L, 2000L, 3000L, 4000L, 5000L), tupleTimes);
        assertEquals(Map.of(0, 0L, 1, 1000L, 2, 2000L, 3, 3000L, 4, 4000L,
                10, 1000L, 11, 2000L, 12, 3000L, 13, 4000L, 14, 5000L), done);
        assertEquals(List.of(1, 2, 3, 4), held, "only the unpaced producer waits");
        assertAllAccepted();
    }

    private void pacedChain(int x, Map<Object, Long> done) {
        if (x < 5) {
            emit(a, x).thenRun(() -> {
                done.put(x, now(vs));
                pacedChain(x + 1, done);
            });
        }
    }

    /**
     * streamz 0.6.4: the tuple that releases a held emitter reaches the downstream before anything the
     * released producer does next. P emits a 0, a 1 (held), then b 11; Q emits b 10 at 1 s.
     */
    @Test
    void E22_theReleasingTupleGoesOutBeforeTheReleasedProducerContinues() {
        Map<Object, Long> done = new TreeMap<>();
        List<Long> tupleTimes = new ArrayList<>();
        z.sink(t -> tupleTimes.add(now(vs)));
        emit(a, 0).thenCompose(v -> emit(a, 1))
                .thenRun(() -> done.put(1, now(vs)))
                .thenCompose(v -> emit(b, 11))
                .thenRun(() -> done.put(11, now(vs)));
        vs.schedule(() -> emit(b, 10).thenRun(() -> done.put(10, now(vs))), ms(1000));
        vs.advanceBy(ms(2000));
        assertEquals(tuples(0, 10, 1, 11), out);
        assertEquals(List.of(1000L, 1000L), tupleTimes);
        assertEquals(Map.of(1, 1000L, 10, 1000L, 11, 1000L), done);
        assertEquals(List.of(1), held);
    }

    /**
     * streamz 0.6.4: one producer chains a then b, another feeds only a. Whoever starts first decides
     * whether the bound deadlocks them: with the chain first, five tuples and then a.emit(101) waits for
     * ever (the zip holds 2); with the feeder first no tuple at all (the zip holds 3). Nothing is reported:
     * the emitters simply stay held.
     */
    @Test
    void E22_aProducerFeedingOneInputOnlyCanWaitForEver() {
        List<CompletableFuture<Void>> feeder = new ArrayList<>();
        crossChain(0);
        feed2(a, 100, feeder);
        vs.advanceBy(ms(1000));
        assertEquals(tuples(0, 10, 1, 11, 2, 12, 3, 13, 4, 14), out);
        assertTrue(feeder.get(0).isDone());
        assertFalse(feeder.get(1).isDone(), "a.emit(101) waits for a tuple that never comes");
        assertEquals(2, feeder.size(), "the feeder is stuck on its second emit");
        assertEquals(2, z.bufferedCount());
        assertEquals(List.of(), vs.errors());

        VirtualScheduler vs2 = new VirtualScheduler();
        Stream<Object> a2 = source(vs2);
        Stream<Object> b2 = source(vs2);
        Stream<List<Object>> z2 = a2.zipBounded(1, b2);
        List<List<Object>> out2 = z2.sinkToList();
        List<CompletableFuture<Void>> feeder2 = new ArrayList<>();
        feed2(a2, 100, feeder2);
        CompletableFuture<Void> chained = a2.emitAsync(0).thenCompose(v -> b2.emitAsync(10));
        vs2.advanceBy(ms(1000));
        assertEquals(List.of(), out2);
        assertTrue(feeder2.get(0).isDone());
        assertFalse(feeder2.get(1).isDone());
        assertFalse(chained.isDone(), "the chain never reaches b");
        assertEquals(3, z2.bufferedCount());
        assertEquals(List.of(), vs2.errors());
    }

    /** a.emit(i), then b.emit(10 + i), then the next i, each once the previous one was accepted. */
    private void crossChain(int i) {
        if (i < 5) {
            a.emitAsync(i).thenCompose(v -> b.emitAsync(10 + i)).thenRun(() -> crossChain(i + 1));
        }
    }

    private static void feed2(Stream<Object> s, int x, List<CompletableFuture<Void>> fs) {
        if (x < 105) {
            CompletableFuture<Void> f = s.emitAsync(x);
            fs.add(f);
            f.thenRun(() -> feed2(s, x + 1, fs));
        }
    }
}
