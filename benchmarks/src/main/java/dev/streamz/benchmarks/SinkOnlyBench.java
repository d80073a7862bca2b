package dev.streamz.benchmarks;

import dev.streamz.Stream;
import io.reactivex.rxjava3.subjects.PublishSubject;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

import java.util.function.Consumer;

/**
 * Per-emit cost of a sink alone: source -> sink, in streamz-jvm, RxJava 3 and Reactor.
 */
public class SinkOnlyBench extends PerEmitBench {
    @Override
    public Stream<Integer> streamzPipeline(Consumer<Object> out) {
        Stream<Integer> source = Stream.create();
        source.sink(out);
        return source;
    }

    @Override
    public PublishSubject<Integer> rxjavaPipeline(Consumer<Object> out) {
        PublishSubject<Integer> source = PublishSubject.create();
        source.subscribe(out::accept);
        return source;
    }

    @Override
    public Sinks.Many<Integer> reactorPipeline(Consumer<Object> out) {
        Sinks.Many<Integer> source = Drive.reactorSource();
        Flux<Integer> flux = source.asFlux();
        flux.subscribe(out);
        return source;
    }
}
