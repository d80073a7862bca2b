package dev.streamz.frames.internal.kernels;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * Kernels over Arrow bitmaps (validity and BOOLEAN values): bit {@code i % 8} of byte {@code i / 8}, least
 * significant bit first; 64 rows per step as one little-endian long.
 *
 * <p>A bitmap argument may be {@code null}, meaning "all rows set" (a column without nulls); outputs are never
 * null. Every output word is written whole and its bits past {@code rows} are cleared, so a popcount never
 * counts padding. Bitmaps must span {@code ceil(rows / 64) * 8} bytes, which the 64-byte padding of every
 * column buffer guarantees.
 */
public final class Bitmaps {
    /** A little-endian long, byte aligned (a slice may start anywhere). */
    static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private Bitmaps() {
    }

    /**
     * Words of 64 rows that cover {@code rows}.
     *
     * @param rows rows
     * @return {@code ceil(rows / 64)}
     */
    public static int words(int rows) {
        return (rows + 63) >>> 6;
    }

    /**
     * The mask of valid bits in word {@code w} of a bitmap of {@code rows} rows.
     *
     * @param w the word index
     * @param rows rows
     * @return all ones for a full word, the low {@code rows % 64} bits for the last partial word
     */
    static long liveMask(int w, int rows) {
        int left = rows - (w << 6);
        return left >= 64 ? -1L : (1L << left) - 1;
    }

    /**
     * Word {@code w} of {@code bitmap}, or all ones when it is null.
     *
     * @param bitmap a bitmap or null
     * @param w the word index
     * @return the 64 bits of rows {@code 64w .. 64w+63}
     */
    public static long word(MemorySegment bitmap, int w) {
        return bitmap == null ? -1L : bitmap.get(LONG, (long) w << 3);
    }

    static void putWord(MemorySegment bitmap, int w, long bits) {
        bitmap.set(LONG, (long) w << 3, bits);
    }

    /**
     * Bit {@code i} of {@code bitmap}.
     *
     * @param bitmap a bitmap or null (all set)
     * @param i the row
     * @return whether the bit is set
     */
    public static boolean get(MemorySegment bitmap, int i) {
        return bitmap == null || (bitmap.get(ValueLayout.JAVA_BYTE, i >>> 3) & (1 << (i & 7))) != 0;
    }

    /**
     * Sets or clears bit {@code i}.
     *
     * @param bitmap the bitmap
     * @param i the row
     * @param value the bit
     */
    public static void set(MemorySegment bitmap, int i, boolean value) {
        long at = i >>> 3;
        int b = bitmap.get(ValueLayout.JAVA_BYTE, at);
        int bit = 1 << (i & 7);
        bitmap.set(ValueLayout.JAVA_BYTE, at, (byte) (value ? b | bit : b & ~bit));
    }

    /**
     * Sets the first {@code rows} bits to {@code value}, clearing the rest of the last word.
     *
     * @param bitmap the bitmap
     * @param rows rows
     * @param value the bit
     */
    public static void fill(MemorySegment bitmap, int rows, boolean value) {
        int n = words(rows);
        for (int w = 0; w < n; w++) {
            putWord(bitmap, w, value ? liveMask(w, rows) : 0L);
        }
    }

    /**
     * Copies a bitmap ({@code null} copies as all set).
     *
     * @param src the source or null
     * @param out the destination
     * @param rows rows
     */
    public static void copy(MemorySegment src, MemorySegment out, int rows) {
        int n = words(rows);
        for (int w = 0; w < n; w++) {
            putWord(out, w, word(src, w) & liveMask(w, rows));
        }
    }

    /**
     * Set bits among the first {@code rows}.
     *
     * @param bitmap a bitmap or null (all set)
     * @param rows rows
     * @return the population count
     */
    public static int count(MemorySegment bitmap, int rows) {
        if (bitmap == null) {
            return rows;
        }
        int n = words(rows);
        int c = 0;
        for (int w = 0; w < n; w++) {
            c += Long.bitCount(word(bitmap, w) & liveMask(w, rows));
        }
        return c;
    }

    /**
     * {@code out = a & b}: also the null propagation of a binary operator (a row is valid when both inputs are).
     *
     * @param a a bitmap or null
     * @param b a bitmap or null
     * @param out the result
     * @param rows rows
     */
    public static void and(MemorySegment a, MemorySegment b, MemorySegment out, int rows) {
        int n = words(rows);
        for (int w = 0; w < n; w++) {
            putWord(out, w, word(a, w) & word(b, w) & liveMask(w, rows));
        }
    }

    /**
     * {@code out = a | b}.
     *
     * @param a a bitmap or null
     * @param b a bitmap or null
     * @param out the result
     * @param rows rows
     */
    public static void or(MemorySegment a, MemorySegment b, MemorySegment out, int rows) {
        int n = words(rows);
        for (int w = 0; w < n; w++) {
            putWord(out, w, (word(a, w) | word(b, w)) & liveMask(w, rows));
        }
    }

    /**
     * {@code out = a ^ b}.
     *
     * @param a a bitmap or null
     * @param b a bitmap or null
     * @param out the result
     * @param rows rows
     */
    public static void xor(MemorySegment a, MemorySegment b, MemorySegment out, int rows) {
        int n = words(rows);
        for (int w = 0; w < n; w++) {
            putWord(out, w, (word(a, w) ^ word(b, w)) & liveMask(w, rows));
        }
    }

    /**
     * {@code out = a & ~b}.
     *
     * @param a a bitmap or null
     * @param b a bitmap or null
     * @param out the result
     * @param rows rows
     */
    public static void andNot(MemorySegment a, MemorySegment b, MemorySegment out, int rows) {
        int n = words(rows);
        for (int w = 0; w < n; w++) {
            putWord(out, w, word(a, w) & ~word(b, w) & liveMask(w, rows));
        }
    }

    /**
     * {@code out = ~a}.
     *
     * @param a a bitmap or null
     * @param out the result
     * @param rows rows
     */
    public static void not(MemorySegment a, MemorySegment out, int rows) {
        int n = words(rows);
        for (int w = 0; w < n; w++) {
            putWord(out, w, ~word(a, w) & liveMask(w, rows));
        }
    }

    /**
     * Kleene (three-valued) AND of two nullable boolean columns, pandas' {@code BooleanArray} rule: false wins
     * over null, null wins over true. Values and validities are bitmaps; a null validity means no nulls.
     *
     * @param a values of a
     * @param va validity of a or null
     * @param b values of b
     * @param vb validity of b or null
     * @param out result values (false where the result is null)
     * @param outValid result validity
     * @param rows rows
     */
    public static void kleeneAnd(MemorySegment a, MemorySegment va, MemorySegment b, MemorySegment vb,
            MemorySegment out, MemorySegment outValid, int rows) {
        int n = words(rows);
        for (int w = 0; w < n; w++) {
            long x = word(a, w);
            long xv = word(va, w);
            long y = word(b, w);
            long yv = word(vb, w);
            long live = liveMask(w, rows);
            long falseA = xv & ~x;
            long falseB = yv & ~y;
            long valid = (xv & yv) | falseA | falseB;
            putWord(out, w, x & y & xv & yv & live);
            putWord(outValid, w, valid & live);
        }
    }

    /**
     * Kleene OR: true wins over null, null wins over false.
     *
     * @param a values of a
     * @param va validity of a or null
     * @param b values of b
     * @param vb validity of b or null
     * @param out result values (false where the result is null)
     * @param outValid result validity
     * @param rows rows
     */
    public static void kleeneOr(MemorySegment a, MemorySegment va, MemorySegment b, MemorySegment vb,
            MemorySegment out, MemorySegment outValid, int rows) {
        int n = words(rows);
        for (int w = 0; w < n; w++) {
            long x = word(a, w);
            long xv = word(va, w);
            long y = word(b, w);
            long yv = word(vb, w);
            long live = liveMask(w, rows);
            long trueA = xv & x;
            long trueB = yv & y;
            long valid = (xv & yv) | trueA | trueB;
            putWord(out, w, (trueA | trueB) & live);
            putWord(outValid, w, valid & live);
        }
    }

    /**
     * Turns the set bits of {@code bits & valid} into a selection vector of row indices, ascending.
     *
     * @param bits a bitmap (e.g. a comparison's result)
     * @param valid a validity bitmap or null
     * @param rows rows
     * @param sel receives the row indices; at least {@code rows} long
     * @return how many indices were written
     */
    public static int toSelection(MemorySegment bits, MemorySegment valid, int rows, int[] sel) {
        int n = words(rows);
        int c = 0;
        for (int w = 0; w < n; w++) {
            long x = word(bits, w) & word(valid, w) & liveMask(w, rows);
            int base = w << 6;
            while (x != 0) {
                sel[c++] = base + Long.numberOfTrailingZeros(x);
                x &= x - 1;
            }
        }
        return c;
    }
}
