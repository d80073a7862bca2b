package dev.streamz.frames;

import dev.streamz.RefCounter;
import dev.streamz.Stream;
import dev.streamz.disruptor.CompiledPipeline;
import dev.streamz.disruptor.DisruptorRuntime;
import dev.streamz.disruptor.PipelineOptions;
import dev.streamz.disruptor.WaitStrategyKind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Frames through the compiled runtime: a producer claims a pooled frame, fills it and publishes it;
 * three segments run the frame operators over whole frames; the last releases the frame to the pool.
 */
class FrameRuntimeTest {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final int ROWS_PER_FRAME = 1024;

    /** The sink's running total; one object, allocated once. */
    static final class Total {
        double sum;
        long frames;
    }

    static Stream<Frame> threeStages(Total total) {
        Stream<Frame> source = Stream.create("trades");
        source.map(TradeStages::flag).async("test-seg-notional").map(TradeStages::notional)
                .async("test-seg-sum").sink(Frame.releasing(f -> {
                    total.sum += TradeStages.sum(f);
                    total.frames++;
                }));
        return source;
    }

    static FramePool pool(int frames) {
        return FramePool.builder(TradeStages.SCHEMA).frameCapacity(ROWS_PER_FRAME).frames(frames).name("trades")
                .build();
    }

    static void produce(FrameProducer producer, int frames, long firstRow) {
        for (int i = 0; i < frames; i++) {
            TradeStages.fill(producer.claim(), firstRow + (long) i * ROWS_PER_FRAME);
            producer.publish();
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void P17_threeCompiledStagesOverPooledFramesGiveTheDirectResult(boolean compiled) throws Exception {
        int frames = 300; // many more than the pool holds: frames are recycled all along
        Total total = new Total();
        Stream<Frame> source = threeStages(total);
        try (FramePool pool = pool(8)) {
            if (compiled) {
                try (CompiledPipeline<Frame> p = DisruptorRuntime.compile(source,
                        PipelineOptions.builder().ringSize(4).build())) {
                    produce(FrameProducer.of(pool, p::emit), frames, 0);
                    assertTrue(p.awaitQuiescence(Duration.ofSeconds(30)));
                    assertEquals(3, p.segments().size());
                }
            } else {
                produce(FrameProducer.of(pool, source::emit), frames, 0);
            }
            assertEquals(frames, total.frames);
            assertEquals(TradeStages.expected((long) frames * ROWS_PER_FRAME), total.sum, 1e-6);
            assertEquals(0, pool.held(), "every frame went back to the pool");
            assertEquals(8, pool.available());
        }
    }

    /**
     * 0 B per frame on every thread: the producer (claim, fill, publish, wait for a free frame) and each
     * segment (operators, relays, the release back to the pool), with a ring and a pool small enough that
     * both waits happen all the time.
     */
    @ParameterizedTest
    @CsvSource({"BLOCKING,4,6", "YIELDING,4,6", "BLOCKING,16,64"})
    void P18_framesThroughThreeSegmentsAllocateNothingPerFrame(WaitStrategyKind wait, int ringSize, int poolSize)
            throws Exception {
        Total total = new Total();
        Stream<Frame> source = threeStages(total);
        try (FramePool pool = pool(poolSize);
             CompiledPipeline<Frame> p = DisruptorRuntime.compile(source,
                     PipelineOptions.builder().ringSize(ringSize).waitStrategy(wait).build())) {
            FrameProducer producer = FrameProducer.of(pool, p::emit);
            produce(producer, 5_000, 0); // warm up: JIT, ring and pool wrap-around
            assertTrue(p.awaitQuiescence(Duration.ofSeconds(30)));
            Thread[] segs = segmentThreads(p);
            long[] before = new long[segs.length];
            for (int i = 0; i < segs.length; i++) {
                before[i] = THREADS.getThreadAllocatedBytes(segs[i].threadId());
            }
            int n = 20_000; // under 0.1 B per frame allowed: room for a one-off (a JIT deoptimisation), not per frame
            long mine = THREADS.getCurrentThreadAllocatedBytes();
            produce(producer, n, 0);
            long producerBytes = THREADS.getCurrentThreadAllocatedBytes() - mine;
            assertTrue(p.awaitQuiescence(Duration.ofSeconds(30)));
            assertTrue(producerBytes < n / 10, "producer allocated " + producerBytes + " bytes for " + n + " frames");
            for (int i = 0; i < segs.length; i++) {
                long seg = THREADS.getThreadAllocatedBytes(segs[i].threadId()) - before[i];
                assertTrue(seg < n / 10, segs[i].getName() + " allocated " + seg + " bytes for " + n + " frames");
            }
            assertEquals(25_000, total.frames);
        }
        assertTrue(total.sum > 0);
    }

    /**
     * A window in a later segment keeps frames through their RefCounter metadata: the producer keeps
     * recycling the pool, and the frames the window holds are never refilled under it.
     */
    @Test
    void P19_aWindowInALaterSegmentKeepsItsFramesIntact() throws Exception {
        Stream<Frame> source = Stream.create("stamped");
        AtomicInteger windows = new AtomicInteger();
        List<String> bad = new ArrayList<>();
        source.map(TradeStages::flag).async("test-seg-window").slidingWindow(3).sink(window -> {
            for (int k = 1; k < window.size(); k++) {
                long prev = window.get(k - 1).column("id").getLong(0);
                long cur = window.get(k).column("id").getLong(0);
                if (cur != prev + ROWS_PER_FRAME) {
                    bad.add("window " + windows.get() + ": " + prev + " then " + cur);
                }
            }
            windows.incrementAndGet();
        });
        try (FramePool pool = pool(6);
             CompiledPipeline<Frame> p = DisruptorRuntime.compile(source, PipelineOptions.builder().ringSize(2).build())) {
            for (int i = 0; i < 500; i++) {
                Frame f = pool.acquire();
                TradeStages.fill(FrameBuilder.into(f), (long) i * ROWS_PER_FRAME);
                RefCounter ref = f.refCounter();
                f.release();
                p.emit(f, List.of(Map.of(RefCounter.METADATA_KEY, ref)));
                ref.release();
            }
            assertTrue(p.awaitQuiescence(Duration.ofSeconds(30)));
            assertEquals(500, windows.get());
            assertEquals(List.of(), bad);
            // slidingWindow releases an element right after its last window: it keeps n - 1 holds between elements
            assertEquals(2, pool.held(), "the window still holds its two newest frames");
        }
    }

    private static Thread[] segmentThreads(CompiledPipeline<?> p) {
        Thread[] out = new Thread[p.threadNames().size()];
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            int i = p.threadNames().indexOf(t.getName());
            if (i >= 0) {
                out[i] = t;
            }
        }
        return out;
    }
}
