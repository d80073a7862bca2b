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
    // The extreme path (MIN/MAX over a row window): a deque and a ring of presence flags, nothing else.
    private final MonotonicDeque extreme;
    private final boolean[] present;
    private double[] scratch = new double[0];
    private long seq;
    private int at;
    private int presentCount;

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
        boolean extremePath = rows > 0 && rows <= EXTREME_PATH_ROWS && (agg == Agg.MIN || agg == Agg.MAX);
        this.extreme = extremePath ? new MonotonicDeque(agg == Agg.MAX) : null;
        this.present = extremePath ? new boolean[(int) rows] : null;
    }

    /** Row windows up to this size take the extreme path for MIN/MAX (its presence ring is allocated whole). */
    static final long EXTREME_PATH_ROWS = 1 << 16;

    /**
     * Computes the new rows' rolling values.
     *
     * @param values the column's rows in this batch
     * @param timestamps the timestamp index, or {@code null} for a row window
     * @param out float64 output values, one per row
     */
    public void onBatch(Slice values, Slice timestamps, MemorySegment out) {
        if (extreme != null) {
            onBatchExtreme(values, out);
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

    /**
     * MIN/MAX over the last {@code rows} rows: the values of the batch read once in bulk, then per row one
     * deque push and eviction and a presence count for minPeriods. {@link RowWindow} would also keep the
     * moments (a division per row added and removed), the other deque and the row ring.
     */
    private void onBatchExtreme(Slice values, MemorySegment out) {
        int n = values.rows();
        if (scratch.length < n) {
            scratch = new double[n];
        }
        double[] b = scratch;
        values.toDoubles(0, n, b, 0);
        boolean[] p = present;
        int w = p.length;
        MonotonicDeque dq = extreme;
        for (int i = 0; i < n; i++) {
            if (seq >= w && p[at]) {
                presentCount--;
            }
            double d = b[i];
            boolean has = d == d; // NaN: missing
            p[at] = has;
            if (has) {
                presentCount++;
                dq.push(seq, d);
            }
            dq.evictBefore(seq - w + 1);
            out.setAtIndex(Slice.DOUBLE_LE, i, presentCount < minPeriods ? Double.NaN : dq.extreme());
            seq++;
            if (++at == w) {
                at = 0;
            }
        }
    }
}
