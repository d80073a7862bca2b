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
}
