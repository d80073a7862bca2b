package dev.streamz.dataframe.internal;

import java.lang.foreign.MemorySegment;

/**
 * {@code rolling(w).x.max()} and {@code .min()}: per row, the extreme of the last {@code w} rows, across batch
 * boundaries, a batch at a time, with pandas' rules (missing values skipped; NaN until the window holds
 * {@code minPeriods} present values, and NaN for a window without any).
 *
 * <p>Why not a monotonic deque: its pops depend on the data, so the branch predictor misses about once a
 * row on random data. This is van Herk / Gil-Werman: cut the rows into blocks of {@code w}; a prefix
 * maximum runs forward within each block and a suffix maximum backward; a row's window spans at most two
 * neighbouring blocks, so its maximum is {@code max(suffix[start], prefix[end])}. Straight passes over
 * arrays whose compares predict well (a running extreme rarely changes), four blocks side by side so that
 * four independent compare chains overlap. The last {@code w − 1} rows
 * (values and presence) carry over to the next batch in front of it, so the arrays hold {@code w − 1}
 * plus the largest batch; the steady state
 * allocates nothing. MIN runs as MAX of the negated values; a missing value enters as −∞ (which no window
 * with a present value reports), and a present-value count per window decides NaN.
 */
final class RollingExtreme {
    /** The largest window this path serves; larger ones take the per-row engine. */
    static final long MAX_ROWS = 1 << 20;

    private final int w;
    private final long minPeriods;
    private final double sign;
    private double[] buf = new double[0];
    private boolean[] has = new boolean[0];
    private double[] pre = new double[0];
    private double[] suf = new double[0];
    private double[] res = new double[0];
    private int hist;
    private int histMissing;

    /**
     * @param w the window's rows, at least 1
     * @param minPeriods present values needed for a result
     * @param max true for MAX, false for MIN
     */
    RollingExtreme(int w, long minPeriods, boolean max) {
        this.w = w;
        this.minPeriods = minPeriods;
        this.sign = max ? 1.0 : -1.0;
    }

    /**
     * Writes the new rows' rolling extremes.
     *
     * @param values the column's rows in this batch
     * @param out float64 output values, one per row
     */
    void onBatch(Slice values, MemorySegment out) {
        int n = values.rows();
        int h = hist;
        int len = h + n;
        if (buf.length < len) {
            int c = Math.max(len, 2 * buf.length);
            buf = java.util.Arrays.copyOf(buf, c);
            has = java.util.Arrays.copyOf(has, c);
            pre = new double[c];
            suf = new double[c];
        }
        if (res.length < n) {
            res = new double[Math.max(n, 2 * res.length)];
        }
        double[] b = buf;
        boolean[] p = has;
        values.toDoubles(0, n, b, h);
        double s = sign;
        int missing = 0;
        for (int j = h; j < len; j++) {
            double v = b[j];
            missing += v == v ? 0 : 1; // NaN: missing
        }
        if (missing == 0) {
            // The common case, in plain passes: every row present; MIN negates.
            java.util.Arrays.fill(p, h, len, true);
            if (s < 0) {
                for (int j = h; j < len; j++) {
                    b[j] = -b[j];
                }
            }
        } else {
            for (int j = h; j < len; j++) {
                double v = b[j];
                boolean present = v == v;
                p[j] = present;
                b[j] = present ? s * v : Double.NEGATIVE_INFINITY;
            }
        }
        double[] g = pre;
        double[] f = suf;
        int width = w;
        // Four blocks at a time: a running extreme is a chain of dependent compares, one row after another;
        // four independent chains let the core overlap them.
        int start = 0;
        for (; start + 4 * width <= len; start += 4 * width) {
            int s1 = start + width;
            int s2 = s1 + width;
            int s3 = s2 + width;
            double m0 = b[start];
            double m1 = b[s1];
            double m2 = b[s2];
            double m3 = b[s3];
            g[start] = m0;
            g[s1] = m1;
            g[s2] = m2;
            g[s3] = m3;
            for (int i = 1; i < width; i++) {
                double v0 = b[start + i];
                double v1 = b[s1 + i];
                double v2 = b[s2 + i];
                double v3 = b[s3 + i];
                m0 = v0 > m0 ? v0 : m0;
                m1 = v1 > m1 ? v1 : m1;
                m2 = v2 > m2 ? v2 : m2;
                m3 = v3 > m3 ? v3 : m3;
                g[start + i] = m0;
                g[s1 + i] = m1;
                g[s2 + i] = m2;
                g[s3 + i] = m3;
            }
            int e = width - 1;
            m0 = b[start + e];
            m1 = b[s1 + e];
            m2 = b[s2 + e];
            m3 = b[s3 + e];
            f[start + e] = m0;
            f[s1 + e] = m1;
            f[s2 + e] = m2;
            f[s3 + e] = m3;
            for (int i = e - 1; i >= 0; i--) {
                double v0 = b[start + i];
                double v1 = b[s1 + i];
                double v2 = b[s2 + i];
                double v3 = b[s3 + i];
                m0 = v0 > m0 ? v0 : m0;
                m1 = v1 > m1 ? v1 : m1;
                m2 = v2 > m2 ? v2 : m2;
                m3 = v3 > m3 ? v3 : m3;
                f[start + i] = m0;
                f[s1 + i] = m1;
                f[s2 + i] = m2;
                f[s3 + i] = m3;
            }
        }
        for (; start < len; start += width) {
            int end = Math.min(start + width, len);
            double m = b[start];
            g[start] = m;
            for (int j = start + 1; j < end; j++) {
                double v = b[j];
                m = v > m ? v : m;
                g[j] = m;
            }
            m = b[end - 1];
            f[end - 1] = m;
            for (int j = end - 2; j >= start; j--) {
                double v = b[j];
                m = v > m ? v : m;
                f[j] = m;
            }
        }
        double[] o = res;
        long need = Math.max(1, minPeriods);
        if (missing + histMissing == 0) {
            // Nothing missing in history or batch: row j's window holds min(w, j + 1) values.
            // Rows whose window is not yet full enough (only near the stream's start) are NaN; then each row
            // is the larger of its window's two block extremes (no NaN reaches here).
            int j = h;
            for (; j < len && Math.min(width, j + 1) < need; j++) {
                o[j - h] = Double.NaN;
            }
            for (; j < len && j - width + 1 <= 0; j++) {
                o[j - h] = s * g[j];
            }
            for (; j < len; j++) {
                double x = f[j - width + 1];
                double y = g[j];
                o[j - h] = s * (x > y ? x : y);
            }
        } else {
            // Present values in the window of row j, [j − w + 1, j], counted as it slides.
            long count = 0;
            for (int j = 0; j < h; j++) {
                count += p[j] ? 1 : 0;
            }
            for (int j = h; j < len; j++) {
                int first = j - width + 1;
                count += (p[j] ? 1 : 0) - (first > 0 && p[first - 1] ? 1 : 0);
                double r = first <= 0 ? g[j] : Math.max(f[first], g[j]);
                o[j - h] = count < need ? Double.NaN : s * r;
            }
        }
        MemorySegment.copy(o, 0, out, Slice.DOUBLE_LE, 0, n);
        // Keep the last w − 1 rows in front for the next batch.
        int keep = Math.min(width - 1, len);
        System.arraycopy(b, len - keep, b, 0, keep);
        System.arraycopy(p, len - keep, p, 0, keep);
        hist = keep;
        if (missing + histMissing == 0) {
            histMissing = 0;
        } else {
            int m = 0;
            for (int j = 0; j < keep; j++) {
                m += p[j] ? 0 : 1;
            }
            histMissing = m;
        }
    }
}
