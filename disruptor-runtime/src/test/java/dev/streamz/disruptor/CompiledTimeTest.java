package dev.streamz.disruptor;

import dev.streamz.RefCounter;
import dev.streamz.Stream;
import dev.streamz.StreamException;
import dev.streamz.VirtualScheduler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Time-driven nodes inside compiled segments: each segment with such nodes runs their timers on a clock of
 * its own. On a graph whose scheduler is a {@link VirtualScheduler} the clock follows virtual time, so these
 * tests advance time and then wait for quiescence, with no sleep.
 */
class CompiledTimeTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    @AfterEach
    void noThreadLeft() {
        ThreadLeaks.assertNone();
    }

    private static Duration ms(long n) {
        return Duration.ofMillis(n);
    }

    private static void quiesce(CompiledPipeline<?> p) {
        try {
            assertTrue(p.awaitQuiescence(WAIT), "not quiescent: " + p.segments());
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /** Polls {@code done} until it holds (bounded): for a result another thread produces. */
    private static void await(BooleanSupplier done, String what) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!done.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting for " + what);
            Thread.onSpinWait();
            Thread.yield();
        }
    }

    private static PipelineOptions small() {
        return PipelineOptions.builder().ringSize(4).name("timed").build();
    }

    @Test
    void timedWindowCompilesAndClosesWindowsOnVirtualTime() {
        VirtualScheduler vs = new VirtualScheduler();
        Stream<Integer> s = Stream.<Integer>create().withScheduler(vs);
        List<List<Integer>> windows = Collections.synchronizedList(new ArrayList<>());
        s.map(x -> x * 10).timedWindow(ms(100)).async("windows").sink(windows::add);
        try (CompiledPipeline<Integer> p = DisruptorRuntime.compile(s, small())) {
            quiesce(p);
            assertEquals(List.of(List.of()), windows, "the first window closes at once, as directly");
            p.emit(1);
            p.emit(2);
            quiesce(p);
            vs.advanceBy(ms(99));
            quiesce(p);
            assertEquals(1, windows.size(), "no window before the interval: " + windows);
            vs.advanceBy(ms(1));
            quiesce(p);
            assertEquals(List.of(List.of(), List.of(10, 20)), windows);
            p.emit(3);
            quiesce(p); // 3 is in the window before the clock moves
            vs.advanceBy(ms(250)); // two intervals: a window with 3, then an empty one
            quiesce(p);
            assertEquals(List.of(List.of(), List.of(10, 20), List.of(30), List.of()), windows);
            assertEquals("windows", p.segments().get(1).threadName());
        }
        s.emit(4); // the graph runs directly again, its window back on the virtual scheduler
        vs.advanceBy(ms(100));
        assertEquals(List.of(40), windows.getLast());
    }

    @Test
    void delayHoldsEveryElementForItsIntervalAndReleasesItsRefsAfter() {
        VirtualScheduler vs = new VirtualScheduler();
        Stream<Integer> s = Stream.<Integer>create().withScheduler(vs);
        List<Integer> out = Collections.synchronizedList(new ArrayList<>());
        s.delay(ms(20)).sink(out::add);
        AtomicInteger acked = new AtomicInteger();
        try (CompiledPipeline<Integer> p = DisruptorRuntime.compile(s, small())) {
            for (int i = 0; i < 5; i++) {
                p.emit(i, List.of(Map.of("ref", new RefCounter(acked::incrementAndGet))));
            }
            await(() -> p.segments().getFirst().processed() == 5, "the delay took all five");
            vs.advanceBy(ms(19));
            quiesce(p); // quiescent: nothing is due before virtual time moves on
            assertEquals(List.of(), out);
            assertEquals(0, acked.get(), "refs held while the delay holds the elements");
            vs.advanceBy(ms(1));
            quiesce(p);
            assertEquals(List.of(0, 1, 2, 3, 4), out);
            assertEquals(5, acked.get());
        }
    }

    @Test
    void rateLimitBackPressuresTheEmitterThroughTheRing() {
        VirtualScheduler vs = new VirtualScheduler();
        Stream<Integer> s = Stream.<Integer>create().withScheduler(vs);
        List<Integer> out = Collections.synchronizedList(new ArrayList<>());
        s.rateLimit(ms(10)).sink(out::add);
        try (CompiledPipeline<Integer> p = DisruptorRuntime.compile(s, small())) {
            int accepted = 0;
            while (p.tryEmit(accepted) == EmitResult.ACCEPTED) {
                accepted++;
                assertTrue(accepted < 50, "the ring must fill: the rate limit holds the segment");
            }
            await(() -> out.size() == 1, "the first element passes at once");
            assertTrue(accepted <= 1 + 1 + 4, "one passed, one waits for its turn, the ring holds 4: " + accepted);
            for (int i = 2; i <= accepted; i++) {
                vs.advanceBy(ms(10));
                int n = i;
                await(() -> out.size() == n, "one more element per interval");
            }
            quiesce(p);
            assertEquals(java.util.stream.IntStream.range(0, accepted).boxed().toList(), out);
        }
    }

    @Test
    void partitionWithTimeoutFlushesOnTheSegmentClock() {
        VirtualScheduler vs = new VirtualScheduler();
        Stream<Integer> s = Stream.<Integer>create().withScheduler(vs);
        List<List<Integer>> out = Collections.synchronizedList(new ArrayList<>());
        s.partition(3, ms(50)).sink(out::add);
        try (CompiledPipeline<Integer> p = DisruptorRuntime.compile(s, small())) {
            for (int i = 0; i < 4; i++) {
                p.emit(i);
            }
            await(() -> out.size() == 1, "a full partition leaves at once");
            quiesce(p); // element 3 reached the partition (and armed its timeout) before the clock moves
            vs.advanceBy(ms(50));
            quiesce(p);
            assertEquals(List.of(List.of(0, 1, 2), List.of(3)), out);
        }
    }

    @Test
    void latestKeepsTheNewestWhileTheSegmentIsBusy() {
        Stream<Integer> s = Stream.create();
        List<Integer> out = Collections.synchronizedList(new ArrayList<>());
        s.latest().sink(out::add);
        try (CompiledPipeline<Integer> p = DisruptorRuntime.compile(s, small())) {
            for (int i = 0; i < 100; i++) {
                p.emit(i);
            }
            quiesce(p);
            assertEquals(99, out.getLast(), "the newest element always leaves");
            for (int i = 1; i < out.size(); i++) {
                assertTrue(out.get(i - 1) < out.get(i), "in order, some skipped: " + out);
            }
        }
    }

    @Test
    void mapAsyncAndSinkAsyncCompleteOnOtherThreadsAndContinueOnTheSegment() {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Stream<Integer> s = Stream.create();
            List<Integer> out = Collections.synchronizedList(new ArrayList<>());
            List<String> sinkThreads = Collections.synchronizedList(new ArrayList<>());
            s.mapAsync(x -> CompletableFuture.supplyAsync(() -> x * 2, pool))
                    .sinkAsync(x -> CompletableFuture.runAsync(() -> out.add(x), pool).thenRun(
                            () -> sinkThreads.add(Thread.currentThread().getName())));
            try (CompiledPipeline<Integer> p = DisruptorRuntime.compile(s, small())) {
                for (int i = 0; i < 200; i++) {
                    p.emit(i);
                }
                quiesce(p);
                // The last sink future may still be completing on the pool when the rings are empty.
                await(() -> out.size() == 200, "every asynchronous sink call completed");
                assertEquals(java.util.stream.IntStream.range(0, 200).map(i -> i * 2).boxed().toList(),
                        out.stream().sorted().toList());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void closeDrainsWhatTheTimersHoldOnRealTime() {
        // Real time, bounded: close() waits for the delay (about 30 ms) within its timeout.
        Stream<Integer> s = Stream.create();
        List<Integer> out = Collections.synchronizedList(new ArrayList<>());
        s.delay(ms(30)).async("after").sink(out::add);
        CompiledPipeline<Integer> p = DisruptorRuntime.compile(s, small());
        for (int i = 0; i < 3; i++) {
            p.emit(i);
        }
        CloseReport r = p.close(WAIT);
        assertTrue(r.drained(), r.toString());
        assertEquals(List.of(0, 1, 2), out, "close() drained the delay's elements");
    }

    @Test
    void aStackOverflowInAUserFunctionIsReportedNamingItsNodeNotTheBoundary() {
        Stream<Integer> s = Stream.create();
        List<Integer> out = Collections.synchronizedList(new ArrayList<>());
        List<Throwable> errors = Collections.synchronizedList(new ArrayList<>());
        s.async("worker").map(x -> x == 0 ? recurse(x) : x).named("recursive").sink(out::add);
        AtomicInteger acked = new AtomicInteger();
        PipelineOptions o = small().toBuilder().errorHandler((seg, e) -> errors.add(e)).build();
        try (CompiledPipeline<Integer> p = DisruptorRuntime.compile(s, o)) {
            p.emit(1);
            p.emit(0, List.of(Map.of("ref", new RefCounter(acked::incrementAndGet))));
            p.emit(2);
            quiesce(p);
            assertEquals(List.of(1, 2), out, "the failing element is skipped, nothing else lost");
            assertEquals(1, errors.size());
            StreamException e = assertInstanceOf(StreamException.class, errors.getFirst());
            assertEquals("recursive", e.nodeName());
            assertInstanceOf(StackOverflowError.class, e.getCause());
            assertEquals(1, acked.get(), "the failed element's refs are released");
        }
    }

    @Test
    void anErrorBehindATimedNodeIsReportedNamingItsNode() {
        VirtualScheduler vs = new VirtualScheduler();
        Stream<Integer> s = Stream.<Integer>create().withScheduler(vs);
        List<Integer> out = Collections.synchronizedList(new ArrayList<>());
        List<Throwable> errors = Collections.synchronizedList(new ArrayList<>());
        s.delay(ms(5)).map(x -> {
            if (x == 0) {
                throw new IllegalStateException("boom");
            }
            return x;
        }).named("checker").sink(out::add);
        PipelineOptions o = small().toBuilder().errorHandler((seg, e) -> errors.add(e)).build();
        try (CompiledPipeline<Integer> p = DisruptorRuntime.compile(s, o)) {
            p.emit(0);
            p.emit(1);
            await(() -> p.segments().getFirst().processed() == 2, "both taken");
            vs.advanceBy(ms(5));
            quiesce(p);
            assertEquals(List.of(1), out, "the element after the failure still leaves");
            StreamException e = assertInstanceOf(StreamException.class, errors.getFirst());
            assertEquals("checker", e.nodeName());
        }
    }

    @Test
    void refusalsNameOperatorsByTheirJavaNames() {
        Stream<Integer> s = Stream.create();
        Stream<Integer> throttle = s.rateLimit(ms(1)).named("throttle");
        throttle.sink(x -> { });
        try (CompiledPipeline<Integer> p = DisruptorRuntime.compile(s)) {
            IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> DisruptorRuntime.compile(throttle));
            assertTrue(e.getMessage().contains("(rateLimit, built at"), e.getMessage());
            assertFalse(e.getMessage().contains("rate_limit"), e.getMessage());
            assertEquals(1, p.segments().size());
        }
    }

    private static int recurse(int x) {
        return recurse(x + 1) + 1;
    }

    @Test
    void latencyPercentilesAreRecordedOnlyWhenAskedFor() {
        Stream<Integer> s = Stream.create();
        s.async("b").sink(x -> { });
        try (CompiledPipeline<Integer> p = DisruptorRuntime.compile(s, PipelineOptions.builder()
                .latencyHistograms(true).build())) {
            for (int i = 0; i < 1000; i++) {
                p.emit(i);
            }
            quiesce(p);
            for (SegmentInfo info : p.segments()) {
                LatencyPercentiles l = info.latency().orElseThrow();
                assertEquals(1000, l.count(), info.name());
                assertTrue(l.p50().compareTo(l.p99()) <= 0 && l.p99().compareTo(l.max()) <= 0, l.toString());
                assertTrue(l.max().toNanos() > 0, l.toString());
            }
        }
        Stream<Integer> t = Stream.create();
        t.async().sink(x -> { });
        try (CompiledPipeline<Integer> p = DisruptorRuntime.compile(t)) {
            p.emit(1);
            quiesce(p);
            assertTrue(p.segments().stream().allMatch(i -> i.latency().isEmpty()), "off by default");
        }
    }
}
