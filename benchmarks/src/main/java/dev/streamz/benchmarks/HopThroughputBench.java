package dev.streamz.benchmarks;

import dev.streamz.disruptor.WaitStrategyKind;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * Throughput across thread hops: one producer (the JMH thread) pushes pre-boxed elements through
 * {@code stages} consumer threads, in streamz-jvm's compiled pipeline, a hand-written Disruptor 4
 * pipeline and ArrayBlockingQueues ({@link HopPeers}), same run. A full ring blocks the producer, so the
 * producer's rate is the pipeline's. Reports elements per microsecond.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class HopThroughputBench {
    private static final int BATCH = 1024;

    @Param({"streamz", "disruptor", "disruptor-lite", "abq"})
    public String impl;

    /** 1: producer to one consumer segment; 3: a three-stage pipeline. */
    @Param({"1", "3"})
    public int stages;

    @Param({"BLOCKING", "YIELDING"})
    public WaitStrategyKind wait;

    private final Long[] elements = new Long[BATCH];
    private HopPeers.Peer peer;
    private volatile long consumed;
    private long sinkSum;

    @Setup(Level.Trial)
    public void setUp() {
        for (int i = 0; i < BATCH; i++) {
            elements[i] = 1_000_000L + i;
        }
        peer = HopPeers.create(impl, stages, 1024, wait, x -> sinkSum += (Long) x);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        peer.close();
        consumed = sinkSum;
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void hop() throws InterruptedException {
        Long[] xs = elements;
        HopPeers.Peer p = peer;
        for (int i = 0; i < BATCH; i++) {
            p.offer(xs[i]);
        }
    }
}
