package dev.streamz.frames.internal.kernels;

import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Rolling row and time windows fed frame by frame, against a recomputation over each row's window. */
class RollingTest {

    /** pandas' rolling statistics of one window's values (NaN/null already dropped). */
    static double[] expected(List<Double> w, int minPeriods, int ddof) {
        int n = w.size();
        double[] e = new double[RollingStat.COUNT_OF_STATS];
        if (n < minPeriods) {
            java.util.Arrays.fill(e, Double.NaN);
            return e;
        }
        double sum = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double d : w) {
            sum += d;
            min = Math.min(min, d);
            max = Math.max(max, d);
        }
        double mean = n == 0 ? Double.NaN : sum / n;
        double m2 = 0;
        for (double d : w) {
            m2 += (d - mean) * (d - mean);
        }
        double var = n - ddof <= 0 ? Double.NaN : m2 / (n - ddof);
        e[RollingStat.COUNT.ordinal()] = n;
        e[RollingStat.SUM.ordinal()] = sum;
        e[RollingStat.MEAN.ordinal()] = mean;
        e[RollingStat.VAR.ordinal()] = var;
        e[RollingStat.STD.ordinal()] = Math.sqrt(var);
        e[RollingStat.MIN.ordinal()] = n == 0 ? Double.NaN : min;
        e[RollingStat.MAX.ordinal()] = n == 0 ? Double.NaN : max;
        return e;
    }

    static void compare(double[] e, MemorySegment[] outs, int i, String at) {
        for (RollingStat s : RollingStat.values()) {
            double actual = outs[s.ordinal()].getAtIndex(Cols.DOUBLE_LE, i);
            double exp = e[s.ordinal()];
            double tol = s == RollingStat.VAR ? 1e-7 : 1e-9;
            if (s == RollingStat.STD && !Double.isNaN(exp)) {
                // sqrt magnifies Welford's removal residue near 0: compare the square
                assertEquals(exp * exp, actual * actual, 1e-7 * Math.max(1.0, exp * exp), at + " STD");
            } else if (Double.isNaN(exp)) {
                assertTrue(Double.isNaN(actual), at + " " + s + ": expected NaN, got " + actual);
            } else {
                assertEquals(exp, actual, tol * Math.max(1.0, Math.abs(exp)), at + " " + s);
            }
        }
    }

    @Test
    void Q08_rowWindowsAcrossFrameBoundariesFollowPandasMinPeriods() {
        int[][] shapes = {{1, 1, 0}, {3, 3, 1}, {5, 2, 1}, {64, 10, 0}, {100, 0, 1}};
        for (int[] shape : shapes) {
            int window = shape[0];
            int minPeriods = shape[1];
            int ddof = shape[2];
            SplittableRandom r = new SplittableRandom(window);
            Rolling roll = Rolling.rows(window, minPeriods, ddof);
            List<Double> all = new ArrayList<>(); // NaN marks a skipped row
            try (Arena a = Arena.ofConfined()) {
                for (int f = 0; f < 12; f++) {
                    int n = Cols.SIZES[r.nextInt(Cols.SIZES.length - 1)];
                    double[] x = Cols.doubles(r, n);
                    boolean[] v = Cols.valid(r, n, true);
                    MemorySegment[] outs = new MemorySegment[RollingStat.COUNT_OF_STATS];
                    for (int k = 0; k < outs.length; k++) {
                        outs[k] = Cols.f64Out(a, n);
                    }
                    roll.apply(Cols.f64(a, x), Cols.bits(a, v), n, outs);
                    for (int i = 0; i < n; i++) {
                        all.add(v[i] ? x[i] : Double.NaN);
                        List<Double> w = new ArrayList<>();
                        for (int j = Math.max(0, all.size() - window); j < all.size(); j++) {
                            if (!Double.isNaN(all.get(j))) {
                                w.add(all.get(j));
                            }
                        }
                        compare(expected(w, minPeriods, ddof), outs, i,
                                "window=" + window + " frame " + f + " row " + i);
                    }
                }
            }
            assertEquals(Math.min(window, all.size()), roll.rowsInWindow());
        }
    }

    @Test
    void Q09_timeWindowsKeepTheInterval_newestMinusD_toNewest() {
        SplittableRandom r = new SplittableRandom(9);
        long d = 1_000;
        Rolling roll = Rolling.time(d, 1, 1, 10_000);
        List<long[]> seen = new ArrayList<>(); // {time, valueBits or NaN}
        List<Double> vals = new ArrayList<>();
        long t = 1_000_000;
        try (Arena a = Arena.ofConfined()) {
            for (int f = 0; f < 10; f++) {
                int n = Cols.SIZES[r.nextInt(Cols.SIZES.length - 1)];
                long[] ts = new long[n];
                for (int i = 0; i < n; i++) {
                    t += r.nextInt(4) == 0 ? 0 : r.nextInt(120); // repeats, and gaps
                    ts[i] = t;
                }
                double[] x = Cols.doubles(r, n);
                boolean[] v = Cols.valid(r, n, true);
                MemorySegment sts = Cols.i64(a, ts);
                MemorySegment[] outs = new MemorySegment[RollingStat.COUNT_OF_STATS];
                for (int k = 0; k < outs.length; k++) {
                    outs[k] = Cols.f64Out(a, n);
                }
                roll.applyTimed(sts, Cols.f64(a, x), Cols.bits(a, v), n, outs);
                for (int i = 0; i < n; i++) {
                    seen.add(new long[] {ts[i]});
                    vals.add(v[i] ? x[i] : Double.NaN);
                    List<Double> w = new ArrayList<>();
                    for (int j = 0; j < seen.size(); j++) {
                        if (seen.get(j)[0] > ts[i] - d && !Double.isNaN(vals.get(j))) {
                            w.add(vals.get(j));
                        }
                    }
                    compare(expected(w, 1, 1), outs, i, "time frame " + f + " row " + i);
                }
                // frame-level eviction: the first row of this frame still inside (newest − d, newest]
                if (n > 0) {
                    int first = TimeEviction.firstInside(sts, 0, n, ts[n - 1], d);
                    for (int i = 0; i < n; i++) {
                        assertEquals(i >= first, ts[i] > ts[n - 1] - d, "firstInside row " + i);
                    }
                    assertEquals(n, TimeEviction.firstInside(sts, 0, n, ts[n - 1] + 2 * d, d));
                }
            }
            MemorySegment back = Cols.i64(a, new long[] {t - 1});
            MemorySegment one = Cols.f64(a, new double[] {1});
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> roll.applyTimed(back, one, null, 1, new MemorySegment[0]));
            assertTrue(e.getMessage().contains("must not decrease"), e.getMessage());
            assertThrows(IllegalStateException.class, () -> roll.apply(one, null, 1, new MemorySegment[0]));
            assertThrows(IllegalArgumentException.class, () -> Rolling.rows(3, 4, 1));
            Rolling tiny = Rolling.time(1_000_000, 1, 1, 2);
            MemorySegment ts3 = Cols.i64(a, new long[] {1, 2, 3});
            IllegalStateException full = assertThrows(IllegalStateException.class,
                    () -> tiny.applyTimed(ts3, Cols.f64(a, new double[] {1, 2, 3}), null, 3, new MemorySegment[0]));
            assertTrue(full.getMessage().contains("maxRows=2"), full.getMessage());
        }
    }
}
