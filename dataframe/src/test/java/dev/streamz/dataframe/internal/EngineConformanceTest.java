package dev.streamz.dataframe.internal;

import dev.streamz.dataframe.Ewm;
import dev.streamz.dataframe.CaseAssert;
import dev.streamz.dataframe.StreamzCases;
import dev.streamz.dataframe.TestAggregations;
import dev.streamz.dataframe.StreamzCases.Batch;
import dev.streamz.dataframe.StreamzCases.Case;
import dev.streamz.frames.ColumnType;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The numeric engine of the streaming DataFrame against the recorded streamz cases (streamz 0.6.4 and pandas, or
 * pandas alone where we deliberately differ): each test feeds a case's batches through the engine, one
 * column at a time, and checks the output after every batch. Test names start with the case ids of
 * docs/conformance.md; each runs every recorded case whose id starts with one of its prefixes.
 */
class EngineConformanceTest {
    private static final long HOUR = 3_600_000_000_000L;

    /** Computes one batch's output. */
    interface Driver {
        Object onBatch(Arena arena, Case c, Batch b);
    }

    /** Recorded cases no test runs yet (none now: a new case must be run or listed here, with the reason). */
    static final List<String> PENDING = List.of();

    /** The prefixes the tests below run. */
    static final List<String> RUN = List.of("L11.", "L46.", "L27.", "L14.", "L15.", "L47.", "L18.", "L49.",
            "L17.", "L25.", "L20.", "L50.", "L28.", "L29.", "L31.", "L32.", "L51.", "L34.", "L52.", "L35.int.",
            "L37.", "L39.", "L40.", "L41.", "L13.", "L24.", "L23.", "L35.category.", "U01.", "U02.", "U03.", "U04.",
            "U05.", "U06.", "U07.", "U08.",
            // element-wise: compiled expressions over frames, run by ElementwiseConformanceTest
            "L04.", "L05.", "L06.", "L21.",
            // group-by on an expression: the key is a compiled expression, run by StreamingDataFrameConformanceTest
            "L36.");

    static void run(String prefix, Function<Case, Driver> factory) {
        List<String> failures = new ArrayList<>();
        for (Case c : StreamzCases.startingWith(prefix)) {
            try (Arena arena = Arena.ofConfined()) {
                Driver d = factory.apply(c);
                for (int i = 0; i < c.batches().size(); i++) {
                    Object got = d.onBatch(arena, c, c.batches().get(i));
                    String m = CaseAssert.mismatch(got, c.expected().get(i));
                    if (m != null) {
                        failures.add(c.id() + " batch " + i + ": " + m);
                        break;
                    }
                }
            }
        }
        assertEquals(List.of(), failures);
    }

    static String[] parts(Case c) {
        return c.id().split("\\.");
    }

    static Agg agg(Case c) {
        for (String p : parts(c)) {
            switch (p) {
                case "sum": return Agg.SUM;
                case "mean": return Agg.MEAN;
                case "count": return Agg.COUNT;
                case "size": case "value_counts": return Agg.SIZE;
                case "var": case "var0": return Agg.VAR;
                case "std": case "std0": return Agg.STD;
                case "min": return Agg.MIN;
                case "max": return Agg.MAX;
                case "median": return Agg.MEDIAN;
                case "quantile": return Agg.QUANTILE;
                default: break;
            }
        }
        throw new IllegalArgumentException(c.id() + ": no aggregation in the id");
    }

    static int ddof(Case c) {
        return c.id().endsWith("0") ? 0 : 1;
    }

    /** w4 = the last 4 rows, 2h = two hours, neither = expanding. */
    static Windowing windowing(Case c) {
        for (String p : parts(c)) {
            if (p.matches("[wr][0-9]+")) {
                return Windowing.lastRows(Long.parseLong(p.substring(1)));
            }
            if (p.matches("[0-9]+h")) {
                return Windowing.lastNanos(Long.parseLong(p.substring(0, p.length() - 1)) * HOUR);
            }
        }
        return Windowing.expanding();
    }

    static String valueColumn(Case c) {
        return c.dtypes().containsKey("x") ? "x" : c.dtypes().containsKey("v") ? "v" : "amount";
    }

    /** The scalar a RowWindow or AllTime gives for a column of the given type. */
    static double scalar(Agg agg, boolean integral, long count, java.util.function.DoubleSupplier d,
                         java.util.function.LongSupplier l) {
        if (integral && agg == Agg.SUM) {
            return l.getAsLong();
        }
        if (integral && (agg == Agg.MIN || agg == Agg.MAX)) {
            return count == 0 ? Double.NaN : l.getAsLong();
        }
        return d.getAsDouble();
    }

    static Driver allTime(String column, Agg agg, int ddof) {
        AllTime at = new AllTime();
        return (arena, c, b) -> {
            Slice s = TestColumns.column(arena, c, b, column);
            at.add(s);
            return scalar(agg, s.integral(), (long) at.result(Agg.COUNT, 0), () -> at.result(agg, ddof),
                    () -> at.longResult(agg));
        };
    }

    static Driver window(String column, Windowing w, Agg agg, int ddof) {
        WindowAgg wa = new WindowAgg(w, false, false);
        return (arena, c, b) -> {
            Slice s = TestColumns.column(arena, c, b, column);
            wa.onBatch(s, null, w.timed() ? TestColumns.index(arena, b) : null);
            RowWindow rw = wa.window();
            return scalar(agg, s.integral(), rw.moments().count(), () -> rw.result(agg, ddof, 0.5),
                    () -> rw.longResult(agg));
        };
    }

    /** Per column, one driver: the output is a series labelled by column name. */
    static Driver perColumn(Case c, Function<String, Driver> each) {
        Map<String, Driver> drivers = new LinkedHashMap<>();
        for (String col : c.dtypes().keySet()) {
            drivers.put(col, each.apply(col));
        }
        return (arena, cs, b) -> {
            Map<Object, Double> out = new LinkedHashMap<>();
            drivers.forEach((col, d) -> out.put(col, (Double) d.onBatch(arena, cs, b)));
            return out;
        };
    }

    /** Per column, a streaming driver: the output is a frame. */
    static Driver perColumnFrame(Case c, Function<String, Driver> each) {
        Map<String, Driver> drivers = new LinkedHashMap<>();
        for (String col : c.dtypes().keySet()) {
            drivers.put(col, each.apply(col));
        }
        return (arena, cs, b) -> {
            Map<String, double[]> out = new LinkedHashMap<>();
            drivers.forEach((col, d) -> out.put(col, (double[]) d.onBatch(arena, cs, b)));
            return out;
        };
    }

    @Test
    void L11_allTimeSumMeanCountSizeSkipNaNAndNull() {
        run("L11.", c -> switch (c.id()) {
            case "L11.size" -> {
                Driver x = allTime("x", Agg.SIZE, 1);
                Driver y = allTime("y", Agg.SIZE, 1);
                yield (arena, cs, b) -> (Double) x.onBatch(arena, cs, b) + (Double) y.onBatch(arena, cs, b);
            }
            case "L11.frame.sum" -> perColumn(c, col -> allTime(col, Agg.SUM, 1));
            default -> allTime("x", agg(c), ddof(c));
        });
    }

    @Test
    void L46_allTimeMinMaxVarStdWhereStreamzHasNone() {
        run("L46.", c -> allTime("x", agg(c), ddof(c)));
    }

    @Test
    void L27_meanAfterAnEmptyFirstBatchIsTheMeanOfTheRowsSoFar() {
        run("L27.mean", c -> allTime("x", Agg.MEAN, 1));
        run("L27.window2.mean", c -> window("x", Windowing.lastRows(2), Agg.MEAN, 1));
    }

    static Driver valueCounts(String column, Windowing w) {
        WindowAgg wa = new WindowAgg(w, true, false);
        return (arena, c, b) -> {
            Slice s = TestColumns.column(arena, c, b, column);
            wa.onBatch(s, s, null);
            return groups(c, column, wa.groups(), Agg.SIZE, 1);
        };
    }

    static Map<Object, Double> groups(Case c, String keyColumn, GroupTable t, Agg agg, int ddof) {
        int n = t.sort();
        boolean category = TestColumns.typeOf(c.dtypes().get(keyColumn)) == ColumnType.CATEGORY;
        List<String> dict = category ? TestColumns.dictionary(c, keyColumn) : List.of();
        Map<Object, Double> out = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            long k = t.key(i);
            out.put(category ? dict.get((int) k) : (Object) k, t.result(k, agg, ddof));
        }
        return out;
    }

    @Test
    void L14_valueCountsOverAllTime() {
        run("L14.", c -> valueCounts(c.dtypes().containsKey("k") ? "k" : "x", Windowing.expanding()));
    }

    static Driver cumulative(String column, Cumulative.Op op) {
        Cumulative cu = new Cumulative(op);
        return (arena, c, b) -> {
            Slice s = TestColumns.column(arena, c, b, column);
            MemorySegment out = arena.allocate(Math.max(8, 8L * s.rows()), 64);
            MemorySegment valid = arena.allocate(Math.max(8, s.rows() / 8 + 1), 64);
            cu.apply(s, out, valid);
            return s.integral() ? TestColumns.longsAsDoubles(out, valid, s.rows()) : nullsAsNaN(out, valid, s.rows());
        };
    }

    static double[] nullsAsNaN(MemorySegment out, MemorySegment valid, int rows) {
        double[] d = TestColumns.doubles(out, rows);
        for (int i = 0; i < rows; i++) {
            if ((valid.get(java.lang.foreign.ValueLayout.JAVA_BYTE, i >>> 3) >> (i & 7) & 1) == 0) {
                d[i] = Double.NaN;
            }
        }
        return d;
    }

    static Cumulative.Op op(Case c) {
        for (String p : parts(c)) {
            if (p.startsWith("cum")) {
                return Cumulative.Op.valueOf(p.toUpperCase(java.util.Locale.ROOT));
            }
        }
        throw new IllegalArgumentException(c.id());
    }

    @Test
    void L15_cumulativeOpsEmitTheNewRowsRunningValues() {
        run("L15.", c -> c.id().contains("frame") ? perColumnFrame(c, col -> cumulative(col, op(c)))
                : cumulative("x", op(c)));
    }

    @Test
    void L47_aNaNInABatchsLastRowDoesNotRestartTheRunningValue() {
        run("L47.", c -> cumulative("x", op(c)));
    }

    @Test
    void L18_windowNSumMeanCountSizeVarStd() {
        run("L18.", c -> window("x", windowing(c), agg(c), ddof(c)));
    }

    @Test
    void L49_windowNMinMax() {
        run("L49.", c -> window("x", windowing(c), agg(c), ddof(c)));
    }

    @Test
    void L17_windowNOfAFrameIsASeriesPerColumn() {
        run("L17.", c -> perColumn(c, col -> window(col, windowing(c), Agg.SUM, 1)));
    }

    @Test
    void L25_windowNValueCounts() {
        run("L25.", c -> valueCounts("x", windowing(c)));
    }

    @Test
    void L20_windowDurationKeepsNewestMinusDExclusiveToNewest() {
        run("L20.", c -> window("x", windowing(c), agg(c), ddof(c)));
    }

    @Test
    void L50_windowDurationMinMaxVarStd() {
        run("L50.", c -> window("x", windowing(c), agg(c), ddof(c)));
    }

    static Driver rolling(String column, Case c) {
        Windowing w = windowing(c);
        Agg agg = agg(c);
        RollingAgg ra = w.timed() ? new RollingAgg(0, w.nanos(), 1, agg, 1, 0.5)
                : new RollingAgg(w.rows(), 0, w.rows(), agg, 1, 0.5);
        return (arena, cs, b) -> {
            Slice s = TestColumns.column(arena, cs, b, column);
            MemorySegment out = arena.allocate(Math.max(8, 8L * s.rows()), 64);
            ra.onBatch(s, w.timed() ? TestColumns.index(arena, b) : null, out);
            return TestColumns.doubles(out, s.rows());
        };
    }

    @Test
    void L28_rollingRowsAcrossBatchBoundaries() {
        run("L28.", c -> c.id().contains("frame") ? perColumnFrame(c, col -> rolling(col, c)) : rolling("x", c));
    }

    @Test
    void L29_rollingDuration() {
        run("L29.", c -> rolling("x", c));
    }

    @Test
    void L31_expanding() {
        run("L31.", c -> window("x", Windowing.expanding(), agg(c), ddof(c)));
    }

    static Driver ewm(Ewm spec) {
        EwmMean e = new EwmMean(spec.alpha());
        return (arena, c, b) -> {
            e.add(TestColumns.column(arena, c, b, "x"));
            return e.value();
        };
    }

    @Test
    void L32_ewmMeanIsOneValuePerBatch() {
        run("L32.com1", c -> ewm(Ewm.com(1)));
        run("L32.span3", c -> ewm(Ewm.span(3)));
        run("L32.alpha", c -> ewm(Ewm.alpha(0.3)));
        run("L32.halflife", c -> ewm(Ewm.halflife(2)));
    }

    @Test
    void L51_ewmMeanIsRobustToNaNAndAnEmptyFirstBatch() {
        run("L51.", c -> ewm(Ewm.com(1)));
    }

    static Driver groupBy(String keyColumn, String valueColumn, Windowing w, Agg agg, int ddof) {
        WindowAgg wa = new WindowAgg(w, true, false, agg == Agg.MIN || agg == Agg.MAX);
        return (arena, c, b) -> {
            Slice v = TestColumns.column(arena, c, b, valueColumn);
            Slice k = TestColumns.column(arena, c, b, keyColumn);
            wa.onBatch(v, k, w.timed() ? TestColumns.index(arena, b) : null);
            return groups(c, keyColumn, wa.groups(), agg, ddof);
        };
    }

    @Test
    void L34_groupByAllTime() {
        run("L34.", c -> groupBy("k", "v", Windowing.expanding(), agg(c), ddof(c)));
    }

    @Test
    void L52_groupByMinMax() {
        run("L52.", c -> groupBy("k", "v", Windowing.expanding(), agg(c), ddof(c)));
    }

    @Test
    void L35_groupByIntKeysSortedGroupsAppearLater() {
        run("L35.int.", c -> groupBy("k", "v", Windowing.expanding(), agg(c), ddof(c)));
    }

    @Test
    void L37_groupByOnAWholeFrame() {
        run("L37.", c -> {
            Driver v = groupBy("k", "v", Windowing.expanding(), Agg.SUM, 1);
            Driver w = groupBy("k", "w", Windowing.expanding(), Agg.SUM, 1);
            return (arena, cs, b) -> {
                @SuppressWarnings("unchecked")
                Map<Object, Double> vs = (Map<Object, Double>) v.onBatch(arena, cs, b);
                @SuppressWarnings("unchecked")
                Map<Object, Double> ws = (Map<Object, Double>) w.onBatch(arena, cs, b);
                Map<String, double[]> out = new LinkedHashMap<>();
                out.put("v", vs.values().stream().mapToDouble(Double::doubleValue).toArray());
                out.put("w", ws.values().stream().mapToDouble(Double::doubleValue).toArray());
                return out;
            };
        });
    }

    @Test
    void L39_windowNGroupBy() {
        run("L39.", c -> groupBy("k", "v", windowing(c), agg(c), 1));
    }

    @Test
    void L40_windowedGroupByDropsGroupsThatLeftTheWindow() {
        run("L40.", c -> groupBy("k", "v", windowing(c), agg(c), 1));
    }

    @Test
    void L41_windowDurationGroupBy() {
        run("L41.", c -> groupBy("k", "v", windowing(c), agg(c), 1));
    }

    // ------------------------------------------------------------------ aggregation breadth (dfagg)

    /** Runs a case over real frames (what the frame-level engines take). */
    interface FrameDriver {
        Object onBatch(Case c, dev.streamz.frames.Frame f);
    }

    static void runFrames(String prefix, Function<Case, FrameDriver> factory) {
        run(prefix, c -> {
            FrameDriver d = factory.apply(c);
            dev.streamz.frames.Schema schema = dev.streamz.dataframe.CaseFrames.schema(c);
            return (arena, cs, b) -> {
                try (dev.streamz.frames.Frame f = dev.streamz.dataframe.CaseFrames.frame(cs, schema, b)) {
                    return d.onBatch(cs, f);
                }
            };
        });
    }

    static int timeAt(Case c) {
        return c.timeIndex() ? dev.streamz.dataframe.CaseFrames.schema(c).indexOf("ts") : -1;
    }

    static <S> FrameDriver custom(Case c, dev.streamz.dataframe.Aggregation<S, Double> agg, String column) {
        CustomAgg<S, Double> ca = new CustomAgg<>(agg, dev.streamz.dataframe.CaseFrames.schema(c),
                new String[] {column}, windowing(c), timeAt(c));
        return (cs, f) -> ca.onBatch(f);
    }

    @Test
    void L13_L24_U01_aggregationSpiOverAllTimeAndInWindowsOnePieceAtATime() {
        runFrames("L13.", c -> custom(c, new TestAggregations.Custom(), "x"));
        runFrames("L24.custom.w5", c -> custom(c, new TestAggregations.Custom(), "x"));
        runFrames("U01.custom.2h", c -> custom(c, new TestAggregations.Custom(), "x"));
        runFrames("U01.sum.w4", c -> custom(c, new TestAggregations.UserSum(), "x"));
    }

    static Map<Object, Double> customGroups(Case c, CustomGroupAgg<?, Double> g, GroupKeys keys) {
        int n = g.sort();
        Map<Object, Double> out = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            out.put(keys.label(g.key(i)), g.result(i));
        }
        return out;
    }

    @Test
    void U02_aggregationSpiPerGroupGroupsAppearAndVanish() {
        runFrames("U02.", c -> {
            dev.streamz.frames.Schema schema = dev.streamz.dataframe.CaseFrames.schema(c);
            CustomGroupAgg<double[], Double> g = new CustomGroupAgg<>(new TestAggregations.UserSum(), schema, new String[] {"v"},
                    windowing(c), -1);
            GroupKeys keys = new GroupKeys("k", schema.indexOf("k"), ColumnType.CATEGORY);
            return (cs, f) -> {
                g.onBatch(f, keys.of(f));
                return customGroups(cs, g, keys);
            };
        });
    }

    @Test
    void U03_windowedGroupByMinMaxKeepsPerGroupDeques() {
        run("U03.", c -> groupBy("k", "v", windowing(c), agg(c), 1));
    }

    static FrameDriver full(Case c) {
        dev.streamz.frames.Schema schema = dev.streamz.dataframe.CaseFrames.schema(c);
        PieceWindow w = new PieceWindow(windowing(c), new RowStore(schema, new String[] {"x"}));
        Slice times = new Slice();
        return (cs, f) -> {
            w.onBatch(f, c.timeIndex() ? Checks.slice(times, f, timeAt(c)) : null, null, null);
            RowStore st = w.store();
            double[] x = new double[st.size()];
            for (int i = 0; i < x.length; i++) {
                x[i] = st.getDouble(0, st.head() + i);
            }
            Map<String, double[]> out = new LinkedHashMap<>();
            out.put("x", x);
            return out;
        };
    }

    @Test
    void L23_U04_windowFullHoldsTheWindowsRows() {
        runFrames("L23.", EngineConformanceTest::full);
        runFrames("U04.2h.full", EngineConformanceTest::full);
    }

    @Test
    void U04_windowApplySeesTheWindowsRows() {
        runFrames("U04.w3.apply", c -> {
            FrameDriver full = full(c);
            return (cs, f) -> {
                @SuppressWarnings("unchecked")
                double[] x = ((Map<String, double[]>) full.onBatch(cs, f)).get("x");
                return java.util.Arrays.stream(x).max().orElse(Double.NaN) - java.util.Arrays.stream(x).min().orElse(Double.NaN);
            };
        });
    }

    @Test
    void U05_rollingWithAnAggregationGivesOneValuePerRow() {
        runFrames("U05.", c -> {
            CustomRolling<double[]> r = new CustomRolling<>(new TestAggregations.UserSum(), dev.streamz.dataframe.CaseFrames.schema(c),
                    new String[] {"x"}, windowing(c).rows(), 0);
            return (cs, f) -> {
                try (Arena arena = Arena.ofConfined()) {
                    MemorySegment out = arena.allocate(Math.max(8, 8L * f.rowCount()), 64);
                    r.onBatch(f, null, out);
                    return TestColumns.doubles(out, f.rowCount());
                }
            };
        });
    }

    @Test
    void U06_wholeFrameReductionsGiveOneValuePerColumn() {
        run("U06.frame.size", c -> {
            Driver x = allTime("x", Agg.SIZE, 1);
            Driver y = allTime("y", Agg.SIZE, 1);
            return (arena, cs, b) -> (Double) x.onBatch(arena, cs, b) + (Double) y.onBatch(arena, cs, b);
        });
        run("U06.frame.w3.mean", c -> perColumn(c, col -> window(col, windowing(c), Agg.MEAN, 1)));
        run("U06.frame.w3.size", c -> {
            Driver x = window("x", windowing(c), Agg.SIZE, 1);
            Driver y = window("y", windowing(c), Agg.SIZE, 1);
            return (arena, cs, b) -> (Double) x.onBatch(arena, cs, b) + (Double) y.onBatch(arena, cs, b);
        });
        for (String agg : List.of("mean", "count", "min", "max", "var", "std")) {
            run("U06.frame." + agg, c -> perColumn(c, col -> allTime(col, agg(c), 1)));
        }
    }

    @Test
    void U07_groupByOnSeveralColumnsIsAFramePerBatch() {
        run("U07.", c -> {
            Agg agg = c.id().endsWith("mean") ? Agg.MEAN : c.id().endsWith("count") ? Agg.COUNT : Agg.SUM;
            Driver v = groupBy("k", "v", windowing(c), agg, 1);
            Driver w = groupBy("k", "w", windowing(c), agg, 1);
            return (arena, cs, b) -> {
                @SuppressWarnings("unchecked")
                Map<Object, Double> vs = (Map<Object, Double>) v.onBatch(arena, cs, b);
                @SuppressWarnings("unchecked")
                Map<Object, Double> ws = (Map<Object, Double>) w.onBatch(arena, cs, b);
                Map<String, double[]> out = new LinkedHashMap<>();
                out.put("v", vs.values().stream().mapToDouble(Double::doubleValue).toArray());
                out.put("w", ws.values().stream().mapToDouble(Double::doubleValue).toArray());
                return out;
            };
        });
    }

    /** Over all time a category key reports every category (codes 0..n-1 of the case's dictionary). */
    static Driver everyCategory(String keyColumn, Agg agg) {
        WindowAgg wa = new WindowAgg(Windowing.expanding(), true, false);
        return (arena, c, b) -> {
            Slice v = TestColumns.column(arena, c, b, "v");
            Slice k = TestColumns.column(arena, c, b, keyColumn);
            wa.onBatch(v, k, null);
            List<String> dict = TestColumns.dictionary(c, keyColumn);
            Map<Object, Double> out = new LinkedHashMap<>();
            for (int code = 0; code < dict.size(); code++) {
                out.put(dict.get(code), wa.groups().contains(code) ? wa.groups().result(code, agg, 1) : GroupTable.empty(agg));
            }
            return out;
        };
    }

    @Test
    void L35_U08_categoryKeysReportEveryCategoryOverAllTimeAndOnlyLiveOnesInAWindow() {
        run("L35.category.", c -> everyCategory("k", Agg.SUM));
        run("U08.category.count", c -> everyCategory("c", Agg.COUNT));
        run("U08.category.w2", c -> groupBy("c", "v", windowing(c), Agg.SUM, 1));
    }

    @Test
    void everyCaseIsRunOrListedAsPending() {
        List<String> unaccounted = new ArrayList<>();
        for (Case c : StreamzCases.all()) {
            boolean run = RUN.stream().anyMatch(c.id()::startsWith);
            boolean pending = PENDING.stream().anyMatch(c.id()::startsWith);
            if (run == pending) {
                unaccounted.add(c.id() + (run ? " (both run and pending)" : ""));
            }
        }
        assertEquals(List.of(), unaccounted);
    }
}
