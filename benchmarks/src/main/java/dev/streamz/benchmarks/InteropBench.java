package dev.streamz.benchmarks;

import dev.streamz.PublisherOptions;
import dev.streamz.Scheduler;
import dev.streamz.Schedulers;
import dev.streamz.Source;
import dev.streamz.Stream;
import dev.streamz.SubscriberOptions;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import reactor.adapter.JdkFlowAdapter;
import reactor.core.publisher.Flux;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Reactive Streams interop (docs/interop.md): {@value #N} integers per invocation, scores in nanoseconds per
 * element.
 * <ul>
 *   <li>{@code peerFluxMapFlux}: {@code Flux.range -> map -> blockLast}, Reactor alone (the peer).</li>
 *   <li>{@code roundTrip}: {@code Flux.range -> fromPublisher -> map -> toPublisher -> Flux -> blockLast}.</li>
 *   <li>{@code fromPublisherToSink}: {@code Flux.range -> fromPublisher -> map -> sink}, the inbound adapter.</li>
 *   <li>{@code iterableToPublisher}: {@code fromIterable -> map -> toPublisher -> Flux -> blockLast}, the
 *   outbound adapter; {@code iterableToSink} is the same graph ending in a sink, to subtract.</li>
 * </ul>
 * Each streamz graph runs on one private event loop; the Flux subscriber at the end requests unbounded, so
 * the outbound adapter's queue is drained on the loop's thread as elements arrive.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class InteropBench {
    static final int N = 100_000;
    private static final Function<Integer, Integer> F = x -> x + 1;
    private final Scheduler loop = Schedulers.newEventLoop("interop-bench", Schedulers.loggingErrorHandler());
    private final java.util.List<Integer> list = Flux.range(0, N).collectList().block();

    @Benchmark
    @OperationsPerInvocation(N)
    public Integer peerFluxMapFlux() {
        return Flux.range(0, N).map(F).blockLast();
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public Integer roundTrip() {
        Source<Integer> source = Stream.fromPublisher(JdkFlowAdapter.publisherToFlowPublisher(Flux.range(0, N)),
                SubscriberOptions.defaults());
        source.withScheduler(loop);
        Flow.Publisher<Integer> out = source.map(F).toPublisher(PublisherOptions.defaults());
        source.start();
        return JdkFlowAdapter.flowPublisherToFlux(out).blockLast();
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public long fromPublisherToSink() throws InterruptedException {
        Source<Integer> source = Stream.fromPublisher(JdkFlowAdapter.publisherToFlowPublisher(Flux.range(0, N)),
                SubscriberOptions.defaults());
        return toSink(source);
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public Integer iterableToPublisher() {
        Source<Integer> source = Stream.fromIterable(list);
        source.withScheduler(loop);
        Flow.Publisher<Integer> out = source.map(F).toPublisher(PublisherOptions.defaults());
        source.start();
        return JdkFlowAdapter.flowPublisherToFlux(out).blockLast();
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public long iterableToSink() throws InterruptedException {
        return toSink(Stream.fromIterable(list));
    }

    private long toSink(Source<Integer> source) throws InterruptedException {
        source.withScheduler(loop);
        CountDownLatch done = new CountDownLatch(1);
        long[] sum = new long[1];
        int[] count = new int[1];
        source.map(F).sink(x -> {
            sum[0] += x;
            if (++count[0] == N) {
                done.countDown();
            }
        });
        source.start();
        done.await();
        return sum[0];
    }
}
