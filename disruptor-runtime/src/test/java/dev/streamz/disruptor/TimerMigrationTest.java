package dev.streamz.disruptor;

import dev.streamz.RefCounter;
import dev.streamz.Stream;
import dev.streamz.VirtualScheduler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Timers armed before a graph is compiled move onto the segment's clock with their nodes (and back to
 * the graph's scheduler when the pipeline closes): a delay, rate limit, timed partition or latest that
 * holds elements when compiled emits them on the segment thread, at the time it would have directly.
 * Without the move they fired on the old scheduler's thread, beside the segment thread.
 */
class TimerMigrationTest {
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

    private static PipelineOptions options() {
        return PipelineOptions.builder().ringSize(4).name("moved").build();
    }

    /** Records each output as {@code x@virtualMillis} and the thread it ran on. */
    private static final class Out {
        final List<String> values = Collections.synchronizedList(new ArrayList<>());
        final List<String> threads = Collections.synchronizedList(new ArrayList<>());

        void add(Object x, VirtualScheduler vs) {
            values.add(x + "@" + vs.elapsed().toMillis());
            threads.add(Thread.currentThread().getName());
        }
    }

    @Test
    void aPendingDelayMovesToTheSegmentAndBackOnClose() {
        VirtualScheduler vs = new VirtualScheduler();
        Stream<Integer> s = Stream.<Integer>create().withScheduler(vs);
        Out out = new Out();
        s.delay(ms(20)).sink(x -> out.add(x, vs));
        AtomicInteger acked = new AtomicInteger();
        s.emit(1, List.of(Map.of("ref", new RefCounter(acked::incrementAndGet))));
        vs.advanceBy(ms(5));
        s.emit(2);
        try (CompiledPipeline<Integer> p = DisruptorRuntime.compile(s, options())) {
            String segment = p.segments().getFirst().threadName();
            vs.advanceBy(ms(14)); // t = 19: nothing due yet
            quiesce(p);
            assertEquals(List.of(), out.values);
            vs.advanceBy(ms(1));
            quiesce(p);
            assertEquals(List.of("1@20"), out.values, "due 20 ms after it arrived, as directly");
            assertEquals(1, acked.get(), "its ref released after its emission");
            vs.advanceBy(ms(5));
            quiesce(p);
            assertEquals(List.of("1@20", "2@25"), out.values);
            assertEquals(List.of(segment, segment), out.threads, "emitted by the segment, not the test thread");

            p.emit(3); // pending when the pipeline closes: it moves back to the graph's scheduler
            quiesce(p);
        }
        vs.advanceBy(ms(20));
        assertEquals(List.of("1@20", "2@25", "3@45"), out.values);
        assertEquals(Thread.currentThread().getName(), out.threads.getLast());
    }

    @Test
    void aRateLimitedElementWaitingForItsSlotMovesWithItsNode() {
        VirtualScheduler vs = new VirtualScheduler();
        Stream<Integer> s = Stream.<Integer>create().withScheduler(vs);
        Out out = new Out();
        s.rateLimit(ms(10)).sink(x -> out.add(x, vs));
        assertTrue(s.emitAsync(0).isDone(), "the first passes at once");
        CompletableFuture<Void> second = s.emitAsync(1);
        assertFalse(second.isDone(), "waits for its slot at 10 ms");
        try (CompiledPipeline<Integer> p = DisruptorRuntime.compile(s, options())) {
            String segment = p.segments().getFirst().threadName();
            vs.advanceBy(ms(9));
            quiesce(p);
            assertEquals(List.of("0@0"), out.values);
            vs.advanceBy(ms(1));
            quiesce(p);
            assertEquals(List.of("0@0", "1@10"), out.values);
            assertEquals(segment, out.threads.getLast());
            vs.runUntilIdle(); // an emitter's future completes one task later, on the graph's scheduler
            assertTrue(second.isDone(), "its emitter is released once it passed");
            p.emit(2); // the next slot is 20 ms: the spacing carried over
            vs.advanceBy(ms(10));
            quiesce(p);
            assertEquals(List.of("0@0", "1@10", "2@20"), out.values);
        }
    }

    @Test
    void anOpenTimedPartitionFlushesOnTheSegmentClock() {
        VirtualScheduler vs = new VirtualScheduler();
        Stream<Integer> s = Stream.<Integer>create().withScheduler(vs);
        Out out = new Out();
        s.partition(3, ms(50)).sink(x -> out.add(x, vs));
        s.emit(1);
        vs.advanceBy(ms(30));
        try (CompiledPipeline<Integer> p = DisruptorRuntime.compile(s, options())) {
            String segment = p.segments().getFirst().threadName();
            p.emit(2);
            vs.advanceBy(ms(19));
            quiesce(p);
            assertEquals(List.of(), out.values);
            vs.advanceBy(ms(1));
            quiesce(p);
            assertEquals(List.of("(1, 2)@50"), out.values, "flushed 50 ms after its first element");
            assertEquals(List.of(segment), out.threads);
        }
    }

    @Test
    void aPendingLatestValueIsEmittedByTheSegment() {
        VirtualScheduler vs = new VirtualScheduler();
        Stream<Integer> s = Stream.<Integer>create().withScheduler(vs);
        Out out = new Out();
        s.latest().sink(x -> out.add(x, vs));
        s.emit(1); // queued for the scheduler, not run yet (no time moved)
        try (CompiledPipeline<Integer> p = DisruptorRuntime.compile(s, options())) {
            String segment = p.segments().getFirst().threadName();
            quiesce(p);
            vs.runUntilIdle(); // the stale task on the virtual scheduler does nothing
            quiesce(p);
            assertEquals(List.of("1@0"), out.values, "emitted once");
            assertEquals(List.of(segment), out.threads);
        }
    }
}
