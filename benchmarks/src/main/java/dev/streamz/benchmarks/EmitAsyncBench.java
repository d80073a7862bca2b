package dev.streamz.benchmarks;

import dev.streamz.Scheduler;
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
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code emitAsync} through {@code source → buffer(64) → sink} on a private event loop, from a producer
 * thread (the JMH thread), two ways:
 * <ul>
 *   <li><b>round trip</b>: emit one element and wait until the graph has accepted it (a place in the
 *   buffer), then the next: the cost of one hand-over to the loop and back. Peers: a single-thread
 *   {@code ExecutorService} {@code submit(..).get()} (the bare JDK hand-over, a floor) and Reactor's
 *   {@code Mono.fromRunnable(..).subscribeOn(single).block()}.</li>
 *   <li><b>pipelined</b>: emit a batch of 1024 without waiting, then wait until the sink has seen all
 *   of them: throughput with back pressure. Peers: 1024 tasks on the single-thread executor, and Reactor's
 *   {@code Sinks.many().unicast()} + {@code publishOn(single, 64)}.</li>
 * </ul>
 * Scores are nanoseconds per element.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class EmitAsyncBench {
    private final Integer[] inputs = Data.inputs();
    private final AtomicLong seen = new AtomicLong();
    private long expected;
    private Stream<Integer> streamz;
    private ExecutorService executor;
    private reactor.core.scheduler.Scheduler reactorSingle;
    private Sinks.Many<Integer> reactorSink;
    private Blackhole bh;

    /**
     * Builds the graph on a private loop, the executor and the Reactor pipeline.
     *
     * @param blackhole JMH's blackhole
     */
    @Setup(Level.Trial)
    public void setup(Blackhole blackhole) {
        bh = blackhole;
        Scheduler loop = dev.streamz.Schedulers.newEventLoop("bench-loop",
                dev.streamz.Schedulers.loggingErrorHandler());
        streamz = Stream.<Integer>create().withScheduler(loop);
        streamz.buffer(64).sink(x -> {
            bh.consume(x);
            seen.lazySet(seen.get() + 1); // one writer: the loop thread
        });
        executor = Executors.newSingleThreadExecutor();
        reactorSingle = Schedulers.newSingle("bench-reactor");
        reactorSink = Sinks.many().unicast().onBackpressureBuffer();
        reactorSink.asFlux().publishOn(reactorSingle, 64).subscribe(x -> {
            bh.consume(x);
            seen.lazySet(seen.get() + 1);
        });
    }

    /** Stops the peers' threads (the loop is a daemon). */
    @TearDown(Level.Trial)
    public void tearDown() {
        executor.shutdownNow();
        reactorSingle.dispose();
    }

    /** streamz-jvm: {@code emitAsync(x).join()} per element. */
    @Benchmark
    @OperationsPerInvocation(Data.BATCH)
    public void roundTripStreamz() {
        for (Integer x : inputs) {
            streamz.emitAsync(x).join();
        }
    }

    /**
     * Bare JDK: {@code submit(task).get()} per element on a single-thread executor.
     *
     * @throws Exception never in practice
     */
    @Benchmark
    @OperationsPerInvocation(Data.BATCH)
    public void roundTripExecutor() throws ExecutionException, InterruptedException {
        for (Integer x : inputs) {
            Future<?> f = executor.submit(() -> bh.consume(x));
            f.get();
        }
    }

    /** Reactor: {@code Mono.fromRunnable(..).subscribeOn(single).block()} per element. */
    @Benchmark
    @OperationsPerInvocation(Data.BATCH)
    public void roundTripReactor() {
        for (Integer x : inputs) {
            Mono.fromRunnable(() -> bh.consume(x)).subscribeOn(reactorSingle).block();
        }
    }

    /** streamz-jvm: 1024 {@code emitAsync} without waiting, then wait until the sink saw them all. */
    @Benchmark
    @OperationsPerInvocation(Data.BATCH)
    public void pipelinedStreamz() {
        expected += Data.BATCH;
        for (Integer x : inputs) {
            streamz.emitAsync(x);
        }
        awaitSeen();
    }

    /** Bare JDK: 1024 tasks on the single-thread executor, then wait until they all ran. */
    @Benchmark
    @OperationsPerInvocation(Data.BATCH)
    public void pipelinedExecutor() {
        expected += Data.BATCH;
        for (Integer x : inputs) {
            executor.execute(() -> {
                bh.consume(x);
                seen.lazySet(seen.get() + 1);
            });
        }
        awaitSeen();
    }

    /** Reactor: 1024 {@code tryEmitNext} into a unicast sink consumed with {@code publishOn(single, 64)}. */
    @Benchmark
    @OperationsPerInvocation(Data.BATCH)
    public void pipelinedReactor() {
        expected += Data.BATCH;
        for (Integer x : inputs) {
            reactorSink.tryEmitNext(x).orThrow();
        }
        awaitSeen();
    }

    private void awaitSeen() {
        while (seen.get() < expected) {
            Thread.onSpinWait();
        }
    }
}
