package dev.streamz.dataframe;

import dev.streamz.Stream;
import dev.streamz.dataframe.StreamzCases.Batch;
import dev.streamz.dataframe.StreamzCases.Case;
import dev.streamz.frames.Column;
import dev.streamz.frames.ColumnType;
import dev.streamz.frames.Frame;
import dev.streamz.frames.Schema;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The element-wise operations (expressions, filter, assign, astype, round, setIndex/resetIndex, tail, map)
 * against the recorded streamz cases L04–L06 and L21: each case's batches go through the public API and every
 * emission is checked, values and dtype, against streamz's output for that batch; exactly one emission per
 * batch, empty batches included.
 */
class ElementwiseConformanceTest {
    /** The key of the index's values among a frame emission's columns (not a column name). */
    static final String INDEX = "\u0000index";

    /** A row's value as a double: null is NaN, booleans 1/0. */
    static double value(Column c, int i) {
        if (c.isNull(i)) {
            return Double.NaN;
        }
        return switch (c.type()) {
            case FLOAT64 -> c.getDouble(i);
            case BOOLEAN -> c.getBoolean(i) ? 1 : 0;
            case INT32 -> c.getInt(i);
            default -> c.getLong(i);
        };
    }

    static double[] values(Frame f, String column) {
        Column c = f.column(column);
        double[] d = new double[f.rowCount()];
        for (int i = 0; i < d.length; i++) {
            d[i] = value(c, i);
        }
        return d;
    }

    static String dtype(ColumnType t) {
        return switch (t) {
            case FLOAT64 -> "float64";
            case INT64 -> "int64";
            case BOOLEAN -> "bool";
            default -> t.toString();
        };
    }

    /** A streaming series' emissions: the new rows' values, read during the emission (frames are lent). */
    static Stream<?> rows(StreamingSeries s) {
        return s.frame().stream().map(f -> values(f, s.name()));
    }

    /** A streaming frame's emissions: its columns (the index excluded) with their values and dtypes. */
    static Stream<?> columns(StreamingDataFrame sdf) {
        return sdf.stream().map(f -> {
            Map<String, double[]> m = new LinkedHashMap<>();
            for (String name : sdf.columns()) {
                m.put(name, values(f, name));
                m.put("dtype:" + name, new double[] {f.column(name).type().ordinal()});
            }
            if (sdf.index().isPresent()) {
                m.put(INDEX, values(f, sdf.index().get()));
            }
            return m;
        });
    }

    @SuppressWarnings("unchecked")
    static String mismatch(Object got, Map<String, Object> want, Object type) {
        if (got instanceof Map<?, ?> g && "frame".equals(want.get("t"))) {
            Map<String, double[]> cols = new LinkedHashMap<>();
            Map<String, Object> wantCols = (Map<String, Object>) want.get("columns");
            for (Map.Entry<String, double[]> e : ((Map<String, double[]>) g).entrySet()) {
                if (e.getKey().startsWith("dtype:")) {
                    String name = e.getKey().substring(6);
                    String d = dtype(ColumnType.values()[(int) e.getValue()[0]]);
                    Object w = wantCols.containsKey(name) ? ((Map<String, Object>) wantCols.get(name)).get("dtype") : null;
                    if (!d.equals(w)) {
                        return "column " + name + ": want dtype " + w + ", got " + d;
                    }
                } else if (e.getKey().equals(INDEX)) {
                    double[] idx = e.getValue();
                    List<Object> wi = (List<Object>) want.get("index");
                    for (int i = 0; i < idx.length; i++) {
                        if (idx.length != wi.size() || idx[i] != CaseAssert.num(wi.get(i))) {
                            return "want index " + wi + ", got " + java.util.Arrays.toString(idx);
                        }
                    }
                } else {
                    cols.put(e.getKey(), e.getValue());
                }
            }
            return CaseAssert.mismatch(cols, want);
        }
        if (type != null && want.get("dtype") != null && !dtype((ColumnType) type).equals(want.get("dtype"))) {
            return "want dtype " + want.get("dtype") + ", got " + type;
        }
        return CaseAssert.mismatch(got, want);
    }

    /** Runs the cases starting with {@code prefix} through {@code pipeline}; a series result also has its type checked. */
    static void run(String prefix, Function<Case, Function<StreamingDataFrame, Object>> pipeline) {
        List<String> failures = new ArrayList<>();
        for (Case c : StreamzCases.startingWith(prefix)) {
            Schema schema = StreamingDataFrameConformanceTest.schema(c);
            Stream<Frame> source = Stream.create(c.id());
            StreamingDataFrame sdf = StreamingDataFrame.from(source, schema);
            if (c.timeIndex()) {
                sdf = sdf.setIndex("ts");
            }
            Object result = pipeline.apply(c).apply(sdf);
            ColumnType type = null;
            Stream<?> out;
            if (result instanceof StreamingSeries s) {
                type = s.type();
                out = rows(s);
            } else if (result instanceof StreamingDataFrame d) {
                out = columns(d);
            } else if (result instanceof UpdatingScalar u) {
                out = u.stream();
            } else if (result instanceof UpdatingScalar u) {
                out = u.stream();
            } else {
                out = (Stream<?>) result;
            }
            List<?> got = out.sinkToList();
            for (Batch b : c.batches()) {
                Frame f = StreamingDataFrameConformanceTest.frame(c, schema, b);
                try {
                    source.emit(f);
                } finally {
                    f.release();
                }
            }
            if (got.size() != c.batches().size()) {
                failures.add(c.id() + ": " + got.size() + " emissions for " + c.batches().size() + " batches");
                continue;
            }
            for (int i = 0; i < got.size(); i++) {
                String m = mismatch(got.get(i), c.expected().get(i), type);
                if (m != null) {
                    failures.add(c.id() + " batch " + i + ": " + m);
                    break;
                }
            }
        }
        assertEquals(List.of(), failures);
    }

    @Test
    void L05_arithmeticBetweenColumnsAndABooleanMaskFilter() {
        run("L05.arith", c -> sdf -> sdf.col("x").add(sdf.col("y")).mul(2));
        run("L05.filter", c -> sdf -> sdf.filter(sdf.col("x").gt(4)));
    }

    @Test
    void L05_theSameThroughExpressions() {
        run("L05.arith", c -> sdf -> sdf.eval(Expr.col("x").add(Expr.col("y")).mul(2)));
        run("L05.filter", c -> sdf -> sdf.filter(Expr.col("x").gt(4)));
    }

    @Test
    void L04_divisionPromotesFloorDivisionAndModuloFollowPython() {
        run("L04.truediv", c -> sdf -> sdf.col("x").div(2));
        run("L04.floordiv.mod", c -> sdf -> {
            StreamingSeries x = sdf.col("x");
            return x.floordiv(3).mul(10).add(x.mod(3));
        });
    }

    @Test
    void L04_comparisonsBooleanLogicAndNaN() {
        run("L04.compare.bool", c -> sdf -> {
            StreamingSeries x = sdf.col("x");
            return x.gt(2).and(x.le(6)).or(x.eq(0));
        });
        run("L04.nan.compare", c -> sdf -> {
            StreamingSeries x = sdf.col("x");
            return x.gt(1).astype(ColumnType.INT64).mul(10).add(x.ne(1).astype(ColumnType.INT64));
        });
    }

    @Test
    void L06_assignAddsAColumn() {
        run("L06.assign", c -> sdf -> sdf.assign("z", sdf.col("x").mul(2)));
    }

    @Test
    void L06_astypeRoundSetIndexResetIndexTail() {
        run("L06.astype", c -> sdf -> sdf.astype(ColumnType.FLOAT64));
        run("L06.round", c -> sdf -> sdf.round(1));
        run("L06.set_index", c -> sdf -> sdf.setIndex("x"));
        run("L06.reset_index", c -> sdf -> sdf.resetIndex());
        run("L06.tail", c -> sdf -> sdf.tail(2));
    }

    @Test
    void L06_mapIsThePerRowSlowPath() {
        run("L06.map", c -> sdf -> sdf.col("x").mapLong(v -> v + 1));
    }

    @Test
    void L21_aFilterThatLeavesEmptyBatchesBeforeATimeWindow() {
        run("L21.", c -> sdf -> sdf.filter(sdf.col("amount").eq(5)).col("amount").window(Duration.ofHours(2)).sum());
    }
}
