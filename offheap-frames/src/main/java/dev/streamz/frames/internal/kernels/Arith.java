package dev.streamz.frames.internal.kernels;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Element-wise arithmetic column∘column and column∘scalar, with null propagation: a result row is null when
 * any input row is (its validity is the AND of the inputs'). The values of null rows are computed anyway
 * (branch-free) and are unspecified, as Arrow allows.
 *
 * <p>Plain counted loops over {@code MemorySegment}, one per operator, so C2 sees a simple loop with a
 * constant operation (the operator switch sits outside the loop). See {@link ArithOp} for division.
 */
public final class Arith {
    static final ValueLayout.OfDouble F64 = Compare.F64;
    static final ValueLayout.OfLong I64 = Compare.I64;

    private Arith() {
    }

    /**
     * {@code out[i] = a[i] op b[i]} over float64.
     *
     * @param a left values
     * @param va left validity or null
     * @param b right values
     * @param vb right validity or null
     * @param rows rows
     * @param op the operator
     * @param out result values
     * @param outValid result validity, or null to skip it
     */
    public static void apply(MemorySegment a, MemorySegment va, MemorySegment b, MemorySegment vb, int rows,
            ArithOp op, MemorySegment out, MemorySegment outValid) {
        switch (op) {
            case ADD -> { for (int i = 0; i < rows; i++) out.setAtIndex(F64, i, a.getAtIndex(F64, i) + b.getAtIndex(F64, i)); }
            case SUB -> { for (int i = 0; i < rows; i++) out.setAtIndex(F64, i, a.getAtIndex(F64, i) - b.getAtIndex(F64, i)); }
            case MUL -> { for (int i = 0; i < rows; i++) out.setAtIndex(F64, i, a.getAtIndex(F64, i) * b.getAtIndex(F64, i)); }
            case DIV -> { for (int i = 0; i < rows; i++) out.setAtIndex(F64, i, a.getAtIndex(F64, i) / b.getAtIndex(F64, i)); }
        }
        if (outValid != null) {
            Bitmaps.and(va, vb, outValid, rows);
        }
    }

    /**
     * {@code out[i] = a[i] op scalar} over float64.
     *
     * @param a values
     * @param va validity or null
     * @param rows rows
     * @param op the operator
     * @param scalar the right operand
     * @param out result values
     * @param outValid result validity, or null to skip it
     */
    public static void apply(MemorySegment a, MemorySegment va, int rows, ArithOp op, double scalar,
            MemorySegment out, MemorySegment outValid) {
        switch (op) {
            case ADD -> { for (int i = 0; i < rows; i++) out.setAtIndex(F64, i, a.getAtIndex(F64, i) + scalar); }
            case SUB -> { for (int i = 0; i < rows; i++) out.setAtIndex(F64, i, a.getAtIndex(F64, i) - scalar); }
            case MUL -> { for (int i = 0; i < rows; i++) out.setAtIndex(F64, i, a.getAtIndex(F64, i) * scalar); }
            case DIV -> { for (int i = 0; i < rows; i++) out.setAtIndex(F64, i, a.getAtIndex(F64, i) / scalar); }
        }
        if (outValid != null) {
            Bitmaps.copy(va, outValid, rows);
        }
    }

    /**
     * {@code out[i] = a[i] op b[i]} over int64, wrapping on overflow; {@link ArithOp#DIV} is refused (use
     * {@link #divideLong}, whose result is float64).
     *
     * @param a left values
     * @param va left validity or null
     * @param b right values
     * @param vb right validity or null
     * @param rows rows
     * @param op the operator
     * @param out result values
     * @param outValid result validity, or null to skip it
     */
    public static void applyLong(MemorySegment a, MemorySegment va, MemorySegment b, MemorySegment vb, int rows,
            ArithOp op, MemorySegment out, MemorySegment outValid) {
        switch (op) {
            case ADD -> { for (int i = 0; i < rows; i++) out.setAtIndex(I64, i, a.getAtIndex(I64, i) + b.getAtIndex(I64, i)); }
            case SUB -> { for (int i = 0; i < rows; i++) out.setAtIndex(I64, i, a.getAtIndex(I64, i) - b.getAtIndex(I64, i)); }
            case MUL -> { for (int i = 0; i < rows; i++) out.setAtIndex(I64, i, a.getAtIndex(I64, i) * b.getAtIndex(I64, i)); }
            case DIV -> throw new IllegalArgumentException("arith: int64 / int64 is true division, use divideLong");
        }
        if (outValid != null) {
            Bitmaps.and(va, vb, outValid, rows);
        }
    }

    /**
     * {@code out[i] = a[i] op scalar} over int64, wrapping on overflow; {@link ArithOp#DIV} is refused.
     *
     * @param a values
     * @param va validity or null
     * @param rows rows
     * @param op the operator
     * @param scalar the right operand
     * @param out result values
     * @param outValid result validity, or null to skip it
     */
    public static void applyLong(MemorySegment a, MemorySegment va, int rows, ArithOp op, long scalar,
            MemorySegment out, MemorySegment outValid) {
        switch (op) {
            case ADD -> { for (int i = 0; i < rows; i++) out.setAtIndex(I64, i, a.getAtIndex(I64, i) + scalar); }
            case SUB -> { for (int i = 0; i < rows; i++) out.setAtIndex(I64, i, a.getAtIndex(I64, i) - scalar); }
            case MUL -> { for (int i = 0; i < rows; i++) out.setAtIndex(I64, i, a.getAtIndex(I64, i) * scalar); }
            case DIV -> throw new IllegalArgumentException("arith: int64 / int64 is true division, use divideLong");
        }
        if (outValid != null) {
            Bitmaps.copy(va, outValid, rows);
        }
    }

    /**
     * pandas' int64 true division: {@code out[i] = (double) a[i] / (double) b[i]} as float64, so {@code x / 0}
     * is {@code ±inf} and {@code 0 / 0} is NaN, never an exception.
     *
     * @param a left int64 values
     * @param va left validity or null
     * @param b right int64 values
     * @param vb right validity or null
     * @param rows rows
     * @param out result float64 values
     * @param outValid result validity, or null to skip it
     */
    public static void divideLong(MemorySegment a, MemorySegment va, MemorySegment b, MemorySegment vb, int rows,
            MemorySegment out, MemorySegment outValid) {
        for (int i = 0; i < rows; i++) {
            out.setAtIndex(F64, i, (double) a.getAtIndex(I64, i) / (double) b.getAtIndex(I64, i));
        }
        if (outValid != null) {
            Bitmaps.and(va, vb, outValid, rows);
        }
    }
}
