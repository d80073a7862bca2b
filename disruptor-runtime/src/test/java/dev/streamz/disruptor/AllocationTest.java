package dev.streamz.disruptor;

import dev.streamz.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The compiled hot path allocates nothing: neither the producer's emit nor the segment threads (the
 * elements are pre-boxed, so only the pipeline's own allocations are measured).
 */
class AllocationTest {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final Long[] ELEMENTS = new Long[1024];

    static {
        for (int i = 0; i < ELEMENTS.length; i++) {
            ELEMENTS[i] = (long) i + 1_000_000; // outside the Long cache, allocated here once
        }
    }

    @AfterEach
    void noThreadLeftBehind() {
        ThreadLeaks.assertNone();
    }

    /**
     * Every wait strategy, on a ring small enough to be full most of the time, so the producers' wait for a
     * free slot (spin, yield, park) is measured too; one stage and two.
     */
    @ParameterizedTest
    @CsvSource({"BLOCKING,256,false", "BLOCKING,16,false", "BLOCKING,16,true", "YIELDING,16,false",
            "YIELDING,16,true", "SLEEPING,16,true", "BUSY_SPIN,16,false"})
    void emitAndSegmentsAllocateNothingPerElement(WaitStrategyKind wait, int ringSize, boolean oneStage)
            throws Exception {
        Stream<Long> s = Stream.create();
        AtomicLong sum = new AtomicLong();
        Stream<Long> even = s.map(x -> x).filter(x -> (x & 1) == 0);
        (oneStage ? even : even.async("test-seg-alloc").map(x -> x)).sink(x -> sum.lazySet(x));
        try (CompiledPipeline<Long> p = DisruptorRuntime.compile(s,
                PipelineOptions.builder().ringSize(ringSize).waitStrategy(wait).build())) {
            run(p, 200_000); // warm up: JIT, ring wrap-around
            Thread[] segs = segmentThreads(p);
            long[] before = new long[segs.length];
            for (int i = 0; i < segs.length; i++) {
                before[i] = THREADS.getThreadAllocatedBytes(segs[i].threadId());
            }
            long mine = THREADS.getCurrentThreadAllocatedBytes();
            int n = 500_000;
            run(p, n);
            long producer = THREADS.getCurrentThreadAllocatedBytes() - mine;
            assertTrue(producer < n / 10, "producer allocated " + producer + " bytes for " + n + " emits");
            for (int i = 0; i < segs.length; i++) {
                long seg = THREADS.getThreadAllocatedBytes(segs[i].threadId()) - before[i];
                assertTrue(seg < n / 10, segs[i].getName() + " allocated " + seg + " bytes for " + n + " elements");
            }
        }
    }

    private static void run(CompiledPipeline<Long> p, int n) throws InterruptedException {
        for (int i = 0; i < n; i++) {
            p.emit(ELEMENTS[i & 1023]);
        }
        assertTrue(p.awaitQuiescence(Duration.ofSeconds(30)));
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
