package dev.streamz.conformance;

import dev.streamz.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The hot path allocates nothing (docs/architecture.md, "No allocation per element"): with pre-allocated inputs and user
 * functions that do not allocate, pushing an element through {@code map}, {@code filter},
 * {@code accumulate}, {@code union}, a branch, and {@code emit(x, List.of())} allocates 0 bytes.
 *
 * <p>Measured with the thread's allocation counter (TLAB-exact, per thread) around a million emits, after
 * warm-up rounds so that the JIT has compiled the chain; the minimum of a few rounds is taken, so a stray
 * one-off allocation (a class load, a deoptimization) cannot fail the test, while a per-element
 * allocation (>= 16 bytes per emit, i.e. >= 16 MB per round) always does.
 */
class AllocationTest {
    private static final int EMITS = 1_000_000;
    private static final int WARMUP_EMITS = 200_000;
    private static final int ROUNDS = 5;
    /** Total noise allowed per round: far below one object per 1000 emits. */
    private static final double MAX_BYTES_PER_EMIT = 0.01;

    private static final int MASK = 1023;
    private static final Integer[] INPUTS = new Integer[MASK + 1];
    /** A lookup table, so functions can produce "new" values without boxing. */
    private static final Integer[] TABLE = new Integer[MASK + 1];
    private static final List<Map<String, Object>> NO_METADATA = List.of();

    private static com.sun.management.ThreadMXBean threads;

    @BeforeAll
    static void setUp() {
        for (int i = 0; i <= MASK; i++) {
            INPUTS[i] = Integer.valueOf(i * 7919); // outside the Integer cache for most i: real objects
            TABLE[i] = Integer.valueOf(i * 31 + 100_000);
        }
        threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assertTrue(threads.isThreadAllocatedMemorySupported());
        threads.setThreadAllocatedMemoryEnabled(true);
    }

    /** Emits {@code i}-th pre-allocated input; implementations must not allocate. */
    @FunctionalInterface
    private interface Emitter {
        void emit(int i);
    }

    /** A non-allocating consumer that keeps the JIT from discarding the work. */
    private static final class Blackhole {
        long sum;
        long count;

        void consume(Integer x) {
            sum += x;
            count++;
        }
    }

    private static double minBytesPerEmit(Emitter emitter) {
        // Warm-up: interpreted, C1, then C2.
        for (int round = 0; round < 5; round++) {
            run(emitter, WARMUP_EMITS);
        }
        long best = Long.MAX_VALUE;
        for (int round = 0; round < ROUNDS; round++) {
            long before = threads.getCurrentThreadAllocatedBytes();
            run(emitter, EMITS);
            long after = threads.getCurrentThreadAllocatedBytes();
            best = Math.min(best, after - before);
        }
        return (double) best / EMITS;
    }

    private static void run(Emitter emitter, int n) {
        for (int i = 0; i < n; i++) {
            emitter.emit(i & MASK);
        }
    }

    private static void assertNoAllocation(String chain, double bytesPerEmit) {
        assertTrue(bytesPerEmit < MAX_BYTES_PER_EMIT,
                chain + " allocates " + bytesPerEmit + " bytes per emit; expected 0");
    }

    @Test
    void measurementSeesAPerElementAllocation() {
        // Guards the harness itself: a chain that boxes a fresh Long per element must be caught.
        Stream<Integer> s = Stream.create();
        Blackhole bh = new Blackhole();
        s.map(x -> Long.valueOf(x + 1_000_000L)).sink(x -> bh.consume(x.intValue()));
        double b = minBytesPerEmit(i -> s.emit(INPUTS[i]));
        assertTrue(b >= 8, "boxing a Long per element should show, measured " + b);
    }

    @Test
    void mapFilterSink() {
        Stream<Integer> s = Stream.create();
        Blackhole bh = new Blackhole();
        s.map(x -> TABLE[x & MASK]).filter(x -> (x & 1) == 0).sink(bh::consume);
        assertNoAllocation("map -> filter -> sink", minBytesPerEmit(i -> s.emit(INPUTS[i])));
        assertTrue(bh.count > 0);
    }

    @Test
    void identityMapFilterSink() {
        Stream<Integer> s = Stream.create();
        Blackhole bh = new Blackhole();
        s.map(x -> x).filter(x -> x != null).sink(bh::consume);
        assertNoAllocation("map(x -> x) -> filter -> sink", minBytesPerEmit(i -> s.emit(INPUTS[i])));
        assertEquals((long) (5 * WARMUP_EMITS + ROUNDS * EMITS), bh.count, "every emit reached the sink");
    }

    /**
     * A blocking emit from another thread into a graph on an idle event loop runs inline, holding the loop
     * (A23): no future, no task, nothing handed over, so nothing allocated either.
     */
    @Test
    void blockingEmitFromAnotherThreadIntoAnIdleLoop() {
        try (dev.streamz.EventLoop loop = dev.streamz.Schedulers.newEventLoop("allocation-foreign-emit", e -> { })) {
            Stream<Integer> s = Stream.<Integer>create().withScheduler(loop);
            Blackhole bh = new Blackhole();
            s.map(x -> TABLE[x & MASK]).sink(bh::consume);
            assertNoAllocation("emit from another thread -> map -> sink on an idle loop",
                    minBytesPerEmit(i -> s.emit(INPUTS[i])));
            assertEquals((long) (5 * WARMUP_EMITS + ROUNDS * EMITS), bh.count, "every emit reached the sink");
        }
    }

    @Test
    void accumulate() {
        Stream<Integer> s = Stream.create();
        Blackhole bh = new Blackhole();
        s.accumulate((Integer acc, Integer x) -> TABLE[(acc + x) & MASK]).sink(bh::consume);
        assertNoAllocation("accumulate -> sink", minBytesPerEmit(i -> s.emit(INPUTS[i])));
        assertTrue(bh.count > 0);
    }

    @Test
    void union() {
        Stream<Integer> a = Stream.create();
        Stream<Integer> b = Stream.create();
        Blackhole bh = new Blackhole();
        a.union(b).sink(bh::consume);
        assertNoAllocation("union -> sink", minBytesPerEmit(i -> {
            if ((i & 1) == 0) {
                a.emit(INPUTS[i]);
            } else {
                b.emit(INPUTS[i]);
            }
        }));
        assertEquals((long) (5 * WARMUP_EMITS + ROUNDS * EMITS), bh.count);
    }

    @Test
    void twoWayBranch() {
        Stream<Integer> s = Stream.create();
        Blackhole left = new Blackhole();
        Blackhole right = new Blackhole();
        s.map(x -> TABLE[x & MASK]).sink(left::consume);
        s.filter(x -> (x & 1) == 1).sink(right::consume);
        assertNoAllocation("branch (map -> sink, filter -> sink)", minBytesPerEmit(i -> s.emit(INPUTS[i])));
        assertEquals((long) (5 * WARMUP_EMITS + ROUNDS * EMITS), left.count);
        assertTrue(right.count > 0);
    }

    @Test
    void emitWithEmptyMetadata() {
        Stream<Integer> s = Stream.create();
        Blackhole bh = new Blackhole();
        s.map(x -> TABLE[x & MASK]).filter(x -> (x & 1) == 0).sink(bh::consume);
        assertNoAllocation("emit(x, List.of()) -> map -> filter -> sink",
                minBytesPerEmit(i -> s.emit(INPUTS[i], NO_METADATA)));
        assertTrue(bh.count > 0);
    }
}
