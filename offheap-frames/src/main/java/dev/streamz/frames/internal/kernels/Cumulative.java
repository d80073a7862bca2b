package dev.streamz.frames.internal.kernels;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * A cumulative float64 operation (pandas' {@code cumsum}, {@code cumprod}, {@code cummin}, {@code cummax}
 * with {@code skipna=True}) whose running value carries over from one frame to the next, so a stream of frames
 * gives the same column as one big frame would.
 *
 * <p>A null row stays null and a NaN row stays NaN in the output; both are skipped (the running value does not
 * change). Before the first real value the output of a null/NaN row is still null/NaN. Inherently sequential:
 * a scalar loop. One instance per running column; {@link #reset()} starts over.
 */
public final class Cumulative {
    /** Which cumulative operation. */
    public enum Kind {
        /** Running sum. */
        SUM,
        /** Running product. */
        PROD,
        /** Running minimum. */
        MIN,
        /** Running maximum. */
        MAX
    }

    private static final ValueLayout.OfDouble F64 = Compare.F64;

    private final Kind kind;
    private double acc;
    private boolean started;

    /**
     * A running operation starting empty.
     *
     * @param kind the operation
     */
    public Cumulative(Kind kind) {
        this.kind = kind;
        reset();
    }

    /** Forgets the running value. */
    public void reset() {
        acc = switch (kind) {
            case SUM -> 0.0;
            case PROD -> 1.0;
            case MIN -> Double.POSITIVE_INFINITY;
            case MAX -> Double.NEGATIVE_INFINITY;
        };
        started = false;
    }

    /**
     * The running value so far (NaN before the first real value for MIN/MAX).
     *
     * @return the running value
     */
    public double value() {
        return started || kind == Kind.SUM || kind == Kind.PROD ? acc : Double.NaN;
    }

    /**
     * Applies the operation to one frame's column, continuing from the previous frame.
     *
     * @param in values
     * @param valid validity or null
     * @param rows rows
     * @param out result values
     * @param outValid result validity (a copy of {@code valid}), or null to skip it
     */
    public void apply(MemorySegment in, MemorySegment valid, int rows, MemorySegment out, MemorySegment outValid) {
        double a = acc;
        boolean s = started;
        for (int i = 0; i < rows; i++) {
            double x = in.getAtIndex(F64, i);
            boolean take = x == x && Bitmaps.get(valid, i);
            if (take) {
                a = switch (kind) {
                    case SUM -> a + x;
                    case PROD -> a * x;
                    case MIN -> Math.min(a, x);
                    case MAX -> Math.max(a, x);
                };
                s = true;
            }
            out.setAtIndex(F64, i, take ? a : x);
        }
        acc = a;
        started = s;
        if (outValid != null) {
            Bitmaps.copy(valid, outValid, rows);
        }
    }
}
