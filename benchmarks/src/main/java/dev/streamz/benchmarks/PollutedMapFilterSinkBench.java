package dev.streamz.benchmarks;

import dev.streamz.Stream;
import io.reactivex.rxjava3.core.Observable;
import io.reactivex.rxjava3.subjects.PublishSubject;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * {@link MapFilterSinkBench} with a polluted profile, as in a service that runs many pipelines: before the
 * measured chain is built, each library pushes elements through pipelines with eight other operator types
 * placed right after its source, after a {@code map} and after a {@code map → filter}, with eight
 * different map functions, predicates and sinks. So in every library the call sites the measured chain
 * goes through (the source's dispatch, the map's and the filter's call to their downstream, the calls of
 * the user functions) have seen many receiver types before the JIT compiles the measured loop, and cannot
 * be inlined as one monomorphic chain. The measured pipelines are the same as {@link MapFilterSinkBench}'s.
 *
 * <p>The eight operator types: streamz-jvm {@code accumulate, unique, partition, slidingWindow,
 * combineLatest, union, slice, frequencies}; RxJava and Reactor {@code scan, distinctUntilChanged,
 * buffer(n), buffer(n, 1), combineLatest, mergeWith, skip, takeWhile}.
 */
public class PollutedMapFilterSinkBench extends MapFilterSinkBench {
    /** Elements pushed through each polluting pipeline (enough for the JIT's profile to record them). */
    static final int POLLUTION = 20_000;
    /** What the polluting sinks saw, so their work is not dead. */
    static long polluted;

    private static final List<Function<Integer, Integer>> MAPS = List.of(
        x -> Data.boxed(x + 3), x -> Data.boxed(x * 3),
        x -> Data.boxed(x ^ 5), x -> Data.boxed(x >> 1),
        x -> Data.boxed(x - 7), x -> Data.boxed(x * 5),
        x -> Data.boxed(~x), x -> Data.boxed(x + 11));
    private static final List<Predicate<Integer>> FILTERS = List.of(
        x -> x % 3 != 0, x -> x > 5, x -> (x & 4) == 0,
        x -> x < 1000, x -> x % 5 != 1, x -> (x & 1) == 1,
        x -> x != 17, x -> x % 7 != 2);
    private static final List<Consumer<Object>> SINKS = List.of(
        x -> polluted++, x -> polluted += 2,
        x -> polluted ^= x.hashCode(), x -> polluted += x.hashCode(),
        x -> polluted -= 1, x -> polluted |= 1,
        x -> polluted = polluted * 3 + 1, x -> polluted += 7);

    @Override
    public Stream<Integer> streamzPipeline(Consumer<Object> out) {
        Integer[] inputs = Data.inputs();
        for (int op = 0; op < 8; op++) {
            for (int at = 0; at < 3; at++) {
                Stream<Integer> source = Stream.create();
                Stream<Integer> other = Stream.create();
                Stream<Integer> before = switch (at) {
                    case 0 -> source;
                    case 1 -> source.map(MAPS.get(op));
                    default -> source.map(MAPS.get(op)).filter(FILTERS.get(op));
                };
                Stream<?> polluting = switch (op) {
                    case 0 -> before.accumulate(Data.ADD);
                    case 1 -> before.unique(4);
                    case 2 -> before.partition(4);
                    case 3 -> before.slidingWindow(3);
                    case 4 -> before.combineLatest(other);
                    case 5 -> before.union(other);
                    case 6 -> before.slice(0, null, 2);
                    default -> before.frequencies();
                };
                polluting.sink(SINKS.get((op + at) & 7));
                other.emit(1);
                for (int i = 0; i < POLLUTION; i += inputs.length) {
                    Drive.streamz(source, inputs);
                }
            }
        }
        return super.streamzPipeline(out);
    }

    @Override
    public PublishSubject<Integer> rxjavaPipeline(Consumer<Object> out) {
        Integer[] inputs = Data.inputs();
        for (int op = 0; op < 8; op++) {
            for (int at = 0; at < 3; at++) {
                PublishSubject<Integer> source = PublishSubject.create();
                PublishSubject<Integer> other = PublishSubject.create();
                Function<Integer, Integer> f = MAPS.get(op);
                Predicate<Integer> p = FILTERS.get(op);
                Observable<Integer> before = switch (at) {
                    case 0 -> source;
                    case 1 -> source.map(f::apply);
                    default -> source.map(f::apply).filter(p::test);
                };
                Observable<?> polluting = switch (op) {
                    case 0 -> before.scan(Data.ADD::apply);
                    case 1 -> before.distinctUntilChanged();
                    case 2 -> before.buffer(4);
                    case 3 -> before.buffer(3, 1);
                    case 4 -> Observable.combineLatest(before, other, Data.COMBINE::apply);
                    case 5 -> before.mergeWith(other);
                    case 6 -> before.skip(1);
                    default -> before.takeWhile(x -> x != -1);
                };
                Consumer<Object> sink = SINKS.get((op + at) & 7);
                polluting.subscribe(sink::accept);
                other.onNext(1);
                for (int i = 0; i < POLLUTION; i += inputs.length) {
                    Drive.rxjava(source, inputs);
                }
            }
        }
        return super.rxjavaPipeline(out);
    }

    @Override
    public Sinks.Many<Integer> reactorPipeline(Consumer<Object> out) {
        Integer[] inputs = Data.inputs();
        for (int op = 0; op < 8; op++) {
            for (int at = 0; at < 3; at++) {
                Sinks.Many<Integer> source = Drive.reactorSource();
                Sinks.Many<Integer> other = Sinks.many().replay().latest();
                Flux<Integer> before = switch (at) {
                    case 0 -> source.asFlux();
                    case 1 -> source.asFlux().map(MAPS.get(op));
                    default -> source.asFlux().map(MAPS.get(op)).filter(FILTERS.get(op));
                };
                Flux<?> polluting = switch (op) {
                    case 0 -> before.scan(Data.ADD);
                    case 1 -> before.distinctUntilChanged();
                    case 2 -> before.buffer(4);
                    case 3 -> before.buffer(3, 1);
                    case 4 -> Flux.combineLatest(before, other.asFlux(), Data.COMBINE);
                    case 5 -> before.mergeWith(other.asFlux());
                    case 6 -> before.skip(1);
                    default -> before.takeWhile(x -> x != -1);
                };
                polluting.subscribe(SINKS.get((op + at) & 7));
                other.tryEmitNext(1);
                for (int i = 0; i < POLLUTION; i += inputs.length) {
                    Drive.reactor(source, inputs);
                }
            }
        }
        return super.reactorPipeline(out);
    }
}
