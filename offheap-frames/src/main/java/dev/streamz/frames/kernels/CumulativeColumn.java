package dev.streamz.frames.kernels;

import dev.streamz.frames.Column;
import dev.streamz.frames.ColumnType;
import dev.streamz.frames.internal.kernels.Cumulative;

/**
 * pandas' {@code cumsum}, {@code cumprod}, {@code cummin}, {@code cummax} of a float64 column over a stream of
 * frames: the running value carries from one frame to the next, so the frames together give the column one big
 * frame would. Null rows stay null and NaN rows stay NaN in the output; both are skipped. One instance per
 * running column; allocation-free.
 *
 * <pre>{@code
 * CumulativeColumn running = CumulativeColumn.sum();
 * for (Frame f : frames) {
 *     running.apply(f.column("qty"), f.column("qty_cum"));
 * }
 * }</pre>
 */
public final class CumulativeColumn {
    private final Cumulative state;

    private CumulativeColumn(Cumulative.Kind kind) {
        this.state = new Cumulative(kind);
    }

    /** {@return a running sum} */
    public static CumulativeColumn sum() {
        return new CumulativeColumn(Cumulative.Kind.SUM);
    }

    /** {@return a running product} */
    public static CumulativeColumn prod() {
        return new CumulativeColumn(Cumulative.Kind.PROD);
    }

    /** {@return a running minimum} */
    public static CumulativeColumn min() {
        return new CumulativeColumn(Cumulative.Kind.MIN);
    }

    /** {@return a running maximum} */
    public static CumulativeColumn max() {
        return new CumulativeColumn(Cumulative.Kind.MAX);
    }

    /**
     * Continues the running operation over one frame's column.
     *
     * @param in a float64 column
     * @param out a float64 column of a frame with the same row count (may be {@code in} itself)
     */
    public void apply(Column in, Column out) {
        Checks.type(in, "cumulative", ColumnType.FLOAT64);
        int n = in.rowCount();
        Checks.out(out, n, "cumulative", ColumnType.FLOAT64);
        state.apply(in.values(), in.validity(), n, out.values(), out.validity());
    }

    /** {@return the running value so far (NaN for min/max before the first value)} */
    public double value() {
        return state.value();
    }

    /** Starts over. */
    public void reset() {
        state.reset();
    }
}
