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

    static Schema schema(Case c) {
        return CaseFrames.schema(c);
    }

    static Frame frame(Case c, Schema schema, Batch batch) {
        return CaseFrames.frame(c, schema, batch);
    }

    static double[] values(Frame f, String column) {
        return CaseFrames.values(f, column);
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

    // ---------------------------------------------------------------- aggregation breadth (dfagg)

    /** A frame emission as its columns' values (read during the emission: frames are lent). */
    static Map<String, double[]> columns(Frame f, String... names) {
        Map<String, double[]> out = new java.util.LinkedHashMap<>();
        for (String n : names) {
            out.put(n, values(f, n));
        }
        return out;
    }

    @Test
    void L13_L24_U01_aggregationSpiThroughThePublicApi() {
        run("L13.", c -> sdf -> sdf.aggregate(new TestAggregations.Custom()));
        run("L24.custom.w5", c -> sdf -> sdf.window(5).aggregate(new TestAggregations.Custom()));
        run("U01.custom.2h", c -> sdf -> sdf.window(TWO_HOURS).aggregate(new TestAggregations.Custom()));
        run("U01.sum.w4", c -> sdf -> sdf.col("x").window(4).aggregate(new TestAggregations.UserSum()));
    }

    @Test
    void U02_aggregationSpiPerGroupThroughThePublicApi() {
        run("U02.w3", c -> sdf -> sdf.window(3).groupby("k").aggregate(new TestAggregations.UserSum(), "v"));
        run("U02.all", c -> sdf -> sdf.groupby("k").aggregate(new TestAggregations.UserSum(), "v"));
    }

    @Test
    void U03_windowedGroupByMinMaxThroughThePublicApi() {
        run("U03.w3.", c -> sdf -> reduce(sdf.window(3).groupby("k"), last(c)));
        run("U03.2h.", c -> sdf -> reduce(sdf.window(TWO_HOURS).groupby("k"), last(c)));
    }

    @Test
    void L23_U04_windowFullAndApplyThroughThePublicApi() {
        run("L23.", c -> sdf -> sdf.window(4).full().stream().map(StreamingDataFrameConformanceTest::valueColumns));
        frameIndex("L23.", sdf -> sdf.window(4).full());
        run("U04.2h.full", c -> sdf -> sdf.window(TWO_HOURS).full().stream().map(StreamingDataFrameConformanceTest::valueColumns));
        frameIndex("U04.2h.full", sdf -> sdf.window(TWO_HOURS).full());
        run("L23.", c -> sdf -> sdf.col("x").window(4).full().stream().map(f -> columns(f, "x")));
        run("U04.w3.apply", c -> sdf -> sdf.window(3).apply(f -> {
            double[] x = values(f, "x");
            return java.util.Arrays.stream(x).max().orElse(Double.NaN) - java.util.Arrays.stream(x).min().orElse(Double.NaN);
        }));
    }

    @Test
    void L25_windowValueCountsThroughThePublicApi() {
        run("L25.", c -> sdf -> sdf.col("x").window(4).valueCounts().toMaps());
    }

    @Test
    void U05_rollingAggregationThroughThePublicApi() {
        run("U05.", c -> sdf -> rows(sdf.col("x").rolling(3).aggregate(new TestAggregations.UserSum())));
    }

    @Test
    void L35_U08_categoryKeysThroughThePublicApi() {
        run("L35.category.", c -> sdf -> sdf.groupby("k").sum("v").toMaps());
        run("U08.category.count", c -> sdf -> sdf.groupby("c").count("v").toMaps());
        run("U08.category.w2", c -> sdf -> sdf.window(2).groupby("c").sum("v").toMaps());
        // The same through a group-by of several columns (one value column here): the frame's "v" column.
        run("L35.category.", c -> sdf -> sdf.groupby("k").cols("v").sum().toMaps().map(m -> m.get("v")));
        run("U08.category.count", c -> sdf -> sdf.groupby("c").cols("v").count().toMaps().map(m -> m.get("v")));
        run("U08.category.w2", c -> sdf -> sdf.window(2).groupby("c").cols("v").sum().toMaps().map(m -> m.get("v")));
    }

    /** An updating series frame (index, values) as a label-to-value map (read during the emission). */
    static Map<Object, Double> series(Frame f) {
        Map<Object, Double> out = new java.util.LinkedHashMap<>();
        for (int r = 0; r < f.rowCount(); r++) {
            out.put(f.column(0).get(r), f.column(1).isNull(r) ? Double.NaN : f.column(1).getDouble(r));
        }
        return out;
    }

    /** An updating frame (index, value columns) as its value columns (read during the emission). */
    static Map<String, double[]> valueColumns(Frame f) {
        List<String> names = f.schema().names();
        return columns(f, names.subList(1, names.size()).toArray(String[]::new));
    }

    /**
     * An updating frame's index column (column 0) holds the recorded frames' index: for full(), each row's
     * number since the first batch (pandas' default index) or the timestamp index; for a group-by, the keys.
     */
    static void frameIndex(String prefix, Function<StreamingDataFrame, UpdatingDataFrame> full) {
        for (Case c : StreamzCases.startingWith(prefix)) {
            Schema schema = schema(c);
            Stream<Frame> source = Stream.create(c.id());
            StreamingDataFrame sdf = StreamingDataFrame.from(source, schema);
            if (c.timeIndex()) {
                sdf = sdf.setIndex("ts");
            }
            List<List<Long>> got = full.apply(sdf).stream().map(f -> {
                List<Long> index = new ArrayList<>();
                for (int i = 0; i < f.rowCount(); i++) {
                    index.add(f.column(0).getLong(i));
                }
                return index;
            }).sinkToList();
            List<List<Long>> want = new ArrayList<>();
            for (int i = 0; i < c.batches().size(); i++) {
                Frame f = frame(c, schema, c.batches().get(i));
                try {
                    source.emit(f);
                } finally {
                    f.release();
                }
                @SuppressWarnings("unchecked")
                List<Object> index = (List<Object>) c.expected().get(i).get("index");
                want.add(index.stream().map(o -> ((Number) o).longValue()).toList());
            }
            assertEquals(want, got, c.id() + ": the index");
        }
    }

    static UpdatingSeries reduce(Window w, String agg) {
        return switch (agg) {
            case "sum" -> w.sum();
            case "mean" -> w.mean();
            case "count" -> w.count();
            case "min" -> w.min();
            case "max" -> w.max();
            case "var" -> w.var(1);
            case "std" -> w.std(1);
            default -> throw new IllegalArgumentException(agg);
        };
    }

    static UpdatingSeries reduceFrame(StreamingDataFrame sdf, String agg) {
        return switch (agg) {
            case "sum" -> sdf.sum();
            case "mean" -> sdf.mean();
            case "count" -> sdf.count();
            case "min" -> sdf.min();
            case "max" -> sdf.max();
            case "var" -> sdf.var(1);
            case "std" -> sdf.std(1);
            default -> throw new IllegalArgumentException(agg);
        };
    }

    static UpdatingDataFrame reduce(GroupByColumns g, String agg) {
        return switch (agg) {
            case "sum" -> g.sum();
            case "mean" -> g.mean();
            case "count" -> g.count();
            default -> throw new IllegalArgumentException(agg);
        };
    }

    @Test
    void L11_L17_U06_wholeFrameReductionsThroughThePublicApi() {
        run("L11.frame.sum", c -> sdf -> sdf.sum().toMaps());
        run("L17.", c -> sdf -> sdf.window(4).sum().toMaps());
        run("U06.frame.w3.mean", c -> sdf -> sdf.window(3).mean().toMaps());
        run("U06.frame.size", c -> sdf -> sdf.size().stream());
        run("U06.frame.w3.size", c -> sdf -> sdf.window(3).size().stream());
        for (String agg : List.of("mean", "count", "min", "max", "var", "std")) {
            run("U06.frame." + agg, c -> sdf -> reduceFrame(sdf, agg).toMaps());
        }
    }

    @Test
    void L37_U07_groupByOfSeveralColumnsThroughThePublicApi() {
        run("L37.", c -> sdf -> sdf.groupby("k").all().sum().stream().map(StreamingDataFrameConformanceTest::valueColumns));
        run("U07.cols.", c -> sdf -> reduce(sdf.groupby("k").cols("v", "w"), last(c)).stream()
                .map(StreamingDataFrameConformanceTest::valueColumns));
        run("U07.w3.cols.sum", c -> sdf -> sdf.window(3).groupby("k").cols("v", "w").sum().stream()
                .map(StreamingDataFrameConformanceTest::valueColumns));
        run("U07.frame.mean", c -> sdf -> sdf.groupby("k").all().mean().stream().map(StreamingDataFrameConformanceTest::valueColumns));
        frameIndex("L37.", sdf -> sdf.groupby("k").all().sum());
        frameIndex("U07.cols.sum", sdf -> sdf.groupby("k").cols("v", "w").sum());
        frameIndex("U07.w3.cols.sum", sdf -> sdf.window(3).groupby("k").cols("v", "w").sum());
    }

    @Test
    void L36_groupByOnAnExpressionThroughThePublicApi() {
        run("L36.", c -> sdf -> sdf.groupby(Expr.col("x").mod(2)).sum("y").toMaps());
        run("L36.", c -> sdf -> sdf.groupby(sdf.col("x").mod(2)).sum("y").toMaps());
    }
}
