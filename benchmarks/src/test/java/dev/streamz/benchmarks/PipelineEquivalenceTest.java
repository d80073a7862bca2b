package dev.streamz.benchmarks;

import dev.streamz.Stream;
import io.reactivex.rxjava3.subjects.PublishSubject;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Sinks;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The three pipelines of each benchmark compute the same thing: the same inputs produce the same outputs,
 * in the same order, so the timings compare equal work.
 */
class PipelineEquivalenceTest {
    interface Builder<S> {
        S build(Consumer<Object> out);
    }

    private static <S> List<Object> run(Builder<S> builder, java.util.function.BiConsumer<S, Integer[]> drive,
                                        Function<Object, Object> normalize) {
        List<Object> out = new ArrayList<>();
        S source = builder.build(x -> out.add(normalize.apply(x)));
        Integer[] in = Data.inputs();
        drive.accept(source, in);
        drive.accept(source, in); // twice: state (accumulate, zip buffers) carries over as in the benchmark
        return out;
    }

    private static void check(Builder<Stream<Integer>> ours, Builder<PublishSubject<Integer>> rx,
                              Builder<Sinks.Many<Integer>> reactor, Function<Object, Object> normalizeOurs,
                              int expectedSize) {
        List<Object> a = run(ours, Drive::streamz, normalizeOurs);
        List<Object> b = run(rx, Drive::rxjava, x -> x);
        List<Object> c = run(reactor, Drive::reactor, x -> x);
        assertEquals(expectedSize, a.size(), "streamz-jvm output count");
        assertEquals(a, b, "RxJava differs from streamz-jvm");
        assertEquals(a, c, "Reactor differs from streamz-jvm");
    }

    @Test
    void sinkOnly() {
        check(SinkOnlyBench::streamzPipeline, SinkOnlyBench::rxjavaPipeline, SinkOnlyBench::reactorPipeline,
                x -> x, 2 * Data.BATCH);
    }

    @Test
    void mapFilterSink() {
        check(MapFilterSinkBench::streamzPipeline, MapFilterSinkBench::rxjavaPipeline,
                MapFilterSinkBench::reactorPipeline, x -> x, Data.BATCH);
    }

    @Test
    void branch() {
        check(BranchBench::streamzPipeline, BranchBench::rxjavaPipeline, BranchBench::reactorPipeline,
                x -> x, 4 * Data.BATCH);
    }

    @Test
    void zip() {
        // streamz-jvm emits the tuple (a, b); the peers' zipper emits a + b (wrapped like Data.COMBINE).
        check(ZipBench::streamzPipeline, ZipBench::rxjavaPipeline, ZipBench::reactorPipeline,
                t -> Data.COMBINE.apply((Integer) ((List<?>) t).get(0), (Integer) ((List<?>) t).get(1)),
                2 * Data.BATCH);
    }

    @Test
    void accumulate() {
        check(AccumulateBench::streamzPipeline, AccumulateBench::rxjavaPipeline, AccumulateBench::reactorPipeline,
                x -> x, 2 * Data.BATCH);
    }
}
