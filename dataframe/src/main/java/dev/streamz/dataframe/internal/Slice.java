package dev.streamz.dataframe.internal;

import dev.streamz.frames.ColumnType;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * A reusable, allocation-free view of rows {@code [0, rows)} of one column laid out as
 * {@code dev.streamz.frames.internal.BufferDescriptor} writes it down: a little-endian values buffer and
 * an optional validity bitmap (bit set = present; {@code null} = every row present).
 *
 * <p>pandas' aggregation rules live here in one place: a row is <em>missing</em> when it is null or, in a
 * float64 column, NaN (pandas skips both); booleans read as 0 and 1, as numpy sums them.
 *
 * <p>Consolidation note: these reads are the dataframe module's own loops until the frames module's
 * public kernels cover them; then the aggregators call those kernels instead.
 */
public final class Slice {
    static final ValueLayout.OfDouble DOUBLE_LE = ValueLayout.JAVA_DOUBLE.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfLong LONG_LE = ValueLayout.JAVA_LONG.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfInt INT_LE = ValueLayout.JAVA_INT.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong LONG_UNALIGNED = ValueLayout.JAVA_LONG_UNALIGNED;

    private ColumnType type = ColumnType.FLOAT64;
    private MemorySegment values = MemorySegment.NULL;
    private MemorySegment validity;
    private int rows;

    /**
     * Points this view at a column; allocates nothing.
     *
     * @param type the column's type
     * @param values its values buffer
     * @param validity its validity bitmap, or {@code null} when every row is present
     * @param rows the number of rows
     * @return this view
     */
    public Slice set(ColumnType type, MemorySegment values, MemorySegment validity, int rows) {
        this.type = type;
        this.values = values;
        this.validity = validity;
        this.rows = rows;
        return this;
    }

    /** @return the column type */
    public ColumnType type() {
        return type;
    }

    /** @return the number of rows */
    public int rows() {
        return rows;
    }

    /** @return whether the values are whole numbers (int32, int64, boolean, timestamp, category codes) */
    public boolean integral() {
        return type != ColumnType.FLOAT64;
    }

    /**
     * @param row a row
     * @return whether the row is null (its validity bit is clear)
     */
    public boolean isNull(int row) {
        return validity != null && (validity.get(ValueLayout.JAVA_BYTE, row >>> 3) >> (row & 7) & 1) == 0;
    }

    /**
     * @param row a row
     * @return whether pandas would skip the row in an aggregation: null, or NaN in a float64 column
     */
    public boolean missing(int row) {
        return isNull(row) || (type == ColumnType.FLOAT64 && Double.isNaN(values.getAtIndex(DOUBLE_LE, row)));
    }

    /**
     * @param row a row
     * @return its value as a double (NaN for a null row)
     */
    public double d(int row) {
        if (isNull(row)) {
            return Double.NaN;
        }
        return switch (type) {
            case FLOAT64 -> values.getAtIndex(DOUBLE_LE, row);
            case INT64, TIMESTAMP -> values.getAtIndex(LONG_LE, row);
            case INT32, CATEGORY -> values.getAtIndex(INT_LE, row);
            case BOOLEAN -> (values.get(ValueLayout.JAVA_BYTE, row >>> 3) >> (row & 7)) & 1;
        };
    }

    /**
     * @param row a row
     * @return its value as a long (a float64 truncated; 0 for a null row)
     */
    public long l(int row) {
        if (isNull(row)) {
            return 0;
        }
        return switch (type) {
            case FLOAT64 -> (long) values.getAtIndex(DOUBLE_LE, row);
            case INT64, TIMESTAMP -> values.getAtIndex(LONG_LE, row);
            case INT32, CATEGORY -> values.getAtIndex(INT_LE, row);
            case BOOLEAN -> (values.get(ValueLayout.JAVA_BYTE, row >>> 3) >> (row & 7)) & 1;
        };
    }
    /**
     * Copies rows {@code [from, from + count)} as doubles into {@code dst} from {@code at}, NaN for a
     * missing row: the bulk form of {@link #d(int)} for the batch-at-a-time paths (one type dispatch per
     * call, not per row; a column without a validity bitmap skips the null test).
     *
     * @param from the first row
     * @param count rows to copy
     * @param dst the destination
     * @param at where the first row goes
     */
    public void toDoubles(int from, int count, double[] dst, int at) {
        boolean allPresent = allValid(from, count);
        if (type == ColumnType.FLOAT64 && allPresent) {
            MemorySegment.copy(values, DOUBLE_LE, 8L * from, dst, at, count);
            return;
        }
        if (type == ColumnType.INT64 && allPresent) {
            for (int i = 0; i < count; i++) {
                dst[at + i] = values.getAtIndex(LONG_LE, from + i);
            }
            return;
        }
        switch (type) {
            case FLOAT64 -> {
                for (int i = 0; i < count; i++) {
                    int r = from + i;
                    double v = values.getAtIndex(DOUBLE_LE, r);
                    dst[at + i] = (validity.get(ValueLayout.JAVA_BYTE, r >>> 3) >> (r & 7) & 1) == 0 ? Double.NaN : v;
                }
            }
            default -> {
                for (int i = 0; i < count; i++) {
                    dst[at + i] = d(from + i);
                }
            }
        }
    }

    /**
     * Copies rows {@code [0, rows)} as longs into {@code dst} (the bulk form of {@link #l(int)}), with
     * {@code nullValue} for a null row: how a group-by reads its keys a batch at a time.
     *
     * @param dst the destination, at least {@link #rows()} long
     * @param nullValue what a null row becomes
     */
    public void toLongs(long[] dst, long nullValue) {
        int n = rows;
        if ((type == ColumnType.INT64 || type == ColumnType.TIMESTAMP) && allValid(0, n)) {
            MemorySegment.copy(values, LONG_LE, 0, dst, 0, n);
            return;
        }
        if (type == ColumnType.INT64 || type == ColumnType.TIMESTAMP) {
            for (int i = 0; i < n; i++) {
                long v = values.getAtIndex(LONG_LE, i);
                dst[i] = validity != null && (validity.get(ValueLayout.JAVA_BYTE, i >>> 3) >> (i & 7) & 1) == 0
                        ? nullValue : v;
            }
            return;
        }
        for (int i = 0; i < n; i++) {
            dst[i] = isNull(i) ? nullValue : l(i);
        }
    }

    /**
     * Whether rows {@code [from, from + count)} are all non-null: a whole batch's bitmap is checked 64 rows
     * per read, so the bulk reads copy the values as they are when nothing is null (the common case).
     */
    private boolean allValid(int from, int count) {
        if (validity == null) {
            return true;
        }
        int end = from + count;
        int i = from;
        while (i < end && (i & 63) != 0) {
            if (isNull(i++)) {
                return false;
            }
        }
        for (; i + 64 <= end; i += 64) {
            if (validity.get(LONG_UNALIGNED, i >>> 3) != -1L) {
                return false;
            }
        }
        for (; i < end; i++) {
            if (isNull(i)) {
                return false;
            }
        }
        return true;
    }
}
