package dev.streamz.benchmarks;

import dev.streamz.Stream;
import io.reactivex.rxjava3.core.Observable;
import io.reactivex.rxjava3.subjects.PublishSubject;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

import java.util.function.Consumer;

/**
 * Per-emit cost of a zip of two branches: source -> map a, source -> map b, zip(a, b) -> sink. streamz-jvm emits a tuple (streamz's semantics: zip emits tuples); the peers combine the pair with a non-allocating zipper ((a, b) -> a + b), their cheapest idiomatic equivalent, in streamz-jvm, RxJava 3 and Reactor.
 */
public class ZipBench extends PerEmitBench {
    @Override
    public Stream<Integer> streamzPipeline(Consumer<Object> out) {
        Stream<Integer> source = Stream.create();
        Stream<Integer> a = source.map(Data.INC);
        Stream<Integer> b = source.map(Data.TWICE);
        a.zip(b).sink(out);
        return source;
    }

    @Override
    public PublishSubject<Integer> rxjavaPipeline(Consumer<Object> out) {
        PublishSubject<Integer> source = PublishSubject.create();
        Observable<Integer> a = source.map(Data.INC::apply);
        Observable<Integer> b = source.map(Data.TWICE::apply);
        Observable.zip(a, b, Data.COMBINE::apply).subscribe(out::accept);
        return source;
    }

    @Override
    public Sinks.Many<Integer> reactorPipeline(Consumer<Object> out) {
        Sinks.Many<Integer> source = Drive.reactorSource();
        Flux<Integer> flux = source.asFlux();
        Flux<Integer> a = flux.map(Data.INC);
        Flux<Integer> b = flux.map(Data.TWICE);
        Flux.zip(a, b, Data.COMBINE).subscribe(out);
        return source;
    }
}
