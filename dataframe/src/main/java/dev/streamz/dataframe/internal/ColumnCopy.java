package dev.streamz.dataframe.internal;

import dev.streamz.frames.Column;
import dev.streamz.frames.ColumnType;

import java.lang.foreign.MemorySegment;

/**
 * Copies rows {@code [0, rows)} of a column into a column of another frame with the same type: a block copy
 * of the values and the validity bitmap (nothing per row), except category columns, whose codes belong to
 * their frame's dictionary and are re-encoded label by label (a hash lookup per row, no allocation once the
 * labels are known).
 */
public final class ColumnCopy {
    private ColumnCopy() {
    }

    /**
     * @param from the source column
     * @param to the destination column, of the same type and at least {@code rows} capacity
     * @param rows the rows to copy
     */
    public static void copy(Column from, Column to, int rows) {
        ColumnType t = from.type();
        if (t != to.type()) {
            throw new IllegalArgumentException("ColumnCopy: column '" + from.name() + "' is " + t + ", '" + to.name()
                    + "' is " + to.type());
        }
        long bitmapBytes = (rows + 7L) >>> 3;
        if (t == ColumnType.CATEGORY) {
            for (int i = 0; i < rows; i++) {
                to.setString(i, from.getString(i));
            }
        } else {
            long bytes = t.bitPacked() ? bitmapBytes : (long) rows * t.valueBytes();
            MemorySegment.copy(from.values(), 0, to.values(), 0, bytes);
        }
        MemorySegment.copy(from.validity(), 0, to.validity(), 0, bitmapBytes);
    }
}
