package dev.streamz.disruptor;

import dev.streamz.RefCounter;
import dev.streamz.Stream;
import dev.streamz.StreamException;
import dev.streamz.internal.SegmentBoundary;
import dev.streamz.internal.TimeDriven;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CompiledPipelineTest {
    static final Duration WAIT = Duration.ofSeconds(30);

    @AfterEach
    void noThreadLeftBehind() {
        ThreadLeaks.assertNone();
    }

    static void quiesce(CompiledPipeline<?> p) throws InterruptedException {
        assertTrue(p.awaitQuiescence(WAIT), () -> "not quiescent: " + p.segments());
    }

    @Test
    void aGraphWithoutBoundariesIsOneSegmentOnItsOwnThread() throws Exception {
        Stream<Integer> s = Stream.create("numbers");
        List<String> threads = new CopyOnWriteArrayList<>();
        List<Integer> out = Collections.synchronizedList(new ArrayList<>());
        s.map(x -> x * 2).filter(x -> x % 3 != 0).sink(x -> {
            threads.add(Thread.currentThread().getName());
            out.add(x);
        });
        try (CompiledPipeline<Integer> p = DisruptorRuntime.compile(s)) {
            for (int i = 0; i < 10; i++) {
                p.emit(i);
            }
            quiesce(p);
            assertEquals(1, p.segments().size());
            SegmentInfo seg = p.segments().get(0);
            assertEquals(List.of("numbers"), seg.heads());
            assertEquals(1024, seg.ringSize());
            assertEquals(10, seg.published());
            assertEquals(10, seg.processed());
            assertEquals(0, seg.backlog());
            assertEquals(List.of(2, 4, 8, 10, 14, 16), out);
            assertEquals(p.threadNames().get(0), threads.get(0));
            assertTrue(threads.get(0).startsWith("streamz-"), threads.get(0));
        }
    }

    @Test
    void asyncCutsSegmentsAndNamesThreads() throws Exception {
        Stream<Integer> s = Stream.create();
        List<String> where = new CopyOnWriteArrayList<>();
        List<Integer> out = Collections.synchronizedList(new ArrayList<>());
        s.map(x -> {
            where.add("a:" + Thread.currentThread().getName());
            return x + 1;
        }).async("test-seg-b").map(x -> {
            where.add("b:" + Thread.currentThread().getName());
            return x * 10;
        }).async().sink(out::add);
        try (CompiledPipeline<Integer> p = DisruptorRuntime.compile(s,
                PipelineOptions.builder().ringSize(8).name("two-hops").build())) {
            for (int i = 0; i < 100; i++) {
                p.emit(i);
            }
            quiesce(p);
            assertEquals(3, p.segments().size());
            assertEquals("test-seg-b", p.threadNames().get(1));
            assertTrue(p.threadNames().get(2).startsWith("streamz-two-hops-2-"), p.threadNames().toString());
            for (SegmentInfo seg : p.segments()) {
                assertEquals(100, seg.processed(), seg.toString());
                assertEquals(8, seg.ringSize());
            }
            List<Integer> expected = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                expected.add((i + 1) * 10);
            }
            assertEquals(expected, out);
            assertTrue(where.contains("b:test-seg-b"));
            assertFalse(where.stream().anyMatch(w -> w.startsWith("a:test-seg-b")));
        }
    }

    @Test
    void directExecutionOfAsyncIsAPassThrough() {
        Stream<Integer> s = Stream.create();
        List<Integer> out = s.async().map(x -> x + 1).async("t").sinkToList();
        s.emit(1);
        assertEquals(List.of(2), out);
        assertThrows(IllegalArgumentException.class, () -> s.async(" "));
        assertThrows(NullPointerException.class, () -> s.async(null)); // core's null policy
    }

    @Test
    void joinsFedFromSeveralSegmentsRunOnTheirOwnRing() throws Exception {
        Stream<Integer> s = Stream.create();
        Stream<Integer> a = s.async().map(x -> x + 1);
        Stream<Integer> b = s.async().map(x -> x * 2);
        List<List<Object>> zipped = Collections.synchronizedList(new ArrayList<>());
        a.zip(b).sink(zipped::add);
        List<Integer> merged = Collections.synchronizedList(new ArrayList<>());
        a.union(b).sink(merged::add);
        try (CompiledPipeline<Integer> p = DisruptorRuntime.compile(s, PipelineOptions.builder().ringSize(4).build())) {
            for (int i = 0; i < 1000; i++) {
                p.emit(i);
            }
            quiesce(p);
            assertEquals(5, p.segments().size(), p.segments().toString()); // entry, 2 async, zip, union
            assertEquals(1000, zipped.size());
            for (int i = 0; i < 1000; i++) {
                assertEquals(List.of(i + 1, i * 2), zipped.get(i));
            }
            assertEquals(2000, merged.size());
        }
        assertEquals(2, a.downstreams().size(), "the graph is restored on close");
        assertEquals(List.of(a, b), a.downstreams().get(0).upstreams());
    }

    @Test
    void perBranchSegmentationMulticastsOneRing() throws Exception {
        Stream<Integer> s = Stream.create();
        List<Integer> b1 = Collections.synchronizedList(new ArrayList<>());
        List<Integer> b2 = Collections.synchronizedList(new ArrayList<>());
        List<String> threads = new CopyOnWriteArrayList<>();
        Stream<Integer> m = s.map(x -> x);
        m.map(x -> x + 1).sink(x -> {
            threads.add(Thread.currentThread().getName());
            b1.add(x);
        });
        m.map(x -> x - 1).sink(b2::add);
        AtomicInteger fired = new AtomicInteger();
        List<Stream<?>> before = m.downstreams();
        try (CompiledPipeline<Integer> p = DisruptorRuntime.compile(s, PipelineOptions.builder()
                .segmentation(Segmentation.PER_BRANCH).ringSize(2).build())) {
            for (int i = 0; i < 500; i++) {
                p.emit(i, List.of(Map.of("ref", new RefCounter(fired::incrementAndGet))));
            }
            quiesce(p);
            assertEquals(3, p.segments().size());
            assertTrue(p.segments().get(1).multicast());
            assertNotEquals(p.threadNames().get(1), p.threadNames().get(2));
            assertEquals(500, fired.get(), "each ref fired once, after both branches were done");
            for (int i = 0; i < 500; i++) {
                assertEquals(i + 1, b1.get(i));
                assertEquals(i - 1, b2.get(i));
            }
            assertNotEquals(before, m.downstreams(), "relays stand in while compiled");
        }
        assertEquals(before, m.downstreams(), "restored on close");
    }

    @Test
    void refsCrossSegmentsAndFireOnceAfterTheLastSegment() throws Exception {
        Stream<Integer> s = Stream.create();
        CountDownLatch gate = new CountDownLatch(1);
        List<Integer> out = Collections.synchronizedList(new ArrayList<>());
        s.map(x -> x + 1).async().sink(x -> {
            await(gate);
            out.add(x);
        });
        AtomicInteger fired = new AtomicInteger();
        RefCounter r = new RefCounter(fired::incrementAndGet);
        try (CompiledPipeline<Integer> p = DisruptorRuntime.compile(s)) {
            p.emit(1, List.of(Map.of("ref", r)));
            // The entry segment is done with it, the async segment waits on the gate: still held.
            assertTrue(p.awaitQuiescence(Duration.ZERO) || true);
            assertEquals(0, fired.get());
            gate.countDown();
            quiesce(p);
            assertEquals(1, fired.get());
            assertEquals(List.of(2), out);
        }
    }

    @Test
    void failuresAreReportedSkippedAndTheRefsReleased() throws Exception {
        Stream<Integer> s = Stream.create();
        List<Integer> out = Collections.synchronizedList(new ArrayList<>());
        Stream<Integer> divide = s.async().map(x -> 10 / x).named("divide");
        divide.sink(out::add);
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        List<String> segments = new CopyOnWriteArrayList<>();
        AtomicInteger fired = new AtomicInteger();
        try (CompiledPipeline<Integer> p = DisruptorRuntime.compile(s, PipelineOptions.builder()
                .errorHandler((seg, e) -> {
                    segments.add(seg.name());
                    errors.add(e);
                }).build())) {
            p.emit(0, List.of(Map.of("ref", new RefCounter(fired::incrementAndGet))));
            p.emit(5);
            quiesce(p);
            assertEquals(List.of(2), out);
            assertEquals(1, errors.size());
            StreamException e = assertInstanceOf(StreamException.class, errors.get(0));
            assertEquals("divide", e.nodeName());
            assertTrue(e.buildSite().startsWith("CompiledPipelineTest.java:"), e.buildSite());
            assertInstanceOf(ArithmeticException.class, e.getCause());
            assertEquals(List.of("async"), segments);
            assertEquals(1, fired.get(), "the skipped element's refs are released");
        }
    }

    @Test
    void haltPolicyStopsThePipelineAndTheNextEmitFailsWithTheCause() throws Exception {
        Stream<Integer> s = Stream.create();
        List<Integer> out = Collections.synchronizedList(new ArrayList<>());
        s.map(x -> 10 / x).async().sink(out::add);
        try (CompiledPipeline<Integer> p = DisruptorRuntime.compile(s, PipelineOptions.builder()
                .errorPolicy(ErrorPolicy.HALT).errorHandler((seg, e) -> { }).build())) {
            p.emit(0);
            quiesce(p);
            assertTrue(p.failure().isPresent());
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> p.emit(1));
            assertSame(p.failure().get(), e.getCause());
            assertEquals(EmitResult.FAILED, p.tryEmit(1));
            assertTrue(out.isEmpty());
        }
    }

    @Test
    void closeDrainsStopsThreadsIsIdempotentAndRefusesLaterEmits() throws Exception {
        Stream<Integer> s = Stream.create();
        List<Integer> out = Collections.synchronizedList(new ArrayList<>());
        s.async().map(x -> x + 1).async().sink(out::add);
        CompiledPipeline<Integer> p = DisruptorRuntime.compile(s, PipelineOptions.builder().ringSize(16).build());
        for (int i = 0; i < 10_000; i++) {
            p.emit(i);
        }
        CloseReport r = p.close(WAIT);
        assertTrue(r.drained(), r.toString());
        assertEquals(10_000, out.size(), "close drains what was accepted");
        assertTrue(r.threadsStillAlive().isEmpty());
        assertSame(r, p.close(WAIT), "idempotent");
        p.close();
        assertTrue(p.isClosed());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> p.emit(1));
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
        assertEquals(EmitResult.CLOSED, p.tryEmit(1));
        assertTrue(p.emitAsync(1).isCompletedExceptionally());
        ThreadLeaks.assertNone();
        // The graph works directly again, and can be compiled again.
        s.emit(1);
        assertEquals(2, out.get(out.size() - 1));
        try (CompiledPipeline<Integer> again = DisruptorRuntime.compile(s)) {
            again.emit(2);
            quiesce(again);
            assertEquals(3, out.get(out.size() - 1));
        }
    }

    @Test
    void closeWithATimeoutReportsWhatWasNotDrained() throws Exception {
        Stream<Integer> s = Stream.create();
        CountDownLatch stuck = new CountDownLatch(1);
        CountDownLatch entered = new CountDownLatch(1);
        s.async("test-seg-stuck").sink(x -> {
            entered.countDown();
            await(stuck);
        });
        CompiledPipeline<Integer> p = DisruptorRuntime.compile(s, PipelineOptions.builder().ringSize(8).build());
        for (int i = 0; i < 5; i++) {
            p.emit(i);
        }
        assertTrue(entered.await(30, TimeUnit.SECONDS));
        CloseReport r = p.close(Duration.ofMillis(50));
        assertFalse(r.drained());
        assertEquals(Map.of("async", 5L), r.undrained());
        assertEquals(List.of("test-seg-stuck"), r.threadsStillAlive());
        stuck.countDown(); // the handler returns, sees the halt, and its thread ends
        ThreadLeaks.assertNone();
    }

    @Test
    void backPressureBlocksEmitAndAnswersTryEmit() throws Exception {
        Stream<Integer> s = Stream.create();
        CountDownLatch gate = new CountDownLatch(1);
        List<Integer> out = Collections.synchronizedList(new ArrayList<>());
        s.sink(x -> {
            await(gate);
            out.add(x);
        });
        try (CompiledPipeline<Integer> p = DisruptorRuntime.compile(s, PipelineOptions.builder().ringSize(4).build())) {
            int accepted = 0;
            while (p.tryEmit(accepted) == EmitResult.ACCEPTED) {
                accepted++;
                assertTrue(accepted <= 5, "the ring (4) plus the element in the handler bound what is accepted");
            }
            assertEquals(EmitResult.BACK_PRESSURED, p.tryEmit(99));
            assertTrue(p.segments().get(0).backlog() <= 5);
            CompletableFuture<Void> async = p.emitAsync(accepted);
            Thread blocked = new Thread(() -> p.emit(-1), "test-seg-producer");
            blocked.start();
            waitUntilParked(blocked);
            assertFalse(async.isDone());
            gate.countDown();
            async.get(30, TimeUnit.SECONDS);
            blocked.join(TimeUnit.SECONDS.toMillis(30));
            assertFalse(blocked.isAlive());
            quiesce(p);
            assertEquals(accepted + 2, out.size());
        }
    }

    @Test
    void compileRefusesTimeDrivenNodesAndFeedbackAcrossSegments() {
        Stream<Integer> s = Stream.create();
        Stream<Integer> timed = s.through(TimedNode::new).named("every-second");
        timed.sink(x -> { });
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DisruptorRuntime.compile(s));
        assertTrue(e.getMessage().contains("'every-second'") && e.getMessage().contains("time-driven"), e.getMessage());
        ThreadLeaks.assertNone();

        // A time-driven node that is also a boundary (buffer(n)) is fine: the runtime replaces its timing.
        Stream<Integer> t = Stream.create();
        List<Integer> out = Collections.synchronizedList(new ArrayList<>());
        t.through(TimedBoundary::new).sink(out::add);
        try (CompiledPipeline<Integer> p = DisruptorRuntime.compile(t, PipelineOptions.builder().ringSize(16).build())) {
            p.emit(1);
            quiesce(p);
            assertEquals(List.of(1), out);
            assertEquals(2, p.segments().size());
            assertEquals(64, p.segments().get(1).ringSize(), "the boundary's capacity hint, rounded up");
        } catch (InterruptedException ex) {
            throw new AssertionError(ex);
        }

        Stream<Integer> u = Stream.create();
        Stream<Integer> looped = u.unique().async().map(x -> (x + 1) % 5).named("next");
        looped.connect(u);
        IllegalArgumentException loop = assertThrows(IllegalArgumentException.class, () -> DisruptorRuntime.compile(u));
        assertTrue(loop.getMessage().contains("feedback loop") && loop.getMessage().contains("'next'"),
                loop.getMessage());
        assertEquals(List.of(u), looped.downstreams(), "a refused compile leaves the graph alone");
        ThreadLeaks.assertNone();
    }

    @Test
    void feedbackInsideOneSegmentRunsDepthFirstAsDirectly() throws Exception {
        Stream<Integer> s = Stream.create();
        Stream<Integer> u = s.unique();
        List<Integer> l = Collections.synchronizedList(new ArrayList<>());
        u.async().sink(l::add);
        u.map(x -> List.of((2 * x) % 7, (x + 3) % 7)).<Integer>flatten().connect(s);
        try (CompiledPipeline<Integer> p = DisruptorRuntime.compile(s)) {
            p.emit(1);
            quiesce(p);
        }
        assertEquals(List.of(1, 2, 4, 0, 3, 6, 5), l);
    }

    @Test
    void aNodeRunsInOnePipelineAtATimeAndInputsAreEntryNodes() throws Exception {
        Stream<Integer> s = Stream.create();
        Stream<Integer> other = Stream.create();
        Stream<Integer> behind = s.async().map(x -> x);
        List<List<Object>> out = Collections.synchronizedList(new ArrayList<>());
        s.zip(other).sink(out::add);
        behind.sink(x -> { });
        try (CompiledPipeline<Integer> p = DisruptorRuntime.compile(s)) {
            assertThrows(IllegalArgumentException.class, () -> DisruptorRuntime.compile(other));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> p.input(behind));
            assertTrue(e.getMessage().contains("entry segment"), e.getMessage());
            p.emit(1);
            p.input(other).emit(2);
            quiesce(p);
            assertEquals(List.of(List.of(1, 2)), out);
        }
    }

    @Test
    void optionsAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> PipelineOptions.builder().ringSize(1000).build());
        assertThrows(IllegalArgumentException.class, () -> PipelineOptions.builder().ringSize(0).build());
        assertThrows(NullPointerException.class, () -> PipelineOptions.builder().waitStrategy(null).build());
        assertThrows(IllegalArgumentException.class, () -> PipelineOptions.builder().name(" ").build());
        assertThrows(IllegalArgumentException.class,
                () -> PipelineOptions.builder().closeTimeout(Duration.ofSeconds(-1)).build());
        assertThrows(NullPointerException.class, () -> DisruptorRuntime.compile(null));
        assertThrows(NullPointerException.class, () -> DisruptorRuntime.compile(Stream.create(), null));
        PipelineOptions d = PipelineOptions.defaults();
        assertEquals(1024, d.ringSize());
        assertEquals(WaitStrategyKind.BLOCKING, d.waitStrategy());
        assertEquals(ProducerKind.MULTI, d.producerKind());
        assertEquals(d, d.toBuilder().build());
    }

    @Test
    void everyWaitStrategyAndProducerKindWorks() throws Exception {
        for (WaitStrategyKind w : WaitStrategyKind.values()) {
            for (ProducerKind k : ProducerKind.values()) {
                Stream<Long> s = Stream.create();
                long[] sum = new long[1];
                s.async().map(x -> x * 2).sink(x -> sum[0] += x);
                try (CompiledPipeline<Long> p = DisruptorRuntime.compile(s, PipelineOptions.builder()
                        .waitStrategy(w).producerKind(k).ringSize(64).build())) {
                    for (long i = 0; i < 10_000; i++) {
                        p.emit(i);
                    }
                    quiesce(p);
                    assertEquals(9_999L * 10_000, sum[0], w + "/" + k);
                    if (k == ProducerKind.SINGLE) {
                        assertThrows(IllegalStateException.class, () -> p.emitAsync(1L));
                    }
                }
            }
        }
    }

    static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new AssertionError("gate never opened");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static void waitUntilParked(Thread t) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (t.getState() != Thread.State.TIMED_WAITING && t.getState() != Thread.State.WAITING) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(t.getName() + " never blocked: " + t.getState());
            }
            Thread.onSpinWait();
        }
    }

    /** A stand-in for a scheduler-driven node (delay, rate limit) from the time machinery. */
    @Test
    void realBufferIsASegmentBoundaryAndTimedNodesAreRefused() throws InterruptedException {
        // buffer(n) from core: a scheduler-driven node directly, a ring of at least n slots when compiled.
        Stream<Integer> s = Stream.create();
        List<Integer> out = Collections.synchronizedList(new ArrayList<>());
        s.map(x -> x + 1).buffer(100).map(x -> x * 2).sink(out::add);
        try (CompiledPipeline<Integer> p = DisruptorRuntime.compile(s, PipelineOptions.builder().ringSize(16).build())) {
            for (int i = 0; i < 1000; i++) {
                p.emit(i);
            }
            quiesce(p);
            assertEquals(java.util.stream.IntStream.range(0, 1000).map(i -> (i + 1) * 2).boxed().toList(), out);
            assertEquals(2, p.segments().size());
            assertEquals(128, p.segments().get(1).ringSize(), "buffer(100) rounded up to a power of two");
        }
        ThreadLeaks.assertNone();

        Stream<Integer> t = Stream.create();
        t.rateLimit("1ms").named("throttle").sink(x -> { });
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DisruptorRuntime.compile(t));
        assertTrue(e.getMessage().contains("'throttle'") && e.getMessage().contains("time-driven"), e.getMessage());
        ThreadLeaks.assertNone();
    }

    static final class TimedNode extends Stream<Integer> implements TimeDriven {
        TimedNode(Stream<Integer> up) {
            super("timed", Map.of(), up);
        }
    }

    /** A stand-in for buffer(n): time-driven directly, a plain boundary when compiled. */
    static final class TimedBoundary extends Stream<Integer> implements TimeDriven, SegmentBoundary {
        TimedBoundary(Stream<Integer> up) {
            super("buffer", Map.of("n", 50), up);
        }

        @Override
        public int ringCapacityHint() {
            return 50;
        }
    }
}
