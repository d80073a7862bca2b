package dev.streamz.dataframe.internal;

import java.util.Arrays;

/**
 * Per-group running aggregates keyed by a 64-bit key (an int64 column, or the int32 codes of a category
 * column): an open-addressing hash table with linear probing into struct-of-arrays group state. Rows can be
 * added and, for windows, removed; a group whose last row left is deleted (streamz drops it rather than
 * reporting 0), so memory follows the live groups. Results come out sorted by key, as pandas sorts them.
 *
 * <p>MIN and MAX: groups that only grow (all-time group-by) keep two numbers; a windowed group-by built
 * with {@code extremes} keeps a monotonic deque per group (amortised O(1) per row, each deque no longer
 * than its group's rows in the window), reused by the next group that takes the same id, so memory
 * follows the live groups and the steady state allocates nothing.
 */
public final class GroupTable implements RowWindow.Evictions {
    private static final int EMPTY = -1;
    /** The key of a row that belongs to no group (a null key): never added, ignored on eviction. */
    public static final long NO_GROUP = Long.MIN_VALUE;

    private long[] slotKeys = new long[64];
    private int[] slotIds = filled(64);
    private int live;

    // Group state, indexed by group id.
    private long[] keyOf = new long[32];
    private long[] count = new long[32];
    private long[] size = new long[32];
    private double[] sum = new double[32];
    private long[] longSum = new long[32];
    private double[] mean = new double[32];
    private double[] m2 = new double[32];
    private double[] min = new double[32];
    private double[] max = new double[32];
    private int[] free = new int[32];
    private int freeCount;
    private int nextId;

    private long[] sortedKeys = new long[32];
    private boolean removed;
    private final boolean extremes;
    private MonotonicDeque[] minQ;
    private MonotonicDeque[] maxQ;

    /** A table whose groups only grow, or that needs no min/max after rows were removed. */
    public GroupTable() {
        this(false);
    }

    /**
     * @param extremes whether to keep per-group min/max that survive removals (windowed group-by)
     */
    public GroupTable(boolean extremes) {
        this.extremes = extremes;
        if (extremes) {
            minQ = new MonotonicDeque[32];
            maxQ = new MonotonicDeque[32];
        }
    }

    private static int[] filled(int n) {
        int[] a = new int[n];
        Arrays.fill(a, EMPTY);
        return a;
    }

    /** @return the number of groups holding at least one row */
    public int groups() {
        return live;
    }

    /**
     * Adds one row to its group, creating the group on its first row.
     *
     * @param seq the row's sequence number (increasing; used by the per-group min/max deques)
     * @param key the group key
     * @param missing whether the value is missing (counted in size only)
     * @param d the value as a double
     * @param l the value as a long
     */
    public void add(long seq, long key, boolean missing, double d, long l) {
        int g = idOf(key, true);
        size[g]++;
        if (missing) {
            return;
        }
        if (extremes) {
            minQ[g].push(seq, d);
            maxQ[g].push(seq, d);
        }
        long n = ++count[g];
        sum[g] += d;
        longSum[g] += l;
        double delta = d - mean[g];
        mean[g] += delta / n;
        m2[g] += delta * (d - mean[g]);
        if (n == 1 || d < min[g]) {
            min[g] = d;
        }
        if (n == 1 || d > max[g]) {
            max[g] = d;
        }
    }

    /**
     * Removes one row added before (the oldest of its group); the group goes when its size reaches 0.
     *
     * @param seq the row's sequence number
     * @param key the group key
     * @param missing whether the value is missing
     * @param d the value as a double
     * @param l the value as a long
     */
    public void remove(long seq, long key, boolean missing, double d, long l) {
        int g = idOf(key, false);
        if (g == EMPTY) {
            throw new IllegalStateException("GroupTable: no group " + key + " to remove a row from");
        }
        removed = true;
        if (extremes) {
            minQ[g].evictBefore(seq + 1);
            maxQ[g].evictBefore(seq + 1);
        }
        if (--size[g] == 0) {
            delete(key, g);
            return;
        }
        if (missing) {
            return;
        }
        long n = --count[g];
        longSum[g] -= l;
        if (n == 0) {
            sum[g] = 0;
            mean[g] = 0;
            m2[g] = 0;
            return;
        }
        sum[g] -= d;
        double delta = d - mean[g];
        mean[g] -= delta / n;
        m2[g] -= delta * (d - mean[g]);
    }

    @Override
    public void evicted(long seq, long key, boolean missing, double d, long l) {
        if (key != NO_GROUP) {
            remove(seq, key, missing, d, l);
        }
    }

    /**
     * @param key a group key
     * @return the group's id (ids of deleted groups are reused), or -1 when it holds no row
     */
    public int id(long key) {
        return idOf(key, false);
    }

    /** @return one more than the largest group id ever given (the size for arrays indexed by id) */
    public int idBound() {
        return nextId;
    }

    /**
     * @param key a group key
     * @return whether the group holds at least one row
     */
    public boolean contains(long key) {
        return idOf(key, false) != EMPTY;
    }

    /**
     * pandas' value of an aggregation over a group with no rows (an unseen category): 0 for SUM, COUNT and
     * SIZE, NaN otherwise.
     *
     * @param agg the aggregation
     * @return its value over no rows
     */
    public static double empty(Agg agg) {
        return agg == Agg.SUM || agg == Agg.COUNT || agg == Agg.SIZE ? 0 : Double.NaN;
    }

    /**
     * Sorts the live groups' keys; {@link #key(int)} then reads them in order.
     *
     * @return the number of live groups
     */
    public int sort() {
        if (sortedKeys.length < live) {
            sortedKeys = new long[Math.max(live, sortedKeys.length * 2)];
        }
        int n = 0;
        for (int s = 0; s < slotIds.length; s++) {
            if (slotIds[s] != EMPTY) {
                sortedKeys[n++] = slotKeys[s];
            }
        }
        Arrays.sort(sortedKeys, 0, n);
        return n;
    }

    /**
     * @param i a position after {@link #sort()}
     * @return the i-th smallest live key
     */
    public long key(int i) {
        return sortedKeys[i];
    }

    /**
     * @param key a live group's key
     * @param agg the aggregation
     * @param ddof delta degrees of freedom for VAR and STD
     * @return the group's aggregate
     */
    public double result(long key, Agg agg, int ddof) {
        int g = idOf(key, false);
        if (g == EMPTY) {
            throw new IllegalArgumentException("GroupTable: no group " + key);
        }
        long n = count[g];
        return switch (agg) {
            case SUM -> sum[g];
            case MEAN -> n == 0 ? Double.NaN : sum[g] / n;
            case COUNT -> n;
            case SIZE -> size[g];
            case VAR -> n == 0 || n - ddof <= 0 ? Double.NaN : Math.max(0, m2[g]) / (n - ddof);
            case STD -> n == 0 || n - ddof <= 0 ? Double.NaN : Math.sqrt(Math.max(0, m2[g]) / (n - ddof));
            case MIN -> minMax(g, min);
            case MAX -> minMax(g, max);
            case MEDIAN, QUANTILE -> throw new IllegalArgumentException("GroupTable: no " + agg + " per group");
        };
    }

    /**
     * @param key a live group's key
     * @return the exact whole-number sum of the group
     */
    public long longSum(long key) {
        return longSum[idOf(key, false)];
    }

    private double minMax(int g, double[] values) {
        if (extremes) {
            return (values == min ? minQ[g] : maxQ[g]).extreme();
        }
        if (removed) {
            throw new IllegalStateException("GroupTable: built without extremes, min/max after removals is unknown");
        }
        return count[g] == 0 ? Double.NaN : values[g];
    }

    private static int home(long key, int mask) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }

    private int idOf(long key, boolean create) {
        int mask = slotIds.length - 1;
        int s = home(key, mask);
        while (slotIds[s] != EMPTY) {
            if (slotKeys[s] == key) {
                return slotIds[s];
            }
            s = (s + 1) & mask;
        }
        if (!create) {
            return EMPTY;
        }
        int g = newGroup(key);
        slotKeys[s] = key;
        slotIds[s] = g;
        if (++live * 2 > slotIds.length) {
            rehash(slotIds.length * 2);
        }
        return g;
    }

    private int newGroup(long key) {
        int g;
        if (freeCount > 0) {
            g = free[--freeCount];
        } else {
            g = nextId++;
            if (g == keyOf.length) {
                int n = g * 2;
                keyOf = Arrays.copyOf(keyOf, n);
                count = Arrays.copyOf(count, n);
                size = Arrays.copyOf(size, n);
                sum = Arrays.copyOf(sum, n);
                longSum = Arrays.copyOf(longSum, n);
                mean = Arrays.copyOf(mean, n);
                m2 = Arrays.copyOf(m2, n);
                min = Arrays.copyOf(min, n);
                max = Arrays.copyOf(max, n);
                if (extremes) {
                    minQ = Arrays.copyOf(minQ, n);
                    maxQ = Arrays.copyOf(maxQ, n);
                }
            }
        }
        if (extremes) {
            if (minQ[g] == null) {
                minQ[g] = new MonotonicDeque(false);
                maxQ[g] = new MonotonicDeque(true);
            }
            minQ[g].clear();
            maxQ[g].clear();
        }
        keyOf[g] = key;
        count[g] = 0;
        size[g] = 0;
        sum[g] = 0;
        longSum[g] = 0;
        mean[g] = 0;
        m2[g] = 0;
        return g;
    }

    private void delete(long key, int g) {
        int mask = slotIds.length - 1;
        int i = home(key, mask);
        while (slotKeys[i] != key || slotIds[i] == EMPTY) {
            i = (i + 1) & mask;
        }
        // Backward-shift deletion keeps every probe chain unbroken without tombstones.
        int j = i;
        while (true) {
            j = (j + 1) & mask;
            if (slotIds[j] == EMPTY) {
                break;
            }
            int k = home(slotKeys[j], mask);
            boolean movable = i <= j ? (k <= i || k > j) : (k <= i && k > j);
            if (movable) {
                slotKeys[i] = slotKeys[j];
                slotIds[i] = slotIds[j];
                i = j;
            }
        }
        slotIds[i] = EMPTY;
        live--;
        if (freeCount == free.length) {
            free = Arrays.copyOf(free, freeCount * 2);
        }
        free[freeCount++] = g;
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
