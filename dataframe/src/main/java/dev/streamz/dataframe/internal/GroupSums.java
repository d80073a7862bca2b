package dev.streamz.dataframe.internal;

import java.util.Arrays;

/**
 * Per-key SUM, MEAN, COUNT and SIZE over all time ({@code groupby(key).x.sum()}), a batch at a time: the
 * path an all-time group-by takes for these four, which need per group only a sum and two counts.
 *
 * <p>Why not {@link GroupTable} behind a {@link WindowAgg}: that pair keeps every statistic per row
 * (Welford's variance, with a division, min and max, a whole-number sum) for the group and again for the
 * window. Here the batch's keys and values are read in bulk (one type dispatch per batch) and each row
 * costs one probe of an open-addressing table (linear probing, group state in parallel arrays) and three
 * updates. Groups only appear over all time, so there is no deletion. Null keys belong to no group and
 * missing values count in SIZE only, as in pandas. The steady state allocates nothing: the scratch arrays
 * grow to the largest batch, the table to the number of groups.
 */
public final class GroupSums {
    private static final int EMPTY = -1;
    // A null key's mark, as in GroupTable (an int64 key of this value is dropped there too).
    private static final long NULL_KEY = Long.MIN_VALUE;

    private long[] slotKeys = new long[64];
    private int[] slotIds = filled(64);
    private int groups;
    private long[] keyOf = new long[32];
    private double[] sum = new double[32];
    private long[] count = new long[32];
    private long[] size = new long[32];
    private long[] sortedKeys = new long[32];
    private int sorted; // groups in sortedKeys; the order is kept until a group is added
    // Keys within a span of DENSE_SPAN find their group by direct index (dense[key - base] = id + 1, 0 = none
    // yet): one subtraction and one load instead of a hash probe. Keys spread wider turn it off for good.
    private static final long DENSE_SPAN = 1 << 16;
    private int[] dense = new int[0];
    private long base;
    private boolean denseOff;
    private long lo = Long.MAX_VALUE;
    private long hi = Long.MIN_VALUE;
    private long[] keys = new long[0];
    private double[] values = new double[0];

    /**
     * @param agg an aggregation
     * @return whether this path computes it
     */
    public static boolean handles(Agg agg) {
        return agg == Agg.SUM || agg == Agg.MEAN || agg == Agg.COUNT || agg == Agg.SIZE;
    }

    private static int[] filled(int n) {
        int[] a = new int[n];
        Arrays.fill(a, EMPTY);
        return a;
    }

    /**
     * Takes one batch in.
     *
     * @param v the aggregated column
     * @param k the key column (same rows)
     * @param translate maps each key code to the key to use (category keys), or {@code null}
     */
    public void onBatch(Slice v, Slice k, int[] translate) {
        int n = v.rows();
        if (keys.length < n) {
            keys = new long[n];
            values = new double[n];
        }
        long[] ks = keys;
        double[] vs = values;
        k.toLongs(ks, NULL_KEY);
        v.toDoubles(0, n, vs, 0);
        for (int i = 0; i < n; i++) {
            long key = ks[i];
            if (key == NULL_KEY) {
                continue; // pandas drops null keys
            }
            if (translate != null) {
                key = translate[(int) key];
            }
            long off = key - base;
            int g;
            if (off < 0 || off >= dense.length || (g = dense[(int) off] - 1) < 0) {
                g = slowId(key);
            }
            size[g]++;
            double d = vs[i];
            if (d == d) { // NaN: missing
                sum[g] += d;
                count[g]++;
            }
        }
    }

    /**
     * Sorts the groups' keys; {@link #key(int)} then reads them in order.
     *
     * @return the number of groups
     */
    public int sort() {
        int n = groups;
        if (sorted != n) {
            System.arraycopy(keyOf, 0, sortedKeys, 0, n);
            Arrays.sort(sortedKeys, 0, n);
            sorted = n;
        }
        return n;
    }

    /**
     * @param i a position after {@link #sort()}
     * @return the i-th smallest key
     */
    public long key(int i) {
        return sortedKeys[i];
    }

    /** @return the number of groups (keys seen with a non-null key) */
    public int groups() {
        return groups;
    }

    /**
     * @param key a group's key
     * @param agg SUM, MEAN, COUNT or SIZE
     * @return the group's aggregate (MEAN: NaN while it has no present value)
     */
    public double result(long key, Agg agg) {
        int g = find(key);
        return switch (agg) {
            case SUM -> sum[g];
            case MEAN -> count[g] == 0 ? Double.NaN : sum[g] / count[g];
            case COUNT -> count[g];
            case SIZE -> size[g];
            default -> throw new IllegalArgumentException("GroupSums: no " + agg);
        };
    }

    /** A key the direct index does not know: through the hash table, then into the index if it fits. */
    private int slowId(long key) {
        int g = idOf(key);
        if (denseOff) {
            return g;
        }
        lo = Math.min(lo, key);
        hi = Math.max(hi, key);
        long span = hi - lo + 1;
        if (hi - lo < 0 || span > DENSE_SPAN || lo < Long.MIN_VALUE + DENSE_SPAN || hi > Long.MAX_VALUE - DENSE_SPAN) {
            denseOff = true;
            dense = new int[0];
            return g;
        }
        long off = key - base;
        if (off < 0 || off >= dense.length) {
            // Rebuild around every key seen, with room on both sides for keys still to come.
            int len = (int) Math.min(DENSE_SPAN, Math.max(64, 2 * span));
            base = lo - Math.max(0, (len - span) / 2);
            dense = new int[len];
            for (int id = 0; id < groups; id++) {
                dense[(int) (keyOf[id] - base)] = id + 1;
            }
        } else {
            dense[(int) off] = g + 1;
        }
        return g;
    }

    private static int home(long key, int mask) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }

    private int find(long key) {
        int mask = slotIds.length - 1;
        int s = home(key, mask);
        while (slotKeys[s] != key) {
            s = (s + 1) & mask;
        }
        return slotIds[s];
    }

    private int idOf(long key) {
        int mask = slotIds.length - 1;
        int s = home(key, mask);
        int id;
        while ((id = slotIds[s]) != EMPTY) {
            if (slotKeys[s] == key) {
                return id;
            }
            s = (s + 1) & mask;
        }
        int g = groups++;
        if (g == keyOf.length) {
            int c = g * 2;
            keyOf = Arrays.copyOf(keyOf, c);
            sum = Arrays.copyOf(sum, c);
            count = Arrays.copyOf(count, c);
            size = Arrays.copyOf(size, c);
            sortedKeys = Arrays.copyOf(sortedKeys, c);
        }
        keyOf[g] = key;
        slotKeys[s] = key;
        slotIds[s] = g;
        if (groups * 2 > slotIds.length) {
            rehash(slotIds.length * 2);
        }
        return g;
    }

    private void rehash(int capacity) {
        long[] oldKeys = slotKeys;
        int[] oldIds = slotIds;
        slotKeys = new long[capacity];
        slotIds = filled(capacity);
        int mask = capacity - 1;
        for (int s = 0; s < oldIds.length; s++) {
            if (oldIds[s] != EMPTY) {
                int t = home(oldKeys[s], mask);
                while (slotIds[t] != EMPTY) {
                    t = (t + 1) & mask;
                }
                slotKeys[t] = oldKeys[s];
                slotIds[t] = oldIds[s];
            }
        }
    }
}
