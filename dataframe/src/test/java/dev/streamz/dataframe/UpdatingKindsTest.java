package dev.streamz.dataframe;

import dev.streamz.Stream;
import dev.streamz.frames.ColumnType;
import dev.streamz.frames.Frame;
import dev.streamz.frames.FrameBuilder;
import dev.streamz.frames.Schema;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The updating kinds that results come as: scalars, series and DataFrames, each replaced once per batch. */
class UpdatingKindsTest {
    private static final Schema KX = Schema.builder().category("name").int32("k").float64("x").build();

    static Frame batch(String[] names, int[] k, double[] x) {
        return FrameBuilder.of(KX, Math.max(1, x.length)).column("name", names).column("k", k).column("x", x).build();
    }

    static void emit(Stream<Frame> source, Frame f) {
        try {
            source.emit(f);
        } finally {
            f.release();
        }
    }

    static Frame empty() {
        return FrameBuilder.of(KX, 1).build();
    }

    @Test
    void T01_anUpdatingScalarEmitsOncePerBatchAndKeepsTheLatestValue() {
        Stream<Frame> source = Stream.create("t01");
        StreamingDataFrame sdf = StreamingDataFrame.from(source, KX);
        UpdatingScalar total = sdf.col("x").sum();
        UpdatingScalar size = sdf.size();
        assertEquals("x.sum()", total.name());
        assertTrue(Double.isNaN(total.latest()), "NaN before the first batch");
        List<Double> seen = new ArrayList<>();
        total.sink(seen::add);
        List<Double> boxed = total.stream().sinkToList();
        List<Double> sizes = size.stream().sinkToList();

        emit(source, empty());
        assertEquals(0.0, total.latest());
        emit(source, batch(new String[] {"a", "b"}, new int[] {1, 2}, new double[] {1.5, 2.5}));
        emit(source, empty());
        assertEquals(List.of(0.0, 4.0, 4.0), seen, "one value per batch, empty batches included");
        assertEquals(seen, boxed, "the value is computed once and seen by every consumer");
        assertEquals(List.of(0.0, 6.0, 6.0), sizes, "rows x columns");
        assertEquals(4.0, total.latest());
        assertThrows(NullPointerException.class, () -> total.sink(null));
    }

    @Test
    void T02_groupByResultsAreUpdatingSeriesIndexedByTheKeyInKeyOrder() {
        Stream<Frame> source = Stream.create("t02");
        StreamingDataFrame sdf = StreamingDataFrame.from(source, KX);
        UpdatingSeries byName = sdf.groupby("name").sum("x");
        UpdatingSeries byK = sdf.groupby("k").mean("x");
        UpdatingSeries sizes = sdf.groupby("k").size();
        UpdatingSeries counts = sdf.col("name").valueCounts();

        assertEquals(Schema.builder().category("name").float64("x").build(), byName.schema());
        assertEquals("name", byName.index());
        assertEquals("x", byName.name());
        assertEquals(ColumnType.INT64, byK.schema().field(0).type(), "int32 keys come out as int64");
        assertEquals("size", sizes.name());
        assertEquals("name", counts.index());
        assertEquals("count", counts.name());

        List<Map<Object, Double>> names = byName.toMaps().sinkToList();
        List<Map<Object, Double>> ks = byK.toMaps().sinkToList();
        List<Map<Object, Double>> vc = counts.toMaps().sinkToList();
        emit(source, empty());
        // Labels sort alphabetically, not by their code (first seen): "zed" is code 0.
        emit(source, batch(new String[] {"zed", "amy", "zed"}, new int[] {7, -1, 7}, new double[] {1, 2, 3}));
        emit(source, batch(new String[] {"bob"}, new int[] {3}, new double[] {10}));

        assertEquals(List.of(Map.of(), map("amy", 2.0, "zed", 4.0), map("amy", 2.0, "bob", 10.0, "zed", 4.0)), names);
        assertEquals(List.of(Map.of(), map(-1L, 2.0, 7L, 2.0), map(-1L, 2.0, 3L, 10.0, 7L, 2.0)), ks);
        assertEquals(map("amy", 1.0, "bob", 1.0, "zed", 2.0), vc.get(2));
        assertEquals(3, vc.size(), "one series per batch, the empty one included");
        assertEquals(List.of("amy", "bob", "zed"), new ArrayList<>(names.get(2).keySet()), "in key order");
    }

    @Test
    void T03_anUpdatingSeriesFrameIsLentAndARetainedOneIsNeverOverwritten() {
        Stream<Frame> source = Stream.create("t03");
        UpdatingSeries sums = StreamingDataFrame.from(source, KX).groupby("k").sum("x");
        List<Frame> seen = new ArrayList<>();
        sums.stream().sink(f -> {
            if (seen.isEmpty()) {
                f.retain();
            }
            seen.add(f);
        });
        emit(source, batch(new String[] {"a"}, new int[] {1}, new double[] {5}));
        emit(source, batch(new String[] {"a", "b"}, new int[] {1, 2}, new double[] {1, 7}));
        assertNotSame(seen.get(0), seen.get(1));
        assertEquals(1, seen.get(0).rowCount(), "the kept series still holds its rows");
        assertEquals(5.0, seen.get(0).column("x").getDouble(0));
        seen.get(0).release();
        emit(source, empty());
        assertSame(seen.get(1), seen.get(2), "a series frame nobody kept is reused");
        assertEquals(2, seen.get(2).rowCount(), "an empty batch emits the same series again");
        assertEquals(6.0, seen.get(2).column("x").getDouble(0));
        assertEquals(7.0, seen.get(2).column("x").getDouble(1));
    }

    @Test
    void T04_anUpdatingDataFrameGivesItsColumnsAsSeriesAndAsMaps() {
        Schema schema = Schema.builder().category("name").float64("a").float64("b").build();
        Stream<Frame> tables = Stream.create("t04");
        UpdatingDataFrame df = new UpdatingDataFrame(tables, schema);
        assertEquals("name", df.index());
        assertEquals(List.of("a", "b"), df.columns());
        UpdatingSeries b = df.col("b");
        assertEquals(Schema.builder().category("name").float64("b").build(), b.schema());
        List<Map<Object, Double>> bs = b.toMaps().sinkToList();
        List<Map<String, Map<Object, Double>>> all = df.toMaps().sinkToList();
        assertThrows(IllegalArgumentException.class, () -> df.col("name"));
        assertThrows(IllegalArgumentException.class, () -> df.col("c"));

        Frame f = FrameBuilder.of(schema, 2).column("name", new String[] {"x", "y"})
                .column("a", new double[] {1, 2}).column("b", new double[] {3, Double.NaN}).build();
        emit(tables, f);
        assertEquals(List.of(map("x", 3.0, "y", Double.NaN)), bs);
        Map<String, Map<Object, Double>> want = new LinkedHashMap<>();
        want.put("a", map("x", 1.0, "y", 2.0));
        want.put("b", map("x", 3.0, "y", Double.NaN));
        assertEquals(List.of(want), all);
    }

    static Map<Object, Double> map(Object... kv) {
        Map<Object, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], (Double) kv[i + 1]);
        }
        return m;
    }
}
