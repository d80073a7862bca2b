package dev.streamz.dataframe.internal;

import dev.streamz.frames.ColumnType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The batch-at-a-time paths ({@link LastRows} for window(n) sum/mean/count/size, {@link GroupSums} for an
 * all-time group-by, {@link RollingAgg}'s extreme path for rolling min/max) against a brute-force
 * recomputation over the whole history, on random batches: empty ones, ones longer than the window, NaN
 * and null values, null keys, batches with none of them (read by bulk copies), thousands of batches (so the ring wraps and the running sum is recomputed
 * many times).
 */
class BatchPathsTest {
    private static final ValueLayout.OfDouble DOUBLE_LE = Slice.DOUBLE_LE;
    private static final ValueLayout.OfLong LONG_LE = Slice.LONG_LE;
    private final Arena arena = Arena.ofConfined();

    @AfterEach
    void close() {
        arena.close();
    }

    /** One random batch: values (NaN and null in places), keys (null in places), as off-heap columns. */
    private final class Batch {
        final int rows;
        final Double[] values; // null = null row; NaN = NaN
        final Long[] keys;
        final Slice valueSlice = new Slice();
        final Slice keySlice = new Slice();

        Batch(SplittableRandom r, int rows, boolean integral, int keyCount) {
            this(r, rows, integral, keyCount, 7);
        }

        Batch(SplittableRandom r, int rows, boolean integral, int keyCount, long spread) {
            this.rows = rows;
            values = new Double[rows];
            keys = new Long[rows];
            int cap = Math.max(rows, 1);
            MemorySegment v = arena.allocate(8L * cap);
            MemorySegment vv = arena.allocate((cap + 7) / 8);
            MemorySegment k = arena.allocate(8L * cap);
            MemorySegment kv = arena.allocate((cap + 7) / 8);
            boolean clean = r.nextInt(3) == 0; // a third of the batches have no null and no NaN: the bulk copies
            for (int i = 0; i < rows; i++) {
                int dice = clean ? 5 : r.nextInt(10);
                if (dice == 0) {
                    values[i] = null;
                } else {
                    double d = integral ? r.nextInt(-1000, 1000) : (dice == 1 ? Double.NaN : r.nextDouble() * 200 - 50);
                    values[i] = d;
                    if (integral) {
                        v.setAtIndex(LONG_LE, i, (long) d);
                    } else {
                        v.setAtIndex(DOUBLE_LE, i, d);
                    }
                    set(vv, i);
                }
                if (!clean && r.nextInt(12) == 0) {
                    keys[i] = null;
                } else {
                    keys[i] = r.nextInt(keyCount) * spread - 20;
                    k.setAtIndex(LONG_LE, i, keys[i]);
                    set(kv, i);
                }
            }
            valueSlice.set(integral ? ColumnType.INT64 : ColumnType.FLOAT64, v, vv, rows);
            keySlice.set(ColumnType.INT64, k, kv, rows);
        }

        private static void set(MemorySegment bitmap, int i) {
            bitmap.set(ValueLayout.JAVA_BYTE, i >>> 3, (byte) (bitmap.get(ValueLayout.JAVA_BYTE, i >>> 3) | 1 << (i & 7)));
        }
    }

    private static boolean missing(Double d) {
        return d == null || d.isNaN();
    }

    private static void close(double expected, double actual, String what) {
        if (Double.isNaN(expected)) {
            assertTrue(Double.isNaN(actual), what + ": expected NaN, got " + actual);
            return;
        }
        assertEquals(expected, actual, 1e-9 * Math.max(1, Math.abs(expected)), what);
    }

    @Test
    void lastRowsMatchesTheLastNRowsRecomputed() {
        for (boolean integral : new boolean[] {false, true}) {
            for (int n : new int[] {1, 3, 100, 1000}) {
                SplittableRandom r = new SplittableRandom(n * 31L + (integral ? 1 : 0));
                LastRows w = new LastRows(n);
                List<Double> history = new ArrayList<>();
                for (int b = 0; b < 3000; b++) {
                    int rows = r.nextInt(8) == 0 ? 0 : r.nextInt(r.nextBoolean() ? 2 * n + 3 : 40);
                    Batch batch = new Batch(r, rows, integral, 5);
                    w.onBatch(batch.valueSlice);
                    history.addAll(java.util.Arrays.asList(batch.values));
                    List<Double> last = history.subList(Math.max(0, history.size() - n), history.size());
                    double sum = 0;
                    long count = 0;
                    for (Double d : last) {
                        if (!missing(d)) {
                            sum += d;
                            count++;
                        }
                    }
                    String at = "n=" + n + " integral=" + integral + " batch " + b;
                    close(sum, w.result(Agg.SUM), at + " sum");
                    close(count == 0 ? Double.NaN : sum / count, w.result(Agg.MEAN), at + " mean");
                    assertEquals(count, w.result(Agg.COUNT), at + " count");
                    assertEquals(last.size(), w.result(Agg.SIZE), at + " size");
                    if (history.size() > 4 * n) {
                        history.subList(0, history.size() - n).clear(); // keep the brute force small
                    }
                }
            }
        }
    }

    @Test
    void groupSumsMatchesEveryRowRecomputedPerKey() {
        // Keys 7 apart: the direct index, rebuilt as the key range grows; 1,000 apart: the range outgrows
        // the index after a while and the hash table takes over; 2^40 apart: the hash table throughout.
        for (long spread : new long[] {7, 1000, 1L << 40}) {
            groupSums(spread);
        }
    }

    private void groupSums(long spread) {
        SplittableRandom r = new SplittableRandom(11);
        GroupSums g = new GroupSums();
        TreeMap<Long, double[]> expected = new TreeMap<>(); // key -> {sum, count, size}
        for (int b = 0; b < 500; b++) {
            int rows = r.nextInt(6) == 0 ? 0 : r.nextInt(300);
            Batch batch = new Batch(r, rows, b % 2 == 0, 3 + b / 5, spread); // keys keep appearing
            g.onBatch(batch.valueSlice, batch.keySlice, null);
            for (int i = 0; i < rows; i++) {
                if (batch.keys[i] == null) {
                    continue;
                }
                double[] e = expected.computeIfAbsent(batch.keys[i], k -> new double[3]);
                e[2]++;
                if (!missing(batch.values[i])) {
                    e[0] += batch.values[i];
                    e[1]++;
                }
            }
            int n = g.sort();
            assertEquals(expected.size(), n, "groups after batch " + b);
            int i = 0;
            for (var e : expected.entrySet()) {
                String at = "spread " + spread + " key " + e.getKey() + " batch " + b;
                assertEquals(e.getKey(), g.key(i), at);
                double[] v = e.getValue();
                close(v[0], g.result(e.getKey(), Agg.SUM), at + " sum");
                close(v[1] == 0 ? Double.NaN : v[0] / v[1], g.result(e.getKey(), Agg.MEAN), at + " mean");
                assertEquals(v[1], g.result(e.getKey(), Agg.COUNT), at + " count");
                assertEquals(v[2], g.result(e.getKey(), Agg.SIZE), at + " size");
                i++;
            }
        }
    }

    @Test
    void rollingExtremesMatchEachRowsWindowRecomputed() {
        for (Agg agg : new Agg[] {Agg.MAX, Agg.MIN}) {
            for (int n : new int[] {1, 4, 13, 50}) {
                for (int minPeriods : new int[] {n, 1}) {
                    SplittableRandom r = new SplittableRandom(n * 7L + minPeriods);
                    RollingAgg roll = new RollingAgg(n, 0, minPeriods, agg, 1, 0.5);
                    List<Double> history = new ArrayList<>();
                    MemorySegment out = arena.allocate(8L * 200);
                    for (int b = 0; b < 400; b++) {
                        int rows = r.nextInt(6) == 0 ? 0 : r.nextInt(1, 200);
                        Batch batch = new Batch(r, rows, b % 3 == 0, 3);
                        roll.onBatch(batch.valueSlice, null, out);
                        for (int i = 0; i < rows; i++) {
                            history.add(batch.values[i]);
                            List<Double> w = history.subList(Math.max(0, history.size() - n), history.size());
                            double best = Double.NaN;
                            int count = 0;
                            for (Double d : w) {
                                if (!missing(d)) {
                                    count++;
                                    best = Double.isNaN(best) ? d : agg == Agg.MAX ? Math.max(best, d) : Math.min(best, d);
                                }
                            }
                            double want = count < minPeriods ? Double.NaN : best;
                            close(want, out.getAtIndex(DOUBLE_LE, i),
                                    agg + " n=" + n + " minPeriods=" + minPeriods + " batch " + b + " row " + i);
                        }
                        if (history.size() > 4 * n) {
                            history.subList(0, history.size() - n).clear();
                        }
                    }
                }
            }
        }
    }
}
