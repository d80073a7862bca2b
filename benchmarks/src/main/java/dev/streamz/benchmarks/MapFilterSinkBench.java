package dev.streamz.benchmarks;

import dev.streamz.Stream;
import io.reactivex.rxjava3.subjects.PublishSubject;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

import java.util.function.Consumer;

/**
 * Per-emit cost of source -> map(x + 1) -> filter(even) -> sink, in streamz-jvm, RxJava 3 and Reactor.
 */
public class MapFilterSinkBench extends PerEmitBench {
    @Override
    public Stream<Integer> streamzPipeline(Consumer<Object> out) {
        Stream<Integer> source = Stream.create();
        source.map(Data.INC).filter(Data.EVEN).sink(out);
        return source;
    }

    @Override
    public PublishSubject<Integer> rxjavaPipeline(Consumer<Object> out) {
        PublishSubject<Integer> source = PublishSubject.create();
        source.map(Data.INC::apply).filter(Data.EVEN::test).subscribe(out::accept);
        return source;
    }

    @Override
    public Sinks.Many<Integer> reactorPipeline(Consumer<Object> out) {
        Sinks.Many<Integer> source = Drive.reactorSource();
        Flux<Integer> flux = source.asFlux();
        flux.map(Data.INC).filter(Data.EVEN).subscribe(out);
        return source;
    }
}
