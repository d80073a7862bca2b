package dev.streamz.frames.internal.kernels;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Casts between column representations, numpy's {@code astype} rules: widening is exact; int64 to float64
 * rounds to nearest; float64 to int64 truncates toward zero, and NaN or out-of-range values become null
 * (numpy leaves them undefined; a null is the honest answer and never a silent garbage value); int64 to int32
 * wraps; to boolean is {@code != 0} (NaN is true, as in numpy); boolean to numbers is 0/1. TIMESTAMP is int64
 * nanoseconds and CATEGORY is int32 codes, so they cast with the int64 and int32 kernels. Validity is copied
 * (or narrowed, for float64 to int64) into {@code outValid}, which may be null to skip it.
 */
public final class Cast {
    static final ValueLayout.OfDouble F64 = Compare.F64;
    static final ValueLayout.OfLong I64 = Compare.I64;
    static final ValueLayout.OfInt I32 = Compare.I32;

    private Cast() {
    }

    /**
     * int32 to int64.
     *
     * @param in values
     * @param valid validity or null
     * @param rows rows
     * @param out result
     * @param outValid result validity or null
     */
    public static void int32ToInt64(MemorySegment in, MemorySegment valid, int rows, MemorySegment out,
            MemorySegment outValid) {
        for (int i = 0; i < rows; i++) {
            out.setAtIndex(I64, i, in.getAtIndex(I32, i));
        }
        copyValid(valid, outValid, rows);
    }

    /**
     * int32 to float64.
     *
     * @param in values
     * @param valid validity or null
     * @param rows rows
     * @param out result
     * @param outValid result validity or null
     */
    public static void int32ToFloat64(MemorySegment in, MemorySegment valid, int rows, MemorySegment out,
            MemorySegment outValid) {
        for (int i = 0; i < rows; i++) {
            out.setAtIndex(F64, i, in.getAtIndex(I32, i));
        }
        copyValid(valid, outValid, rows);
    }

    /**
     * int64 (or timestamp) to float64.
     *
     * @param in values
     * @param valid validity or null
     * @param rows rows
     * @param out result
     * @param outValid result validity or null
     */
    public static void int64ToFloat64(MemorySegment in, MemorySegment valid, int rows, MemorySegment out,
            MemorySegment outValid) {
        for (int i = 0; i < rows; i++) {
            out.setAtIndex(F64, i, (double) in.getAtIndex(I64, i));
        }
        copyValid(valid, outValid, rows);
    }

    /**
     * int64 to int32, wrapping.
     *
     * @param in values
     * @param valid validity or null
     * @param rows rows
     * @param out result
     * @param outValid result validity or null
     */
    public static void int64ToInt32(MemorySegment in, MemorySegment valid, int rows, MemorySegment out,
            MemorySegment outValid) {
        for (int i = 0; i < rows; i++) {
            out.setAtIndex(I32, i, (int) in.getAtIndex(I64, i));
        }
        copyValid(valid, outValid, rows);
    }

    /**
     * float64 to int64, truncating; NaN and values outside the int64 range become null.
     *
     * @param in values
     * @param valid validity or null
     * @param rows rows
     * @param out result
     * @param outValid result validity (required: NaN rows are made null)
     */
    public static void float64ToInt64(MemorySegment in, MemorySegment valid, int rows, MemorySegment out,
            MemorySegment outValid) {
        int n = Bitmaps.words(rows);
        for (int w = 0; w < n; w++) {
            long bits = Bitmaps.word(valid, w) & Bitmaps.liveMask(w, rows);
            int end = Math.min(rows, (w + 1) << 6);
            for (int i = w << 6; i < end; i++) {
                double x = in.getAtIndex(F64, i);
                // -2^63 <= x < 2^63 excludes NaN too (every comparison with NaN is false)
                boolean fits = x >= -9.223372036854775808E18 && x < 9.223372036854775808E18;
                out.setAtIndex(I64, i, (long) x);
                bits &= ~((fits ? 0L : 1L) << (i & 63));
            }
            Bitmaps.putWord(outValid, w, bits);
        }
    }

    /**
     * float64 to boolean ({@code x != 0}; NaN is true).
     *
     * @param in values
     * @param valid validity or null
     * @param rows rows
     * @param out result bitmap
     * @param outValid result validity or null
     */
    public static void float64ToBoolean(MemorySegment in, MemorySegment valid, int rows, MemorySegment out,
            MemorySegment outValid) {
        Compare.compare(in, valid, rows, CmpOp.NE, 0.0, out, outValid);
    }

    /**
     * int64 to boolean ({@code x != 0}).
     *
     * @param in values
     * @param valid validity or null
     * @param rows rows
     * @param out result bitmap
     * @param outValid result validity or null
     */
    public static void int64ToBoolean(MemorySegment in, MemorySegment valid, int rows, MemorySegment out,
            MemorySegment outValid) {
        Compare.compareLong(in, valid, rows, CmpOp.NE, 0L, out, outValid);
    }

    /**
     * boolean to float64 (0.0 / 1.0).
     *
     * @param bits values bitmap
     * @param valid validity or null
     * @param rows rows
     * @param out result
     * @param outValid result validity or null
     */
    public static void booleanToFloat64(MemorySegment bits, MemorySegment valid, int rows, MemorySegment out,
            MemorySegment outValid) {
        for (int i = 0; i < rows; i++) {
            out.setAtIndex(F64, i, (Bitmaps.word(bits, i >>> 6) >>> (i & 63)) & 1L);
        }
        copyValid(valid, outValid, rows);
    }

    /**
     * boolean to int64 (0 / 1).
     *
     * @param bits values bitmap
     * @param valid validity or null
     * @param rows rows
     * @param out result
     * @param outValid result validity or null
     */
    public static void booleanToInt64(MemorySegment bits, MemorySegment valid, int rows, MemorySegment out,
            MemorySegment outValid) {
        for (int i = 0; i < rows; i++) {
            out.setAtIndex(I64, i, (Bitmaps.word(bits, i >>> 6) >>> (i & 63)) & 1L);
        }
        copyValid(valid, outValid, rows);
    }

    private static void copyValid(MemorySegment valid, MemorySegment outValid, int rows) {
        if (outValid != null) {
            Bitmaps.copy(valid, outValid, rows);
        }
    }
}
