package dev.streamz.benchmarks;

import dev.streamz.disruptor.WaitStrategyKind;
import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Latency of one thread hop at a fixed offered rate, with HdrHistogram: streamz-jvm's compiled pipeline
 * (one segment), a hand-written Disruptor 4 handler and an ArrayBlockingQueue consumer, with the busy-spin
 * and blocking wait strategies, in one JVM run. Each element is stamped with the time it was due to be
 * sent (so a stalled producer cannot hide latency: no coordinated omission), and the consumer records
 * {@code now - due}. Run with {@code benchmarks/latency.sh [rate/s] [seconds]}.
 */
public final class HopLatency {
    /** A pre-allocated, reused element: the hop moves a reference, no allocation. */
    static final class Stamp {
        long due;
    }

    private HopLatency() {
    }

    public static void main(String[] args) throws Exception {
        int rate = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 5;
        System.out.printf(Locale.ROOT, "hop latency, %,d elements/s offered, %.1f s measured per row, %d cores%n",
                rate, seconds, Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.ROOT, "%-10s %-10s %10s %10s %10s %10s %10s%n",
                "impl", "wait", "p50 ns", "p99 ns", "p99.9 ns", "max ns", "count");
        List<String> rows = new ArrayList<>();
        for (WaitStrategyKind wait : List.of(WaitStrategyKind.BUSY_SPIN, WaitStrategyKind.BLOCKING)) {
            for (String impl : List.of("streamz", "disruptor", "abq")) {
                if (impl.equals("abq") && wait == WaitStrategyKind.BUSY_SPIN) {
                    continue; // ArrayBlockingQueue has one way to wait: it blocks
                }
                run(impl, wait, rate, 1, false); // warm-up: JIT, caches
                Histogram h = run(impl, wait, rate, seconds, true);
                String row = String.format(Locale.ROOT, "%-10s %-10s %10d %10d %10d %10d %10d", impl,
                        impl.equals("abq") ? "(blocks)" : wait.name().toLowerCase(Locale.ROOT),
                        h.getValueAtPercentile(50), h.getValueAtPercentile(99), h.getValueAtPercentile(99.9),
                        h.getMaxValue(), h.getTotalCount());
                rows.add(row);
                System.out.println(row);
            }
        }
    }

    static Histogram run(String impl, WaitStrategyKind wait, int rate, double seconds, boolean record)
            throws Exception {
        Histogram h = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
        long total = (long) (rate * seconds);
        CountDownLatch done = new CountDownLatch(1);
        long[] seen = new long[1];
        Stamp[] pool = new Stamp[4096];
        for (int i = 0; i < pool.length; i++) {
            pool[i] = new Stamp();
        }
        HopPeers.Peer peer = HopPeers.create(impl, 1, 1024, wait, x -> {
            long now = System.nanoTime();
            h.recordValue(Math.max(0, now - ((Stamp) x).due));
            if (++seen[0] == total) {
                done.countDown();
            }
        });
        try {
            long interval = TimeUnit.SECONDS.toNanos(1) / rate;
            long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(10);
            for (long i = 0; i < total; i++) {
                long due = start + i * interval;
                while (System.nanoTime() < due) {
                    Thread.onSpinWait(); // the producer spins to its schedule: with busy-spin, 2 threads on 2 cores
                }
                Stamp s = pool[(int) (i & (pool.length - 1))];
                s.due = due;
                peer.offer(s);
            }
            if (!done.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException(impl + ": not all elements arrived");
            }
        } finally {
            peer.close();
        }
        return h;
    }
}
