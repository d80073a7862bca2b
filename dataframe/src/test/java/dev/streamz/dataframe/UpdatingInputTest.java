package dev.streamz.dataframe;

import dev.streamz.Stream;
import dev.streamz.dataframe.StreamzCases.Batch;
import dev.streamz.dataframe.StreamzCases.Case;
import dev.streamz.frames.Column;
import dev.streamz.frames.Frame;
import dev.streamz.frames.FrameBuilder;
import dev.streamz.frames.Schema;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Updating DataFrames and series as inputs (streamz's {@code DataFrames} / {@code Seriess}): each batch of
 * updating-cases.json is a whole table that replaces the last, and every operation works on the current
 * table alone. The table's index becomes column 0 ("index", int64). One emission per table, the empty
 * table included.
 */
class UpdatingInputTest {
    static Schema schema(Case c) {
        Schema.Builder b = Schema.builder().int64("index");
        c.dtypes().forEach((name, dtype) -> {
            if (dtype.equals("float64")) {
                b.float64(name);
            } else {
                b.int64(name);
            }
        });
        return b.build();
    }

    static Frame table(Case c, Schema schema, Batch batch) {
        int n = batch.rows();
        FrameBuilder fb = FrameBuilder.of(schema, Math.max(1, n));
        if (n == 0) {
            return fb.build();
        }
        long[] index = new long[n];
        for (int i = 0; i < n; i++) {
            index[i] = ((Number) batch.index().get(i)).longValue();
        }
        fb.column("index", index);
        for (Map.Entry<String, String> e : c.dtypes().entrySet()) {
            List<Object> v = batch.columns().get(e.getKey());
            boolean[] nulls = new boolean[n];
            double[] d = new double[n];
            long[] l = new long[n];
            for (int i = 0; i < n; i++) {
                nulls[i] = v.get(i) == null;
                d[i] = CaseAssert.num(v.get(i));
                l[i] = v.get(i) instanceof Number x ? x.longValue() : 0;
            }
            if (e.getValue().equals("float64")) {
                fb.column(e.getKey(), d);
            } else {
                fb.column(e.getKey(), l);
            }
            fb.nulls(e.getKey(), nulls);
        }
        return fb.build();
    }

    /** A frame emission as its index labels followed by column → values, read during the emission. */
    record Table(List<Object> index, Map<String, double[]> columns) {
        static Table of(Frame f) {
            List<Object> index = new ArrayList<>();
            for (int i = 0; i < f.rowCount(); i++) {
                index.add(f.column(0).get(i));
            }
            Map<String, double[]> cols = new LinkedHashMap<>();
            for (int c = 1; c < f.columnCount(); c++) {
                Column col = f.column(c);
                double[] d = new double[f.rowCount()];
                for (int i = 0; i < d.length; i++) {
                    d[i] = UpdatingSeries.value(col, i);
                }
                cols.put(col.name(), d);
            }
            return new Table(index, cols);
        }
    }

    @SuppressWarnings("unchecked")
    static void run(String prefix, Function<Case, Function<UpdatingDataFrame, Stream<?>>> pipeline) {
        List<String> failures = new ArrayList<>();
        List<Case> cases = StreamzCases.load("updating-cases.json").stream().filter(c -> c.id().startsWith(prefix)).toList();
        assertTrue(!cases.isEmpty(), "no case starts with " + prefix);
        for (Case c : cases) {
            Schema schema = schema(c);
            Stream<Frame> source = Stream.create(c.id());
            UpdatingDataFrame df = UpdatingDataFrame.from(source, schema);
            List<?> out = pipeline.apply(c).apply(df).sinkToList();
            for (Batch b : c.batches()) {
                Frame f = table(c, schema, b);
                try {
                    source.emit(f);
                } finally {
                    f.release();
                }
            }
            if (out.size() != c.batches().size()) {
                failures.add(c.id() + ": " + out.size() + " emissions for " + c.batches().size() + " tables");
                continue;
            }
            for (int i = 0; i < out.size(); i++) {
                Object got = out.get(i);
                Map<String, Object> want = c.expected().get(i);
                String m;
                if (got instanceof Table t) {
                    List<Object> wantIndex = new ArrayList<>();
                    for (Object o : (List<Object>) want.get("index")) {
                        wantIndex.add(((Number) o).longValue());
                    }
                    m = t.index().equals(wantIndex) ? CaseAssert.mismatch(t.columns(), want)
                            : "want index " + wantIndex + ", got " + t.index();
                } else {
                    m = CaseAssert.mismatch(got, want);
                }
                if (m != null) {
                    failures.add(c.id() + " table " + i + ": " + m);
                    break;
                }
            }
        }
        assertEquals(List.of(), failures);
    }

    static String last(Case c) {
        String[] p = c.id().split("\\.");
        return p[p.length - 1];
    }

    static int ddof(String agg) {
        return agg.endsWith("0") ? 0 : 1;
    }

    @Test
    void T05_reductionsOfAnUpdatingDataFrameAreOverEachTableAlone() {
        run("T05.", c -> df -> (switch (last(c).replace("0", "")) {
            case "sum" -> df.sum();
            case "mean" -> df.mean();
            case "count" -> df.count();
            case "min" -> df.min();
            case "max" -> df.max();
            case "var" -> df.var(ddof(last(c)));
            case "std" -> df.std(ddof(last(c)));
            default -> throw new IllegalArgumentException(c.id());
        }).toMaps());
    }

    @Test
    void T06_reductionsOfAnUpdatingSeriesAreOverEachEmissionAlone() {
        run("T06.", c -> df -> {
            UpdatingSeries s = df.col(c.id().split("\\.")[1]);
            return switch (last(c)) {
                case "column" -> s.toMaps();
                case "sum" -> s.sum().stream();
                case "mean" -> s.mean().stream();
                case "count" -> s.count().stream();
                case "min" -> s.min().stream();
                case "max" -> s.max().stream();
                case "var" -> s.var(1).stream();
                case "std" -> s.std(1).stream();
                default -> throw new IllegalArgumentException(c.id());
            };
        });
    }

    @Test
    void T07_tailAndNlargestOfEachEmission() {
        run("T07.frame.tail2", c -> df -> df.tail(2).stream().map(Table::of));
        run("T07.frame.nlargest2", c -> df -> df.nlargest(2, "x").stream().map(Table::of));
        run("T07.x.tail1", c -> df -> df.col("x").tail(1).toMaps());
        run("T07.x.nlargest2", c -> df -> df.col("x").nlargest(2).toMaps());
        run("T07.y.nlargest5", c -> df -> df.col("y").nlargest(5).toMaps());
    }

    @Test
    void T16_filterAndAssignWorkOnEachTable() {
        run("T16.filter", c -> df -> df.filter(Expr.col("x").gt(2)).stream().map(Table::of));
        run("T16.assign", c -> df -> df.assign("z", Expr.col("x").mul(2)).stream().map(Table::of));
        run("T16.series.filter", c -> df -> df.col("x").filter(Expr.col("x").gt(2)).toMaps());
        Stream<Frame> source = Stream.create();
        UpdatingDataFrame df = UpdatingDataFrame.from(source, Schema.builder().int64("index").float64("x").build());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> df.assign("index", Expr.col("x")))
                .getMessage().contains("is the index"));
    }

    @Test
    void T08_sizeIsPandasSizeOfEachEmission() {
        run("T08.frame.size", c -> df -> df.size().stream());
        run("T08.x.size", c -> df -> df.col("x").size().stream());
    }

    @Test
    void T09_anUpdatingInputChecksEachTableAgainstItsExample() {
        Schema schema = Schema.builder().int64("index").float64("x").build();
        Stream<Frame> source = Stream.create("t09");
        UpdatingDataFrame df = UpdatingDataFrame.from(source, schema);
        List<Double> sums = df.col("x").sum().stream().sinkToList();
        Frame good = FrameBuilder.of(schema, 2).column("index", new long[] {1, 2}).column("x", new double[] {1, 2}).build();
        BadInputTest.emit(source, good);
        Schema other = Schema.builder().int64("index").int64("x").build();
        Frame bad = FrameBuilder.of(other, 1).column("index", new long[] {1}).column("x", new long[] {5}).build();
        Throwable e = assertThrows(dev.streamz.StreamException.class, () -> BadInputTest.emit(source, bad));
        String m = BadInputTest.message(e);
        assertTrue(m.contains("UpdatingDataFrame.from") && m.contains(other.toString()) && m.contains(schema.toString()), m);
        assertEquals(List.of(3.0), sums, "nothing downstream saw the bad table");

        assertThrows(IllegalArgumentException.class, () -> UpdatingDataFrame.from(source, Schema.builder().int64("i").build()));
        assertThrows(NullPointerException.class, () -> UpdatingDataFrame.from(null, schema));
        assertThrows(IllegalArgumentException.class,
                () -> UpdatingSeries.from(source, Schema.builder().int64("i").category("c").build()));

        Stream<Frame> series = Stream.create("t09.series");
        UpdatingSeries s = UpdatingSeries.from(series, schema);
        List<Double> maxima = s.max().stream().sinkToList();
        List<Map<Object, Double>> top = s.nlargest(1).toMaps().sinkToList();
        BadInputTest.emit(series, FrameBuilder.of(schema, 2).column("index", new long[] {7, 8})
                .column("x", new double[] {4, 9}).build());
        BadInputTest.emit(series, FrameBuilder.of(schema, 1).build());
        assertEquals(List.of(9.0, Double.NaN), maxima, "each emission alone: the empty one has no maximum");
        assertEquals(List.of(Map.of(8L, 9.0), Map.of()), top);
        assertThrows(IllegalArgumentException.class, () -> df.tail(-1));
        assertEquals("nlargest(2, 'z'): no column 'z' (columns: [index, x])",
                assertThrows(IllegalArgumentException.class, () -> df.nlargest(2, "z")).getMessage());
        Schema cat = Schema.builder().int64("index").category("c").build();
        assertTrue(assertThrows(IllegalArgumentException.class, () -> UpdatingDataFrame.from(Stream.create(), cat).sum())
                .getMessage().contains("'c' is CATEGORY"));
    }
}
