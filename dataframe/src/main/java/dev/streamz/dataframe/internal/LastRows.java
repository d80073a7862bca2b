package dev.streamz.dataframe.internal;

/**
 * SUM, MEAN, COUNT and SIZE of the last {@code n} rows of one column ({@code window(n).x.mean()}), a batch
 * at a time: the path {@code window(n)} takes for these four, which need nothing per row but the values.
 *
 * <p>Why not {@link RowWindow}: that one keeps every statistic per row (Welford's variance with a division
 * per row added and removed, two extreme deques, keys and timestamps), about ten times the work a sum needs.
 * Here the values live in a ring of doubles (NaN = missing, pandas' skip rule from {@link Slice}); per batch
 * the rows that leave are subtracted as one block sum and the new rows added as one (four independent
 * accumulators, so the loop is not one chain of dependent additions), the running total kept with
 * Neumaier's compensation. Once as many rows have left as the window holds, the total is recomputed from
 * the ring, so adding and subtracting never drifts (at most one extra read per row). Memory follows the
 * window's fill, up to {@code n} doubles; the steady state allocates nothing.
 */
public final class LastRows {
    /** The largest window this path serves (a ring of 2 GiB); larger ones take the per-row engine. */
    public static final long MAX_ROWS = 1L << 28;

    private final int n;
    private double[] ring = new double[16];
    private int head;
    private int len;
    private double sum;
    private double comp;
    private long count;
    private long left;
    private long blockCount;

    /**
     * @param n the window's rows, 1 to {@link #MAX_ROWS}
     */
    public LastRows(long n) {
        if (n < 1 || n > MAX_ROWS) {
            throw new IllegalArgumentException("LastRows: window of " + n + " rows is outside 1.." + MAX_ROWS);
        }
        this.n = (int) n;
    }

    /**
     * @param agg an aggregation
     * @return whether this path computes it
     */
    public static boolean handles(Agg agg) {
        return agg == Agg.SUM || agg == Agg.MEAN || agg == Agg.COUNT || agg == Agg.SIZE;
    }

    /**
     * Takes one batch in: afterwards the window holds the last {@code n} rows seen.
     *
     * @param s the column's rows in this batch
     */
    public void onBatch(Slice s) {
        int rows = s.rows();
        int from = rows > n ? rows - n : 0; // earlier rows of a batch longer than the window never count
        int k = rows - from;
        if (k == n) {
            // The batch replaces the whole window.
            ensureCapacity(n);
            head = 0;
            len = 0;
            sum = 0;
            comp = 0;
            count = 0;
            left = 0;
        } else {
            ensureCapacity(Math.min(n, len + k));
            int over = len + k - n;
            if (over > 0) {
                int cap = ring.length; // == n here
                int first = Math.min(over, cap - head);
                double b = block(head, head + first);
                long c = blockCount;
                b += block(0, over - first);
                c += blockCount;
                addToSum(-b);
                count -= c;
                head = (head + over) % cap;
                len -= over;
                left += over;
            }
        }
        int cap = ring.length;
        int at = head + len < cap ? head + len : head + len - cap;
        int first = Math.min(k, cap - at);
        s.toDoubles(from, first, ring, at);
        s.toDoubles(from + first, k - first, ring, 0);
        double b = block(at, at + first);
        long c = blockCount;
        b += block(0, k - first);
        c += blockCount;
        addToSum(b);
        count += c;
        len += k;
        if (left >= n) {
            recompute();
        }
        if (count == 0) {
            sum = 0; // no residue survives an empty window
            comp = 0;
        }
    }

    /**
     * @param agg SUM, MEAN, COUNT or SIZE
     * @return the aggregate of the window's rows (MEAN: NaN when no value is present)
     */
    public double result(Agg agg) {
        return switch (agg) {
            case SUM -> sum + comp;
            case MEAN -> count == 0 ? Double.NaN : (sum + comp) / count;
            case COUNT -> count;
            case SIZE -> len;
            default -> throw new IllegalArgumentException("LastRows: no " + agg);
        };
    }

    private void recompute() {
        int cap = ring.length;
        int first = Math.min(len, cap - head);
        sum = 0;
        comp = 0;
        addToSum(block(head, head + first));
        long c = blockCount;
        addToSum(block(0, len - first));
        count = c + blockCount;
        left = 0;
    }

    /** The sum of the present values in {@code ring[from, to)}; their number goes to {@code blockCount}. */
    private double block(int from, int to) {
        double[] r = ring;
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        long c = 0;
        int i = from;
        for (; i + 3 < to; i += 4) {
            double a = r[i];
            double b = r[i + 1];
            double d = r[i + 2];
            double e = r[i + 3];
            // x == x is false only for NaN, a missing row.
            s0 += a == a ? a : 0.0;
            s1 += b == b ? b : 0.0;
            s2 += d == d ? d : 0.0;
            s3 += e == e ? e : 0.0;
            c += (a == a ? 1 : 0) + (b == b ? 1 : 0) + (d == d ? 1 : 0) + (e == e ? 1 : 0);
        }
        for (; i < to; i++) {
            double a = r[i];
            if (a == a) {
                s0 += a;
                c++;
            }
        }
        blockCount = c;
        return (s0 + s1) + (s2 + s3);
    }

    private void addToSum(double d) {
        double t = sum + d;
        comp += Math.abs(sum) >= Math.abs(d) ? (sum - t) + d : (d - t) + sum;
        sum = t;
    }

    /** Grows the ring to hold {@code need} rows (at most n), keeping them in order from slot 0. */
    private void ensureCapacity(int need) {
        int cap = ring.length;
        if (need <= cap) {
            return;
        }
        int grown = (int) Math.min(n, Math.max(need, 2L * cap));
        double[] r = new double[grown];
        int first = Math.min(len, cap - head);
        System.arraycopy(ring, head, r, 0, first);
        System.arraycopy(ring, 0, r, first, len - first);
        ring = r;
        head = 0;
    }
}
