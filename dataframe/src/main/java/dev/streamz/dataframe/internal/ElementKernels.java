package dev.streamz.dataframe.internal;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * The element-wise loops the frames module's kernels lack: floor division and modulo with Python's signs,
 * operations with the scalar on the left, int64 true division by a scalar, negation and numpy's rounding.
 * Each is a plain counted loop over the column's buffers with the operator switch outside the loop, so C2
 * compiles a simple loop per operator. Values of null rows are computed anyway and are unspecified.
 */
public final class ElementKernels {
    static final ValueLayout.OfDouble D = ValueLayout.JAVA_DOUBLE.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfLong L = ValueLayout.JAVA_LONG.withOrder(ByteOrder.LITTLE_ENDIAN);

    private ElementKernels() {
    }

    /** Operators beyond the frames module's four. */
    public enum Op {
        /** {@code +}. */
        ADD,
        /** {@code -}. */
        SUB,
        /** {@code *}. */
        MUL,
        /** {@code /}. */
        DIV,
        /** {@code //}, floor division. */
        FLOORDIV,
        /** {@code %}, the remainder with the divisor's sign. */
        MOD
    }

    /**
     * numpy's {@code floor_divide} of doubles (its {@code npy_divmod}): the floor of the exact quotient,
     * {@code ±inf} or NaN for a zero divisor.
     *
     * @param a dividend
     * @param b divisor
     * @return {@code a // b}
     */
    public static double floordiv(double a, double b) {
        if (b == 0) {
            return a / b;
        }
        double mod = a % b;
        double div = (a - mod) / b;
        if (mod != 0 && (b < 0) != (mod < 0)) {
            div -= 1.0;
        }
        if (div == 0) {
            return Math.copySign(0.0, a / b);
        }
        double fl = Math.floor(div);
        return div - fl > 0.5 ? fl + 1.0 : fl;
    }

    /**
     * numpy's {@code remainder} of doubles: the sign of the divisor, NaN for a zero divisor.
     *
     * @param a dividend
     * @param b divisor
     * @return {@code a % b}
     */
    public static double mod(double a, double b) {
        double mod = a % b;
        if (b == 0) {
            return mod;
        }
        if (mod != 0) {
            return (b < 0) != (mod < 0) ? mod + b : mod;
        }
        return Math.copySign(0.0, b);
    }

    /**
     * {@code out = a op b} over float64 columns, for the operators the frames kernels lack.
     *
     * @param a left values
     * @param b right values
     * @param rows rows
     * @param op FLOORDIV or MOD
     * @param out result values
     */
    public static void doubles(MemorySegment a, MemorySegment b, int rows, Op op, MemorySegment out) {
        switch (op) {
            case FLOORDIV -> { for (int i = 0; i < rows; i++) out.setAtIndex(D, i, floordiv(a.getAtIndex(D, i), b.getAtIndex(D, i))); }
            case MOD -> { for (int i = 0; i < rows; i++) out.setAtIndex(D, i, mod(a.getAtIndex(D, i), b.getAtIndex(D, i))); }
            default -> throw new IllegalArgumentException("doubles: " + op + " runs on the frames kernels");
        }
    }

    /**
     * {@code out = a op s} ({@code left == false}) or {@code out = s op a} ({@code left == true}) over float64.
     *
     * @param a the column's values
     * @param s the scalar
     * @param left whether the scalar is the left operand
     * @param rows rows
     * @param op the operator
     * @param out result values
     */
    public static void doublesScalar(MemorySegment a, double s, boolean left, int rows, Op op, MemorySegment out) {
        if (!left) {
            switch (op) {
                case ADD -> { for (int i = 0; i < rows; i++) out.setAtIndex(D, i, a.getAtIndex(D, i) + s); }
                case SUB -> { for (int i = 0; i < rows; i++) out.setAtIndex(D, i, a.getAtIndex(D, i) - s); }
                case MUL -> { for (int i = 0; i < rows; i++) out.setAtIndex(D, i, a.getAtIndex(D, i) * s); }
                case DIV -> { for (int i = 0; i < rows; i++) out.setAtIndex(D, i, a.getAtIndex(D, i) / s); }
                case FLOORDIV -> { for (int i = 0; i < rows; i++) out.setAtIndex(D, i, floordiv(a.getAtIndex(D, i), s)); }
                case MOD -> { for (int i = 0; i < rows; i++) out.setAtIndex(D, i, mod(a.getAtIndex(D, i), s)); }
            }
        } else {
            switch (op) {
                case ADD -> { for (int i = 0; i < rows; i++) out.setAtIndex(D, i, s + a.getAtIndex(D, i)); }
                case SUB -> { for (int i = 0; i < rows; i++) out.setAtIndex(D, i, s - a.getAtIndex(D, i)); }
                case MUL -> { for (int i = 0; i < rows; i++) out.setAtIndex(D, i, s * a.getAtIndex(D, i)); }
                case DIV -> { for (int i = 0; i < rows; i++) out.setAtIndex(D, i, s / a.getAtIndex(D, i)); }
                case FLOORDIV -> { for (int i = 0; i < rows; i++) out.setAtIndex(D, i, floordiv(s, a.getAtIndex(D, i))); }
                case MOD -> { for (int i = 0; i < rows; i++) out.setAtIndex(D, i, mod(s, a.getAtIndex(D, i))); }
            }
        }
    }

    /**
     * {@code out = a op b} over int64 for FLOORDIV and MOD (Python's signs). A zero divisor makes the row
     * null: pandas would turn the whole batch into float64 with {@code ±inf}/NaN there, which a typed column
     * cannot do.
     *
     * @param a left values
     * @param b right values
     * @param rows rows
     * @param op FLOORDIV or MOD
     * @param out result values
     * @param outValid result validity, already the AND of the inputs'; zero divisors are cleared in it
     */
    public static void longs(MemorySegment a, MemorySegment b, int rows, Op op, MemorySegment out,
            MemorySegment outValid) {
        boolean zero = false;
        switch (op) {
            case FLOORDIV -> {
                for (int i = 0; i < rows; i++) {
                    long y = b.getAtIndex(L, i);
                    zero |= y == 0;
                    out.setAtIndex(L, i, Math.floorDiv(a.getAtIndex(L, i), y == 0 ? 1 : y));
                }
            }
            case MOD -> {
                for (int i = 0; i < rows; i++) {
                    long y = b.getAtIndex(L, i);
                    zero |= y == 0;
                    out.setAtIndex(L, i, Math.floorMod(a.getAtIndex(L, i), y == 0 ? 1 : y));
                }
            }
            default -> throw new IllegalArgumentException("longs: " + op + " runs on the frames kernels");
        }
        if (zero) {
            for (int i = 0; i < rows; i++) {
                if (b.getAtIndex(L, i) == 0) {
                    clearBit(outValid, i);
                }
            }
        }
    }

    /**
     * {@code out = a op s} or {@code out = s op a} over int64, wrapping on overflow; not DIV. A zero divisor
     * makes the row null (see {@link #longs}).
     *
     * @param a the column's values
     * @param s the scalar
     * @param left whether the scalar is the left operand
     * @param rows rows
     * @param op the operator
     * @param out result values
     * @param outValid result validity, already the column's
     */
    public static void longsScalar(MemorySegment a, long s, boolean left, int rows, Op op, MemorySegment out,
            MemorySegment outValid) {
        if (!left) {
            switch (op) {
                case ADD -> { for (int i = 0; i < rows; i++) out.setAtIndex(L, i, a.getAtIndex(L, i) + s); }
                case SUB -> { for (int i = 0; i < rows; i++) out.setAtIndex(L, i, a.getAtIndex(L, i) - s); }
                case MUL -> { for (int i = 0; i < rows; i++) out.setAtIndex(L, i, a.getAtIndex(L, i) * s); }
                case FLOORDIV, MOD -> {
                    if (s == 0) {
                        dev.streamz.frames.internal.kernels.Bitmaps.fill(outValid, rows, false);
                        return;
                    }
                    if (op == Op.FLOORDIV) {
                        for (int i = 0; i < rows; i++) out.setAtIndex(L, i, Math.floorDiv(a.getAtIndex(L, i), s));
                    } else {
                        for (int i = 0; i < rows; i++) out.setAtIndex(L, i, Math.floorMod(a.getAtIndex(L, i), s));
                    }
                }
                case DIV -> throw new IllegalArgumentException("longsScalar: int64 / is true division");
            }
        } else {
            switch (op) {
                case ADD -> { for (int i = 0; i < rows; i++) out.setAtIndex(L, i, s + a.getAtIndex(L, i)); }
                case SUB -> { for (int i = 0; i < rows; i++) out.setAtIndex(L, i, s - a.getAtIndex(L, i)); }
                case MUL -> { for (int i = 0; i < rows; i++) out.setAtIndex(L, i, s * a.getAtIndex(L, i)); }
                case FLOORDIV, MOD -> {
                    boolean zero = false;
                    for (int i = 0; i < rows; i++) {
                        long y = a.getAtIndex(L, i);
                        zero |= y == 0;
                        y = y == 0 ? 1 : y;
                        out.setAtIndex(L, i, op == Op.FLOORDIV ? Math.floorDiv(s, y) : Math.floorMod(s, y));
                    }
                    if (zero) {
                        for (int i = 0; i < rows; i++) {
                            if (a.getAtIndex(L, i) == 0) {
                                clearBit(outValid, i);
                            }
                        }
                    }
                }
                case DIV -> throw new IllegalArgumentException("longsScalar: int64 / is true division");
            }
        }
    }

    /**
     * int64 true division by a scalar into float64: {@code a / s} or {@code s / a}.
     *
     * @param a the column's values
     * @param s the scalar
     * @param left whether the scalar is the left operand
     * @param rows rows
     * @param out float64 result values
     */
    public static void divideLongScalar(MemorySegment a, double s, boolean left, int rows, MemorySegment out) {
        if (!left) {
            for (int i = 0; i < rows; i++) out.setAtIndex(D, i, (double) a.getAtIndex(L, i) / s);
        } else {
            for (int i = 0; i < rows; i++) out.setAtIndex(D, i, s / (double) a.getAtIndex(L, i));
        }
    }

    /**
     * {@code out = -a} over float64.
     *
     * @param a values
     * @param rows rows
     * @param out result values
     */
    public static void negateDoubles(MemorySegment a, int rows, MemorySegment out) {
        for (int i = 0; i < rows; i++) out.setAtIndex(D, i, -a.getAtIndex(D, i));
    }

    /**
     * {@code out = -a} over int64 (wrapping).
     *
     * @param a values
     * @param rows rows
     * @param out result values
     */
    public static void negateLongs(MemorySegment a, int rows, MemorySegment out) {
        for (int i = 0; i < rows; i++) out.setAtIndex(L, i, -a.getAtIndex(L, i));
    }

    /**
     * numpy's {@code round(x, decimals)}: half to even ({@link Math#rint}) on {@code x * 10^d}, or on
     * {@code x / 10^-d} for negative {@code d}.
     *
     * @param a float64 values
     * @param decimals the decimals (negative: tens, hundreds, ...)
     * @param rows rows
     * @param out result values
     */
    public static void round(MemorySegment a, int decimals, int rows, MemorySegment out) {
        if (decimals >= 0) {
            double f = Math.pow(10, decimals);
            for (int i = 0; i < rows; i++) out.setAtIndex(D, i, Math.rint(a.getAtIndex(D, i) * f) / f);
        } else {
            double f = Math.pow(10, -decimals);
            for (int i = 0; i < rows; i++) out.setAtIndex(D, i, Math.rint(a.getAtIndex(D, i) / f) * f);
        }
    }

    /**
     * numpy's {@code round} of an int64 column to negative decimals (tens, hundreds, ...; half to even);
     * non-negative decimals copy the values.
     *
     * @param a int64 values
     * @param decimals the decimals
     * @param rows rows
     * @param out result values
     */
    public static void roundLongs(MemorySegment a, int decimals, int rows, MemorySegment out) {
        if (decimals >= 0) {
            MemorySegment.copy(a, 0, out, 0, (long) rows * Long.BYTES);
            return;
        }
        double f = Math.pow(10, -decimals);
        for (int i = 0; i < rows; i++) out.setAtIndex(L, i, (long) (Math.rint(a.getAtIndex(L, i) / f) * f));
    }

    private static void clearBit(MemorySegment bitmap, int i) {
        long at = i >>> 3;
        bitmap.set(ValueLayout.JAVA_BYTE, at, (byte) (bitmap.get(ValueLayout.JAVA_BYTE, at) & ~(1 << (i & 7))));
    }
}
