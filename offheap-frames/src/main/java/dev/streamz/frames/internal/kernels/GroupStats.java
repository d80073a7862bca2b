package dev.streamz.frames.internal.kernels;

import java.util.Arrays;

/**
 * The per-group aggregation state of a hash or dictionary group-by, in parallel primitive arrays indexed by a
 * dense group id (structure of arrays: a sum-only aggregation touches two arrays, not a row object).
 *
 * <p>Rules are pandas' {@code groupby} with {@code skipna}: {@code size} counts rows, {@code count} counts
 * rows whose value is neither null nor NaN, {@code sum} of no values is 0, {@code mean}, {@code min},
 * {@code max} of none are NaN, {@code var}/{@code std} are NaN when {@code count - ddof <= 0}.
 *
 * <p>Incremental in both directions: variance is Welford's online update, which has an exact inverse for
 * removal; when the aggregator supports removal the sum is Kahan-compensated so values entering and leaving a
 * window do not leave rounding drift behind (add-only sums are plain, left to right per group). Min and max
 * have no inverse: a removal that takes away a group's current extreme marks the group dirty, and the owner
 * recomputes dirty groups from the frames still in the window (see {@link LongGroupBy}). Arrays grow by
 * doubling when a new group appears; once the key set is stable nothing is allocated.
 */
final class GroupStats {
    final boolean var;
    final boolean minMax;
    final boolean compensated;

    long[] size;
    long[] count;
    double[] sum;
    double[] comp;
    double[] mean;
    double[] m2;
    double[] min;
    double[] max;
    boolean[] dirty;
    int dirtyGroups;

    GroupStats(int capacity, boolean var, boolean minMax, boolean compensated) {
        this.var = var;
        this.minMax = minMax;
        this.compensated = compensated;
        int c = Math.max(capacity, 1);
        size = new long[c];
        count = new long[c];
        sum = new double[c];
        comp = compensated ? new double[c] : null;
        mean = var ? new double[c] : null;
        m2 = var ? new double[c] : null;
        min = minMax ? new double[c] : null;
        max = minMax ? new double[c] : null;
        dirty = minMax ? new boolean[c] : null;
    }

    int capacity() {
        return size.length;
    }

    void grow(int needed) {
        if (needed <= size.length) {
            return;
        }
        int c = Math.max(needed, size.length * 2);
        size = Arrays.copyOf(size, c);
        count = Arrays.copyOf(count, c);
        sum = Arrays.copyOf(sum, c);
        if (compensated) {
            comp = Arrays.copyOf(comp, c);
        }
        if (var) {
            mean = Arrays.copyOf(mean, c);
            m2 = Arrays.copyOf(m2, c);
        }
        if (minMax) {
            min = Arrays.copyOf(min, c);
            max = Arrays.copyOf(max, c);
            dirty = Arrays.copyOf(dirty, c);
        }
    }

    /** Starts group {@code g} empty (a new group, or one that emptied and comes back). */
    void init(int g) {
        size[g] = 0;
        count[g] = 0;
        sum[g] = 0;
        if (compensated) {
            comp[g] = 0;
        }
        if (var) {
            mean[g] = 0;
            m2[g] = 0;
        }
        if (minMax) {
            min[g] = Double.POSITIVE_INFINITY;
            max[g] = Double.NEGATIVE_INFINITY;
            if (dirty[g]) {
                dirty[g] = false;
                dirtyGroups--;
            }
        }
    }

    /** Adds one row of group {@code g}; {@code present} is false for a null or NaN value. */
    void add(int g, double x, boolean present) {
        if (size[g] == 0) {
            init(g);
        }
        size[g]++;
        if (!present) {
            return;
        }
        long n = ++count[g];
        if (compensated) {
            double y = x - comp[g];
            double t = sum[g] + y;
            comp[g] = (t - sum[g]) - y;
            sum[g] = t;
        } else {
            sum[g] += x;
        }
        if (var) {
            double d = x - mean[g];
            mean[g] += d / n;
            m2[g] += d * (x - mean[g]);
        }
        if (minMax) {
            min[g] = Math.min(min[g], x);
            max[g] = Math.max(max[g], x);
        }
    }

    /** Removes one row of group {@code g} that an earlier {@link #add} counted. */
    void remove(int g, double x, boolean present) {
        size[g]--;
        if (!present) {
            return;
        }
        long n = --count[g];
        if (n == 0) {
            // Exactly empty: reset instead of carrying rounding residue forward.
            sum[g] = 0;
            if (compensated) {
                comp[g] = 0;
            }
            if (var) {
                mean[g] = 0;
                m2[g] = 0;
            }
        } else {
            double y = -x - comp[g];
            double t = sum[g] + y;
            comp[g] = (t - sum[g]) - y;
            sum[g] = t;
            if (var) {
                double d = x - mean[g];
                mean[g] -= d / n;
                m2[g] -= d * (x - mean[g]);
            }
        }
        if (minMax && (x <= min[g] || x >= max[g]) && !dirty[g]) {
            dirty[g] = true;
            dirtyGroups++;
        }
    }

    double mean(int g) {
        return count[g] == 0 ? Double.NaN : sum[g] / count[g];
    }

    double var(int g, int ddof) {
        long n = count[g];
        if (n - ddof <= 0) {
            return Double.NaN;
        }
        return Math.max(0.0, m2[g]) / (n - ddof);
    }

    double min(int g) {
        return count[g] == 0 ? Double.NaN : min[g];
    }

    double max(int g) {
        return count[g] == 0 ? Double.NaN : max[g];
    }
}
