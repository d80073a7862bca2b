package dev.streamz.conformance;

import dev.streamz.Keep;
import dev.streamz.RefCounter;
import dev.streamz.Scheduler;
import dev.streamz.Schedulers;
import dev.streamz.Stream;
import dev.streamz.StreamException;
import dev.streamz.VirtualScheduler;
import dev.streamz.conformance.Async.IterSource;
import dev.streamz.conformance.Async.Log;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.IntStream;

import static dev.streamz.conformance.Async.after;
import static dev.streamz.conformance.Async.ms;
import static dev.streamz.conformance.Async.now;
import static dev.streamz.conformance.Async.source;
import static dev.streamz.conformance.Md.counts;
import static dev.streamz.conformance.Md.vs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The section F cases (docs/conformance.md) whose point is direct-mode behaviour, so they run directly only;
 * {@link SectionFTest} holds the rest, which run in both modes. Why each is direct only: F03 validates
 * arguments at build time (no element flows); F07 checks the default background event loop's thread; F15
 * measures how long a blocking emit waits for a place in {@code buffer(n)} in virtual time (compiled,
 * {@code buffer(n)} is a ring and the emitter waits for a slot); F17 and F19 rely on emits arriving before the
 * scheduler runs {@code latest}'s pending emission (compiled, each emit settles first); F21, F22 and F26 are
 * driven by a {@code Source} from the scheduler (a compiled pipeline takes its elements from its input); F25
 * checks that failures behind {@code mapAsync} reach the scheduler's handler (compiled, they go to the
 * pipeline's error handler, which {@code CompiledTimeTest} in the runtime covers).
 */
public class SectionFDirectTest extends ConformanceBase {

    @Test
    void F03_intervalAsADurationString() {
        VirtualScheduler vs = new VirtualScheduler();
        Stream<Integer> s = source(vs);
        assertEquals(ms(10), s.timedWindow("10ms").parameters().get("interval"));
        assertEquals(ms(10), s.timedWindowUnique("10ms", null, Keep.FIRST).parameters().get("interval"));
        assertEquals(Duration.ofMillis(1500), s.delay("1.5s").parameters().get("interval"));
        assertEquals(Duration.ofMinutes(1), s.rateLimit("1m").parameters().get("interval"));
        assertEquals(Duration.ofHours(2), s.delay("2h").parameters().get("interval"));
        assertEquals(Duration.ofNanos(250_000), s.delay("250us").parameters().get("interval"));
        assertEquals(Duration.ofNanos(7), s.delay(" 7 NS ").parameters().get("interval"), "trimmed, any case");

        // Bad strings: a clear IllegalArgumentException naming the operator and the argument.
        Map<String, Function<String, Stream<?>>> byString = Map.of(
                "timedWindow: interval", s::timedWindow,
                "timedWindowUnique: interval", x -> s.timedWindowUnique(x, null, Keep.LAST),
                "delay: interval", s::delay,
                "rateLimit: interval", s::rateLimit);
        byString.forEach((what, op) -> {
            for (String bad : new String[] {"10 parsecs", "ms", "", "-5ms", "1e3ms", "10", "0.5.1s"}) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> op.apply(bad),
                        what + " with " + bad);
                assertTrue(e.getMessage().startsWith(what), e.getMessage());
                assertTrue(e.getMessage().contains("\"" + bad + "\""), e.getMessage());
            }
            NullPointerException nul = assertThrows(NullPointerException.class, () -> op.apply(null));
            assertTrue(nul.getMessage().startsWith(what), nul.getMessage());
            // A well-formed string for zero is still rejected as non-positive.
            IllegalArgumentException zero = assertThrows(IllegalArgumentException.class, () -> op.apply("0ms"));
            assertTrue(zero.getMessage().contains("must be positive"), zero.getMessage());
        });

        // Non-positive (and null) Durations are rejected by every time-based operator.
        Map<String, Function<Duration, Stream<?>>> byDuration = Map.of(
                "timedWindow: interval", s::timedWindow,
                "timedWindowUnique: interval", d -> s.timedWindowUnique(d, null, Keep.FIRST),
                "delay: interval", s::delay,
                "rateLimit: interval", s::rateLimit,
                "partition: timeout", d -> s.partition(3, d),
                "partition: timeout ", d -> s.partition(3, d, (Function<Integer, Object>) x -> x % 2));
        byDuration.forEach((what, op) -> {
            for (Duration bad : new Duration[] {Duration.ZERO, ms(-1), Duration.ofNanos(-1)}) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> op.apply(bad));
                assertTrue(e.getMessage().startsWith(what.strip()), e.getMessage());
                assertTrue(e.getMessage().contains("must be positive"), e.getMessage());
            }
            assertThrows(NullPointerException.class, () -> op.apply(null)); // the null policy
        });
        // One nanosecond is positive.
        s.delay(Duration.ofNanos(1));
    }

    @Test
    void F07_timedWindowWithAPlainSyncSource() throws Exception {
        // No scheduler chosen: the graph gets the default background loop, not the caller's thread.
        Stream<Integer> s = Stream.create();
        assertTrue(s.scheduler().isEmpty());
        // The first window is due at once on the loop thread, possibly before the sink below is attached
        // (as in streamz); with a short interval a later window reaches it.
        Stream<List<Integer>> w = s.timedWindow(ms(20));
        assertSame(Schedulers.defaultScheduler(), s.scheduler().orElseThrow());
        assertFalse(Schedulers.defaultScheduler().inSchedulerThread());
        CountDownLatch first = new CountDownLatch(1);
        List<Thread> ranOn = new java.util.concurrent.CopyOnWriteArrayList<>();
        w.sink(x -> {
            ranOn.add(Thread.currentThread());
            first.countDown();
        });
        assertTrue(first.await(10, TimeUnit.SECONDS), "windows are emitted by the background loop");
        assertEquals("streamz-event-loop", ranOn.get(0).getName());
        w.destroy(); // stops its timer

        // [V] timedWindow(0.05); emit 1, 2; sleep 0.12 -> [[], [1,2], []].
        VirtualScheduler vs = new VirtualScheduler();
        Stream<Integer> v = source(vs);
        List<List<Integer>> out = v.timedWindow(ms(50)).sinkToList();
        vs.runUntilIdle();
        v.emit(1);
        v.emit(2);
        vs.advanceBy(ms(120));
        assertEquals(List.of(List.of(), List.of(1, 2), List.of()), out);
    }

    @Test
    void F15_bufferCapacityCountsTheInFlightItem() {
        VirtualScheduler vs = new VirtualScheduler();
        Stream<Integer> s = source(vs);
        List<Integer> out = new ArrayList<>();
        s.buffer(2).sinkAsync(x -> after(vs, ms(100), () -> out.add(x)));
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            s.emit(i);
            times.add(now(vs));
        }
        assertEquals(List.of(0L, 0L, 0L, 100L, 200L), times, "2 queued + 1 in flight");
        vs.advanceBy(Duration.ofSeconds(1));
        assertEquals(List.of(0, 1, 2, 3, 4), out);

        // py3 test_await_syntax: map(inc).buffer(3).sink(write 0.1 s); 6 awaited emits.
        VirtualScheduler vs3 = new VirtualScheduler();
        Stream<Integer> u = source(vs3);
        List<Integer> l3 = new ArrayList<>();
        u.map(x -> x + 1).buffer(3).sinkAsync(x -> after(vs3, ms(100), () -> l3.add(x)));
        for (int i = 0; i < 6; i++) {
            u.emit(i);
        }
        long took = now(vs3);
        assertTrue(took >= 200 && took <= 400, "took " + took);
        assertTrue(l3.size() >= 2 && l3.size() <= 4, l3.toString());
    }

    @Test
    void F17_latest() {
        VirtualScheduler vs = new VirtualScheduler();
        Stream<Integer> s = source(vs);
        List<Integer> l = new ArrayList<>();
        // slowWrite is a "coroutine" the map does not await: it returns its future as the element.
        s.map(x -> x + 1).latest().map(x -> after(vs, ms(50), () -> l.add(x)));
        s.emit(1);
        vs.advanceBy(ms(10));
        s.emit(2);
        s.emit(3);
        vs.advanceBy(ms(100));
        assertEquals(List.of(2, 4), l);
        vs.advanceBy(ms(60));
        assertEquals(List.of(2, 4), l, "3 was superseded by 4");
    }

    @Test
    void F19_latestRefCounts() {
        VirtualScheduler vs = new VirtualScheduler();
        Log log = new Log();
        Stream<Integer> s = source(vs);
        s.latest().sink(x -> log.add("out:" + x));
        RefCounter r1 = log.ref(1);
        s.emit(1, Md.ref(r1));
        assertEquals(1, r1.count());
        RefCounter r2 = log.ref(2);
        s.emit(2, Md.ref(r2));
        assertEquals(List.of(0, 1), counts(r1, r2));
        assertEquals(List.of("cb:1"), log.events(), "1 was replaced before it was emitted");
        vs.runUntilIdle();
        assertEquals(List.of(0, 0), counts(r1, r2));
        assertEquals(List.of("cb:1", "out:2", "cb:2"), log.events());
    }

    @Test
    void F21_sourceBackPressure() {
        VirtualScheduler vs = new VirtualScheduler();
        Iterator<Integer> it = List.of(0, 1, 2, 3, 4).iterator();
        IterSource<Integer> src = new IterSource<>(it);
        src.withScheduler(vs);
        List<Integer> l = src.rateLimit(ms(100)).sinkToList();
        assertTrue(src.isStopped());
        src.start();
        vs.runUntilIdle();
        assertEquals(List.of(0), l);
        assertEquals(2, it.next(), "exactly one element (1) was pulled and waits in rate_limit");
        vs.advanceBy(ms(100));
        assertEquals(List.of(0, 1), l);
        vs.advanceBy(Duration.ofSeconds(1));
        assertEquals(List.of(0, 1, 3, 4), l);
        assertTrue(src.isStopped(), "exhausted");
    }

    @Test
    void F22_backPressureThroughConnect() {
        VirtualScheduler vs = new VirtualScheduler();
        ArrayDeque<Integer> pending = new ArrayDeque<>(List.of(0, 1, 2, 3));
        IterSource<Integer> src = new IterSource<>(new Iterator<>() {
            @Override
            public boolean hasNext() {
                return !pending.isEmpty();
            }

            @Override
            public Integer next() {
                return pending.pollFirst();
            }
        });
        Stream<Integer> empty = source(vs);
        List<Integer> l = empty.rateLimit(Duration.ofSeconds(1)).sinkToList();
        src.connect(empty);
        assertSame(vs, src.scheduler().orElseThrow(), "connect spreads the scheduler");
        src.start();
        vs.runUntilIdle();
        assertEquals(List.of(0), l);
        assertEquals(List.of(2, 3), List.copyOf(pending), "the source is held");
        vs.advanceBy(Duration.ofSeconds(5));
        assertEquals(List.of(0, 1, 2, 3), l);
    }

    @Test
    void F25_mapAsyncExceptions() {
        VirtualScheduler vs = new VirtualScheduler(e -> { });
        Log log = new Log();
        Stream<Integer> s = source(vs);
        Stream<Integer> m = s.<Integer>mapAsync(x -> {
            if (x == 1) {
                throw new IllegalStateException("sync boom " + x);
            }
            if (x == 3) {
                return Async.failAfter(vs, ms(10), new IllegalStateException("async boom " + x));
            }
            return after(vs, ms(10), () -> x);
        }).named("the-map-async");
        m.sink(x -> log.add("out:" + x));
        List<RefCounter> refs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            RefCounter r = log.ref(i);
            refs.add(r);
            s.emit(i, Md.ref(r));
        }
        vs.advanceBy(Duration.ofSeconds(1));
        assertEquals(List.of("out:0", "cb:0", "cb:1", "out:2", "cb:2", "cb:3", "out:4", "cb:4"), log.events());
        assertEquals(List.of(0, 0, 0, 0, 0), counts(refs));
        List<StreamException> errors = vs.errors();
        assertEquals(2, errors.size(), errors.toString());
        for (StreamException e : errors) {
            assertEquals("the-map-async", e.nodeName());
            assertEquals("map_async", e.operator());
            assertTrue(e.getMessage().contains("SectionFDirectTest.java:"), e.getMessage());
            assertInstanceOf(IllegalStateException.class, e.getCause());
        }
        assertEquals("sync boom 1", errors.get(0).getCause().getMessage());
        assertEquals("async boom 3", errors.get(1).getCause().getMessage());
        // The stream continues.
        s.emit(5);
        vs.advanceBy(ms(10));
        assertEquals("out:5", log.events().get(log.events().size() - 1));
    }

    @Test
    void F26_mapAsyncStopOnExceptionAndRestart() {
        VirtualScheduler vs = new VirtualScheduler(e -> { });
        Iterator<Integer> count = IntStream.iterate(0, i -> i + 1).iterator();
        IterSource<Integer> src = new IterSource<>(count);
        src.withScheduler(vs);
        List<Integer> l = src.<Integer>mapAsync(x -> {
            if (x == 2 || x > 4) {
                throw new IllegalArgumentException("bad " + x);
            }
            return CompletableFuture.completedFuture(x);
        }, 1, true).sinkToList();
        src.start();
        vs.advanceBy(Duration.ofSeconds(1));
        assertEquals(List.of(0, 1), l);
        assertTrue(src.isStopped(), "the failure stopped the source upstream");
        assertEquals(1, vs.errors().size());
        assertEquals(3, src.pulled, "nothing pulled after the failing element");
        src.start();
        vs.advanceBy(Duration.ofSeconds(1));
        assertEquals(List.of(0, 1, 3, 4), l, "the iterator resumed after 2");
        assertTrue(src.isStopped());
        assertEquals(2, vs.errors().size());
        assertEquals(6, count.next());
    }
}
