package dev.streamz.dataframe;

import dev.streamz.Stream;
import dev.streamz.frames.Frame;
import dev.streamz.frames.FrameBuilder;
import dev.streamz.frames.Schema;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * U09: the {@link Aggregation} SPI and the window's rows against the built-in aggregations and a direct
 * computation, on random batches: empty ones, ones larger than the window, NaN and null values, null and
 * vanishing group keys, duplicate timestamps. A user sum must equal the built-in sum in every scheme;
 * {@code full()} must hold exactly the rows the window covers.
 */
class AggregationSpiTest {
    private static final Schema SCHEMA = Schema.builder().int64("k").float64("x").timestamp("ts").build();
    private static final long MINUTE = 60_000_000_000L;

    /** Random batches: sizes 0-12, keys 0-4 (some null), x with NaN and nulls, timestamps rising with repeats. */
    static List<Frame> batches(long seed, int count) {
        Random r = new Random(seed);
        List<Frame> out = new ArrayList<>();
        long t = 0;
        for (int b = 0; b < count; b++) {
            int n = r.nextInt(5) == 0 ? 0 : r.nextInt(13);
            long[] k = new long[n];
            double[] x = new double[n];
            long[] ts = new long[n];
            boolean[] nullK = new boolean[n];
            boolean[] nullX = new boolean[n];
            for (int i = 0; i < n; i++) {
                k[i] = r.nextInt(5);
                nullK[i] = r.nextInt(10) == 0;
                x[i] = r.nextInt(8) == 0 ? Double.NaN : r.nextInt(100);
                nullX[i] = r.nextInt(12) == 0;
                t += r.nextInt(3) * MINUTE; // 0: a duplicate timestamp
                ts[i] = t;
            }
            out.add(FrameBuilder.of(SCHEMA, Math.max(1, n)).column("k", k).column("x", x).column("ts", ts)
                    .nulls("k", nullK).nulls("x", nullX).build());
        }
        return out;
    }

    static <A, B> void compare(Stream<Frame> source, List<Frame> frames, List<A> got, List<B> want, String what) {
        for (Frame f : frames) {
            source.emit(f);
        }
        assertEquals(frames.size(), got.size(), what + ": one emission per batch");
        assertEquals(want, got, what);
    }

    @Test
    void U09_aUserSumEqualsTheBuiltInSumInEveryScheme() {
        for (long seed = 1; seed <= 20; seed++) {
            List<Frame> frames = batches(seed, 40);
            Stream<Frame> source = Stream.create("u09");
            StreamingDataFrame sdf = StreamingDataFrame.from(source, SCHEMA).setIndex("ts");
            List<List<?>> got = new ArrayList<>();
            List<List<?>> want = new ArrayList<>();
            List<String> what = new ArrayList<>();
            for (int n : new int[] {1, 3, 17}) {
                got.add(sdf.col("x").window(n).aggregate(new TestAggregations.UserSum()).sinkToList());
                want.add(sdf.col("x").window(n).sum().stream().sinkToList());
                what.add("window(" + n + ")");
                got.add(sdf.window(n).groupby("k").aggregate(new TestAggregations.UserSum(), "x").sinkToList());
                want.add(sdf.window(n).groupby("k").sum("x").toMaps().sinkToList());
                what.add("window(" + n + ").groupby");
            }
            Duration d = Duration.ofMinutes(5);
            got.add(sdf.col("x").window(d).aggregate(new TestAggregations.UserSum()).sinkToList());
            want.add(sdf.col("x").window(d).sum().stream().sinkToList());
            what.add("window(5 min)");
            got.add(sdf.window(d).groupby("k").aggregate(new TestAggregations.UserSum(), "x").sinkToList());
            want.add(sdf.window(d).groupby("k").sum("x").toMaps().sinkToList());
            what.add("window(5 min).groupby");
            got.add(sdf.col("x").expanding().aggregate(new TestAggregations.UserSum()).sinkToList());
            want.add(sdf.col("x").sum().stream().sinkToList());
            what.add("expanding");
            got.add(sdf.groupby("k").aggregate(new TestAggregations.UserSum(), "x").sinkToList());
            want.add(sdf.groupby("k").sum("x").toMaps().sinkToList());
            what.add("groupby");
            for (Frame f : frames) {
                source.emit(f);
            }
            for (int i = 0; i < got.size(); i++) {
                assertEquals(frames.size(), got.get(i).size(), what.get(i) + ": one emission per batch");
                assertEquals(want.get(i), got.get(i), what.get(i) + ", seed " + seed);
            }
            frames.forEach(Frame::release);
        }
    }

    @Test
    void U09_fullHoldsExactlyTheWindowsRowsAndRollingSeesEachRowsWindow() {
        for (long seed = 1; seed <= 20; seed++) {
            List<Frame> frames = batches(seed, 40);
            Stream<Frame> source = Stream.create("u09-full");
            StreamingDataFrame sdf = StreamingDataFrame.from(source, SCHEMA).setIndex("ts");
            List<List<Double>> all = new ArrayList<>(); // every x so far, by row
            List<Long> times = new ArrayList<>();
            List<String> failures = new ArrayList<>();
            sdf.window(7).full().stream().sink(f -> {
                List<Double> want = all.subList(Math.max(0, all.size() - 7), all.size()).stream()
                        .map(l -> l.get(0)).toList();
                check(failures, "window(7).full()", want, f);
            });
            sdf.window(Duration.ofMinutes(4)).full().stream().sink(f -> {
                List<Double> want = new ArrayList<>();
                long newest = times.isEmpty() ? 0 : times.getLast();
                for (int i = 0; i < all.size(); i++) {
                    if (times.get(i) > newest - 4 * MINUTE) {
                        want.add(all.get(i).get(0));
                    }
                }
                check(failures, "window(4 min).full()", want, f);
            });
            int[] row = {0};
            sdf.col("x").rolling(4).aggregate(new TestAggregations.UserSum()).frame().stream().sink(f -> {
                for (int i = 0; i < f.rowCount(); i++, row[0]++) {
                    double want = 0;
                    for (int j = Math.max(0, row[0] - 3); j <= row[0]; j++) {
                        double v = all.get(j).get(0);
                        want += Double.isNaN(v) ? 0 : v;
                    }
                    if (f.column("x").getDouble(i) != want) {
                        failures.add("rolling(4) row " + row[0] + ": want " + want + ", got " + f.column("x").getDouble(i));
                    }
                }
            });
            for (Frame f : frames) {
                // The expectations read the rows so far, this batch included: record them before emitting.
                for (int i = 0; i < f.rowCount(); i++) {
                    all.add(List.of(f.column("x").isNull(i) ? Double.NaN : f.column("x").getDouble(i)));
                    times.add(f.column("ts").getTimestamp(i));
                }
                source.emit(f);
            }
            assertEquals(List.of(), failures, "seed " + seed);
            frames.forEach(Frame::release);
        }
    }

    static void check(List<String> failures, String what, List<Double> want, Frame f) {
        List<Double> got = new ArrayList<>();
        for (int i = 0; i < f.rowCount(); i++) {
            got.add(f.column("x").isNull(i) ? Double.NaN : f.column("x").getDouble(i));
        }
        if (!got.equals(want)) {
            failures.add(what + ": want " + want + ", got " + got);
        }
    }

    @Test
    void U09_aGroupsStateIsDroppedWhenItsRowsLeaveAndAFreshOneStartsWhenItReturns() {
        Schema schema = Schema.builder().category("k").float64("x").build();
        Stream<Frame> source = Stream.create("u09-groups");
        StreamingDataFrame sdf = StreamingDataFrame.from(source, schema);
        int[] initials = {0};
        Aggregation<double[], Double> counting = new Aggregation<>() {
            @Override
            public double[] initial(Schema s) {
                initials[0]++;
                assertEquals(List.of("x"), s.names());
                return new double[1];
            }

            @Override
            public double[] onNew(double[] s, Rows rows) {
                assertTrue(rows.size() > 0, "a group sees only batches with its rows");
                s[0] += rows.sum(0);
                return s;
            }

            @Override
            public double[] onOld(double[] s, Rows rows) {
                assertTrue(rows.size() > 0, "onOld never gets an empty piece");
                s[0] -= rows.sum(0);
                return s;
            }

            @Override
            public Double result(double[] s) {
                return s[0];
            }
        };
        List<Map<Object, Double>> out = sdf.window(2).groupby("k").aggregate(counting, "x").sinkToList();
        String[][] keys = {{"a", "b"}, {"c", "c"}, {"a", "c"}};
        double[][] xs = {{1, 2}, {3, 4}, {5, 6}};
        for (int b = 0; b < keys.length; b++) {
            try (Frame f = FrameBuilder.of(schema, 2).column("k", keys[b]).column("x", xs[b]).build()) {
                source.emit(f);
            }
        }
        assertEquals(List.of(Map.of("a", 1.0, "b", 2.0), Map.of("c", 7.0), Map.of("a", 5.0, "c", 6.0)), out);
        assertEquals(4, initials[0], "a, b, c, then a again with a fresh state");
    }

    @Test
    void U09_rollingDurationAggregateSeesEachRowsTimeWindow() {
        for (long seed = 1; seed <= 10; seed++) {
            List<Frame> frames = batches(seed, 40);
            Stream<Frame> source = Stream.create("u09-rolling-time");
            StreamingDataFrame sdf = StreamingDataFrame.from(source, SCHEMA).setIndex("ts");
            List<Double> all = new ArrayList<>();
            List<Long> times = new ArrayList<>();
            List<String> failures = new ArrayList<>();
            int[] row = {0};
            sdf.col("x").rolling(Duration.ofMinutes(3)).aggregate(new TestAggregations.UserSum()).frame().stream()
                    .sink(f -> {
                        for (int i = 0; i < f.rowCount(); i++, row[0]++) {
                            double want = 0;
                            for (int j = 0; j <= row[0]; j++) {
                                if (times.get(j) > times.get(row[0]) - 3 * MINUTE && !Double.isNaN(all.get(j))) {
                                    want += all.get(j);
                                }
                            }
                            if (f.column("x").getDouble(i) != want || f.column("ts").getTimestamp(i) != times.get(row[0])) {
                                failures.add("row " + row[0] + ": want " + want + ", got " + f.column("x").getDouble(i));
                            }
                        }
                    });
            for (Frame f : frames) {
                for (int i = 0; i < f.rowCount(); i++) {
                    all.add(f.column("x").isNull(i) ? Double.NaN : f.column("x").getDouble(i));
                    times.add(f.column("ts").getTimestamp(i));
                }
                source.emit(f);
            }
            assertEquals(List.of(), failures, "seed " + seed);
            assertEquals(all.size(), row[0]);
            frames.forEach(Frame::release);
        }
    }
}
