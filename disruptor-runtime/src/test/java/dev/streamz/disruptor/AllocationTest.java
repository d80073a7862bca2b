package dev.streamz.disruptor;

import dev.streamz.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

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

    @Test
    void emitAndSegmentsAllocateNothingPerElement() throws Exception {
        Stream<Long> s = Stream.create();
        AtomicLong sum = new AtomicLong();
        s.map(x -> x).filter(x -> (x & 1) == 0).async("test-seg-alloc").map(x -> x).sink(x -> sum.lazySet(x));
        try (CompiledPipeline<Long> p = DisruptorRuntime.compile(s, PipelineOptions.builder().ringSize(256).build())) {
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
