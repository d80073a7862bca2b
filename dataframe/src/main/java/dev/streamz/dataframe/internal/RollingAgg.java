package dev.streamz.dataframe.internal;

import java.lang.foreign.MemorySegment;

/**
 * A rolling aggregation of one column ({@code rolling(n).x.max()}, {@code rolling(Duration).x.sum()}):
 * one output per new row, computed over that row's window, which reaches back across batch boundaries.
 *
 * <p>pandas' rules: a row-count window yields NaN until it holds {@code minPeriods} present values
 * (default: the window's size); a time window {@code (t − d, t]} per row {@code t} has
 * {@code minPeriods} 1; COUNT ignores minPeriods. Results are float64, as pandas' are.
 */
public final class RollingAgg {
    private final long rows;
    private final long nanos;
    private final long minPeriods;
    private final Agg agg;
    private final int ddof;
    private final double q;
    private final RowWindow window;
    private final RollingExtreme extreme;

    /**
     * @param rows the window's rows (0 for a time window)
     * @param nanos the window's duration (0 for a row window)
     * @param minPeriods present values needed for a result
     * @param agg the aggregation
     * @param ddof delta degrees of freedom for VAR and STD
     * @param q the quantile for QUANTILE
     */
    public RollingAgg(long rows, long nanos, long minPeriods, Agg agg, int ddof, double q) {
        this.rows = rows;
        this.nanos = nanos;
        this.minPeriods = minPeriods;
        this.agg = agg;
        this.ddof = ddof;
        this.q = q;
        this.window = new RowWindow(agg == Agg.MEDIAN || agg == Agg.QUANTILE, null);
        // MIN/MAX over a row window: the batch-at-a-time path (no deque, no per-row moments).
        this.extreme = rows > 0 && rows <= RollingExtreme.MAX_ROWS && (agg == Agg.MIN || agg == Agg.MAX)
                ? new RollingExtreme((int) rows, minPeriods, agg == Agg.MAX) : null;
    }

    /**
     * Computes the new rows' rolling values.
     *
     * @param values the column's rows in this batch
     * @param timestamps the timestamp index, or {@code null} for a row window
     * @param out float64 output values, one per row
     */
    public void onBatch(Slice values, Slice timestamps, MemorySegment out) {
        if (extreme != null) {
            extreme.onBatch(values, out);
            return;
        }
        int n = values.rows();
        for (int i = 0; i < n; i++) {
            long ts = timestamps == null ? 0 : timestamps.l(i);
            window.push(ts, 0, values.missing(i), values.d(i), values.l(i));
            if (rows > 0) {
                window.evictToCount(rows);
            } else {
                window.evictUpTo(ts - nanos);
            }
            double r;
            if (agg == Agg.COUNT) {
                r = window.moments().count();
            } else if (window.moments().count() < minPeriods) {
                r = Double.NaN;
            } else {
                r = window.result(agg, ddof, q);
            }
            out.setAtIndex(Slice.DOUBLE_LE, i, r);
        }
    }
}
