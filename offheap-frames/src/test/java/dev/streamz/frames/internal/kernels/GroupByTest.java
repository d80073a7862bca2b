package dev.streamz.frames.internal.kernels;

import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Incremental group-by over a sliding window of frames, checked against a recomputation from scratch. */
class GroupByTest {

    record F(long[] keys, boolean[] kv, double[] vals, boolean[] vv, MemorySegment ks, MemorySegment ksv,
            MemorySegment vs, MemorySegment vsv) {
    }

    static F frame(Arena a, SplittableRandom r, int n, boolean codes, int distinct) {
        long[] k = new long[n];
        int[] c = new int[n];
        for (int i = 0; i < n; i++) {
            c[i] = r.nextInt(distinct);
            k[i] = codes ? c[i] : c[i] * 1_000_003L - 50_000_000L; // spread int64 keys, negatives too
        }
        boolean[] kv = Cols.valid(r, n, true);
        double[] v = Cols.doubles(r, n);
        boolean[] vv = Cols.valid(r, n, true);
        return new F(k, kv, v, vv, codes ? Cols.i32(a, c) : Cols.i64(a, k), Cols.bits(a, kv), Cols.f64(a, v),
                Cols.bits(a, vv));
    }

    @Test
    void Q07_groupByAddAndRemoveMatchesARecomputationOverTheWindow() {
        for (boolean codes : new boolean[] {false, true}) {
            SplittableRandom r = new SplittableRandom(codes ? 71 : 7);
            int window = 4;
            GroupBy g = new GroupBy(codes, 2, true, true, window);
            ArrayDeque<F> in = new ArrayDeque<>();
            try (Arena a = Arena.ofConfined()) {
                for (int step = 0; step < 40; step++) {
                    int n = Cols.SIZES[r.nextInt(Cols.SIZES.length - 1)];
                    F f = frame(a, r, n, codes, step < 20 ? 13 : 40);
                    if (in.size() == window) {
                        F old = in.removeFirst();
                        g.remove(old.ks, old.ksv, old.vs, old.vsv, old.keys.length);
                    }
                    g.add(f.ks, f.ksv, f.vs, f.vsv, n);
                    in.addLast(f);
                    check(g, in, codes + " step " + step);
                }
                // empty the window: no group is live
                while (!in.isEmpty()) {
                    F old = in.removeFirst();
                    g.remove(old.ks, old.ksv, old.vs, old.vsv, old.keys.length);
                }
                for (int i = 0; i < g.groups(); i++) {
                    assertFalse(g.live(i));
                }
                assertEquals(0, g.sortedGroups(new int[g.groups()]));
            }
        }
    }

    private static void check(GroupBy g, ArrayDeque<F> window, String at) {
        TreeMap<Long, List<Double>> vals = new TreeMap<>();
        TreeMap<Long, Integer> sizes = new TreeMap<>();
        for (F f : window) {
            for (int i = 0; i < f.keys.length; i++) {
                if (!f.kv[i]) {
                    continue; // dropna: null keys are not grouped
                }
                sizes.merge(f.keys[i], 1, Integer::sum);
                List<Double> l = vals.computeIfAbsent(f.keys[i], k -> new ArrayList<>());
                if (f.vv[i] && !Double.isNaN(f.vals[i])) {
                    l.add(f.vals[i]);
                }
            }
        }
        int[] order = new int[g.groups()];
        int live = g.sortedGroups(order);
        assertEquals(sizes.size(), live, at + ": live groups");
        int j = 0;
        for (var e : sizes.entrySet()) {
            int gid = order[j++];
            String w = at + " key " + e.getKey();
            assertEquals(e.getKey().longValue(), g.key(gid), at + ": sorted by key");
            List<Double> l = vals.get(e.getKey());
            assertEquals(e.getValue().longValue(), g.size(gid), w + " size");
            assertEquals(l.size(), g.count(gid), w + " count");
            double sum = 0;
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (double d : l) {
                sum += d;
                min = Math.min(min, d);
                max = Math.max(max, d);
            }
            double mean = l.isEmpty() ? Double.NaN : sum / l.size();
            double m2 = 0;
            for (double d : l) {
                m2 += (d - mean) * (d - mean);
            }
            ReduceCumulativeTest.close(sum, g.sum(gid), w + " sum");
            ReduceCumulativeTest.close(mean, g.mean(gid), w + " mean");
            ReduceCumulativeTest.close(l.isEmpty() ? Double.NaN : min, g.min(gid), w + " min");
            ReduceCumulativeTest.close(l.isEmpty() ? Double.NaN : max, g.max(gid), w + " max");
            for (int ddof = 0; ddof <= 1; ddof++) {
                double var = l.size() - ddof <= 0 ? Double.NaN : m2 / (l.size() - ddof);
                if (Double.isNaN(var)) {
                    assertTrue(Double.isNaN(g.var(gid, ddof)), w + " var NaN");
                } else {
                    assertEquals(var, g.var(gid, ddof), 1e-7 * Math.max(1, var), w + " var ddof=" + ddof);
                    double std = g.std(gid, ddof);
                    assertEquals(var, std * std, 1e-7 * Math.max(1, var), w + " std");
                }
            }
        }
    }

    @Test
    void Q07_groupByRefusesOutOfOrderRemovalAndAnOverfullWindow() {
        try (Arena a = Arena.ofConfined()) {
            SplittableRandom r = new SplittableRandom(8);
            F f1 = frame(a, r, 10, false, 3);
            F f2 = frame(a, r, 10, false, 3);
            GroupBy g = new GroupBy(false, 4, false, true, 1);
            g.add(f1.ks, f1.ksv, f1.vs, f1.vsv, 10);
            IllegalStateException full = assertThrows(IllegalStateException.class,
                    () -> g.add(f2.ks, f2.ksv, f2.vs, f2.vsv, 10));
            assertTrue(full.getMessage().contains("maxWindowFrames=1"), full.getMessage());
            IllegalStateException order = assertThrows(IllegalStateException.class,
                    () -> g.remove(f2.ks, f2.ksv, f2.vs, f2.vsv, 10));
            assertTrue(order.getMessage().contains("oldest"), order.getMessage());
            GroupBy addOnly = new GroupBy(false, 4, false, false, 0);
            assertThrows(IllegalStateException.class, () -> addOnly.remove(f1.ks, f1.ksv, f1.vs, f1.vsv, 10));
            assertThrows(IllegalStateException.class, () -> addOnly.var(0, 1));
            assertThrows(IllegalArgumentException.class, () -> new GroupBy(false, -1, false, false, 0));
        }
    }

    @Test
    void Q07_groupByGrowsPastItsInitialCapacityAndClears() {
        try (Arena a = Arena.ofConfined()) {
            int n = 50_000;
            long[] k = new long[n];
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                k[i] = (i * 7919L) % 20_011; // 20011 distinct keys
                v[i] = i;
            }
            GroupBy g = new GroupBy(false, 1, false, false, 0);
            g.add(Cols.i64(a, k), null, Cols.f64(a, v), null, n);
            assertEquals(20_011, g.groups());
            double total = 0;
            for (int i = 0; i < g.groups(); i++) {
                total += g.sum(i);
            }
            assertEquals((double) n * (n - 1) / 2, total, 0.0);
            g.clear();
            assertEquals(0, g.groups());
        }
    }
}
