package dev.streamz.frames;

import java.time.Instant;
import java.util.Collection;

/**
 * Fills a {@link Frame}: row by row through typed appenders, column by column from Java arrays, or from
 * Java objects through a {@link RowWriter}.
 *
 * <pre>{@code
 * Frame f = FrameBuilder.of(schema, 1024)
 *         .addLong(1).addDouble(10.5).addString("AAPL").endRow()
 *         .addLong(2).addNull().addString("MSFT").endRow()
 *         .build();
 * }</pre>
 *
 * <p>Row appends take the columns in schema order: each {@code add*} fills the next column and checks
 * its type (a wrong type fails naming the column), and {@link #endRow()} checks that the row is complete.
 * The primitive appenders neither box nor allocate, so a producer can fill a pooled frame on its hot
 * path ({@link #into(Frame)}, reusable through {@link #reset(Frame)}). Whole-column appends take arrays
 * of one length, which becomes the row count; the two ways are not mixed in one frame. Past the frame's
 * capacity, both fail with an {@link IllegalStateException} naming the frame.
 *
 * <p>Not thread-safe: one producer fills one frame.
 */
public final class FrameBuilder {
    private Frame frame;
    private final boolean owned;
    private Column[] columns;
    private ColumnType[] types;
    private int row;
    private int col;
    private int columnRows = -1; // row count set by whole-column appends; -1 until the first one
    private boolean built;

    private FrameBuilder(Frame frame, boolean owned) {
        this.owned = owned;
        attach(frame);
    }

    private void attach(Frame f) {
        f.checkLive();
        if (frame == null || frame.schema() != f.schema()) {
            columns = new Column[f.columnCount()];
            types = new ColumnType[f.columnCount()];
            for (int i = 0; i < columns.length; i++) {
                columns[i] = f.column(i);
                types[i] = columns[i].type();
            }
        } else {
            for (int i = 0; i < columns.length; i++) {
                columns[i] = f.column(i);
            }
        }
        frame = f;
        f.clear();
        row = 0;
        col = 0;
        columnRows = -1;
        built = false;
    }

    /**
     * A builder of a new frame of {@code capacity} rows (see {@link Frame#allocate}).
     *
     * @param schema the columns
     * @param capacity the most rows, at least 1
     * @return the builder
     */
    public static FrameBuilder of(Schema schema, int capacity) {
        return new FrameBuilder(Frame.allocate(schema, capacity), true);
    }

    /**
     * A builder that fills {@code frame} (a pooled one, typically) from row 0; its row count is reset.
     *
     * @param frame a live frame
     * @return the builder
     */
    public static FrameBuilder into(Frame frame) {
        if (frame == null) {
            throw new NullPointerException("FrameBuilder.into: frame must not be null");
        }
        return new FrameBuilder(frame, false);
    }

    /**
     * Points this builder at another frame (from row 0), so a producer reuses one builder for every frame
     * it fills. Allocation-free when the frame has the same schema object as the last one.
     *
     * @param next a live frame
     * @return this builder
     */
    public FrameBuilder reset(Frame next) {
        if (next == null) {
            throw new NullPointerException("FrameBuilder.reset: frame must not be null");
        }
        if (owned && !built) {
            throw new IllegalStateException("FrameBuilder.reset: this builder owns an unbuilt frame; build() it first");
        }
        attach(next);
        return this;
    }

    /**
     * Builds a frame of {@code items}, one row each, through {@code writer}.
     *
     * @param schema the columns
     * @param items the objects (the frame's capacity is their count, at least 1)
     * @param writer writes one object's columns
     * @param <T> the object type
     * @return the frame, with one holder (the caller)
     */
    public static <T> Frame fromObjects(Schema schema, Collection<? extends T> items, RowWriter<? super T> writer) {
        if (items == null) {
            throw new NullPointerException("FrameBuilder.fromObjects: items must not be null");
        }
        return of(schema, Math.max(1, items.size())).appendAll(items, writer).build();
    }

    /** {@return the frame being filled} */
    public Frame frame() {
        return frame;
    }

    /** {@return the complete rows appended so far} */
    public int rows() {
        return columnRows >= 0 ? columnRows : row;
    }

    /** {@return whether another row fits} */
    public boolean hasRoom() {
        return rows() < frame.capacity();
    }

    // ---- rows ----

    private int next(ColumnType wanted, ColumnType alsoOk, String appender) {
        if (columnRows >= 0) {
            throw new IllegalStateException("FrameBuilder: " + frame.name()
                    + " was filled by whole columns; rows cannot be appended to it");
        }
        int c = col;
        if (c >= types.length) {
            throw new IllegalStateException("FrameBuilder: row " + row + " of " + frame.name() + " already has all "
                    + types.length + " columns; call endRow()");
        }
        if (c == 0 && row >= frame.capacity()) {
            throw new IllegalStateException("FrameBuilder: " + frame.name() + " is full (capacity "
                    + frame.capacity() + " rows)");
        }
        ColumnType t = types[c];
        if (t != wanted && t != alsoOk) {
            throw new IllegalStateException("FrameBuilder: " + appender + " for column '" + columns[c].name()
                    + "' of " + frame.name() + ", which is " + t);
        }
        col = c + 1;
        return c;
    }

    /**
     * Appends an {@link ColumnType#INT32} value to the current row.
     *
     * @param v the value
     * @return this builder
     */
    public FrameBuilder addInt(int v) {
        columns[next(ColumnType.INT32, ColumnType.INT32, "addInt")].setInt(row, v);
        return this;
    }

    /**
     * Appends an {@link ColumnType#INT64} (or {@link ColumnType#TIMESTAMP} nanosecond) value.
     *
     * @param v the value
     * @return this builder
     */
    public FrameBuilder addLong(long v) {
        columns[next(ColumnType.INT64, ColumnType.TIMESTAMP, "addLong")].setLong(row, v);
        return this;
    }

    /**
     * Appends a {@link ColumnType#FLOAT64} value (NaN is a value, not a null).
     *
     * @param v the value
     * @return this builder
     */
    public FrameBuilder addDouble(double v) {
        columns[next(ColumnType.FLOAT64, ColumnType.FLOAT64, "addDouble")].setDouble(row, v);
        return this;
    }

    /**
     * Appends a {@link ColumnType#BOOLEAN} value.
     *
     * @param v the value
     * @return this builder
     */
    public FrameBuilder addBoolean(boolean v) {
        columns[next(ColumnType.BOOLEAN, ColumnType.BOOLEAN, "addBoolean")].setBoolean(row, v);
        return this;
    }

    /**
     * Appends a {@link ColumnType#TIMESTAMP} value.
     *
     * @param epochNanos nanoseconds since the epoch, UTC
     * @return this builder
     */
    public FrameBuilder addTimestamp(long epochNanos) {
        columns[next(ColumnType.TIMESTAMP, ColumnType.TIMESTAMP, "addTimestamp")].setTimestamp(row, epochNanos);
        return this;
    }

    /**
     * Appends a {@link ColumnType#TIMESTAMP} value, or a null.
     *
     * @param t the instant, or null
     * @return this builder
     */
    public FrameBuilder addTimestamp(Instant t) {
        int c = next(ColumnType.TIMESTAMP, ColumnType.TIMESTAMP, "addTimestamp");
        if (t == null) {
            columns[c].setNull(row);
        } else {
            columns[c].setTimestamp(row, Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L),
                    t.getNano()));
        }
        return this;
    }

    /**
     * Appends a {@link ColumnType#CATEGORY} value (encoded in the column's dictionary), or a null.
     *
     * @param s the string, or null
     * @return this builder
     */
    public FrameBuilder addString(String s) {
        columns[next(ColumnType.CATEGORY, ColumnType.CATEGORY, "addString")].setString(row, s);
        return this;
    }

    /**
     * Appends a null to the current row's next column, whatever its type.
     *
     * @return this builder
     */
    public FrameBuilder addNull() {
        ColumnType t = col < types.length ? types[col] : ColumnType.INT32;
        columns[next(t, t, "addNull")].setNull(row);
        return this;
    }

    /**
     * Ends the current row: it becomes part of the frame's row count.
     *
     * @return this builder
     * @throws IllegalStateException naming the first missing column when the row is incomplete
     */
    public FrameBuilder endRow() {
        if (col != types.length) {
            throw new IllegalStateException("FrameBuilder: row " + row + " of " + frame.name() + " has " + col
                    + " of " + types.length + " columns; missing '" + columns[col].name() + "'");
        }
        col = 0;
        row++;
        frame.setRowCount(row);
        return this;
    }

    /**
     * Drops what was appended to the current row so far (a writer that failed half-way through it): the
     * next {@code add*} starts the row again at its first column. The complete rows are kept.
     *
     * @return this builder
     */
    public FrameBuilder discardRow() {
        col = 0;
        return this;
    }

    /**
     * Appends one row per item, written by {@code writer}.
     *
     * @param items the objects
     * @param writer writes one object's columns in schema order
     * @param <T> the object type
     * @return this builder
     */
    public <T> FrameBuilder appendAll(Iterable<? extends T> items, RowWriter<? super T> writer) {
        if (items == null) {
            throw new NullPointerException("FrameBuilder.appendAll: items must not be null");
        }
        if (writer == null) {
            throw new NullPointerException("FrameBuilder.appendAll: writer must not be null");
        }
        for (T item : items) {
            writer.write(item, this);
            endRow();
        }
        return this;
    }

    // ---- whole columns ----

    private Column columnFor(String name, int length, ColumnType wanted, ColumnType alsoOk, String what) {
        if (name == null) {
            throw new NullPointerException("FrameBuilder.column: name must not be null");
        }
        if (row > 0 || col > 0) {
            throw new IllegalStateException("FrameBuilder: " + frame.name()
                    + " was filled by rows; whole columns cannot be appended to it");
        }
        Column c = frame.column(name);
        if (c.type() != wanted && c.type() != alsoOk) {
            throw new IllegalStateException("FrameBuilder: " + what + " for column '" + name + "' of "
                    + frame.name() + ", which is " + c.type());
        }
        if (length > frame.capacity()) {
            throw new IllegalStateException("FrameBuilder: column '" + name + "' has " + length + " values; "
                    + frame.name() + " holds " + frame.capacity() + " rows");
        }
        if (columnRows >= 0 && length != columnRows) {
            throw new IllegalArgumentException("FrameBuilder: column '" + name + "' has " + length
                    + " values, the columns before it " + columnRows);
        }
        if (columnRows < 0) {
            columnRows = length;
            frame.setRowCount(length);
            // columns not given stay null: clear every bitmap once (fill on the whole buffer: no slice)
            for (Column other : columns) {
                other.validity().fill((byte) 0);
            }
        }
        return c;
    }

    private static void allValid(Column c, int n) {
        java.lang.foreign.MemorySegment v = c.validity();
        int full = n >>> 3;
        int b = 0;
        for (; b + 8 <= full; b += 8) { // not asSlice().fill(): a slice is an object per call
            v.set(java.lang.foreign.ValueLayout.JAVA_LONG_UNALIGNED, b, -1L);
        }
        for (; b < full; b++) {
            v.set(Column.B8, b, (byte) -1);
        }
        for (int i = full << 3; i < n; i++) {
            Column.setBit(v, i);
        }
    }

    /**
     * Sets a whole {@link ColumnType#INT32} column.
     *
     * @param name the column
     * @param values its values, as many as the other columns
     * @return this builder
     */
    public FrameBuilder column(String name, int[] values) {
        if (values == null) {
            throw new NullPointerException("FrameBuilder.column: values of '" + name + "' must not be null");
        }
        Column c = columnFor(name, values.length, ColumnType.INT32, ColumnType.INT32, "int[]");
        java.lang.foreign.MemorySegment.copy(values, 0, c.values(), Column.INT_LE, 0, values.length);
        allValid(c, values.length);
        return this;
    }

    /**
     * Sets a whole {@link ColumnType#INT64} or {@link ColumnType#TIMESTAMP} (epoch nanoseconds) column.
     *
     * @param name the column
     * @param values its values, as many as the other columns
     * @return this builder
     */
    public FrameBuilder column(String name, long[] values) {
        if (values == null) {
            throw new NullPointerException("FrameBuilder.column: values of '" + name + "' must not be null");
        }
        Column c = columnFor(name, values.length, ColumnType.INT64, ColumnType.TIMESTAMP, "long[]");
        java.lang.foreign.MemorySegment.copy(values, 0, c.values(), Column.LONG_LE, 0, values.length);
        allValid(c, values.length);
        return this;
    }

    /**
     * Sets a whole {@link ColumnType#FLOAT64} column (NaN stays a value).
     *
     * @param name the column
     * @param values its values, as many as the other columns
     * @return this builder
     */
    public FrameBuilder column(String name, double[] values) {
        if (values == null) {
            throw new NullPointerException("FrameBuilder.column: values of '" + name + "' must not be null");
        }
        Column c = columnFor(name, values.length, ColumnType.FLOAT64, ColumnType.FLOAT64, "double[]");
        java.lang.foreign.MemorySegment.copy(values, 0, c.values(), Column.DOUBLE_LE, 0, values.length);
        allValid(c, values.length);
        return this;
    }

    /**
     * Sets a whole {@link ColumnType#BOOLEAN} column.
     *
     * @param name the column
     * @param values its values, as many as the other columns
     * @return this builder
     */
    public FrameBuilder column(String name, boolean[] values) {
        if (values == null) {
            throw new NullPointerException("FrameBuilder.column: values of '" + name + "' must not be null");
        }
        Column c = columnFor(name, values.length, ColumnType.BOOLEAN, ColumnType.BOOLEAN, "boolean[]");
        for (int i = 0; i < values.length; i++) {
            c.setBoolean(i, values[i]);
        }
        return this;
    }

    /**
     * Sets a whole {@link ColumnType#CATEGORY} column; a null string is a null row.
     *
     * @param name the column
     * @param values its values, as many as the other columns
     * @return this builder
     */
    public FrameBuilder column(String name, String[] values) {
        if (values == null) {
            throw new NullPointerException("FrameBuilder.column: values of '" + name + "' must not be null");
        }
        Column c = columnFor(name, values.length, ColumnType.CATEGORY, ColumnType.CATEGORY, "String[]");
        for (int i = 0; i < values.length; i++) {
            c.setString(i, values[i]);
        }
        return this;
    }

    /**
     * Marks rows of a column null, after its values were set.
     *
     * @param name the column
     * @param isNull {@code isNull[i]} true makes row {@code i} null; as many as the rows
     * @return this builder
     */
    public FrameBuilder nulls(String name, boolean[] isNull) {
        if (isNull == null) {
            throw new NullPointerException("FrameBuilder.nulls: isNull of '" + name + "' must not be null");
        }
        Column c = frame.column(name);
        if (isNull.length != rows()) {
            throw new IllegalArgumentException("FrameBuilder.nulls: '" + name + "' got " + isNull.length
                    + " flags for " + rows() + " rows");
        }
        for (int i = 0; i < isNull.length; i++) {
            if (isNull[i]) {
                c.setNull(i);
            }
        }
        return this;
    }

    /**
     * Finishes: the frame holds the rows appended so far.
     *
     * @return the frame (for {@link #into(Frame)}, the same frame)
     * @throws IllegalStateException when a row was begun and not ended
     */
    public Frame build() {
        if (col != 0) {
            throw new IllegalStateException("FrameBuilder: row " + row + " of " + frame.name()
                    + " was begun and not ended (" + col + " of " + types.length + " columns)");
        }
        built = true;
        return frame;
    }
}
