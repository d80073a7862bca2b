package dev.streamz.dataframe.internal;

import dev.streamz.frames.Column;
import dev.streamz.frames.ColumnType;
import dev.streamz.frames.Frame;
import dev.streamz.frames.Schema;

import java.time.Duration;

/** Argument checks of the streaming DataFrame API: each message names the operation. */
public final class Checks {
    private Checks() {
    }

    /**
     * @param x the argument
     * @param what names it, e.g. {@code "window: duration"}
     * @param <X> its type
     * @return x
     * @throws NullPointerException "{@code what} must not be null"
     */
    public static <X> X notNull(X x, String what) {
        if (x == null) {
            throw new NullPointerException(what + " must not be null");
        }
        return x;
    }

    /**
     * @param schema the schema
     * @param column a column name
     * @param op the operation, e.g. {@code "groupby"}
     * @return the column's type
     * @throws IllegalArgumentException naming the operation and the columns there are
     */
    public static ColumnType column(Schema schema, String column, String op) {
        notNull(column, op + ": column");
        if (!schema.contains(column)) {
            throw new IllegalArgumentException(op + ": no column '" + column + "' (columns: " + schema.names() + ")");
        }
        return schema.field(schema.indexOf(column)).type();
    }

    /**
     * @param schema the schema
     * @param column a column name
     * @param op the operation
     * @return the column's type, which is numeric
     * @throws IllegalArgumentException when the column is missing or not numeric
     */
    public static ColumnType numeric(Schema schema, String column, String op) {
        ColumnType t = column(schema, column, op);
        if (t == ColumnType.CATEGORY || t == ColumnType.TIMESTAMP) {
            throw new IllegalArgumentException(op + ": column '" + column + "' is " + t + ", not a number");
        }
        return t;
    }

    /**
     * @param n a window's rows
     * @param op the operation
     * @return n
     * @throws IllegalArgumentException when n is below 1
     */
    public static int positive(int n, String op) {
        if (n < 1) {
            throw new IllegalArgumentException(op + ": the window must hold at least 1 row, got " + n);
        }
        return n;
    }

    /**
     * @param d a window's duration
     * @param op the operation
     * @return d in nanoseconds
     * @throws IllegalArgumentException when d is zero or negative
     */
    public static long positive(Duration d, String op) {
        notNull(d, op + ": duration");
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(op + ": the window must be longer than zero, got " + d);
        }
        return d.toNanos();
    }

    /**
     * @param schema the schema
     * @param index the index column, or null
     * @param op the operation
     * @return the index column's name
     * @throws IllegalArgumentException when there is no index or it is not a timestamp
     */
    public static String timeIndex(Schema schema, String index, String op) {
        if (index == null) {
            throw new IllegalArgumentException(op + ": a time window needs a TIMESTAMP index; call setIndex(column) first");
        }
        ColumnType t = column(schema, index, op);
        if (t != ColumnType.TIMESTAMP) {
            throw new IllegalArgumentException(op + ": a time window needs a TIMESTAMP index, but index '" + index
                    + "' is " + t);
        }
        return index;
    }

    /**
     * Points a reused slice at a frame's column.
     *
     * @param s the slice
     * @param frame the frame
     * @param column the column's position in the schema
     * @return s
     */
    public static Slice slice(Slice s, Frame frame, int column) {
        Column c = frame.column(column);
        return s.set(c.type(), c.values(), c.validity(), frame.rowCount());
    }

    /**
     * Checks one input batch against the example schema.
     *
     * @param f the batch
     * @param example the schema every batch has
     * @param op the operation that received it, e.g. {@code "toDataFrame"}
     * @return f
     * @throws NullPointerException when f is null
     * @throws IllegalArgumentException naming the operation, the batch and both schemas
     */
    public static Frame batch(Frame f, Schema example, String op) {
        if (f == null) {
            throw new NullPointerException(op + ": a batch must not be null");
        }
        if (!f.schema().equals(example)) {
            throw new IllegalArgumentException(op + ": batch '" + f.name() + "' has schema " + f.schema()
                    + ", expected " + example);
        }
        return f;
    }
}
