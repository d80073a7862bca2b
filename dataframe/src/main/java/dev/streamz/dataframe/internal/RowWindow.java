package dev.streamz.dataframe.internal;

/**
 * The rows a window retains, oldest first, with the running state of every built-in aggregation over
 * them: the engine of {@code window(n)}, {@code window(Duration)}, {@code rolling} and {@code expanding}.
 *
 * <p>Rows enter at the back ({@link #push}) and leave at the front, either to keep the last {@code n}
 * ({@link #evictToCount}) or to keep the interval {@code (newest − d, newest]} of a timestamp
 * ({@link #evictUpTo}). Each row carries one value (the aggregated column), an optional group key and a
 * timestamp. Storage is a ring of primitive arrays that doubles when full, so memory follows the window's
 * size and the steady state allocates nothing.
 */
public final class RowWindow {
    /** Told of every row that leaves the window (a windowed group-by removes it from its group). */
    public interface Evictions {
        /**
         * @param seq the row's sequence number (rows are numbered from 0 as they are pushed)
         * @param key the row's group key
         * @param missing whether its value is missing
         * @param d the value as a double
         * @param l the value as a long
         */
        void evicted(long seq, long key, boolean missing, double d, long l);
    }

    private final Moments moments = new Moments();
    private final MonotonicDeque min = new MonotonicDeque(false);
    private final MonotonicDeque max = new MonotonicDeque(true);
    private final SortedValues sorted;
    private final Evictions evictions;
    private final boolean retain;
    // Extremes of a window that never evicts (expanding): no deque, no ring.
    private double minAll = Double.NaN;
    private double maxAll = Double.NaN;
    private long longMinAll;
    private long longMaxAll;

    private long[] ts = new long[16];
    private long[] keys = new long[16];
    private long[] longs = new long[16];
    private double[] doubles = new double[16];
    private boolean[] missing = new boolean[16];
    private long headSeq;
    private long tailSeq;
    private long newest = Long.MIN_VALUE;

    /**
     * @param orderStatistics whether to keep the values sorted (median, quantile)
     * @param evictions told of each row that leaves, or {@code null}
     */
    public RowWindow(boolean orderStatistics, Evictions evictions) {
        this(orderStatistics, evictions, true);
    }

    /**
     * @param orderStatistics whether to keep the values sorted (median, quantile)
     * @param evictions told of each row that leaves, or {@code null}
     * @param retain whether rows can leave; {@code false} (an expanding window) keeps no rows at all, only
     *               the running state, so memory stays constant however many rows pass
     */
    public RowWindow(boolean orderStatistics, Evictions evictions, boolean retain) {
        if (!retain && orderStatistics) {
            throw new IllegalArgumentException("RowWindow: order statistics need the rows");
        }
        this.sorted = orderStatistics ? new SortedValues() : null;
        this.evictions = evictions;
        this.retain = retain;
    }

    /** @return the sequence number the next pushed row gets */
    public long nextSeq() {
        return tailSeq;
    }

    /** @return rows in the window, missing ones included */
    public long rows() {
        return tailSeq - headSeq;
    }

    /** @return the largest timestamp pushed so far, {@code Long.MIN_VALUE} before the first row */
    public long newest() {
        return newest;
    }

    /** @return the running moments (sum, count, size, mean, var) of the window */
    public Moments moments() {
        return moments;
    }

    /**
     * Adds the newest row.
     *
     * @param timestamp its timestamp (epoch nanoseconds; any value when the window is not timed)
     * @param key its group key (any value when not grouped)
     * @param isMissing whether the value is missing
     * @param d the value as a double
     * @param l the value as a long
     */
    public void push(long timestamp, long key, boolean isMissing, double d, long l) {
        if (!retain) {
            moments.add(isMissing, d, l);
            if (!isMissing) {
                if (Double.isNaN(minAll) || d < minAll) {
                    minAll = d;
                    longMinAll = l;
                }
                if (Double.isNaN(maxAll) || d > maxAll) {
                    maxAll = d;
                    longMaxAll = l;
                }
            }
            tailSeq++;
            if (timestamp > newest) {
                newest = timestamp;
            }
            return;
        }
        if (rows() == ts.length) {
            grow();
        }
        int at = (int) (tailSeq & (ts.length - 1));
        ts[at] = timestamp;
        keys[at] = key;
        longs[at] = l;
        doubles[at] = d;
        missing[at] = isMissing;
        moments.add(isMissing, d, l);
        if (!isMissing) {
            min.push(tailSeq, d);
            max.push(tailSeq, d);
            if (sorted != null) {
                sorted.add(d);
            }
        }
        tailSeq++;
        if (timestamp > newest) {
            newest = timestamp;
        }
    }

    /**
     * Removes the oldest rows until at most {@code n} remain.
     *
     * @param n rows to keep
     */
    public void evictToCount(long n) {
        requireRetain();
        while (rows() > n) {
            evictOne();
        }
        evicted();
    }

    /**
     * Removes the oldest rows while their timestamp is at or before {@code bound}; for the window
     * {@code (newest − d, newest]} the bound is {@code newest − d}. Rows leave from the front only, so the
     * timestamps are expected in order (as streamz's time windows expect a monotonic index).
     *
     * @param bound the newest timestamp that leaves
     */
    public void evictUpTo(long bound) {
        requireRetain();
        while (rows() > 0 && ts[(int) (headSeq & (ts.length - 1))] <= bound) {
            evictOne();
        }
        evicted();
    }

    private void evictOne() {
        int at = (int) (headSeq & (ts.length - 1));
        boolean m = missing[at];
        moments.remove(m, doubles[at], longs[at]);
        if (!m && sorted != null) {
            sorted.remove(doubles[at]);
        }
        if (evictions != null) {
            evictions.evicted(headSeq, keys[at], m, doubles[at], longs[at]);
        }
        headSeq++;
    }

    private void evicted() {
        min.evictBefore(headSeq);
        max.evictBefore(headSeq);
    }

    /**
     * The aggregate of the window's rows.
     *
     * @param agg which
     * @param ddof delta degrees of freedom for VAR and STD
     * @param q the quantile for QUANTILE
     * @return the value (NaN where pandas gives NaN)
     */
    public double result(Agg agg, int ddof, double q) {
        return switch (agg) {
            case SUM -> moments.sum();
            case MEAN -> moments.mean();
            case COUNT -> moments.count();
            case SIZE -> moments.size();
            case VAR -> moments.var(ddof);
            case STD -> Math.sqrt(moments.var(ddof));
            case MIN -> retain ? min.extreme() : minAll;
            case MAX -> retain ? max.extreme() : maxAll;
            case MEDIAN -> sorted().quantile(0.5);
            case QUANTILE -> sorted().quantile(q);
        };
    }

    /**
     * The exact whole-number aggregate, for integral columns (pandas keeps int64 there).
     *
     * @param agg SUM, MIN or MAX
     * @return the value; for MIN and MAX only meaningful when the window holds a present value
     */
    public long longResult(Agg agg) {
        return switch (agg) {
            case SUM -> moments.longSum();
            case MIN -> retain ? longs[(int) (min.extremeSeq() & (ts.length - 1))] : longMinAll;
            case MAX -> retain ? longs[(int) (max.extremeSeq() & (ts.length - 1))] : longMaxAll;
            case COUNT -> moments.count();
            case SIZE -> moments.size();
            default -> throw new IllegalArgumentException("RowWindow: no whole-number result for " + agg);
        };
    }

    private void requireRetain() {
        if (!retain) {
            throw new IllegalStateException("RowWindow: an expanding window keeps no rows to evict");
        }
    }

    private SortedValues sorted() {
        if (sorted == null) {
            throw new IllegalStateException("RowWindow: built without order statistics");
        }
        return sorted;
    }

    private void grow() {
        int n = ts.length;
        long[] t = new long[n * 2];
        long[] k = new long[n * 2];
        long[] lv = new long[n * 2];
        double[] dv = new double[n * 2];
        boolean[] mv = new boolean[n * 2];
        // Keep each row at its sequence's slot in the larger ring.
        for (long s = headSeq; s < tailSeq; s++) {
            int from = (int) (s & (n - 1));
            int to = (int) (s & (2L * n - 1));
            t[to] = ts[from];
            k[to] = keys[from];
            lv[to] = longs[from];
            dv[to] = doubles[from];
            mv[to] = missing[from];
        }
        ts = t;
        keys = k;
        longs = lv;
        doubles = dv;
        missing = mv;
    }
}
