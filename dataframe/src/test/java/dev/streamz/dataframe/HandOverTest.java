package dev.streamz.dataframe;

import dev.streamz.RefCounter;
import dev.streamz.Stream;
import dev.streamz.disruptor.CompiledPipeline;
import dev.streamz.disruptor.DisruptorRuntime;
import dev.streamz.disruptor.PipelineOptions;
import dev.streamz.frames.ColumnType;
import dev.streamz.frames.Frame;
import dev.streamz.frames.FrameBuilder;
import dev.streamz.frames.FramePool;
import dev.streamz.frames.Schema;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * DataFrame operations in the compiled (disruptor) runtime, and frames that operations emit crossing a
 * ring or kept by a node past their emission.
 */
class HandOverTest {
    private static final Schema KX = Schema.builder().int64("k").float64("x").build();
    private static final int BATCHES = 300;

    /** Batch {@code b}: {@code 1 + b % 7} rows, keys {@code (b + i) % 5}, values that vary with both. */
    static void fill(FrameBuilder rows, int b) {
        for (int i = 0; i <= b % 7; i++) {
            rows.addLong((b + i) % 5).addDouble((b * 31 + i * 17) % 101 / 4.0).endRow();
        }
    }

    /** The results of a set of operations, collected by sinks (read after the run). */
    record Results(List<Double> sums, List<Double> windowMeans, List<Double> ewm, List<Map<Object, Double>> groups,
                   List<Map<Object, Double>> windowGroups, List<double[]> rolling, List<double[]> cumsum,
                   List<Double> topGroup, List<Double> filtered, List<Double> assigned) {
        static Results of(StreamingDataFrame sdf) {
            StreamingSeries x = sdf.col("x");
            return new Results(x.sum().stream().sinkToList(), x.window(50).mean().stream().sinkToList(),
                    x.ewmMean(Ewm.span(5)).stream().sinkToList(), sdf.groupby("k").mean("x").toMaps().sinkToList(),
                    sdf.window(20).groupby("k").sum("x").toMaps().sinkToList(),
                    StreamingDataFrameConformanceTest.rows(x.rolling(10).max()).map(o -> (double[]) o).sinkToList(),
                    StreamingDataFrameConformanceTest.rows(x.cumsum()).map(o -> (double[]) o).sinkToList(),
                    sdf.groupby("k").sum("x").nlargest(1).sum().stream().sinkToList(),
                    sdf.filter(Expr.col("x").gt(10)).col("x").sum().stream().sinkToList(),
                    sdf.assign("y", Expr.col("x").mul(2)).col("y").max().stream().sinkToList());
        }

        void assertSame(Results o) {
            assertEquals(BATCHES, sums.size());
            assertEquals(sums, o.sums);
            assertEquals(windowMeans, o.windowMeans);
            assertEquals(ewm, o.ewm);
            assertEquals(groups, o.groups);
            assertEquals(windowGroups, o.windowGroups);
            assertEquals(topGroup, o.topGroup);
            assertEquals(filtered, o.filtered);
            assertEquals(assigned, o.assigned);
            for (int i = 0; i < BATCHES; i++) {
                assertTrue(Arrays.equals(rolling.get(i), o.rolling.get(i)), "rolling, batch " + i);
                assertTrue(Arrays.equals(cumsum.get(i), o.cumsum.get(i)), "cumsum, batch " + i);
            }
        }
    }

    @Test
    void T13_dataframeOperationsRunUnchangedInTheCompiledRuntime() throws Exception {
        // Directly: each batch from a fresh frame, released when emit returns.
        Stream<Frame> direct = Stream.create("direct");
        Results expected = Results.of(StreamingDataFrame.from(direct, KX));
        for (int b = 0; b < BATCHES; b++) {
            FrameBuilder rows = FrameBuilder.of(KX, 8);
            fill(rows, b);
            try (Frame f = rows.build()) {
                direct.emit(f);
            }
        }

        // Compiled: the DataFrame runs on its own segment behind async(), fed from a pool of 3 frames
        // through small rings; each frame carries a RefCounter, so it goes back to the pool only after the
        // DataFrame's segment is done with it.
        Stream<Frame> source = Stream.create("compiled");
        Results got = Results.of(StreamingDataFrame.from(source.async("dataframe"), KX));
        try (FramePool pool = FramePool.builder(KX).frameCapacity(8).frames(3).build()) {
            CompiledPipeline<Frame> pipeline = DisruptorRuntime.compile(source, PipelineOptions.builder().ringSize(2).build());
            FrameBuilder rows = null;
            for (int b = 0; b < BATCHES; b++) {
                Frame f = pool.acquire(Duration.ofSeconds(10));
                rows = rows == null ? FrameBuilder.into(f) : rows.reset(f);
                fill(rows, b);
                rows.build();
                RefCounter ref = f.refCounter();
                pipeline.emit(f, List.of(Map.of(RefCounter.METADATA_KEY, ref)));
                ref.release();
                f.release();
            }
            assertTrue(pipeline.close(Duration.ofSeconds(30)).drained());
            assertEquals(0, pool.held(), "every input frame went back to the pool");
        }
        expected.assertSame(got);
    }

    /**
     * A reader on another segment that holds its first frame until the operation has emitted four more.
     * Without the hand-over the operation would have written those into the same frame, so the reader
     * would see the fifth batch's sums in the first frame.
     */
    static List<String> readAcrossARing(Consumer<Stream<Frame>> fanout) throws Exception {
        Stream<Frame> source = Stream.create("in");
        UpdatingSeries sums = StreamingDataFrame.from(source, KX).groupby("k").sum("x");
        CountDownLatch computed = new CountDownLatch(5);
        CountDownLatch go = new CountDownLatch(1);
        List<String> seen = new ArrayList<>();
        sums.stream().sink(f -> computed.countDown()); // on the DataFrame's segment
        Stream<Frame> reader = sums.stream().async("reader");
        fanout.accept(reader);
        reader.sink(f -> {
            if (seen.isEmpty()) {
                go.await(10, TimeUnit.SECONDS);
            }
            seen.add(UpdatingSeries.toMap(f).toString());
        });
        CompiledPipeline<Frame> pipeline = DisruptorRuntime.compile(source, PipelineOptions.builder().ringSize(8).build());
        for (int b = 1; b <= 5; b++) {
            try (Frame f = FrameBuilder.of(KX, 1).addLong(0).addDouble(b).endRow().build()) {
                RefCounter ref = f.refCounter();
                pipeline.emit(f, List.of(Map.of(RefCounter.METADATA_KEY, ref)));
                ref.release();
            }
        }
        assertTrue(computed.await(10, TimeUnit.SECONDS));
        go.countDown();
        assertTrue(pipeline.close(Duration.ofSeconds(30)).drained());
        return seen;
    }

    @Test
    void T14_aFrameAnOperationEmitsIsNotOverwrittenWhileAnotherSegmentReadsIt() throws Exception {
        List<String> want = List.of("{0=1.0}", "{0=3.0}", "{0=6.0}", "{0=10.0}", "{0=15.0}");
        assertEquals(want, readAcrossARing(r -> { }));
    }

    @Test
    void T15_aFrameKeptByANodePastItsEmissionIsNotOverwritten() {
        Stream<Frame> source = Stream.create("in");
        StreamingDataFrame sdf = StreamingDataFrame.from(source, KX);
        List<List<Frame>> pairs = new ArrayList<>();
        List<String> firstOfPair = new ArrayList<>();
        // slidingWindow keeps the previous frame by reference while the next one arrives.
        sdf.groupby("k").sum("x").stream().slidingWindow(2).sink(w -> {
            pairs.add(w);
            firstOfPair.add(UpdatingSeries.toMap(w.get(0)).toString());
        });
        List<String> cumFirst = new ArrayList<>();
        sdf.col("x").cumsum().frame().stream().slidingWindow(2)
                .sink(w -> cumFirst.add(Arrays.toString(StreamingDataFrameConformanceTest.values(w.get(0), "x"))));
        List<String> filteredFirst = new ArrayList<>();
        sdf.filter(Expr.col("x").gt(1)).stream().slidingWindow(2)
                .sink(w -> filteredFirst.add(Arrays.toString(StreamingDataFrameConformanceTest.values(w.get(0), "x"))));
        for (int b = 1; b <= 4; b++) {
            try (Frame f = FrameBuilder.of(KX, 1).addLong(b % 2).addDouble(b).endRow().build()) {
                source.emit(f);
            }
        }
        assertEquals(List.of("{1=1.0}", "{1=1.0}", "{0=2.0, 1=1.0}", "{0=2.0, 1=4.0}"), firstOfPair,
                "the kept frame still holds the sums it was emitted with");
        for (List<Frame> w : pairs) {
            if (w.size() == 2) {
                assertNotSame(w.get(0), w.get(1));
            }
        }
        assertEquals(List.of("[1.0]", "[1.0]", "[3.0]", "[6.0]"), cumFirst, "a streaming series' frames too");
        assertEquals(List.of("[]", "[]", "[2.0]", "[3.0]"), filteredFirst, "and a filter's");
    }

    /** Renders every cell of a frame, so a later overwrite shows as a different string. */
    private static String render(Frame f) {
        StringBuilder sb = new StringBuilder();
        for (int c = 0; c < f.schema().size(); c++) {
            sb.append(f.schema().field(c).name()).append('=');
            for (int i = 0; i < f.rowCount(); i++) {
                sb.append(f.column(c).isNull(i) ? "null" : f.column(c).get(i)).append(',');
            }
            sb.append(' ');
        }
        return sb.toString();
    }

    @Test
    void T15_everyFrameEmittingOperationLeavesAKeptFrameIntact() {
        Stream<Frame> source = Stream.create("in");
        StreamingDataFrame sdf = StreamingDataFrame.from(source, KX);
        Map<String, Stream<Frame>> ops = new LinkedHashMap<>();
        ops.put("sum()", sdf.sum().stream());
        ops.put("groupby(k).cols(x).sum()", sdf.groupby("k").cols("x").sum().stream());
        ops.put("window(3).full()", sdf.window(3).full().stream());
        ops.put("select(x)", sdf.select("x").stream());
        ops.put("tail(1)", sdf.tail(1).stream());
        ops.put("resetIndex()", sdf.resetIndex().stream());
        ops.put("astype(FLOAT64)", sdf.astype(ColumnType.FLOAT64).stream());
        ops.put("round(0)", sdf.round(0).stream());
        Map<String, List<String>> arrived = new LinkedHashMap<>();
        Map<String, List<String>> kept = new LinkedHashMap<>();
        ops.forEach((name, frames) -> {
            List<String> seen = new ArrayList<>();
            List<String> held = new ArrayList<>();
            arrived.put(name, seen);
            kept.put(name, held);
            // The window holds the previous frame while the next one arrives: read it again then.
            frames.slidingWindow(2).sink(w -> {
                if (w.size() == 2) {
                    held.add(render(w.get(0)));
                }
                seen.add(render(w.get(w.size() - 1)));
            });
        });
        for (int b = 1; b <= 4; b++) {
            try (Frame f = FrameBuilder.of(KX, 1).addLong(b % 2).addDouble(b + 0.25).endRow().build()) {
                source.emit(f);
            }
        }
        ops.keySet().forEach(name -> assertEquals(arrived.get(name).subList(0, 3), kept.get(name),
                name + ": a kept frame still holds what it was emitted with"));
    }
}
