package dev.streamz.frames.kernels;

import dev.streamz.frames.Column;
import dev.streamz.frames.ColumnType;
import dev.streamz.frames.Frame;
import dev.streamz.frames.Schema;
import dev.streamz.frames.internal.kernels.Rolling;
import dev.streamz.frames.internal.kernels.RollingStat;

import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * A rolling window over a float64 column that runs across frame boundaries, writing statistics into output
 * columns of the same frame: by rows (pandas' {@code rolling(window, min_periods)}) or by time on a timestamp
 * column (pandas' {@code rolling('5s')}: the row at time {@code t} sees {@code (t − d, t]}).
 *
 * <p>pandas' rules: null and NaN values take a row of the window but are not counted; a row whose window has
 * fewer than {@code minPeriods} counted values gets NaN in every output (COUNT included); var/std use
 * {@code ddof}. Sums are Kahan-compensated, var is Welford's (reversible), min/max use monotonic deques
 * (amortised O(1) per row). State lives in arrays sized at construction: {@link #apply(Frame)} allocates
 * nothing.
 *
 * <pre>{@code
 * RollingWindow w = RollingWindow.rows("price", 20, 20)
 *         .output(RollingWindow.Stat.MEAN, "price_ma20")
 *         .output(RollingWindow.Stat.STD, "price_sd20");
 * for (Frame f : frames) {
 *     w.apply(f);
 * }
 * }</pre>
 */
public final class RollingWindow {
    /** A statistic the window can write. */
    public enum Stat {
        /** Counted values in the window. */
        COUNT,
        /** Sum. */
        SUM,
        /** Mean. */
        MEAN,
        /** Variance with the window's ddof. */
        VAR,
        /** Standard deviation. */
        STD,
        /** Minimum. */
        MIN,
        /** Maximum. */
        MAX
    }

    private final Rolling state;
    private final String input;
    private final String time;
    private final Map<Stat, String> outputs = new EnumMap<>(Stat.class);
    private final MemorySegment[] outs = new MemorySegment[RollingStat.COUNT_OF_STATS];
    private final int[] outIndex = new int[RollingStat.COUNT_OF_STATS];
    private Schema schema;
    private int inIndex;
    private int timeIndex;

    private RollingWindow(Rolling state, String input, String time) {
        this.state = state;
        this.input = input;
        this.time = time;
    }

    /**
     * A window of the last {@code window} rows, ddof 1.
     *
     * @param column the float64 input column's name
     * @param window rows per window, {@code >= 1}
     * @param minPeriods fewest counted values for a result, {@code 0 .. window} (pandas' default: window)
     * @return the window; add outputs with {@link #output}
     */
    public static RollingWindow rows(String column, int window, int minPeriods) {
        return rows(column, window, minPeriods, 1);
    }

    /**
     * A window of the last {@code window} rows.
     *
     * @param column the float64 input column's name
     * @param window rows per window, {@code >= 1}
     * @param minPeriods fewest counted values for a result, {@code 0 .. window}
     * @param ddof delta degrees of freedom of VAR and STD
     * @return the window
     */
    public static RollingWindow rows(String column, int window, int minPeriods, int ddof) {
        return new RollingWindow(Rolling.rows(window, minPeriods, ddof),
                Checks.notNull(column, "rolling", "column"), null);
    }

    /**
     * A time window {@code (t − length, t]} on a timestamp column (non-decreasing across frames, no nulls).
     *
     * @param column the float64 input column's name
     * @param timeColumn the TIMESTAMP column's name
     * @param length the window's length, positive
     * @param minPeriods fewest counted values for a result (pandas' default for time windows: 1)
     * @param ddof delta degrees of freedom
     * @param maxRows the most rows one window can hold; more fails with an exception
     * @return the window
     */
    public static RollingWindow time(String column, String timeColumn, Duration length, int minPeriods, int ddof,
            int maxRows) {
        Checks.notNull(length, "rolling", "length");
        return new RollingWindow(Rolling.time(length.toNanos(), minPeriods, ddof, maxRows),
                Checks.notNull(column, "rolling", "column"), Checks.notNull(timeColumn, "rolling", "timeColumn"));
    }

    /**
     * Writes {@code stat} into the float64 column {@code column} of each frame applied.
     *
     * @param stat the statistic
     * @param column the output column's name
     * @return this window
     */
    public RollingWindow output(Stat stat, String column) {
        outputs.put(Checks.notNull(stat, "rolling", "stat"), Checks.notNull(column, "rolling", "column"));
        schema = null;
        return this;
    }

    private void bind(Frame f) {
        Schema s = f.schema();
        if (s == schema) {
            return;
        }
        inIndex = index(f, input, ColumnType.FLOAT64);
        timeIndex = time == null ? -1 : index(f, time, ColumnType.TIMESTAMP);
        java.util.Arrays.fill(outIndex, -1);
        for (Map.Entry<Stat, String> e : outputs.entrySet()) {
            outIndex[e.getKey().ordinal()] = index(f, e.getValue(), ColumnType.FLOAT64);
        }
        schema = s;
    }

    private static int index(Frame f, String name, ColumnType type) {
        if (!f.schema().contains(name)) {
            throw new IllegalArgumentException("rolling: frame " + f.name() + " lacks column '" + name + "' "
                    + f.schema());
        }
        int i = f.schema().indexOf(name);
        Checks.type(f.column(i), "rolling", type);
        return i;
    }

    /**
     * Feeds one frame through the window and writes the outputs for each of its rows.
     *
     * @param frame a frame with the input (and time) column and the output columns
     */
    public void apply(Frame frame) {
        Checks.notNull(frame, "rolling", "frame");
        bind(frame);
        for (int k = 0; k < outs.length; k++) {
            outs[k] = outIndex[k] < 0 ? null : frame.column(outIndex[k]).values();
        }
        Column in = frame.column(inIndex);
        int n = frame.rowCount();
        if (timeIndex < 0) {
            state.apply(in.values(), in.validity(), n, outs);
        } else {
            state.applyTimed(frame.column(timeIndex).values(), in.values(), in.validity(), n, outs);
        }
        for (int k = 0; k < outs.length; k++) {
            if (outIndex[k] >= 0) {
                Column c = frame.column(outIndex[k]);
                dev.streamz.frames.internal.kernels.Bitmaps.fill(c.validity(), n, true);
            }
            outs[k] = null;
        }
    }

    /** Empties the window. */
    public void reset() {
        state.reset();
    }
}
