package dev.streamz.benchmarks;

import dev.streamz.EventLoop;
import dev.streamz.Schedulers;
import dev.streamz.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A blocking {@code emit(x)} from a foreign thread (the JMH thread) into a graph on a private event loop,
 * {@code source → sink}, against the hand-off it competes with: {@code put} into an
 * {@code ArrayBlockingQueue(1024)} drained by one consumer thread, the usual way to pass elements to
 * another thread. The emit returns once the graph has accepted the element (on an idle loop the emitting
 * thread runs the emission itself, holding the loop; see docs/async.md); the queue {@code put} waits only
 * until there is room. Both loops end by waiting until the consumer has seen the whole batch, so both
 * measure elements delivered. Scores are nanoseconds per element.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ForeignEmitBench {
    private final Integer[] inputs = Data.inputs();
    private final AtomicLong seen = new AtomicLong();
    private long expected;
    private EventLoop loop;
    private Stream<Integer> streamz;
    private ArrayBlockingQueue<Integer> queue;
    private Thread consumer;

    /**
     * Builds the graph and the queue's consumer.
     *
     * @param bh JMH's blackhole
     */
    @Setup(Level.Trial)
    public void setup(Blackhole bh) {
        loop = Schedulers.newEventLoop("bench-foreign-emit", Schedulers.loggingErrorHandler());
        streamz = Stream.<Integer>create().withScheduler(loop);
        streamz.sink(x -> {
            bh.consume(x);
            seen.lazySet(seen.get() + 1); // one writer: the loop thread
        });
        queue = new ArrayBlockingQueue<>(1024);
        consumer = new Thread(() -> {
            try {
                while (true) {
                    bh.consume(queue.take());
                    seen.lazySet(seen.get() + 1);
                }
            } catch (InterruptedException e) {
                // torn down
            }
        }, "bench-queue-consumer");
        consumer.setDaemon(true);
        consumer.start();
    }

    /** Stops the loop and the consumer. */
    @TearDown(Level.Trial)
    public void tearDown() {
        loop.close();
        consumer.interrupt();
    }

    /** streamz-jvm: a blocking {@code emit(x)} per element from this thread. */
    @Benchmark
    @OperationsPerInvocation(Data.BATCH)
    public void emitStreamz() {
        expected += Data.BATCH;
        for (Integer x : inputs) {
            streamz.emit(x);
        }
        awaitSeen();
    }

    /**
     * Peer: {@code put(x)} into an {@code ArrayBlockingQueue} taken by one consumer thread.
     *
     * @throws InterruptedException never in practice
     */
    @Benchmark
    @OperationsPerInvocation(Data.BATCH)
    public void putBlockingQueue() throws InterruptedException {
        expected += Data.BATCH;
        for (Integer x : inputs) {
            queue.put(x);
        }
        awaitSeen();
    }

    private void awaitSeen() {
        while (seen.get() < expected) {
            Thread.onSpinWait();
        }
    }
}
