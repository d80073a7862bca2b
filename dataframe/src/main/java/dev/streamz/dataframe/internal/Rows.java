package dev.streamz.dataframe.internal;

import dev.streamz.frames.Column;
import dev.streamz.frames.ColumnType;
import dev.streamz.frames.internal.kernels.Bitmaps;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * Moves whole rows between columns of the same type: a gather through a selection vector (filter), a
 * contiguous range (tail, select, assign). Bit-packed buffers (validity, booleans) are assembled a 64-bit
 * word at a time; a byte-aligned contiguous copy is one {@link MemorySegment#copy}.
 */
public final class Rows {
    private static final ValueLayout.OfLong L = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfInt I = ValueLayout.JAVA_INT.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong LA = ValueLayout.JAVA_LONG.withOrder(ByteOrder.LITTLE_ENDIAN);

    private Rows() {
    }

    /**
     * {@code out[i] = in[sel[i]]} for {@code i < count}, values and validity.
     *
     * @param in the source column
     * @param sel ascending row indices of {@code in}
     * @param count how many
     * @param out a column of the same type with room for {@code count} rows
     */
    public static void gather(Column in, int[] sel, int count, Column out) {
        MemorySegment iv = in.values();
        MemorySegment ov = out.values();
        switch (in.type().valueBytes()) {
            case 8 -> { for (int i = 0; i < count; i++) ov.setAtIndex(LA, i, iv.getAtIndex(LA, sel[i])); }
            case 4 -> { for (int i = 0; i < count; i++) ov.setAtIndex(I, i, iv.getAtIndex(I, sel[i])); }
            default -> gatherBits(iv, sel, count, ov);
        }
        MemorySegment valid = in.validity();
        int n = in.rowCount();
        if (Bitmaps.count(valid, n) == n) {
            Bitmaps.fill(out.validity(), count, true); // no nulls: a word-wide fill, not a bit gather
        } else {
            gatherBits(valid, sel, count, out.validity());
        }
    }

    private static void gatherBits(MemorySegment in, int[] sel, int count, MemorySegment out) {
        int i = 0;
        long at = 0;
        while (i < count) {
            int end = Math.min(count, i + 64);
            long word = 0;
            for (int j = i; j < end; j++) {
                int r = sel[j];
                long bit = (in.get(ValueLayout.JAVA_BYTE, r >>> 3) >>> (r & 7)) & 1L;
                word |= bit << (j - i);
            }
            out.set(L, at, word);
            at += 8;
            i = end;
        }
    }

    /**
     * {@code out[i] = in[from + i]} for {@code i < rows}, values and validity.
     *
     * @param in the source column
     * @param from the first source row
     * @param rows how many
     * @param out a column of the same type with room for {@code rows} rows
     */
    public static void copy(Column in, int from, int rows, Column out) {
        int width = in.type().valueBytes();
        if (in.type() == ColumnType.BOOLEAN || width == 0) {
            copyBits(in.values(), from, rows, out.values());
        } else {
            MemorySegment.copy(in.values(), (long) from * width, out.values(), 0, (long) rows * width);
        }
        copyBits(in.validity(), from, rows, out.validity());
    }

    private static void copyBits(MemorySegment in, int from, int rows, MemorySegment out) {
        if ((from & 7) == 0) {
            MemorySegment.copy(in, from >>> 3, out, 0, (rows + 7L) >>> 3);
            return;
        }
        for (int i = 0; i < rows; i += 64) {
            long word = 0;
            int end = Math.min(rows, i + 64);
            for (int j = i; j < end; j++) {
                int r = from + j;
                word |= ((in.get(ValueLayout.JAVA_BYTE, r >>> 3) >>> (r & 7)) & 1L) << (j - i);
            }
            out.set(L, (long) (i >>> 6) << 3, word);
        }
    }
}
