package dev.streamz.frames.internal.kernels;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * A rolling window over a float64 column that runs across frame boundaries: by row count (pandas'
 * {@code rolling(window, min_periods)}) or by time on a timestamp column (pandas' {@code rolling('5s')}: the
 * window of a row at time {@code t} is the interval {@code (t − d, t]}).
 *
 * <p>Per input row it writes any of {@link RollingStat}'s statistics into float64 outputs. pandas' rules: null
 * and NaN values are skipped (they occupy a row of the window but are not counted); a row whose window holds
 * fewer than {@code minPeriods} counted values gets NaN for every statistic (COUNT included, as in pandas 2);
 * with enough values, the sum of none is 0 and var is NaN when {@code count − ddof ≤ 0}.
 *
 * <p>State: the window's values in a ring (capacity: the window for row windows, {@code maxRows} for time
 * windows), a Kahan-compensated running sum and Welford mean/M2 with exact removal (reset to zero whenever the
 * window empties, so rounding never accumulates across quiet periods), and one monotonic deque each for min and
 * max (amortised O(1) per row: every value enters and leaves each deque once). All arrays are allocated at
 * construction: {@link #apply} allocates nothing.
 */
public final class Rolling {
    private static final ValueLayout.OfDouble F64 = Compare.F64;
    private static final ValueLayout.OfLong I64 = Compare.I64;

    private final int window;      // rows, or 0 for a time window
    private final long durationNanos;
    private final int minPeriods;
    private final int ddof;
    private final int cap;

    private final double[] vals;   // NaN for a null or NaN row
    private final long[] times;
    private long head;             // sequence number of the oldest row in the window
    private long next;             // sequence number of the next row
    private final long[] minQ;
    private final long[] maxQ;
    private int minH;
    private int minN;
    private int maxH;
    private int maxN;

    private long count;
    private double sum;
    private double comp;
    private double mean;
    private double m2;
    private long lastTime = Long.MIN_VALUE;

    private Rolling(int window, long durationNanos, int minPeriods, int ddof, int cap) {
        this.window = window;
        this.durationNanos = durationNanos;
        this.minPeriods = minPeriods;
        this.ddof = ddof;
        this.cap = cap;
        this.vals = new double[cap];
        this.times = window == 0 ? new long[cap] : null;
        this.minQ = new long[cap];
        this.maxQ = new long[cap];
    }

    /**
     * A window of the last {@code window} rows.
     *
     * @param window rows per window, at least 1
     * @param minPeriods the fewest counted values for a result (pandas' default is {@code window}); 0..window
     * @param ddof delta degrees of freedom of VAR and STD
     * @return the window, empty
     */
    public static Rolling rows(int window, int minPeriods, int ddof) {
        if (window < 1 || minPeriods < 0 || minPeriods > window || ddof < 0) {
            throw new IllegalArgumentException("rolling: need window >= 1, 0 <= minPeriods <= window, ddof >= 0; got"
                    + " window=" + window + " minPeriods=" + minPeriods + " ddof=" + ddof);
        }
        return new Rolling(window, 0, minPeriods, ddof, window);
    }

    /**
     * A window of the rows in {@code (t − durationNanos, t]}, for the row at time {@code t}.
     *
     * @param durationNanos the window's length, at least 1
     * @param minPeriods the fewest counted values for a result (pandas' default for time windows is 1)
     * @param ddof delta degrees of freedom
     * @param maxRows the most rows one window can hold (the ring's capacity); more is an error
     * @return the window, empty
     */
    public static Rolling time(long durationNanos, int minPeriods, int ddof, int maxRows) {
        if (durationNanos < 1 || minPeriods < 0 || ddof < 0 || maxRows < 1) {
            throw new IllegalArgumentException("rolling: need durationNanos >= 1, minPeriods >= 0, ddof >= 0,"
                    + " maxRows >= 1; got " + durationNanos + ", " + minPeriods + ", " + ddof + ", " + maxRows);
        }
        return new Rolling(0, durationNanos, minPeriods, ddof, maxRows);
    }

    /** Empties the window. */
    public void reset() {
        head = 0;
        next = 0;
        minH = 0;
        minN = 0;
        maxH = 0;
        maxN = 0;
        count = 0;
        sum = 0;
        comp = 0;
        mean = 0;
        m2 = 0;
        lastTime = Long.MIN_VALUE;
    }

    /**
     * Rows in the window now.
     *
     * @return rows, null and NaN included
     */
    public int rowsInWindow() {
        return (int) (next - head);
    }

    /**
     * Feeds one frame's column through a row window and writes the statistics for each of its rows.
     *
     * @param values float64 values
     * @param validity validity or null
     * @param rows rows
     * @param outputs indexed by {@link RollingStat#ordinal()}; null entries (or a shorter array) are skipped
     * @throws IllegalStateException when this is a time window
     */
    public void apply(MemorySegment values, MemorySegment validity, int rows, MemorySegment[] outputs) {
        if (window == 0) {
            throw new IllegalStateException("rolling: a time window needs the timestamp column, use applyTimed");
        }
        for (int i = 0; i < rows; i++) {
            if (next - head == window) {
                evict();
            }
            push(values.getAtIndex(F64, i), Bitmaps.get(validity, i));
            emit(outputs, i);
        }
    }

    /**
     * Feeds one frame through a time window: {@code times} is the frame's TIMESTAMP column (epoch
     * nanoseconds, non-decreasing across frames, no nulls).
     *
     * @param times timestamps
     * @param values float64 values
     * @param validity validity of the values or null
     * @param rows rows
     * @param outputs indexed by {@link RollingStat#ordinal()}; null entries are skipped
     * @throws IllegalArgumentException when a timestamp goes backwards
     * @throws IllegalStateException when a window would hold more than {@code maxRows} rows
     */
    public void applyTimed(MemorySegment times, MemorySegment values, MemorySegment validity, int rows,
            MemorySegment[] outputs) {
        if (window != 0) {
            throw new IllegalStateException("rolling: a row window takes no timestamps, use apply");
        }
        for (int i = 0; i < rows; i++) {
            long t = times.getAtIndex(I64, i);
            if (t < lastTime) {
                throw new IllegalArgumentException("rolling: timestamps must not decrease; row " + i + " has " + t
                        + " after " + lastTime);
            }
            lastTime = t;
            long cutoff = t - durationNanos;
            while (next > head && this.times[(int) (head % cap)] <= cutoff) {
                evict();
            }
            if (next - head == cap) {
                throw new IllegalStateException("rolling: more than maxRows=" + cap + " rows in one time window");
            }
            this.times[(int) (next % cap)] = t;
            push(values.getAtIndex(F64, i), Bitmaps.get(validity, i));
            emit(outputs, i);
        }
    }

    private void push(double x, boolean valid) {
        long seq = next++;
        int at = (int) (seq % cap);
        boolean present = valid && x == x;
        vals[at] = present ? x : Double.NaN;
        if (!present) {
            return;
        }
        count++;
        double y = x - comp;
        double t = sum + y;
        comp = (t - sum) - y;
        sum = t;
        double d = x - mean;
        mean += d / count;
        m2 += d * (x - mean);
        while (minN > 0 && vals[(int) (minQ[(minH + minN - 1) % cap] % cap)] >= x) {
            minN--;
        }
        minQ[(minH + minN++) % cap] = seq;
        while (maxN > 0 && vals[(int) (maxQ[(maxH + maxN - 1) % cap] % cap)] <= x) {
            maxN--;
        }
        maxQ[(maxH + maxN++) % cap] = seq;
    }

    private void evict() {
        long seq = head++;
        double x = vals[(int) (seq % cap)];
        if (x != x) {
            return;
        }
        if (--count == 0) {
            sum = 0;
            comp = 0;
            mean = 0;
            m2 = 0;
        } else {
            double y = -x - comp;
            double t = sum + y;
            comp = (t - sum) - y;
            sum = t;
            double d = x - mean;
            mean -= d / count;
            m2 -= d * (x - mean);
        }
        if (minN > 0 && minQ[minH] == seq) {
            minH = (minH + 1) % cap;
            minN--;
        }
        if (maxN > 0 && maxQ[maxH] == seq) {
            maxH = (maxH + 1) % cap;
            maxN--;
        }
    }

    private void emit(MemorySegment[] outputs, int i) {
        boolean enough = count >= minPeriods;
        int n = outputs.length;
        put(outputs, n, RollingStat.COUNT, i, enough ? count : Double.NaN);
        put(outputs, n, RollingStat.SUM, i, enough ? sum : Double.NaN);
        put(outputs, n, RollingStat.MEAN, i, enough && count > 0 ? sum / count : Double.NaN);
        double var = enough && count - ddof > 0 ? Math.max(0.0, m2) / (count - ddof) : Double.NaN;
        put(outputs, n, RollingStat.VAR, i, var);
        put(outputs, n, RollingStat.STD, i, Math.sqrt(var));
        put(outputs, n, RollingStat.MIN, i, enough && minN > 0 ? vals[(int) (minQ[minH] % cap)] : Double.NaN);
        put(outputs, n, RollingStat.MAX, i, enough && maxN > 0 ? vals[(int) (maxQ[maxH] % cap)] : Double.NaN);
    }

    private static void put(MemorySegment[] outputs, int n, RollingStat s, int i, double v) {
        int k = s.ordinal();
        if (k < n && outputs[k] != null) {
            outputs[k].setAtIndex(F64, i, v);
        }
    }
}
