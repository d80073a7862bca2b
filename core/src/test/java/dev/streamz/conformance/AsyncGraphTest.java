package dev.streamz.conformance;

import dev.streamz.RefCounter;
import dev.streamz.Scheduler;
import dev.streamz.Schedulers;
import dev.streamz.Stream;
import dev.streamz.StreamException;
import dev.streamz.VirtualScheduler;
import dev.streamz.conformance.Async.Log;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static dev.streamz.conformance.Async.after;
import static dev.streamz.conformance.Async.ms;
import static dev.streamz.conformance.Async.now;
import static dev.streamz.conformance.Async.source;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The scheduler-dependent cases of sections A, C, D and E: schedulers in a graph (A16, A17), blocking
 * emit (A18), errors behind a time-based node (C09), partition with a timeout (D05 to D09) and zip's
 * bound (E04, E05).
 */
class AsyncGraphTest {

    // ---------------------------------------------------------------------------------------------
    // A16 to A18

    @Test
    void A16_twoSchedulersInOneGraphAreRejected() {
        VirtualScheduler vs1 = new VirtualScheduler();
        VirtualScheduler vs2 = new VirtualScheduler();
        Stream<Integer> a = source(vs1);
        Stream<Integer> b = source(vs2);

        IllegalStateException join = assertThrows(IllegalStateException.class, () -> a.zip(b));
        assertTrue(join.getMessage().contains("different schedulers"), join.getMessage());
        assertTrue(join.getMessage().contains("exactly one scheduler"), join.getMessage());
        assertEquals(List.of(), a.downstreams(), "nothing was attached");
        assertEquals(List.of(), b.downstreams());

        IllegalStateException union = assertThrows(IllegalStateException.class, () -> a.union(b));
        assertTrue(union.getMessage().startsWith("union"), union.getMessage());

        IllegalStateException connect = assertThrows(IllegalStateException.class, () -> a.connect(b));
        assertTrue(connect.getMessage().startsWith("connect: "), connect.getMessage());
        assertTrue(connect.getMessage().contains("different schedulers"), connect.getMessage());
        assertEquals(List.of(), a.downstreams(), "connect attached nothing");

        // Through longer paths: the scheduler belongs to the whole connected graph.
        Stream<Integer> aTail = a.map(x -> x).filter(x -> true);
        Stream<Integer> bTail = b.map(x -> x);
        IllegalStateException deep = assertThrows(IllegalStateException.class, () -> bTail.connect(aTail));
        assertTrue(deep.getMessage().contains("different schedulers"), deep.getMessage());

        IllegalStateException reassign = assertThrows(IllegalStateException.class, () -> aTail.withScheduler(vs2));
        assertTrue(reassign.getMessage().contains("exactly one scheduler"), reassign.getMessage());
        assertSame(vs1, aTail.scheduler().orElseThrow());

        // The same scheduler twice is fine.
        a.withScheduler(vs1);
        Stream<Integer> c = source(vs1);
        assertEquals(1, a.zip(c).upstreams().stream().filter(u -> u == a).count());
    }

    @Test
    void A17_schedulerPropagationAndSharingOfTheDefault() {
        Stream<Integer> s = Stream.create();
        Stream<Integer> mapped = s.map(x -> x);
        assertTrue(s.scheduler().isEmpty(), "a plain graph has no scheduler");
        Stream<Integer> delayed = mapped.delay(Duration.ofHours(1));
        Scheduler loop = delayed.scheduler().orElseThrow();
        assertSame(Schedulers.defaultScheduler(), loop);
        assertSame(loop, s.scheduler().orElseThrow(), "spread upstream");
        assertSame(loop, mapped.scheduler().orElseThrow());
        assertSame(loop, delayed.map(x -> x).scheduler().orElseThrow(), "inherited by later nodes");

        // Two independent graphs share the default loop.
        Stream<Integer> other = Stream.create();
        other.rateLimit(Duration.ofHours(1));
        assertSame(loop, other.scheduler().orElseThrow());

        // Connecting a plain graph to a scheduled one gives the whole plain graph the scheduler.
        VirtualScheduler vs = new VirtualScheduler();
        Stream<Integer> plainA = Stream.create();
        Stream<Integer> plainB = plainA.map(x -> x + 1);
        Stream<Integer> timed = source(vs);
        List<Integer> out = timed.delay(ms(5)).sinkToList();
        plainB.connect(timed);
        assertSame(vs, plainA.scheduler().orElseThrow());
        plainA.emit(1);
        assertEquals(List.of(), out);
        vs.advanceBy(ms(5));
        assertEquals(List.of(2), out);

        // withScheduler before building applies to the time-based nodes built later.
        Stream<Integer> t = Stream.<Integer>create().withScheduler(vs);
        assertSame(vs, t.map(x -> x).buffer(3).scheduler().orElseThrow());
    }

    /** A node whose arguments are rejected must not leave the default loop attached to the graph. */
    @Test
    void A17_rejectedTimeBasedNodeLeavesTheGraphUnscheduled() {
        List<Function<Stream<Integer>, Object>> bad = List.of(
                s -> s.buffer(0),
                s -> s.partition(0, ms(10)),
                s -> s.partition(0, ms(10), (Function<Integer, Object>) x -> x),
                s -> s.mapAsync(x -> CompletableFuture.completedFuture(x), 0),
                s -> s.delay(Duration.ZERO),
                s -> s.rateLimit("bad"),
                s -> s.timedWindow(ms(-1)),
                s -> s.zipBounded(0, Stream.create()));
        for (Function<Stream<Integer>, Object> op : bad) {
            Stream<Integer> s = Stream.create();
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> op.apply(s));
            assertTrue(s.scheduler().isEmpty(), "a rejected node attached a scheduler: " + e.getMessage());
            assertEquals(List.of(), s.downstreams());
            VirtualScheduler vs = new VirtualScheduler();
            s.withScheduler(vs); // still free to choose one
            assertSame(vs, s.scheduler().orElseThrow());
        }
    }

    @Test
    void A18_syncEmitBlocksOnAsyncWork() {
        VirtualScheduler vs = new VirtualScheduler();
        Stream<Integer> s = source(vs);
        List<Integer> l = new ArrayList<>();
        s.map(x -> x + 1).sinkAsync(x -> after(vs, ms(100), () -> l.add(x)));
        s.emit(1);
        assertEquals(100, now(vs), "emit took the sink's 0.1 s of virtual time");
        assertEquals(List.of(2), l);
    }

    /** The same on a real event loop, with a generous bound: emit from another thread blocks. */
    @Test
    void A18_syncEmitBlocksOnARealLoop() {
        Scheduler loop = Schedulers.newEventLoop("a18-loop", e -> { });
        Stream<Integer> s = Stream.<Integer>create().withScheduler(loop);
        List<Integer> l = new java.util.concurrent.CopyOnWriteArrayList<>();
        s.map(x -> x + 1).sinkAsync(x -> CompletableFuture.runAsync(() -> l.add(x),
                CompletableFuture.delayedExecutor(100, TimeUnit.MILLISECONDS)));
        long t0 = System.nanoTime();
        s.emit(1);
        long took = System.nanoTime() - t0;
        assertTrue(took >= TimeUnit.MILLISECONDS.toNanos(100), "took " + took / 1_000_000 + " ms");
        assertTrue(took < TimeUnit.SECONDS.toNanos(30), "took " + took / 1_000_000 + " ms");
        assertEquals(List.of(2), l);
    }

    /**
     * A blocking emit made by a task running on the scheduler's thread (a sink feeding another stream)
     * cannot wait for the scheduler it runs on: it returns once the synchronous part is done, on a real
     * loop and on a virtual scheduler alike.
     */
    @Test
    void A18_emitFromInsideASchedulerTaskDoesNotWait() throws Exception {
        VirtualScheduler vs = new VirtualScheduler();
        Stream<Integer> a = source(vs);
        Stream<Integer> b = source(vs);
        List<String> out = new ArrayList<>();
        b.rateLimit(ms(10)).sink(x -> out.add(x + "@" + now(vs)));
        a.delay(ms(1)).sink(b::emit);
        a.emit(0);
        a.emit(1);
        vs.advanceBy(ms(100));
        assertEquals(List.of(), vs.errors());
        assertEquals(List.of("0@1", "1@11"), out);

        Scheduler loop = Schedulers.newEventLoop("a18-inside", e -> { });
        Stream<Integer> c = Stream.<Integer>create().withScheduler(loop);
        Stream<Integer> d = Stream.<Integer>create().withScheduler(loop);
        java.util.concurrent.CountDownLatch two = new java.util.concurrent.CountDownLatch(2);
        d.rateLimit(ms(10)).sink(x -> two.countDown());
        c.sink(d::emit);
        c.emit(0);
        c.emit(1);
        assertTrue(two.await(30, TimeUnit.SECONDS));
    }

    /**
     * A loop kept busy by tasks that never let its queue run dry must still run its timers: here a task
     * that resubmits itself forever, and a 10 ms timer. (Before the fix the timer never ran.)
     */
    @Test
    void A17_busyLoopStillRunsItsTimers() throws Exception {
        Scheduler loop = Schedulers.newEventLoop("a17-busy", e -> { });
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        Runnable[] spin = new Runnable[1];
        spin[0] = () -> {
            if (!stop.get()) {
                loop.execute(spin[0]);
            }
        };
        loop.execute(spin[0]);
        java.util.concurrent.CountDownLatch fired = new java.util.concurrent.CountDownLatch(1);
        loop.schedule(fired::countDown, ms(10));
        try {
            assertTrue(fired.await(30, TimeUnit.SECONDS), "the timer starved");
        } finally {
            stop.set(true);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // C09

    @Test
    void C09_errorsBehindAnAsyncNodeAreReported() {
        VirtualScheduler vs = new VirtualScheduler(e -> { });
        Stream<Integer> a = source(vs);
        Stream<Integer> acc = a.delay(ms(1)).accumulate((x, y) -> x / y).named("divider");
        List<Integer> out = acc.sinkToList();
        a.emit(1);
        a.emit(0); // does not throw: the failure happens later, behind the delay
        vs.advanceBy(ms(1));
        assertEquals(List.of(1), out);
        assertEquals(1, vs.errors().size());
        StreamException e = vs.errors().get(0);
        assertEquals("divider", e.nodeName());
        assertInstanceOf(ArithmeticException.class, e.getCause());
        assertTrue(e.getMessage().contains("ArithmeticException"), e.getMessage());
        // State unchanged, node alive.
        a.emit(1);
        vs.advanceBy(ms(1));
        assertEquals(List.of(1, 1), out);
    }

    // ---------------------------------------------------------------------------------------------
    // D05 to D09

    @Test
    void D05_partitionOfOneWithATimeoutStartsNoTimer() {
        VirtualScheduler vs = new VirtualScheduler();
        Stream<Integer> s = source(vs);
        List<List<Integer>> out = s.partition(1, ms(10)).sinkToList();
        for (int i = 0; i < 10; i++) {
            s.emit(i);
        }
        assertEquals(0, vs.pendingTasks(), "no timer when n == 1");
        assertEquals(10, out.size());
        assertEquals(List.of(List.of(0), List.of(1)), out.subList(0, 2));
        vs.advanceBy(ms(100));
        assertEquals(10, out.size());
    }

    @Test
    void D06_partitionTimeoutFlushesAPartialPartition() {
        VirtualScheduler vs = new VirtualScheduler();
        Stream<Integer> s = source(vs);
        List<List<Integer>> out = s.partition(10, ms(10)).sinkToList();
        for (int i = 0; i < 5; i++) {
            s.emit(i);
        }
        vs.advanceBy(ms(100));
        assertEquals(List.of(List.of(0, 1, 2, 3, 4)), out);
    }

    @Test
    void D07_timerStartsAtThePartitionsFirstElementAndAFullPartitionCancelsIt() {
        VirtualScheduler vs = new VirtualScheduler();
        Stream<Integer> s = source(vs);
        List<String> out = new ArrayList<>();
        s.partition(3, ms(100)).sink(p -> out.add(p + "@" + now(vs)));
        s.emit(0);
        s.emit(1);
        s.emit(2);
        assertEquals(List.of("(0, 1, 2)@0"), out);
        vs.advanceBy(ms(90));
        s.emit(3);
        vs.advanceBy(ms(20));
        assertEquals(List.of("(0, 1, 2)@0"), out, "the cancelled timer did not fire at 100");
        vs.advanceBy(ms(90));
        assertEquals(List.of("(0, 1, 2)@0", "(3,)@190"), out);

        // Not reset by later elements of the same partition.
        s.emit(10);
        vs.advanceBy(ms(50));
        s.emit(11);
        vs.advanceBy(ms(50));
        assertEquals("(10, 11)@300", out.get(2));
    }

    @Test
    void D08_perKeyTimers() {
        VirtualScheduler vs = new VirtualScheduler();
        Stream<Integer> s = source(vs);
        List<String> out = new ArrayList<>();
        s.partition(3, ms(100), (Function<Integer, Object>) x -> x % 2).sink(p -> out.add(p + "@" + now(vs)));
        s.emit(0);
        vs.advanceBy(ms(50));
        s.emit(1);
        s.emit(2);
        vs.advanceBy(ms(200));
        assertEquals(List.of("(0, 2)@100", "(1,)@150"), out);
    }

    @Test
    void D09_timeoutFlushHappensAfterEmitReturns() {
        VirtualScheduler vs = new VirtualScheduler();
        Stream<Integer> s = source(vs);
        List<List<Integer>> l = s.partition(3, ms(50)).sinkToList();
        s.emit(1);
        assertEquals(List.of(), l);
        assertEquals(0, now(vs), "the emit did not wait for the timeout");
        vs.advanceBy(ms(100));
        assertEquals(List.of(List.of(1)), l);
    }

    @Test
    void D_partitionTimeoutRefCountsAndFailures() {
        VirtualScheduler vs = new VirtualScheduler(e -> { });
        Log log = new Log();
        Stream<Integer> s = source(vs);
        s.partition(3, ms(50)).sink(p -> {
            if (p.contains(-1)) {
                throw new IllegalStateException("bad partition");
            }
            log.add("out:" + p);
        });
        RefCounter r1 = log.ref(1);
        s.emit(1, Md.ref(r1));
        assertEquals(1, r1.count());
        vs.advanceBy(ms(50));
        assertEquals(List.of("out:(1,)", "cb:1"), log.events(), "released right after the timed flush");

        // A failure downstream of a timed flush is reported, its refs released, the node keeps going.
        RefCounter bad = log.ref("bad");
        s.emit(-1, Md.ref(bad));
        vs.advanceBy(ms(50));
        assertEquals(1, vs.errors().size());
        assertEquals(0, bad.count());
        assertTrue(bad.fired());
        s.emit(5);
        vs.advanceBy(ms(50));
        assertEquals("out:(5,)", log.events().get(log.events().size() - 1));
    }

    // ---------------------------------------------------------------------------------------------
    // E04, E05

    @Test
    void E04_zipBackPressure() {
        VirtualScheduler vs = new VirtualScheduler();
        Stream<Object> a = source(vs);
        Stream<Object> b = source(vs);
        Stream<List<Object>> z = a.zipBounded(2, b);
        List<List<Object>> l = z.sinkToList();
        assertTrue(a.emitAsync(1).isDone());
        assertTrue(a.emitAsync(2).isDone());
        CompletableFuture<Void> f = a.emitAsync(3);
        assertFalse(f.isDone(), "3 elements > maxsize 2");
        vs.advanceBy(ms(10));
        assertFalse(f.isDone());
        assertEquals(3, z.bufferedCount(), "the element is kept");
        assertTrue(b.emitAsync("a").isDone());
        vs.runUntilIdle(); // the tuple released the emitter; its future completes one task later (A21)
        assertTrue(f.isDone());
        assertEquals(List.of(List.of(1, "a")), l);
        b.emit("b");
        b.emit("c");
        assertEquals(List.of(List.of(1, "a"), List.of(2, "b"), List.of(3, "c")), l);

        // maxsize 1
        VirtualScheduler vs2 = new VirtualScheduler();
        Stream<Object> c = source(vs2);
        Stream<Object> d = source(vs2);
        List<List<Object>> l2 = c.zipBounded(1, d).sinkToList();
        assertTrue(c.emitAsync(1).isDone());
        CompletableFuture<Void> g = c.emitAsync(2);
        assertFalse(g.isDone());
        d.emit("x");
        vs2.runUntilIdle();
        assertTrue(g.isDone());
        assertEquals(List.of(List.of(1, "x")), l2);

        // zip's default maxsize is 10.
        VirtualScheduler vs3 = new VirtualScheduler();
        Stream<Object> e = source(vs3);
        Stream<Object> h = source(vs3);
        e.zip(h);
        for (int i = 0; i < 10; i++) {
            assertTrue(e.emitAsync(i).isDone());
        }
        assertFalse(e.emitAsync(10).isDone());

        // A blocking emit from the thread that feeds both inputs would deadlock (streamz's QUIRK); on the
        // virtual scheduler it fails loudly instead of hanging.
        IllegalStateException never = assertThrows(IllegalStateException.class, () -> e.emit(11));
        assertTrue(never.getMessage().contains("never accepted"), never.getMessage());
    }

    @Test
    void E05_zipInASyncGraphNeverBlocks() {
        Stream<Integer> a = Stream.create();
        Stream<Integer> b = Stream.create();
        Stream<List<Object>> z = a.zipBounded(2, b);
        List<List<Object>> l = z.sinkToList();
        for (int i = 0; i < 5; i++) {
            assertTrue(a.emitAsync(i).isDone());
        }
        assertEquals(5, z.bufferedCount(), "no error, no drop, no block");
        for (int i = 0; i < 5; i++) {
            b.emit(i);
        }
        assertEquals(List.of(List.of(0, 0), List.of(1, 1), List.of(2, 2), List.of(3, 3), List.of(4, 4)), l);
        assertTrue(a.scheduler().isEmpty());
    }
}
