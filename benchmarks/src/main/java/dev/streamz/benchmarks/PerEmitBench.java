package dev.streamz.benchmarks;

import dev.streamz.Stream;
import io.reactivex.rxjava3.subjects.PublishSubject;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import reactor.core.publisher.Sinks;

import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One pipeline shape, built in streamz-jvm, RxJava 3 and Reactor, each ending in the Blackhole; the three
 * {@code @Benchmark} methods (inherited by every shape, each run in its own fork) push the same batch of
 * pre-boxed inputs, one emit per element, and report nanoseconds per element. A shape only says how to
 * build its three pipelines; {@code PipelineEquivalenceTest} checks that they compute the same outputs.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public abstract class PerEmitBench {
    private Integer[] inputs;
    private Stream<Integer> streamz;
    private PublishSubject<Integer> rxjava;
    private Sinks.Many<Integer> reactor;

    /**
     * @param out the sink
     * @return the source of the streamz-jvm pipeline
     */
    public abstract Stream<Integer> streamzPipeline(Consumer<Object> out);

    /**
     * @param out the sink
     * @return the source of the RxJava pipeline
     */
    public abstract PublishSubject<Integer> rxjavaPipeline(Consumer<Object> out);

    /**
     * @param out the sink
     * @return the source of the Reactor pipeline (from {@link Drive#reactorSource()})
     */
    public abstract Sinks.Many<Integer> reactorPipeline(Consumer<Object> out);

    /**
     * Builds all three pipelines, each ending in the Blackhole.
     *
     * @param bh JMH's blackhole
     */
    @Setup
    public void setup(Blackhole bh) {
        Consumer<Object> out = bh::consume;
        inputs = Data.inputs();
        streamz = streamzPipeline(out);
        rxjava = rxjavaPipeline(out);
        reactor = reactorPipeline(out);
    }

    /** streamz-jvm: {@code Stream.emit} per element. */
    @Benchmark
    @OperationsPerInvocation(Data.BATCH)
    public void streamz() {
        Drive.streamz(streamz, inputs);
    }

    /** RxJava 3: {@code PublishSubject.onNext} per element. */
    @Benchmark
    @OperationsPerInvocation(Data.BATCH)
    public void rxjava() {
        Drive.rxjava(rxjava, inputs);
    }

    /** Reactor: {@code Sinks.Many.tryEmitNext} per element. */
    @Benchmark
    @OperationsPerInvocation(Data.BATCH)
    public void reactor() {
        Drive.reactor(reactor, inputs);
    }
}
