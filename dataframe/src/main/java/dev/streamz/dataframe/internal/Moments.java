package dev.streamz.dataframe.internal;

/**
 * Count, size, sum and variance of a multiset of values that grows and shrinks (all-time, windows,
 * rolling, one group): the state of SUM, MEAN, COUNT, SIZE, VAR and STD.
 *
 * <p>The sum is compensated (Kahan–Neumaier), so a long-running window that adds and removes does not
 * drift; whole numbers are also summed exactly in a {@code long} (pandas keeps int64 sums exact). The
 * variance follows Welford's update and its inverse, so it is exact where streamz's
 * {@code Σx²/n − (Σx/n)²} loses precision (a documented difference).
 */
public final class Moments {
    private long count;
    private long size;
    private double sum;
    private double comp;
    private long longSum;
    private double mean;
    private double m2;

    /** Forgets every value. */
    public void clear() {
        count = 0;
        size = 0;
        sum = 0;
        comp = 0;
        longSum = 0;
        mean = 0;
        m2 = 0;
    }

    /**
     * Adds one row.
     *
     * @param missing whether the row is missing (counted in size only)
     * @param d its value as a double
     * @param l its value as a long (used for whole-number sums)
     */
    public void add(boolean missing, double d, long l) {
        size++;
        if (missing) {
            return;
        }
        count++;
        addToSum(d);
        longSum += l;
        double delta = d - mean;
        mean += delta / count;
        m2 += delta * (d - mean);
    }

    /**
     * Removes one row that was added before.
     *
     * @param missing whether the row is missing
     * @param d its value as a double
     * @param l its value as a long
     */
    public void remove(boolean missing, double d, long l) {
        size--;
        if (missing) {
            return;
        }
        count--;
        longSum -= l;
        if (count == 0) {
            // Reset rather than subtract: no drift survives an empty window.
            sum = 0;
            comp = 0;
            mean = 0;
            m2 = 0;
            return;
        }
        addToSum(-d);
        double delta = d - mean;
        mean -= delta / count;
        m2 -= delta * (d - mean);
    }

    private void addToSum(double d) {
        double t = sum + d;
        if (Math.abs(sum) >= Math.abs(d)) {
            comp += (sum - t) + d;
        } else {
            comp += (d - t) + sum;
        }
        sum = t;
    }

    /** @return the number of present values */
    public long count() {
        return count;
    }

    /** @return the number of rows, missing ones included */
    public long size() {
        return size;
    }

    /** @return the sum of the present values, 0 when there are none */
    public double sum() {
        return sum + comp;
    }

    /** @return the exact sum of whole-number values */
    public long longSum() {
        return longSum;
    }

    /** @return the mean, NaN when no value is present (streamz emits 0 there: a documented difference) */
    public double mean() {
        return count == 0 ? Double.NaN : sum() / count;
    }

    /**
     * @param ddof delta degrees of freedom (1 for the sample variance, as pandas' default)
     * @return the variance, NaN when {@code count <= ddof}
     */
    public double var(int ddof) {
        if (count == 0 || count - ddof <= 0) {
            return Double.NaN;
        }
        return Math.max(m2, 0.0) / (count - ddof);
    }

    /**
     * Adds another multiset's moments (Chan et al.'s parallel merge): how a whole batch summarised by
     * {@link #summarise} joins the running state in one step.
     *
     * @param o the other moments
     */
    public void merge(Moments o) {
        if (o.size == 0) {
            return;
        }
        size += o.size;
        if (o.count == 0) {
            return;
        }
        long n = count + o.count;
        double delta = o.mean - mean;
        mean += delta * o.count / n;
        m2 += o.m2 + delta * delta * ((double) count * o.count / n);
        count = n;
        addToSum(o.sum);
        addToSum(o.comp);
        longSum += o.longSum;
    }

    /**
     * Replaces this state by the moments of one column slice: a two-pass loop over the column (sum and
     * count, then squared deviations from the mean), exact and allocation-free.
     *
     * @param s the slice
     * @return this
     */
    public Moments summarise(Slice s) {
        clear();
        int rows = s.rows();
        size = rows;
        long n = 0;
        double total = 0;
        double c = 0;
        long lt = 0;
        for (int i = 0; i < rows; i++) {
            if (!s.missing(i)) {
                double d = s.d(i);
                double t = total + d;
                c += Math.abs(total) >= Math.abs(d) ? (total - t) + d : (d - t) + total;
                total = t;
                lt += s.l(i);
                n++;
            }
        }
        count = n;
        sum = total;
        comp = c;
        longSum = lt;
        if (n > 0) {
            double mu = (total + c) / n;
            double acc = 0;
            for (int i = 0; i < rows; i++) {
                if (!s.missing(i)) {
                    double dev = s.d(i) - mu;
                    acc += dev * dev;
                }
            }
            mean = mu;
            m2 = acc;
        }
        return this;
    }
}
