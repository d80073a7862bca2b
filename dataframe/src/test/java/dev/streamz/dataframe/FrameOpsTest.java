package dev.streamz.dataframe;

import dev.streamz.Stream;
import dev.streamz.frames.ColumnType;
import dev.streamz.frames.Frame;
import dev.streamz.frames.FrameBuilder;
import dev.streamz.frames.Schema;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The frame-wide element-wise operations on real frames: select, astype, round, setIndex as a re-index,
 * resetIndex, tail and the per-row map; each emits one frame per batch, empty batches included. Expected
 * values are pandas 1.5.3's for the same data.
 */
class FrameOpsTest {
    static final Schema S = Schema.builder().category("name").int64("qty").float64("price").timestamp("ts").build();

    static Frame batch(int from, int rows) {
        FrameBuilder b = FrameBuilder.of(S, Math.max(1, rows));
        if (rows == 0) {
            return b.build();
        }
        String[] names = new String[rows];
        long[] qty = new long[rows];
        double[] price = new double[rows];
        long[] ts = new long[rows];
        for (int i = 0; i < rows; i++) {
            names[i] = i % 2 == 0 ? "a" : "b";
            qty[i] = from + i;
            price[i] = (from + i) * 1.25;
            ts[i] = (from + i) * 3_600_000_000_000L;
        }
        return b.column("name", names).column("qty", qty).column("price", price).column("ts", ts).build();
    }

    /** Emits batches of 3, 0 and 2 rows and returns what {@code op} emitted for each, as rows. */
    static List<List<List<Object>>> run(Function<StreamingDataFrame, StreamingDataFrame> op) {
        Stream<Frame> source = Stream.create("ops");
        StreamingDataFrame out = op.apply(StreamingDataFrame.from(source, S));
        List<List<List<Object>>> got = new ArrayList<>();
        out.stream().sink(f -> got.add(f.rows()));
        int from = 0;
        for (int rows : new int[] {3, 0, 2}) {
            try (Frame f = batch(from, rows)) {
                source.emit(f);
            }
            from += rows;
        }
        return got;
    }

    static List<Object> row(Object... values) {
        return Arrays.asList(values);
    }

    static Instant hour(int h) {
        return Instant.ofEpochSecond(h * 3600L);
    }

    @Test
    void S08_selectSeveralColumnsInOrderTheIndexComesAlong() {
        assertEquals(List.of(
                List.of(row(0.0, "a"), row(1.25, "b"), row(2.5, "a")), List.of(), List.of(row(3.75, "a"), row(5.0, "b"))),
                run(sdf -> sdf.select("price", "name")));
        StreamingDataFrame sdf = StreamingDataFrame.from(Stream.create(), S).setIndex("ts");
        StreamingDataFrame sel = sdf.select("qty");
        assertEquals(List.of("qty"), sel.columns());
        assertEquals("ts", sel.index().orElseThrow());
        sel.col("qty").window(Duration.ofHours(2)); // the time index still serves time windows
        assertMessage("select[nope]: no column 'nope'", () -> sdf.select("nope"));
        assertMessage("select[qty, qty]: column 'qty' is named twice", () -> sdf.select("qty", "qty"));
        assertMessage("select[ts]: 'ts' is the index", () -> sdf.select("ts"));
        assertMessage("select[]: name at least one column", sdf::select);
    }

    @Test
    void S09_astypeAndRoundOfEveryColumn() {
        StreamingDataFrame sdf = StreamingDataFrame.from(Stream.create(), S);
        assertMessage("astype(FLOAT64): astype: no cast from 'name' (CATEGORY) to FLOAT64",
                () -> sdf.astype(ColumnType.FLOAT64));
        assertMessage("astype({nope=INT64}): no column 'nope'", () -> sdf.astype(Map.of("nope", ColumnType.INT64)));
        List<List<List<Object>>> got = run(s -> s.astype(Map.of("price", ColumnType.INT64, "qty", ColumnType.FLOAT64)));
        assertEquals(List.of(row("a", 0.0, 0L, hour(0)), row("b", 1.0, 1L, hour(1)), row("a", 2.0, 2L, hour(2))),
                got.get(0));
        assertEquals(List.of(), got.get(1));
        // round(1) is half to even on the float64 columns (1.25 → 1.2, 3.75 → 3.8); round(-1) on int64 too
        got = run(s -> s.round(1));
        assertEquals(List.of(row("a", 0L, 0.0, hour(0)), row("b", 1L, 1.2, hour(1)), row("a", 2L, 2.5, hour(2))),
                got.get(0));
        assertEquals(List.of(row("a", 3L, 3.8, hour(3)), row("b", 4L, 5.0, hour(4))), got.get(2));
        got = run(s -> s.assign("qty", Expr.col("qty").mul(5)).round(-1)); // 0, 5, 10, 15, 20 → 0, 0, 10, 20, 20
        assertEquals(List.of(0L, 0L, 10L), got.get(0).stream().map(r -> r.get(1)).toList());
        assertEquals(List.of(20L, 20L), got.get(2).stream().map(r -> r.get(1)).toList());
    }

    @Test
    void S10_setIndexIsAReIndexAndResetIndexBringsItBack() {
        StreamingDataFrame sdf = StreamingDataFrame.from(Stream.create(), S);
        StreamingDataFrame byTs = sdf.setIndex("ts");
        assertEquals(List.of("name", "qty", "price"), byTs.columns());
        assertMessage("col: 'ts' is the index, not a column", () -> byTs.col("ts"));
        assertMessage("assign(ts=1): 'ts' is the index", () -> byTs.assign("ts", Expr.lit(1)));
        // a second setIndex drops the first index, as pandas does
        StreamingDataFrame byQty = byTs.setIndex("qty");
        assertEquals(List.of("name", "qty", "price"), byQty.schema().names());
        assertEquals(List.of("name", "price"), byQty.columns());
        assertEquals(List.of(List.of(row("a", 0L, 0.0), row("b", 1L, 1.25), row("a", 2L, 2.5)), List.of(),
                List.of(row("a", 3L, 3.75), row("b", 4L, 5.0))), run(s -> s.setIndex("ts").setIndex("qty")));
        // resetIndex: the index becomes the first column again
        StreamingDataFrame back = byTs.resetIndex();
        assertEquals(List.of("ts", "name", "qty", "price"), back.columns());
        assertTrue(back.index().isEmpty());
        assertEquals(List.of(row(hour(3), "a", 3L, 3.75), row(hour(4), "b", 4L, 5.0)),
                run(s -> s.setIndex("ts").resetIndex()).get(2));
        // without an index: rows numbered in arrival order across batches, in a column named index
        List<List<List<Object>>> got = run(StreamingDataFrame::resetIndex);
        assertEquals(List.of(0L, 1L, 2L), got.get(0).stream().map(r -> r.get(0)).toList());
        assertEquals(List.of(), got.get(1));
        assertEquals(List.of(3L, 4L), got.get(2).stream().map(r -> r.get(0)).toList());
        assertEquals("level_0", sdf.resetIndex().resetIndex().columns().get(0)); // 'index' is taken
        assertMessage("resetIndex(): columns 'index' and 'level_0' are both taken",
                () -> sdf.resetIndex().resetIndex().resetIndex());
    }

    @Test
    void S11_tailIsTheLastRowsOfEachBatch() {
        assertEquals(List.of(List.of(row("b", 1L, 1.25, hour(1)), row("a", 2L, 2.5, hour(2))), List.of(),
                List.of(row("a", 3L, 3.75, hour(3)), row("b", 4L, 5.0, hour(4)))), run(sdf -> sdf.tail(2)));
        assertEquals(List.of(List.of(), List.of(), List.of()), run(sdf -> sdf.tail(0)));
        assertEquals(5, run(sdf -> sdf.tail(100)).stream().mapToInt(List::size).sum());
        assertMessage("tail(-1): n must be at least 0", () -> StreamingDataFrame.from(Stream.create(), S).tail(-1));
    }

    @Test
    void S12_mapIsAPerRowSlowPathThatSkipsNulls() {
        Schema schema = Schema.builder().float64("x").build();
        Stream<Frame> source = Stream.create("map");
        StreamingDataFrame sdf = StreamingDataFrame.from(source, schema);
        List<Integer> calls = new ArrayList<>();
        List<List<List<Object>>> got = new ArrayList<>();
        sdf.col("x").map(v -> {
            calls.add(1);
            return v * v;
        }).frame().stream().sink(f -> got.add(f.rows()));
        try (Frame f = FrameBuilder.of(schema, 3).column("x", new double[] {2, 0, Double.NaN})
                .nulls("x", new boolean[] {false, true, false}).build()) {
            source.emit(f);
        }
        assertEquals(List.of(List.of(row(4.0), row((Object) null), row(Double.NaN))), got);
        assertEquals(2, calls.size()); // the null row is not passed to the function; NaN is a value
    }

    @Test
    void S13_aComputedSeriesKeepsTheIndexAndFeedsEveryAggregation() {
        Stream<Frame> source = Stream.create("derived");
        StreamingDataFrame sdf = StreamingDataFrame.from(source, S).setIndex("ts");
        StreamingSeries doubled = sdf.col("qty").mul(2);
        assertEquals("ts", doubled.frame().index().orElseThrow());
        List<Double> windowSums = new ArrayList<>();
        doubled.window(Duration.ofHours(2)).sum().sink(windowSums::add);
        List<double[]> cumsum = new ArrayList<>();
        doubled.cumsum().frame().stream().sink(f -> cumsum.add(ElementwiseConformanceTest.values(f, "qty")));
        List<Long> kept = new ArrayList<>();
        // an expression over the index column itself: pandas' sdf[sdf.index >= t]
        sdf.filter(Expr.col("ts").ge(Expr.lit(hour(1)))).stream().sink(f -> kept.add((long) f.rowCount()));
        int from = 0;
        for (int rows : new int[] {3, 0, 2}) {
            try (Frame f = batch(from, rows)) {
                source.emit(f);
            }
            from += rows;
        }
        // qty * 2 = 0, 2, 4 | - | 6, 8 at hours 0..4; window (newest - 2h, newest]
        assertEquals(List.of(6.0, 6.0, 14.0), windowSums);
        assertEquals(List.of(2L, 0L, 2L), kept);
        assertEquals(3, cumsum.size());
        assertEquals(List.of(0.0, 2.0, 6.0), Arrays.stream(cumsum.get(0)).boxed().toList());
        assertEquals(List.of(12.0, 20.0), Arrays.stream(cumsum.get(2)).boxed().toList());
    }

    static void assertMessage(String start, Runnable r) {
        String m = assertThrows(IllegalArgumentException.class, r::run).getMessage();
        assertTrue(m.startsWith(start), m);
    }
}
