package dev.streamz.dataframe.internal;

/**
 * The exponentially weighted mean of one column across batches: pandas' {@code ewm(com).mean()} with
 * {@code adjust=True, ignore_na=False}, one row at a time, so its value after a batch equals pandas' over
 * all rows so far.
 *
 * <p>Deliberate difference: streamz starts its state from the example's first row and skips the first
 * row it sees, so an empty first batch or a NaN corrupts every later value; this recurrence starts empty,
 * lets missing rows decay the old weight (as pandas does) and is NaN until the first present value.
 */
public final class EwmMean {
    private final double oldWeightFactor;
    private double weighted = Double.NaN;
    private double oldWeight = 1.0;

    /**
     * @param alpha the smoothing factor in (0, 1]
     */
    public EwmMean(double alpha) {
        this.oldWeightFactor = 1.0 - alpha;
    }

    /**
     * Takes one batch in.
     *
     * @param s the column's rows in this batch
     */
    public void add(Slice s) {
        int rows = s.rows();
        for (int i = 0; i < rows; i++) {
            boolean present = !s.missing(i);
            if (!Double.isNaN(weighted)) {
                oldWeight *= oldWeightFactor;
                if (present) {
                    double cur = s.d(i);
                    if (weighted != cur) {
                        weighted = (oldWeight * weighted + cur) / (oldWeight + 1.0);
                    }
                    oldWeight += 1.0;
                }
            } else if (present) {
                weighted = s.d(i);
            }
        }
    }

    /** @return the mean after the last row so far, NaN before the first present value */
    public double value() {
        return weighted;
    }
}
