package dev.streamz.frames.internal.kernels;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;

/**
 * Incremental group-by hash aggregation of a float64 value column by an int64 key column (also TIMESTAMP) or
 * by a dictionary column's int32 codes: sum, count, size, mean, var, std, min, max, across any number of
 * frames, with {@link #remove} for windows.
 *
 * <p>Keys: int64 keys go through an open-addressing table (linear probing, Fibonacci hashing, load ≤ 1/2)
 * mapping a key to a dense group id in first-appearance order; dictionary codes are already dense, so the code
 * is the group id and no hashing happens. Rows with a null key are dropped (pandas' {@code dropna=True}).
 * See {@link GroupStats} for the value rules.
 *
 * <p>Removal (a window evicting its oldest frame): pass the same segments and row count that were added, in
 * the order they were added (first in, first out), which is how every window evicts. Sum, count, size, mean
 * and var are updated exactly backwards. Min and max cannot be: this aggregator keeps references to the frames
 * still in the window (they stay alive anyway: the window holds them) and recomputes, on the next read, only
 * the groups whose extreme was removed, with one pass over the window. Chosen over a per-group multiset
 * (a sorted structure per group costs O(log n) and an allocation per row, every row) because extremes are
 * rarely removed relative to rows added, and the recompute allocates nothing.
 *
 * <p>Results: {@link #groups()} group ids, {@link #live(int)} (a group that emptied after removals is not in
 * the result), {@link #key(int)}, the statistics, and {@link #sortedGroups(int[])} for pandas' default
 * key-sorted order. Not thread-safe; one per aggregation.
 */
public final class GroupBy {
    private static final ValueLayout.OfDouble F64 = Compare.F64;
    private static final ValueLayout.OfLong I64 = Compare.I64;
    private static final ValueLayout.OfInt I32 = Compare.I32;
    private static final long PHI = 0x9E3779B97F4A7C15L;

    private final boolean codes;
    private final GroupStats st;

    // int64 key table: slotGroup[s] == -1 means empty
    private long[] slotKey;
    private int[] slotGroup;
    private int shift;
    private long[] groupKey;
    private int groups;

    // frames still in the window, oldest first (only when removal is enabled)
    private final MemorySegment[] winKeys;
    private final MemorySegment[] winKeyValid;
    private final MemorySegment[] winVals;
    private final MemorySegment[] winValValid;
    private final int[] winRows;
    private int winHead;
    private int winSize;

    /**
     * An empty aggregation.
     *
     * @param dictionaryKeys true to group by int32 dictionary codes, false for int64 keys
     * @param expectedGroups initial capacity in groups (grows by doubling)
     * @param var whether to keep var/std (Welford state)
     * @param minMax whether to keep min/max
     * @param maxWindowFrames the most frames a window holds at once, enabling {@link #remove}; 0 for add-only
     */
    public GroupBy(boolean dictionaryKeys, int expectedGroups, boolean var, boolean minMax, int maxWindowFrames) {
        if (expectedGroups < 0 || maxWindowFrames < 0) {
            throw new IllegalArgumentException("groupBy: expectedGroups and maxWindowFrames must be >= 0, got "
                    + expectedGroups + " and " + maxWindowFrames);
        }
        this.codes = dictionaryKeys;
        this.st = new GroupStats(expectedGroups, var, minMax, maxWindowFrames > 0);
        if (!codes) {
            int slots = Integer.highestOneBit(Math.max(8, expectedGroups * 2 - 1)) << 1;
            slotKey = new long[slots];
            slotGroup = new int[slots];
            Arrays.fill(slotGroup, -1);
            shift = 64 - Integer.numberOfTrailingZeros(slots);
            groupKey = new long[Math.max(expectedGroups, 1)];
        }
        int w = maxWindowFrames;
        winKeys = new MemorySegment[w];
        winKeyValid = new MemorySegment[w];
        winVals = new MemorySegment[w];
        winValValid = new MemorySegment[w];
        winRows = new int[w];
    }

    /**
     * Adds one frame's rows.
     *
     * @param keys key values (int64, or int32 codes)
     * @param keyValid key validity or null
     * @param values float64 values
     * @param valueValid value validity or null
     * @param rows rows
     * @throws IllegalStateException when removal is enabled and the window already holds
     *     {@code maxWindowFrames} frames
     */
    public void add(MemorySegment keys, MemorySegment keyValid, MemorySegment values, MemorySegment valueValid,
            int rows) {
        if (winKeys.length > 0) {
            if (winSize == winKeys.length) {
                throw new IllegalStateException("groupBy: the window already holds maxWindowFrames="
                        + winKeys.length + " frames; remove the oldest first or raise maxWindowFrames");
            }
            int at = (winHead + winSize) % winKeys.length;
            winKeys[at] = keys;
            winKeyValid[at] = keyValid;
            winVals[at] = values;
            winValValid[at] = valueValid;
            winRows[at] = rows;
            winSize++;
        }
        for (int i = 0; i < rows; i++) {
            if (!Bitmaps.get(keyValid, i)) {
                continue;
            }
            int g = codes ? code(keys, i) : group(keys.getAtIndex(I64, i));
            double x = values.getAtIndex(F64, i);
            st.add(g, x, x == x && Bitmaps.get(valueValid, i));
        }
    }

    /**
     * Removes the oldest frame still added: the same segments and row count as its {@link #add}.
     *
     * @param keys key values
     * @param keyValid key validity or null
     * @param values float64 values
     * @param valueValid value validity or null
     * @param rows rows
     * @throws IllegalStateException when removal was not enabled, or this is not the oldest frame added
     */
    public void remove(MemorySegment keys, MemorySegment keyValid, MemorySegment values, MemorySegment valueValid,
            int rows) {
        if (winKeys.length == 0) {
            throw new IllegalStateException("groupBy: remove needs maxWindowFrames > 0 at construction");
        }
        if (winSize == 0 || !keys.equals(winKeys[winHead]) || !values.equals(winVals[winHead])
                || rows != winRows[winHead]) {
            throw new IllegalStateException("groupBy: remove must be given the oldest frame still added (first in,"
                    + " first out), with the same row count (" + (winSize == 0 ? "none is added" : "expected rows="
                    + winRows[winHead]) + ")");
        }
        winKeys[winHead] = null;
        winKeyValid[winHead] = null;
        winVals[winHead] = null;
        winValValid[winHead] = null;
        winHead = (winHead + 1) % winKeys.length;
        winSize--;
        for (int i = 0; i < rows; i++) {
            if (!Bitmaps.get(keyValid, i)) {
                continue;
            }
            int g = codes ? code(keys, i) : find(keys.getAtIndex(I64, i));
            double x = values.getAtIndex(F64, i);
            st.remove(g, x, x == x && Bitmaps.get(valueValid, i));
        }
    }

    /** Forgets every group and frame. */
    public void clear() {
        for (int g = 0; g < groups; g++) {
            st.size[g] = 0;
            st.init(g);
        }
        if (!codes) {
            Arrays.fill(slotGroup, -1);
        }
        groups = 0;
        Arrays.fill(winKeys, null);
        Arrays.fill(winKeyValid, null);
        Arrays.fill(winVals, null);
        Arrays.fill(winValValid, null);
        winHead = 0;
        winSize = 0;
    }

    private int code(MemorySegment keys, int i) {
        int c = keys.getAtIndex(I32, i);
        if (c < 0) {
            throw new IllegalArgumentException("groupBy: dictionary code " + c + " at row " + i + " is negative");
        }
        if (c >= groups) {
            st.grow(c + 1);
            for (int g = groups; g <= c; g++) {
                st.init(g);
            }
            groups = c + 1;
        }
        return c;
    }

    private int find(long key) {
        int s = (int) ((key * PHI) >>> shift);
        int mask = slotGroup.length - 1;
        while (slotKey[s] != key || slotGroup[s] < 0) {
            s = (s + 1) & mask;
        }
        return slotGroup[s];
    }

    private int group(long key) {
        int mask = slotGroup.length - 1;
        int s = (int) ((key * PHI) >>> shift);
        int g;
        while ((g = slotGroup[s]) >= 0) {
            if (slotKey[s] == key) {
                return g;
            }
            s = (s + 1) & mask;
        }
        g = groups++;
        if (g >= groupKey.length) {
            groupKey = Arrays.copyOf(groupKey, groupKey.length * 2);
        }
        st.grow(g + 1);
        st.init(g);
        groupKey[g] = key;
        slotKey[s] = key;
        slotGroup[s] = g;
        if (groups * 2 > slotGroup.length) {
            rehash(slotGroup.length * 2);
        }
        return g;
    }

    private void rehash(int slots) {
        slotKey = new long[slots];
        slotGroup = new int[slots];
        Arrays.fill(slotGroup, -1);
        shift = 64 - Integer.numberOfTrailingZeros(slots);
        int mask = slots - 1;
        for (int g = 0; g < groups; g++) {
            long k = groupKey[g];
            int s = (int) ((k * PHI) >>> shift);
            while (slotGroup[s] >= 0) {
                s = (s + 1) & mask;
            }
            slotKey[s] = k;
            slotGroup[s] = g;
        }
    }

    /**
     * Group ids are {@code 0 .. groups() - 1}, in first-appearance order (dictionary keys: the code).
     *
     * @return how many group ids exist (some may not be {@link #live})
     */
    public int groups() {
        return groups;
    }

    /**
     * Whether group {@code g} has rows now (a group whose rows all left the window is not in the result).
     *
     * @param g a group id
     * @return {@code size(g) > 0}
     */
    public boolean live(int g) {
        return st.size[g] > 0;
    }

    /**
     * The key of group {@code g}: the int64 key, or the dictionary code.
     *
     * @param g a group id
     * @return its key
     */
    public long key(int g) {
        return codes ? g : groupKey[g];
    }

    /**
     * Rows of group {@code g}, nulls and NaN included.
     *
     * @param g a group id
     * @return pandas' {@code size()}
     */
    public long size(int g) {
        return st.size[g];
    }

    /**
     * Rows of group {@code g} whose value is neither null nor NaN.
     *
     * @param g a group id
     * @return pandas' {@code count()}
     */
    public long count(int g) {
        return st.count[g];
    }

    /**
     * Sum of group {@code g}'s values.
     *
     * @param g a group id
     * @return the sum, 0 for none
     */
    public double sum(int g) {
        return st.sum[g];
    }

    /**
     * Mean of group {@code g}'s values.
     *
     * @param g a group id
     * @return the mean, NaN for none
     */
    public double mean(int g) {
        return st.mean(g);
    }

    /**
     * Variance of group {@code g}'s values.
     *
     * @param g a group id
     * @param ddof delta degrees of freedom
     * @return the variance, NaN when {@code count - ddof <= 0}
     * @throws IllegalStateException when var was not enabled
     */
    public double var(int g, int ddof) {
        if (!st.var) {
            throw new IllegalStateException("groupBy: var/std need var=true at construction");
        }
        return st.var(g, ddof);
    }

    /**
     * Standard deviation of group {@code g}'s values.
     *
     * @param g a group id
     * @param ddof delta degrees of freedom
     * @return the standard deviation, NaN when {@code count - ddof <= 0}
     */
    public double std(int g, int ddof) {
        return Math.sqrt(var(g, ddof));
    }

    /**
     * Minimum of group {@code g}'s values (recomputes groups whose minimum left the window first).
     *
     * @param g a group id
     * @return the minimum, NaN for none
     */
    public double min(int g) {
        refresh();
        return st.min(g);
    }

    /**
     * Maximum of group {@code g}'s values.
     *
     * @param g a group id
     * @return the maximum, NaN for none
     */
    public double max(int g) {
        refresh();
        return st.max(g);
    }

    private void refresh() {
        if (!st.minMax) {
            throw new IllegalStateException("groupBy: min/max need minMax=true at construction");
        }
        if (st.dirtyGroups == 0) {
            return;
        }
        for (int g = 0; g < groups; g++) {
            if (st.dirty[g]) {
                st.min[g] = Double.POSITIVE_INFINITY;
                st.max[g] = Double.NEGATIVE_INFINITY;
            }
        }
        for (int f = 0; f < winSize; f++) {
            int at = (winHead + f) % winKeys.length;
            MemorySegment keys = winKeys[at];
            MemorySegment kv = winKeyValid[at];
            MemorySegment vals = winVals[at];
            MemorySegment vv = winValValid[at];
            for (int i = 0, n = winRows[at]; i < n; i++) {
                if (!Bitmaps.get(kv, i)) {
                    continue;
                }
                int g = codes ? keys.getAtIndex(I32, i) : find(keys.getAtIndex(I64, i));
                double x = vals.getAtIndex(F64, i);
                if (st.dirty[g] && x == x && Bitmaps.get(vv, i)) {
                    st.min[g] = Math.min(st.min[g], x);
                    st.max[g] = Math.max(st.max[g], x);
                }
            }
        }
        Arrays.fill(st.dirty, 0, groups, false);
        st.dirtyGroups = 0;
    }

    /**
     * Writes the live group ids sorted by key (pandas' default {@code sort=True} order).
     *
     * @param out receives group ids; at least {@link #groups()} long
     * @return how many live groups were written
     */
    public int sortedGroups(int[] out) {
        int n = 0;
        for (int g = 0; g < groups; g++) {
            if (live(g)) {
                out[n++] = g;
            }
        }
        if (!codes) {
            sort(out, 0, n - 1);
        }
        return n;
    }

    private void sort(int[] a, int lo, int hi) {
        while (lo < hi) {
            if (hi - lo < 16) {
                for (int i = lo + 1; i <= hi; i++) {
                    int v = a[i];
                    int j = i - 1;
                    while (j >= lo && groupKey[a[j]] > groupKey[v]) {
                        a[j + 1] = a[j];
                        j--;
                    }
                    a[j + 1] = v;
                }
                return;
            }
            long pivot = groupKey[a[(lo + hi) >>> 1]];
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (groupKey[a[i]] < pivot) {
                    i++;
                }
                while (groupKey[a[j]] > pivot) {
                    j--;
                }
                if (i <= j) {
                    int t = a[i];
                    a[i] = a[j];
                    a[j] = t;
                    i++;
                    j--;
                }
            }
            // recurse into the smaller side, loop on the larger: stack depth O(log n)
            if (j - lo < hi - i) {
                sort(a, lo, j);
                lo = i;
            } else {
                sort(a, i, hi);
                hi = j;
            }
        }
    }
}
