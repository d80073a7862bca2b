package dev.streamz.benchmarks;

import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import dev.streamz.EventLoop;
import dev.streamz.Schedulers;
import dev.streamz.Source;
import dev.streamz.Stream;
import dev.streamz.hazelcast.Cluster;
import dev.streamz.hazelcast.ClusterOptions;
import dev.streamz.hazelcast.ScatterOptions;
import dev.streamz.hazelcast.SerializableFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Scatter / gather on embedded Hazelcast members against the same {@code map} run locally, in the same
 * run. Not a unit test: it runs only when asked for ({@code -Dhazelcast.bench=true}, see
 * docs/benchmarks.md) and asserts nothing about time. It prints elements per second per round.
 *
 * <ul>
 *   <li>Scaling: {@code fromIterable → scatter → map(cpu-heavy f) → gather → sink} on 1, 2 and 3 members,
 *       each member running one batch at a time (executor pool size 1, like a one-thread worker), against
 *       {@code fromIterable → map(f) → sink} on the local event loop. f is about 20 us of integer work.</li>
 *   <li>Overhead: the same pipeline with a trivial f ({@code x + 1}) on 3 members, batch sizes 1, 100 and
 *       1,000 (default pool size): what scatter/gather costs per element.</li>
 * </ul>
 */
@EnabledIfSystemProperty(named = "hazelcast.bench", matches = "true")
class HazelcastBench {
    static final int ROUNDS = Integer.getInteger("hazelcast.bench.rounds", 3);
    static final int HEAVY_ELEMENTS = Integer.getInteger("hazelcast.bench.heavy", 20_000);
    static final int HEAVY_ITERATIONS = 8_000;

    /** About 20 us of dependent integer work on this machine; the result depends on every iteration. */
    static long heavy(long x) {
        long h = x;
        for (int i = 0; i < HEAVY_ITERATIONS; i++) {
            h = h * 6364136223846793005L + 1442695040888963407L;
            h ^= h >>> 29;
        }
        return h;
    }

    @Test
    void scalingAndOverheadAgainstALocalMap() throws Exception {
        System.setProperty("hazelcast.logging.type", "slf4j");
        int port = freePorts(3);
        ClusterOptions options = ClusterOptions.builder().clusterName("streamz-bench").port(port).portCount(3).build();
        List<HazelcastInstance> members = new ArrayList<>();
        try {
            // Scaling, one worker thread per member: members join one by one.
            SerializableFunction<Long, Long> f = HazelcastBench::heavy;
            ScatterOptions heavyOptions = ScatterOptions.builder().batchSize(100).executorName("bench-heavy").build();
            for (int n = 1; n <= 3; n++) {
                Config c = Cluster.memberConfig(options, 3, n - 1);
                c.getExecutorConfig("bench-heavy").setPoolSize(1);
                members.add(Hazelcast.newHazelcastInstance(c));
                Cluster cluster = Cluster.of(members.getFirst());
                assertEquals(n, cluster.memberCount());
                for (int round = 0; round <= ROUNDS; round++) { // round 0 warms up and is not counted
                    boolean localFirst = round % 2 == 0;
                    double local = 0;
                    double remote = 0;
                    for (int turn = 0; turn < 2; turn++) {
                        if ((turn == 0) == localFirst) {
                            local = run(HEAVY_ELEMENTS, s -> s.map(f));
                        } else {
                            remote = run(HEAVY_ELEMENTS, s -> cluster.scatter(s, heavyOptions).map(f).gather());
                        }
                    }
                    System.out.printf("HZ-BENCH heavy members=%d round %d (0: warm-up): local map %,.0f el/s, "
                            + "scatter→map→gather %,.0f el/s, ratio %.2f%n", n, round, local, remote, remote / local);
                }
            }
            // Overhead per element, trivial f, three members with Hazelcast's default pool.
            Cluster cluster = Cluster.of(members.getFirst());
            SerializableFunction<Long, Long> inc = x -> x + 1;
            for (int batch : new int[] {1, 100, 1000}) {
                int elements = batch == 1 ? 3_000 : batch == 100 ? 100_000 : 300_000;
                ScatterOptions o = ScatterOptions.builder().batchSize(batch).build();
                for (int round = 0; round <= ROUNDS; round++) {
                    double local = run(elements, s -> s.map(inc));
                    double remote = run(elements, s -> cluster.scatter(s, o).map(inc).gather());
                    System.out.printf("HZ-BENCH trivial batch=%d round %d (0: warm-up): local map %,.0f el/s "
                            + "(%.3f us/el), scatter→map→gather %,.0f el/s (%.2f us/el)%n", batch, round, local,
                            1e6 / local, remote, 1e6 / remote);
                }
            }
        } finally {
            Hazelcast.shutdownAll();
        }
    }

    /** Runs {@code fromIterable(0..n) → pipeline → sink} on a fresh event loop; returns elements per second. */
    static double run(int n, Function<Stream<Long>, Stream<Long>> pipeline) throws InterruptedException {
        try (EventLoop loop = Schedulers.newEventLoop("bench", Schedulers.loggingErrorHandler())) {
            Source<Long> source = Stream.fromIterable(LongStream.range(0, n).boxed().toList());
            source.withScheduler(loop);
            CountDownLatch done = new CountDownLatch(1);
            AtomicLong count = new AtomicLong();
            AtomicLong checksum = new AtomicLong();
            pipeline.apply(source).sink(x -> {
                checksum.addAndGet(x);
                if (count.incrementAndGet() == n) {
                    done.countDown();
                }
            });
            long t0 = System.nanoTime();
            source.start();
            if (!done.await(10, TimeUnit.MINUTES)) {
                throw new IllegalStateException("only " + count.get() + " of " + n + " arrived");
            }
            long t1 = System.nanoTime();
            source.stop();
            return n / ((t1 - t0) / 1e9);
        }
    }

    static int freePorts(int n) throws Exception {
        for (int base = 26_701; base < 60_000; base += 17) {
            boolean free = true;
            for (int i = 0; i < n && free; i++) {
                try (ServerSocket s = new ServerSocket(base + i, 1, InetAddress.getLoopbackAddress())) {
                    s.setReuseAddress(true);
                } catch (java.io.IOException e) {
                    free = false;
                }
            }
            if (free) {
                return base;
            }
        }
        throw new IllegalStateException("no free ports");
    }
}
