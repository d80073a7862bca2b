package dev.streamz.dataframe.internal;

import java.util.Arrays;

/**
 * The present values of a window kept in sorted order, for rolling median and quantile: binary search and
 * an array shift per row (O(window) per row, no allocation once the window's size is reached).
 * Consolidation note: a skip list or two heaps would make wide windows O(log n).
 */
public final class SortedValues {
    private double[] vals = new double[16];
    private int size;

    /** Forgets every value. */
    public void clear() {
        size = 0;
    }

    /**
     * @param v a present value
     */
    public void add(double v) {
        if (size == vals.length) {
            vals = Arrays.copyOf(vals, size * 2);
        }
        int at = Arrays.binarySearch(vals, 0, size, v);
        if (at < 0) {
            at = -at - 1;
        }
        System.arraycopy(vals, at, vals, at + 1, size - at);
        vals[at] = v;
        size++;
    }

    /**
     * @param v a value added before
     */
    public void remove(double v) {
        int at = Arrays.binarySearch(vals, 0, size, v);
        if (at < 0) {
            throw new IllegalStateException("SortedValues: " + v + " was never added");
        }
        System.arraycopy(vals, at + 1, vals, at, size - at - 1);
        size--;
    }

    /**
     * The quantile with pandas' default linear interpolation.
     *
     * @param q in [0, 1]
     * @return the quantile, NaN when empty
     */
    public double quantile(double q) {
        if (size == 0) {
            return Double.NaN;
        }
        double pos = q * (size - 1);
        int lo = (int) Math.floor(pos);
        int hi = (int) Math.ceil(pos);
        return vals[lo] + (vals[hi] - vals[lo]) * (pos - lo);
    }
}
