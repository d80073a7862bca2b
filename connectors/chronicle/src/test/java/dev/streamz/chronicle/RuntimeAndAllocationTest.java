package dev.streamz.chronicle;

import dev.streamz.Scheduler;
import dev.streamz.Schedulers;
import dev.streamz.Stream;
import dev.streamz.StreamException;
import dev.streamz.VirtualScheduler;
import dev.streamz.disruptor.CompiledPipeline;
import dev.streamz.disruptor.DisruptorRuntime;
import dev.streamz.disruptor.PipelineOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The replay feeding a compiled pipeline; the zero-copy codec allocates nothing per excerpt. */
class RuntimeAndAllocationTest {
    @TempDir
    Path tmp;

    /** A reusable tick: what a zero-copy codec decodes into. */
    static final class Tick {
        long seq;
        double price;
        int qty;
    }

    static ExcerptCodec<Tick> tickCodec() {
        return ExcerptCodec.reusing(Tick::new, (Tick t, ExcerptOut out) -> {
            out.writeLong(t.seq);
            out.writeDouble(t.price);
            out.writeInt(t.qty);
        }, (ExcerptIn in, Tick t) -> {
            t.seq = in.readLong();
            t.price = in.readDouble();
            t.qty = in.readInt();
        });
    }

    static Path writeTicks(Path dir, int n) {
        Stream<Tick> s = Stream.create();
        Tick t = new Tick();
        try (JournalSink<Tick> j = Chronicle.sinkToChronicle(s, dir, tickCodec())) {
            for (int i = 0; i < n; i++) {
                t.seq = i;
                t.price = i * 0.5;
                t.qty = i % 100;
                s.emit(t);
            }
            assertEquals(n, j.appended());
        }
        return dir;
    }

    /** Replays n ticks on the calling thread (virtual scheduler); returns the bytes this thread allocated. */
    private static long replayAllocating(Path dir, long n, long[] sum) {
        return replayAllocating(dir, n, sum, false);
    }

    /** The same; in runs of 256 copied into a pool of ticks when {@code inRuns}. */
    private static long replayAllocating(Path dir, long n, long[] sum, boolean inRuns) {
        VirtualScheduler vs = new VirtualScheduler();
        ReplaySource<Tick> r = Chronicle.fromChronicle(dir, tickCodec(), ReplayOptions.defaults().limit(n));
        r.withScheduler(vs);
        if (inRuns) {
            Tick[] pool = new Tick[256];
            for (int i = 0; i < pool.length; i++) {
                pool[i] = new Tick();
            }
            int[] next = {0};
            r.runs(pool.length, t -> {
                Tick c = pool[next[0]++ & (pool.length - 1)];
                c.seq = t.seq;
                c.price = t.price;
                c.qty = t.qty;
                return c;
            }).sink(run -> {
                for (Tick t : run) {
                    sum[0] += t.seq + t.qty;
                }
            });
        } else {
            r.sink(t -> sum[0] += t.seq + t.qty);
        }
        return replayedAllocating(r, vs, n);
    }

    /** Starts {@code r} and runs {@code vs} until idle; returns the bytes this thread allocated meanwhile. */
    static long replayedAllocating(ReplaySource<?> r, VirtualScheduler vs, long n) {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().threadId();
        long before = mx.getThreadAllocatedBytes(tid);
        r.start();
        vs.runUntilIdle();
        long after = mx.getThreadAllocatedBytes(tid);
        assertEquals(n, r.replayed());
        return after - before;
    }

    @Test
    void zeroCopyCodecAllocatesNothingPerExcerpt() {
        Path dir = writeTicks(tmp.resolve("ticks"), 300_000);
        long[] sum = new long[1];
        for (int i = 0; i < 3; i++) {
            replayAllocating(dir, 300_000, sum); // warm up: JIT, Chronicle's caches
        }
        long small = replayAllocating(dir, 50_000, sum);
        long large = replayAllocating(dir, 300_000, sum);
        double perExcerpt = (large - small) / 250_000.0;
        // The fixed cost of a run (queue, tailer, batches of 4096) cancels out; what is left is per excerpt.
        assertTrue(perExcerpt < 1.0, "allocated " + perExcerpt + " bytes per excerpt (" + small + " for 50k, "
                + large + " for 300k)");
        assertTrue(sum[0] > 0);
    }

    @Test
    void runsAllocateNothingPerExcerptEither() {
        Path dir = writeTicks(tmp.resolve("ticks"), 300_000);
        long[] sum = new long[1];
        for (int i = 0; i < 3; i++) {
            replayAllocating(dir, 300_000, sum, true);
        }
        long small = replayAllocating(dir, 50_000, sum, true);
        long large = replayAllocating(dir, 300_000, sum, true);
        double perExcerpt = (large - small) / 250_000.0;
        assertTrue(perExcerpt < 1.0, "allocated " + perExcerpt + " bytes per excerpt (" + small + " for 50k, "
                + large + " for 300k)");
        assertTrue(sum[0] > 0);
    }

    @Test
    void runsFeedACompiledPipelineThroughEmitAll() throws Exception {
        Path dir = tmp.resolve("j");
        int n = 20_000;
        TestJournals.write(dir, n, 1, RollCycle.DAILY);
        List<String> got = new CopyOnWriteArrayList<>();
        Stream<String> in = Stream.create("replayed");
        in.async("work").map(String::toUpperCase).sink(got::add);
        List<StreamException> errors = new CopyOnWriteArrayList<>();
        Scheduler loop = Schedulers.newEventLoop("replay-runs-test", errors::add);
        try (CompiledPipeline<String> p = DisruptorRuntime.compile(in,
                PipelineOptions.builder().ringSize(16).name("replay-runs").build())) {
            ReplaySource<String> r = Chronicle.fromChronicle(dir, ExcerptCodec.utf8());
            r.withScheduler(loop);
            // Runs of 50 into a ring of 16: emitAll publishes them 4 at a time, blocking while the ring is full.
            r.runs(50, UnaryOperator.identity()).sink(p::emitAll);
            r.start();
            r.completion().get(60, TimeUnit.SECONDS);
        }
        assertEquals(List.of(), errors);
        assertEquals(n, got.size());
        for (int i = 0; i < n; i++) {
            assertEquals("ELEMENT-" + i, got.get(i));
        }
    }

    @Test
    void replayFeedsACompiledPipelineWithTheRingAsBackPressure() throws Exception {
        Path dir = tmp.resolve("j");
        int n = 20_000;
        TestJournals.write(dir, n, 1, RollCycle.DAILY);
        List<String> got = new CopyOnWriteArrayList<>();
        Stream<String> in = Stream.create("replayed");
        in.async("work").map(String::toUpperCase).sink(got::add);
        List<StreamException> errors = new CopyOnWriteArrayList<>();
        Scheduler loop = Schedulers.newEventLoop("replay-test", errors::add);
        try (CompiledPipeline<String> p = DisruptorRuntime.compile(in,
                PipelineOptions.builder().ringSize(16).name("replay").build())) {
            ReplaySource<String> r = Chronicle.fromChronicle(dir, ExcerptCodec.utf8());
            r.withScheduler(loop);
            r.sink(p::emit); // blocks while the ring is full: the replay reads no further ahead
            r.start();
            r.completion().get(60, TimeUnit.SECONDS);
        } // close() drains the ring before the checks below
        assertEquals(List.of(), errors);
        assertEquals(n, got.size());
        for (int i = 0; i < n; i++) {
            assertEquals("ELEMENT-" + i, got.get(i));
        }
    }
}
