package dev.streamz.dataframe.internal;

/**
 * The running minimum or maximum of a window that gains rows at the back and loses them at the front:
 * a monotonic deque of (row sequence, value), amortised O(1) per row, growing only when the window does.
 */
public final class MonotonicDeque {
    private final boolean max;
    private long[] seqs = new long[16];
    private double[] vals = new double[16];
    private int head;
    private int size;

    /**
     * @param max true for a running maximum, false for a minimum
     */
    public MonotonicDeque(boolean max) {
        this.max = max;
    }

    /** Forgets every row. */
    public void clear() {
        head = 0;
        size = 0;
    }

    /**
     * Adds the newest row (a present value; missing rows are not added).
     *
     * @param seq its sequence number, larger than every one added before
     * @param v its value
     */
    public void push(long seq, double v) {
        int mask = seqs.length - 1;
        // Drop the rows the new one dominates: they can never be the extreme again.
        while (size > 0) {
            double last = vals[(head + size - 1) & mask];
            if (max ? last <= v : last >= v) {
                size--;
            } else {
                break;
            }
        }
        if (size == seqs.length) {
            grow();
            mask = seqs.length - 1;
        }
        int at = (head + size) & mask;
        seqs[at] = seq;
        vals[at] = v;
        size++;
    }

    /**
     * Removes the rows whose sequence is below {@code firstKept}.
     *
     * @param firstKept the oldest sequence still in the window
     */
    public void evictBefore(long firstKept) {
        int mask = seqs.length - 1;
        while (size > 0 && seqs[head] < firstKept) {
            head = (head + 1) & mask;
            size--;
        }
    }

    /** @return the extreme value of the window, NaN when it holds none */
    public double extreme() {
        return size == 0 ? Double.NaN : vals[head];
    }

    /** @return the sequence of the extreme row (only when the window holds one) */
    public long extremeSeq() {
        return seqs[head];
    }

    private void grow() {
        int n = seqs.length;
        long[] s = new long[n * 2];
        double[] v = new double[n * 2];
        for (int i = 0; i < size; i++) {
            s[i] = seqs[(head + i) & (n - 1)];
            v[i] = vals[(head + i) & (n - 1)];
        }
        seqs = s;
        vals = v;
        head = 0;
    }
}
