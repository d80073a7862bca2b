package dev.streamz.dataframe;

import dev.streamz.Stream;
import dev.streamz.dataframe.StreamzCases.Batch;
import dev.streamz.dataframe.StreamzCases.Case;
import dev.streamz.frames.Column;
import dev.streamz.frames.ColumnType;
import dev.streamz.frames.Frame;
import dev.streamz.frames.FrameBuilder;
import dev.streamz.frames.Schema;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The public API against the recorded streamz cases: each case's batches become frames, go through
 * {@link StreamingDataFrame#from} and the operation, and every emission is checked against streamz's (or,
 * where we deliberately differ, pandas') output for that batch. Exactly one emission per batch, empty
 * batches included. Test names start with the case ids of docs/conformance.md.
 */
class StreamingDataFrameConformanceTest {
    private static final Duration TWO_HOURS = Duration.ofHours(2);

    /** The schema of a case: its columns, then a timestamp index column "ts" when it has a time index. */
    static Schema schema(Case c) {
        Schema.Builder b = Schema.builder();
        c.dtypes().forEach((name, dtype) -> {
            switch (dtype) {
                case "float64" -> b.float64(name);
                case "int64" -> b.int64(name);
                case "bool" -> b.bool(name);
                default -> b.category(name);
            }
        });
        if (c.timeIndex()) {
            b.timestamp("ts");
        }
        return b.build();
    }

    static Frame frame(Case c, Schema schema, Batch batch) {
        int n = batch.rows();
        FrameBuilder fb = FrameBuilder.of(schema, Math.max(1, n));
        if (n == 0) {
            return fb.build();
        }
        for (Map.Entry<String, String> e : c.dtypes().entrySet()) {
            List<Object> v = batch.columns().get(e.getKey());
            boolean[] nulls = new boolean[n];
            for (int i = 0; i < n; i++) {
                nulls[i] = v.get(i) == null;
            }
            switch (e.getValue()) {
                case "float64" -> {
                    double[] d = new double[n];
                    for (int i = 0; i < n; i++) {
                        d[i] = CaseAssert.num(v.get(i));
                    }
                    fb.column(e.getKey(), d);
                }
                case "int64" -> {
                    long[] l = new long[n];
                    for (int i = 0; i < n; i++) {
                        l[i] = v.get(i) == null ? 0 : ((Number) v.get(i)).longValue();
                    }
                    fb.column(e.getKey(), l);
                }
                default -> {
                    String[] s = new String[n];
                    for (int i = 0; i < n; i++) {
                        s[i] = (String) v.get(i);
                    }
                    fb.column(e.getKey(), s);
                }
            }
            fb.nulls(e.getKey(), nulls);
        }
        if (c.timeIndex()) {
            long[] ts = new long[n];
            for (int i = 0; i < n; i++) {
                ts[i] = ((Number) batch.index().get(i)).longValue();
            }
            fb.column("ts", ts);
        }
        return fb.build();
    }

    static double[] values(Frame f, String column) {
        Column c = f.column(column);
        double[] d = new double[f.rowCount()];
        for (int i = 0; i < d.length; i++) {
            d[i] = c.isNull(i) ? Double.NaN : c.type() == ColumnType.FLOAT64 ? c.getDouble(i) : c.getLong(i);
        }
        return d;
    }

    /** A streaming series' emissions as the new rows' values (read during the emission: frames are lent). */
    static Stream<?> rows(StreamingSeries s) {
        return s.frame().stream().map(f -> values(f, s.name()));
    }

    static void run(String prefix, Function<Case, Function<StreamingDataFrame, Stream<?>>> pipeline) {
        List<String> failures = new ArrayList<>();
        for (Case c : StreamzCases.startingWith(prefix)) {
            Schema schema = schema(c);
            Stream<Frame> source = Stream.create(c.id());
            StreamingDataFrame sdf = StreamingDataFrame.from(source, schema);
            if (c.timeIndex()) {
                sdf = sdf.setIndex("ts");
            }
            List<?> out = pipeline.apply(c).apply(sdf).sinkToList();
            for (Batch b : c.batches()) {
                Frame f = frame(c, schema, b);
                try {
                    source.emit(f);
                } finally {
                    f.release();
                }
            }
            if (out.size() != c.batches().size()) {
                failures.add(c.id() + ": " + out.size() + " emissions for " + c.batches().size() + " batches");
                continue;
            }
            for (int i = 0; i < out.size(); i++) {
                String m = CaseAssert.mismatch(out.get(i), c.expected().get(i));
                if (m != null) {
                    failures.add(c.id() + " batch " + i + ": " + m);
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

    static Stream<Double> reduce(StreamingSeries s, String agg) {
        return scalar(s, agg).stream();
    }

    static UpdatingScalar scalar(StreamingSeries s, String agg) {
        return switch (agg) {
            case "sum" -> s.sum();
            case "mean" -> s.mean();
            case "count" -> s.count();
            case "size" -> s.size();
            case "min" -> s.min();
            case "max" -> s.max();
            case "var" -> s.var(1);
            case "var0" -> s.var(0);
            case "std" -> s.std(1);
            case "std0" -> s.std(0);
            default -> throw new IllegalArgumentException(agg);
        };
    }

    static Stream<Double> reduce(WindowedSeries w, String agg) {
        return scalar(w, agg).stream();
    }

    static UpdatingScalar scalar(WindowedSeries w, String agg) {
        return switch (agg) {
            case "sum" -> w.sum();
            case "mean" -> w.mean();
            case "count" -> w.count();
            case "size" -> w.size();
            case "min" -> w.min();
            case "max" -> w.max();
            case "var" -> w.var(1);
            case "var0" -> w.var(0);
            case "std" -> w.std(1);
            case "std0" -> w.std(0);
            default -> throw new IllegalArgumentException(agg);
        };
    }

    static Stream<Map<Object, Double>> reduce(GroupBy g, String agg) {
        return series(g, agg).toMaps();
    }

    static UpdatingSeries series(GroupBy g, String agg) {
        return switch (agg) {
            case "sum" -> g.sum("v");
            case "mean" -> g.mean("v");
            case "count" -> g.count("v");
            case "size" -> g.size();
            case "var" -> g.var("v", 1);
            case "std" -> g.std("v", 1);
            case "min" -> g.min("v");
            case "max" -> g.max("v");
            default -> throw new IllegalArgumentException(agg);
        };
    }

    @Test
    void L11_allTimeReductionsThroughThePublicApi() {
        run("L11.x.", c -> sdf -> reduce(sdf.col("x"), last(c)));
        run("L11.nan.", c -> sdf -> reduce(sdf.col("x"), last(c)));
        run("L11.size", c -> sdf -> sdf.size().stream());
    }

    @Test
    void L46_allTimeMinMaxVarStdThroughThePublicApi() {
        run("L46.", c -> sdf -> reduce(sdf.col("x"), last(c)));
    }

    @Test
    void L27_meanAfterAnEmptyFirstBatchThroughThePublicApi() {
        run("L27.mean", c -> sdf -> sdf.col("x").mean().stream());
        run("L27.window2", c -> sdf -> sdf.col("x").window(2).mean().stream());
    }

    @Test
    void L14_valueCountsThroughThePublicApi() {
        run("L14.", c -> sdf -> sdf.col(c.dtypes().containsKey("k") ? "k" : "x").valueCounts().toMaps());
    }

    @Test
    void L15_cumulativeThroughThePublicApi() {
        run("L15.cum", c -> sdf -> {
            StreamingSeries x = sdf.col("x");
            return rows(switch (c.id().split("\\.")[1]) {
                case "cumsum" -> x.cumsum();
                case "cumprod" -> x.cumprod();
                case "cummin" -> x.cummin();
                default -> x.cummax();
            });
        });
    }

    @Test
    void L47_cumulativeCarriesPastANaNThroughThePublicApi() {
        run("L47.", c -> sdf -> {
            StreamingSeries x = sdf.col("x");
            return rows(switch (c.id().split("\\.")[1]) {
                case "cumsum" -> x.cumsum();
                case "cumprod" -> x.cumprod();
                case "cummin" -> x.cummin();
                default -> x.cummax();
            });
        });
    }

    @Test
    void L18_windowNThroughThePublicApi() {
        run("L18.w", c -> sdf -> reduce(sdf.col("x").window(Integer.parseInt(c.id().split("\\.")[1].substring(1))),
                last(c)));
        run("L49.", c -> sdf -> reduce(sdf.col("x").window(Integer.parseInt(c.id().split("\\.")[1].substring(1))),
                last(c)));
    }

    @Test
    void L20_windowDurationThroughThePublicApi() {
        run("L20.", c -> sdf -> reduce(sdf.col("x").window(Duration.ofHours(Long.parseLong(
                c.id().split("\\.")[c.id().split("\\.").length - 2].replace("h", "")))), last(c)));
        run("L50.", c -> sdf -> reduce(sdf.col("x").window(TWO_HOURS), last(c)));
    }

    @Test
    void L28_rollingThroughThePublicApi() {
        run("L28.r", c -> sdf -> {
            int n = Integer.parseInt(c.id().split("\\.")[1].substring(1));
            Rolling r = sdf.col("x").rolling(n);
            return rows(switch (last(c)) {
                case "sum" -> r.sum();
                case "mean" -> r.mean();
                case "max", "jump" -> r.max();
                case "min" -> r.min();
                case "median" -> r.median();
                case "var" -> r.var(1);
                case "std" -> r.std(1);
                case "count" -> r.count();
                case "quantile" -> r.quantile(0.5);
                default -> throw new IllegalArgumentException(c.id());
            });
        });
    }

    @Test
    void L29_rollingDurationThroughThePublicApi() {
        run("L29.", c -> sdf -> {
            Rolling r = sdf.col("x").rolling(TWO_HOURS);
            return rows(switch (last(c)) {
                case "sum" -> r.sum();
                case "mean" -> r.mean();
                case "max" -> r.max();
                default -> r.count();
            });
        });
    }

    @Test
    void L31_expandingThroughThePublicApi() {
        run("L31.", c -> sdf -> reduce(sdf.col("x").expanding(), last(c)));
    }

    @Test
    void L32_ewmThroughThePublicApi() {
        run("L32.com1", c -> sdf -> sdf.col("x").ewmMean(Ewm.com(1)).stream());
        run("L32.span3", c -> sdf -> sdf.col("x").ewmMean(Ewm.span(3)).stream());
        run("L32.alpha", c -> sdf -> sdf.col("x").ewmMean(Ewm.alpha(0.3)).stream());
        run("L32.halflife", c -> sdf -> sdf.col("x").ewmMean(Ewm.halflife(2)).stream());
        run("L51.", c -> sdf -> sdf.col("x").ewmMean(Ewm.com(1)).stream());
    }

    @Test
    void L34_groupByThroughThePublicApi() {
        run("L34.", c -> sdf -> reduce(sdf.groupby("k"), last(c)));
        run("L52.", c -> sdf -> reduce(sdf.groupby("k"), last(c)));
        run("L35.int.", c -> sdf -> reduce(sdf.groupby("k"), last(c)));
    }

    @Test
    void L39_windowedGroupByThroughThePublicApi() {
        run("L39.", c -> sdf -> reduce(sdf.window(3).groupby("k"), last(c)));
        run("L40.", c -> sdf -> reduce(sdf.window(2).groupby("k"), last(c)));
        run("L41.", c -> sdf -> reduce(sdf.window(TWO_HOURS).groupby("k"), last(c)));
    }
}
