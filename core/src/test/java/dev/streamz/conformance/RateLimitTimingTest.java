package dev.streamz.conformance;

import dev.streamz.Stream;
import dev.streamz.VirtualScheduler;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntToLongFunction;
import java.util.stream.IntStream;

import static dev.streamz.conformance.Async.after;
import static dev.streamz.conformance.Async.ms;
import static dev.streamz.conformance.Async.now;
import static dev.streamz.conformance.Async.source;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * F28: when {@code rateLimit} lets each element through. An element gets its slot when it arrives (one
 * interval after the previous element's slot, or at once if that has passed), is emitted at its slot
 * whatever the previous element's downstream is still doing, and its emitter is released when its own
 * element's emission has completed. The expected values are what streamz 0.6.4 gives for the same
 * scenarios on a virtual clock (all times in virtual milliseconds from the start).
 */
class RateLimitTimingTest {

    /** A rate limit of 1 s in front of an asynchronous sink whose work for {@code x} takes {@code work(x)} ms. */
    private static final class Scenario {
        final VirtualScheduler vs = new VirtualScheduler();
        final Stream<Integer> s = source(vs);
        final Map<Integer, Long> started = new TreeMap<>();
        final Map<Integer, Long> ended = new TreeMap<>();
        final Map<Integer, Long> done = new TreeMap<>();
        final List<Integer> doneOrder = new ArrayList<>();

        Scenario(IntToLongFunction work) {
            s.rateLimit(ms(1000)).sinkAsync(x -> {
                started.put(x, now(vs));
                return after(vs, ms(work.applyAsLong(x)), () -> ended.put(x, now(vs)));
            });
        }

        CompletableFuture<Void> emit(int x) {
            return s.emitAsync(x).thenRun(() -> {
                done.put(x, now(vs));
                doneOrder.add(x);
            });
        }
    }

    /** streamz 0.6.4: starts 0/1000/2000/3000/4000, each emitter released when its own element's sink ends. */
    @Test
    void F28_slowSinkFireAndForget_oneStartPerInterval() {
        Scenario sc = new Scenario(x -> 3000);
        List<CompletableFuture<Void>> fs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            fs.add(sc.emit(i));
        }
        assertTrue(fs.stream().noneMatch(CompletableFuture::isDone), "every emitter waits, even the first");

        sc.vs.advanceBy(ms(2500));
        assertEquals(Map.of(0, 0L, 1, 1000L, 2, 2000L), sc.started, "three elements in the sink at once");
        assertEquals(Map.of(), sc.ended);

        sc.vs.advanceBy(ms(1000)); // 3500
        assertEquals(Map.of(0, 0L, 1, 1000L, 2, 2000L, 3, 3000L), sc.started);
        assertEquals(Map.of(0, 3000L), sc.ended);
        assertEquals(Map.of(0, 3000L), sc.done);

        sc.vs.advanceBy(ms(10_000));
        assertEquals(Map.of(0, 0L, 1, 1000L, 2, 2000L, 3, 3000L, 4, 4000L), sc.started);
        assertEquals(Map.of(0, 3000L, 1, 4000L, 2, 5000L, 3, 6000L, 4, 7000L), sc.ended);
        assertEquals(sc.ended, sc.done, "each emitter waits for its own element's emission");
    }

    /** streamz 0.6.4 with a 2.5 s sink: no instant where an end and a start coincide. */
    @Test
    void F28_slowSinkFireAndForget_noCoincidingInstants() {
        Scenario sc = new Scenario(x -> 2500);
        for (int i = 0; i < 5; i++) {
            sc.emit(i);
        }
        sc.vs.advanceBy(ms(10_000));
        assertEquals(Map.of(0, 0L, 1, 1000L, 2, 2000L, 3, 3000L, 4, 4000L), sc.started);
        assertEquals(Map.of(0, 2500L, 1, 3500L, 2, 4500L, 3, 5500L, 4, 6500L), sc.ended);
        assertEquals(sc.ended, sc.done);
    }

    /** streamz 0.6.4: with uneven work the emitters are released out of order, each with its own element. */
    @Test
    void F28_unevenSinkWork_emittersReleasedOutOfOrder() {
        long[] work = {3000, 500, 2000, 200, 1000};
        Scenario sc = new Scenario(x -> work[x]);
        for (int i = 0; i < 5; i++) {
            sc.emit(i);
        }
        sc.vs.advanceBy(ms(10_000));
        assertEquals(Map.of(0, 0L, 1, 1000L, 2, 2000L, 3, 3000L, 4, 4000L), sc.started);
        assertEquals(Map.of(1, 1500L, 0, 3000L, 3, 3200L, 2, 4000L, 4, 5000L), sc.done);
        assertEquals(List.of(1, 0, 3, 2, 4), sc.doneOrder);
        assertEquals(sc.ended, sc.done);
    }

    /**
     * streamz 0.6.4, each emit awaited before the next: the sink is the bottleneck and the rate limit never
     * waits (starts 0/3000/6000/9000/12000, released at 3000/.../15000). A blocking {@code emit} loop
     * waits exactly as long.
     */
    @Test
    void F28_slowSinkAwaited_theSinkIsTheBottleneck() {
        Scenario sc = new Scenario(x -> 3000);
        chain(sc, 0);
        sc.vs.advanceBy(ms(20_000));
        assertEquals(Map.of(0, 0L, 1, 3000L, 2, 6000L, 3, 9000L, 4, 12_000L), sc.started);
        assertEquals(Map.of(0, 3000L, 1, 6000L, 2, 9000L, 3, 12_000L, 4, 15_000L), sc.done);

        Scenario blocking = new Scenario(x -> 3000);
        for (int i = 0; i < 5; i++) {
            blocking.s.emit(i);
        }
        assertEquals(15_000, now(blocking.vs), "the blocking emits returned when the last sink call ended");
        assertEquals(Map.of(0, 0L, 1, 3000L, 2, 6000L, 3, 9000L, 4, 12_000L), blocking.started);
    }

    private static void chain(Scenario sc, int i) {
        if (i < 5) {
            sc.emit(i).thenRun(() -> chain(sc, i + 1));
        }
    }

    /**
     * streamz 0.6.4, fast sink, arrivals at 0/300/600/2500/2600 ms not awaited: the sink sees them at
     * 0/1000/2000/3000/4000 and each emitter is released then; only the first is accepted inside its call.
     */
    @Test
    void F28_fastSinkFireAndForget() {
        VirtualScheduler vs = new VirtualScheduler();
        Stream<Integer> s = source(vs);
        Map<Integer, Long> sunk = new TreeMap<>();
        Map<Integer, Long> done = new TreeMap<>();
        Map<Integer, Boolean> doneAtOnce = new TreeMap<>();
        s.rateLimit(ms(1000)).sink(x -> sunk.put(x, now(vs)));
        long[] arrivals = {0, 300, 600, 2500, 2600};
        for (int i = 0; i < 5; i++) {
            int x = i;
            vs.advanceTo(ms(arrivals[i]));
            CompletableFuture<Void> f = s.emitAsync(x);
            doneAtOnce.put(x, f.isDone());
            f.thenRun(() -> done.put(x, now(vs)));
        }
        vs.advanceBy(ms(5000));
        assertEquals(Map.of(0, 0L, 1, 1000L, 2, 2000L, 3, 3000L, 4, 4000L), sunk);
        assertEquals(sunk, done);
        assertEquals(Map.of(0, true, 1, false, 2, false, 3, false, 4, false), doneAtOnce);
    }

    /**
     * streamz 0.6.4, fast sink, a producer that waits until max(now, tᵢ) for tᵢ = 0/300/600/2500/2600 and
     * then awaits its emit: arrivals 0/300/1000/2500/3000, sink and continuation 0/1000/2000/3000/4000.
     */
    @Test
    void F28_fastSinkAwaited() {
        VirtualScheduler vs = new VirtualScheduler();
        Stream<Integer> s = source(vs);
        Map<Integer, Long> arrived = new TreeMap<>();
        Map<Integer, Long> sunk = new TreeMap<>();
        Map<Integer, Long> continued = new TreeMap<>();
        s.rateLimit(ms(1000)).sink(x -> sunk.put(x, now(vs)));
        long[] times = {0, 300, 600, 2500, 2600};
        produce(vs, s, times, 0, arrived, continued);
        vs.advanceBy(ms(5000));
        assertEquals(Map.of(0, 0L, 1, 300L, 2, 1000L, 3, 2500L, 4, 3000L), arrived);
        assertEquals(Map.of(0, 0L, 1, 1000L, 2, 2000L, 3, 3000L, 4, 4000L), sunk);
        assertEquals(sunk, continued);
    }

    private static void produce(VirtualScheduler vs, Stream<Integer> s, long[] times, int i,
                                Map<Integer, Long> arrived, Map<Integer, Long> continued) {
        if (i == times.length) {
            return;
        }
        vs.schedule(() -> {
            arrived.put(i, now(vs));
            s.emitAsync(i).thenRun(() -> {
                continued.put(i, now(vs));
                produce(vs, s, times, i + 1, arrived, continued);
            });
        }, ms(Math.max(0, times[i] - now(vs))));
    }

    /** The order of elements is their arrival order, also when several are in the downstream at once. */
    @Test
    void F28_orderIsArrivalOrderAndTheNodeCountsWhatItHolds() {
        VirtualScheduler vs = new VirtualScheduler();
        Stream<Integer> s = source(vs);
        List<Integer> order = new ArrayList<>();
        Stream<Integer> limited = s.rateLimit(ms(100));
        limited.sinkAsync(x -> {
            order.add(x);
            return after(vs, ms(1000), () -> x);
        });
        for (int i = 0; i < 20; i++) {
            s.emitAsync(i);
        }
        vs.advanceBy(ms(950));
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), order);
        // 10 wait for their slot; 9 left from a slot and are in the sink (the first passed inside its
        // emitter's call, so the node never held it).
        assertEquals(19, limited.bufferedCount());
        vs.advanceBy(ms(10_000));
        assertEquals(IntStream.range(0, 20).boxed().toList(), order);
        assertEquals(0, limited.bufferedCount());
        assertEquals(0, vs.pendingTasks(), "no timer left behind");
    }
}
