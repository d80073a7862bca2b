package dev.streamz.frames.internal.kernels;

import java.lang.foreign.MemorySegment;

/**
 * Comparisons column∘scalar and column∘column into a result bitmap (64 rows per word), and selection
 * vectors built from them.
 *
 * <p>Semantics are pandas': a comparison with NaN is false except {@code !=}; a row whose input is null is
 * null in the result (the result validity is the AND of the input validities, written when {@code outValid}
 * is not null), and never selected. Values are little-endian and packed; validity bitmaps may be null (no
 * nulls). One code path serves all six operators: the three comparisons less/equal/greater are computed as
 * lane bitmasks and combined with the operator's constant word masks, so every Vector API operator is a
 * compile-time constant and stays intrinsic.
 */
public final class Compare {
    static {
        // before any vector class is linked: a missing flag is a clear error, not NoClassDefFoundError
        VectorSupport.require();
    }

    private Compare() {
    }

    /**
     * {@code out[i] = values[i] op scalar} over float64.
     *
     * @param values the column's values
     * @param validity its validity or null
     * @param rows rows
     * @param op the operator
     * @param scalar the right operand
     * @param out the result bitmap
     * @param outValid the result validity, or null to skip it
     */
    public static void compare(MemorySegment values, MemorySegment validity, int rows, CmpOp op, double scalar,
            MemorySegment out, MemorySegment outValid) {
        CompareLanes.compare(values, validity, rows, op, scalar, out, outValid);
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
     * @param out the result bitmap
     * @param outValid the result validity, or null to skip it
     */
    public static void compare(MemorySegment a, MemorySegment va, MemorySegment b, MemorySegment vb, int rows,
            CmpOp op, MemorySegment out, MemorySegment outValid) {
        CompareLanes.compare(a, va, b, vb, rows, op, out, outValid);
    }

    /**
     * {@code out[i] = values[i] op scalar} over int64 (also TIMESTAMP).
     *
     * @param values the column's values
     * @param validity its validity or null
     * @param rows rows
     * @param op the operator
     * @param scalar the right operand
     * @param out the result bitmap
     * @param outValid the result validity, or null to skip it
     */
    public static void compareLong(MemorySegment values, MemorySegment validity, int rows, CmpOp op, long scalar,
            MemorySegment out, MemorySegment outValid) {
        CompareLanes.compareLong(values, validity, rows, op, scalar, out, outValid);
    }

    /**
     * {@code out[i] = a[i] op b[i]} over int64 (also TIMESTAMP).
     *
     * @param a left values
     * @param va left validity or null
     * @param b right values
     * @param vb right validity or null
     * @param rows rows
     * @param op the operator
     * @param out the result bitmap
     * @param outValid the result validity, or null to skip it
     */
    public static void compareLong(MemorySegment a, MemorySegment va, MemorySegment b, MemorySegment vb, int rows,
            CmpOp op, MemorySegment out, MemorySegment outValid) {
        CompareLanes.compareLong(a, va, b, vb, rows, op, out, outValid);
    }

    /**
     * {@code out[i] = values[i] op scalar} over int32 (also CATEGORY codes: equality with a code).
     *
     * @param values the column's values
     * @param validity its validity or null
     * @param rows rows
     * @param op the operator
     * @param scalar the right operand
     * @param out the result bitmap
     * @param outValid the result validity, or null to skip it
     */
    public static void compareInt(MemorySegment values, MemorySegment validity, int rows, CmpOp op, int scalar,
            MemorySegment out, MemorySegment outValid) {
        CompareLanes.compareInt(values, validity, rows, op, scalar, out, outValid);
    }

    /**
     * Selection over float64: the ascending indices of the rows where {@code values[i] op scalar} holds and
     * the row is not null. Fuses the comparison and the index extraction (no intermediate bitmap).
     *
     * @param values the column's values
     * @param validity its validity or null
     * @param rows rows
     * @param op the operator
     * @param scalar the right operand
     * @param sel receives the indices; at least {@code rows} long
     * @return how many rows were selected
     */
    public static int select(MemorySegment values, MemorySegment validity, int rows, CmpOp op, double scalar,
            int[] sel) {
        return CompareLanes.select(values, validity, rows, op, scalar, sel);
    }

    /**
     * Selection over int64: the ascending indices of the non-null rows where {@code values[i] op scalar}.
     *
     * @param values the column's values
     * @param validity its validity or null
     * @param rows rows
     * @param op the operator
     * @param scalar the right operand
     * @param sel receives the indices; at least {@code rows} long
     * @return how many rows were selected
     */
    public static int selectLong(MemorySegment values, MemorySegment validity, int rows, CmpOp op, long scalar,
            int[] sel) {
        return CompareLanes.selectLong(values, validity, rows, op, scalar, sel);
    }
}
