package dev.streamz.benchmarks;

import dev.streamz.Stream;
import io.reactivex.rxjava3.core.Observable;
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
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Per-emit cost of a zip of two branches: source -> map a, source -> map b, zip(a, b) -> sink. streamz-jvm emits a tuple (streamz's semantics: zip emits tuples); the peers combine the pair with a non-allocating zipper ((a, b) -> a + b), their cheapest idiomatic equivalent, in streamz-jvm, RxJava 3 and Reactor.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ZipBench {
    private Integer[] inputs;
    private Stream<Integer> streamz;
    private PublishSubject<Integer> rxjava;
    private Sinks.Many<Integer> reactor;

    /** Builds all three pipelines, each ending in the Blackhole. @param bh JMH's blackhole */
    @Setup
    public void setup(Blackhole bh) {
        Consumer<Object> out = bh::consume;
        inputs = Data.inputs();
        streamz = streamzPipeline(out);
        rxjava = rxjavaPipeline(out);
        reactor = reactorPipeline(out);
    }

    /** @param out the sink @return the source of the streamz-jvm pipeline */
    public static Stream<Integer> streamzPipeline(Consumer<Object> out) {
        Stream<Integer> source = Stream.create();
        Stream<Integer> a = source.map(Data.INC);
        Stream<Integer> b = source.map(Data.TWICE);
        a.zip(b).sink(out);
        return source;
    }

    /** @param out the sink @return the source of the RxJava pipeline */
    public static PublishSubject<Integer> rxjavaPipeline(Consumer<Object> out) {
        PublishSubject<Integer> source = PublishSubject.create();
        Observable<Integer> a = source.map(Data.INC::apply);
        Observable<Integer> b = source.map(Data.TWICE::apply);
        Observable.zip(a, b, Data.COMBINE::apply).subscribe(out::accept);
        return source;
    }

    /** @param out the sink @return the source of the Reactor pipeline */
    public static Sinks.Many<Integer> reactorPipeline(Consumer<Object> out) {
        Sinks.Many<Integer> source = Drive.reactorSource();
        Flux<Integer> flux = source.asFlux();
        Flux<Integer> a = flux.map(Data.INC);
        Flux<Integer> b = flux.map(Data.TWICE);
        Flux.zip(a, b, Data.COMBINE).subscribe(out);
        return source;
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
