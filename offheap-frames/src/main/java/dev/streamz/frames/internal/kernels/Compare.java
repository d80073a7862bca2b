package dev.streamz.frames.internal.kernels;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorSpecies;

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
        VectorSupport.require();
    }

    static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    static final VectorSpecies<Long> J = LongVector.SPECIES_PREFERRED;
    static final VectorSpecies<Integer> I = IntVector.SPECIES_PREFERRED;
    static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
    static final ValueLayout.OfDouble F64 = ValueLayout.JAVA_DOUBLE_UNALIGNED.withOrder(LE);
    static final ValueLayout.OfLong I64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(LE);
    static final ValueLayout.OfInt I32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(LE);

    private Compare() {
    }

    private static long m(boolean on) {
        return on ? -1L : 0L;
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
        int full = rows >>> 6;
        for (int w = 0; w < full; w++) {
            Bitmaps.putWord(out, w, word(values, (long) w << 9, op, scalar));
        }
        if ((rows & 63) != 0) {
            long bits = 0;
            for (int i = full << 6; i < rows; i++) {
                bits |= (op.test(values.getAtIndex(F64, i), scalar) ? 1L : 0L) << (i & 63);
            }
            Bitmaps.putWord(out, full, bits);
        }
        if (outValid != null) {
            Bitmaps.copy(validity, outValid, rows);
        }
    }

    /**
     * The comparison bits of 64 float64 rows starting at byte {@code base}.
     */
    static long word(MemorySegment values, long base, CmpOp op, double scalar) {
        long lt = m(op.lt);
        long eq = m(op.eq);
        long gt = m(op.gt);
        long inv = m(op.invert);
        DoubleVector t = DoubleVector.broadcast(D, scalar);
        long bits = 0;
        for (int k = 0; k < 64; k += D.length()) {
            DoubleVector x = DoubleVector.fromMemorySegment(D, values, base + ((long) k << 3), LE);
            long b = (x.lt(t).toLong() & lt) | (x.eq(t).toLong() & eq) | (t.lt(x).toLong() & gt);
            bits |= b << k;
        }
        return bits ^ inv;
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
        long lt = m(op.lt);
        long eq = m(op.eq);
        long gt = m(op.gt);
        long inv = m(op.invert);
        int full = rows >>> 6;
        for (int w = 0; w < full; w++) {
            long base = (long) w << 9;
            long bits = 0;
            for (int k = 0; k < 64; k += D.length()) {
                long at = base + ((long) k << 3);
                DoubleVector x = DoubleVector.fromMemorySegment(D, a, at, LE);
                DoubleVector y = DoubleVector.fromMemorySegment(D, b, at, LE);
                long r = (x.lt(y).toLong() & lt) | (x.eq(y).toLong() & eq) | (y.lt(x).toLong() & gt);
                bits |= r << k;
            }
            Bitmaps.putWord(out, w, bits ^ inv);
        }
        if ((rows & 63) != 0) {
            long bits = 0;
            for (int i = full << 6; i < rows; i++) {
                bits |= (op.test(a.getAtIndex(F64, i), b.getAtIndex(F64, i)) ? 1L : 0L) << (i & 63);
            }
            Bitmaps.putWord(out, full, bits);
        }
        if (outValid != null) {
            Bitmaps.and(va, vb, outValid, rows);
        }
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
        long lt = m(op.lt);
        long eq = m(op.eq);
        long gt = m(op.gt);
        long inv = m(op.invert);
        LongVector t = LongVector.broadcast(J, scalar);
        int full = rows >>> 6;
        for (int w = 0; w < full; w++) {
            long base = (long) w << 9;
            long bits = 0;
            for (int k = 0; k < 64; k += J.length()) {
                LongVector x = LongVector.fromMemorySegment(J, values, base + ((long) k << 3), LE);
                long r = (x.lt(t).toLong() & lt) | (x.eq(t).toLong() & eq) | (t.lt(x).toLong() & gt);
                bits |= r << k;
            }
            Bitmaps.putWord(out, w, bits ^ inv);
        }
        if ((rows & 63) != 0) {
            long bits = 0;
            for (int i = full << 6; i < rows; i++) {
                bits |= (op.test(values.getAtIndex(I64, i), scalar) ? 1L : 0L) << (i & 63);
            }
            Bitmaps.putWord(out, full, bits);
        }
        if (outValid != null) {
            Bitmaps.copy(validity, outValid, rows);
        }
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
        long lt = m(op.lt);
        long eq = m(op.eq);
        long gt = m(op.gt);
        long inv = m(op.invert);
        int full = rows >>> 6;
        for (int w = 0; w < full; w++) {
            long base = (long) w << 9;
            long bits = 0;
            for (int k = 0; k < 64; k += J.length()) {
                long at = base + ((long) k << 3);
                LongVector x = LongVector.fromMemorySegment(J, a, at, LE);
                LongVector y = LongVector.fromMemorySegment(J, b, at, LE);
                long r = (x.lt(y).toLong() & lt) | (x.eq(y).toLong() & eq) | (y.lt(x).toLong() & gt);
                bits |= r << k;
            }
            Bitmaps.putWord(out, w, bits ^ inv);
        }
        if ((rows & 63) != 0) {
            long bits = 0;
            for (int i = full << 6; i < rows; i++) {
                bits |= (op.test(a.getAtIndex(I64, i), b.getAtIndex(I64, i)) ? 1L : 0L) << (i & 63);
            }
            Bitmaps.putWord(out, full, bits);
        }
        if (outValid != null) {
            Bitmaps.and(va, vb, outValid, rows);
        }
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
        long lt = m(op.lt);
        long eq = m(op.eq);
        long gt = m(op.gt);
        long inv = m(op.invert);
        IntVector t = IntVector.broadcast(I, scalar);
        int full = rows >>> 6;
        for (int w = 0; w < full; w++) {
            long base = (long) w << 8;
            long bits = 0;
            for (int k = 0; k < 64; k += I.length()) {
                IntVector x = IntVector.fromMemorySegment(I, values, base + ((long) k << 2), LE);
                long r = (x.lt(t).toLong() & lt) | (x.eq(t).toLong() & eq) | (t.lt(x).toLong() & gt);
                bits |= r << k;
            }
            Bitmaps.putWord(out, w, bits ^ inv);
        }
        if ((rows & 63) != 0) {
            long bits = 0;
            for (int i = full << 6; i < rows; i++) {
                bits |= (op.test(values.getAtIndex(I32, i), scalar) ? 1L : 0L) << (i & 63);
            }
            Bitmaps.putWord(out, full, bits);
        }
        if (outValid != null) {
            Bitmaps.copy(validity, outValid, rows);
        }
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
        int full = rows >>> 6;
        int c = 0;
        for (int w = 0; w < full; w++) {
            long x = word(values, (long) w << 9, op, scalar) & Bitmaps.word(validity, w);
            int base = w << 6;
            while (x != 0) {
                sel[c++] = base + Long.numberOfTrailingZeros(x);
                x &= x - 1;
            }
        }
        for (int i = full << 6; i < rows; i++) {
            sel[c] = i;
            c += (Bitmaps.get(validity, i) && op.test(values.getAtIndex(F64, i), scalar)) ? 1 : 0;
        }
        return c;
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
        long lt = m(op.lt);
        long eq = m(op.eq);
        long gt = m(op.gt);
        long inv = m(op.invert);
        LongVector t = LongVector.broadcast(J, scalar);
        int full = rows >>> 6;
        int c = 0;
        for (int w = 0; w < full; w++) {
            long base = (long) w << 9;
            long bits = 0;
            for (int k = 0; k < 64; k += J.length()) {
                LongVector x = LongVector.fromMemorySegment(J, values, base + ((long) k << 3), LE);
                long r = (x.lt(t).toLong() & lt) | (x.eq(t).toLong() & eq) | (t.lt(x).toLong() & gt);
                bits |= r << k;
            }
            long x = (bits ^ inv) & Bitmaps.word(validity, w);
            int b = w << 6;
            while (x != 0) {
                sel[c++] = b + Long.numberOfTrailingZeros(x);
                x &= x - 1;
            }
        }
        for (int i = full << 6; i < rows; i++) {
            sel[c] = i;
            c += (Bitmaps.get(validity, i) && op.test(values.getAtIndex(I64, i), scalar)) ? 1 : 0;
        }
        return c;
    }
}
