package dev.streamz.frames;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A view of one row of a {@link Frame}: typed getters by column index or name, with the same checks as
 * {@link Column}'s. {@link Frame#forEachRow} and {@link Frame#toList} move one view along the rows, so a
 * mapper must read what it needs and not keep the view.
 */
public final class Row {
    private final Frame frame;
    private int index;

    Row(Frame frame) {
        this.frame = frame;
    }

    void moveTo(int i) {
        int n = frame.rowCount();
        if (i < 0 || i >= n) {
            throw new IndexOutOfBoundsException("row " + i + " of " + frame.name() + " is outside its row count " + n);
        }
        index = i;
    }

    /** {@return the row's index in its frame} */
    public int index() {
        return index;
    }

    /** {@return the frame} */
    public Frame frame() {
        return frame;
    }

    /**
     * Whether the column at {@code column} is null in this row.
     *
     * @param column a column index
     * @return true when null
     */
    public boolean isNull(int column) {
        return frame.column(column).isNull(index);
    }

    /**
     * Whether the named column is null in this row.
     *
     * @param column a column name
     * @return true when null
     */
    public boolean isNull(String column) {
        return frame.column(column).isNull(index);
    }

    /**
     * See {@link Column#getInt}.
     *
     * @param column a column index
     * @return the value
     */
    public int getInt(int column) {
        return frame.column(column).getInt(index);
    }

    /**
     * See {@link Column#getInt}.
     *
     * @param column a column name
     * @return the value
     */
    public int getInt(String column) {
        return frame.column(column).getInt(index);
    }

    /**
     * See {@link Column#getLong}.
     *
     * @param column a column index
     * @return the value
     */
    public long getLong(int column) {
        return frame.column(column).getLong(index);
    }

    /**
     * See {@link Column#getLong}.
     *
     * @param column a column name
     * @return the value
     */
    public long getLong(String column) {
        return frame.column(column).getLong(index);
    }

    /**
     * See {@link Column#getDouble}.
     *
     * @param column a column index
     * @return the value
     */
    public double getDouble(int column) {
        return frame.column(column).getDouble(index);
    }

    /**
     * See {@link Column#getDouble}.
     *
     * @param column a column name
     * @return the value
     */
    public double getDouble(String column) {
        return frame.column(column).getDouble(index);
    }

    /**
     * See {@link Column#getBoolean}.
     *
     * @param column a column index
     * @return the value
     */
    public boolean getBoolean(int column) {
        return frame.column(column).getBoolean(index);
    }

    /**
     * See {@link Column#getBoolean}.
     *
     * @param column a column name
     * @return the value
     */
    public boolean getBoolean(String column) {
        return frame.column(column).getBoolean(index);
    }

    /**
     * See {@link Column#getTimestamp}.
     *
     * @param column a column name
     * @return epoch nanoseconds
     */
    public long getTimestamp(String column) {
        return frame.column(column).getTimestamp(index);
    }

    /**
     * See {@link Column#getInstant}.
     *
     * @param column a column name
     * @return the instant or null
     */
    public Instant getInstant(String column) {
        return frame.column(column).getInstant(index);
    }

    /**
     * See {@link Column#getString}.
     *
     * @param column a column index
     * @return the string or null
     */
    public String getString(int column) {
        return frame.column(column).getString(index);
    }

    /**
     * See {@link Column#getString}.
     *
     * @param column a column name
     * @return the string or null
     */
    public String getString(String column) {
        return frame.column(column).getString(index);
    }

    /**
     * See {@link Column#get}.
     *
     * @param column a column name
     * @return the boxed value or null
     */
    public Object get(String column) {
        return frame.column(column).get(index);
    }

    /** {@return the row's values, boxed, in column order (null for a null)} */
    public List<Object> values() {
        List<Object> out = new ArrayList<>(frame.columnCount());
        for (int c = 0; c < frame.columnCount(); c++) {
            out.add(frame.column(c).get(index));
        }
        return out;
    }

    @Override
    public String toString() {
        return "Row " + index + " of " + frame.name() + " " + values();
    }
}
