package dev.streamz.benchmarks;

import org.junit.jupiter.api.Test;

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

    private static void check(PerEmitBench shape, Function<Object, Object> normalizeOurs, int expectedSize) {
        List<Object> a = run(shape::streamzPipeline, Drive::streamz, normalizeOurs);
        List<Object> b = run(shape::rxjavaPipeline, Drive::rxjava, x -> x);
        List<Object> c = run(shape::reactorPipeline, Drive::reactor, x -> x);
        assertEquals(expectedSize, a.size(), "streamz-jvm output count");
        assertEquals(a, b, "RxJava differs from streamz-jvm");
        assertEquals(a, c, "Reactor differs from streamz-jvm");
    }

    @Test
    void sinkOnly() {
        check(new SinkOnlyBench(), x -> x, 2 * Data.BATCH);
    }

    @Test
    void mapFilterSink() {
        check(new MapFilterSinkBench(), x -> x, Data.BATCH);
    }

    @Test
    void branch() {
        check(new BranchBench(), x -> x, 4 * Data.BATCH);
    }

    @Test
    void zip() {
        // streamz-jvm emits the tuple (a, b); the peers' zipper emits a + b (wrapped like Data.COMBINE).
        check(new ZipBench(), t -> Data.COMBINE.apply((Integer) ((List<?>) t).get(0), (Integer) ((List<?>) t).get(1)),
                2 * Data.BATCH);
    }

    @Test
    void accumulate() {
        check(new AccumulateBench(), x -> x, 2 * Data.BATCH);
    }
}
