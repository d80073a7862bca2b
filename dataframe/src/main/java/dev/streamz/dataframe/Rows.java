package dev.streamz.dataframe;

import dev.streamz.frames.Schema;

/**
 * A read-only view of some rows of a streaming DataFrame, as an {@link Aggregation} sees them: the new
 * rows of a batch, or rows leaving a window. Values are read by column position and row, as primitives:
 * nothing is boxed and nothing is copied to make the view.
 *
 * <p>A view is valid only during the call it is passed to; the engine reuses it for the next call. Keep
 * the values an aggregation needs in its state, never the view.
 *
 * <p>Missing values follow pandas: {@link #isMissing} is true for a null, or for NaN in a float64 column.
 */
public interface Rows {
    /** {@return the columns of these rows (the aggregated columns, in order)} */
    Schema schema();

    /** {@return the number of rows} */
    int size();

    /**
     * Returns the position of a column.
     *
     * @param name the column's name
     * @return its position in {@link #schema()}
     * @throws IllegalArgumentException when there is no such column
     */
    default int column(String name) {
        int i = schema().indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("Rows: no column '" + name + "' (columns: " + schema().names() + ")");
        }
        return i;
    }

    /**
     * Returns whether a value is null.
     *
     * @param column the column's position
     * @param row the row, from 0
     * @return whether the value is null
     */
    boolean isNull(int column, int row);

    /**
     * Returns whether pandas would skip the value in a reduction.
     *
     * @param column the column's position
     * @param row the row, from 0
     * @return whether the value is null, or NaN in a float64 column
     */
    boolean isMissing(int column, int row);

    /**
     * Returns a value as a double (whole numbers converted, booleans 0 or 1, category codes).
     *
     * @param column the column's position
     * @param row the row, from 0
     * @return the value, NaN when it is null
     */
    double getDouble(int column, int row);

    /**
     * Returns a value as a long (a float64 truncated, booleans 0 or 1, timestamps in epoch nanoseconds).
     *
     * @param column the column's position
     * @param row the row, from 0
     * @return the value, 0 when it is null
     */
    long getLong(int column, int row);

    /**
     * Returns the label of a category value.
     *
     * @param column the position of a category column
     * @param row the row, from 0
     * @return the label, or {@code null} when the value is null
     * @throws IllegalArgumentException when the column is not a category column
     */
    String getString(int column, int row);

    /**
     * Sums the present values of a column (pandas' skip-missing sum), a convenience for aggregations.
     *
     * @param column the column's position
     * @return the sum, 0 when no value is present
     */
    default double sum(int column) {
        double s = 0;
        int n = size();
        for (int i = 0; i < n; i++) {
            if (!isMissing(column, i)) {
                s += getDouble(column, i);
            }
        }
        return s;
    }

    /**
     * Counts the present values of a column.
     *
     * @param column the column's position
     * @return the number of values that are not missing
     */
    default int count(int column) {
        int c = 0;
        int n = size();
        for (int i = 0; i < n; i++) {
            if (!isMissing(column, i)) {
                c++;
            }
        }
        return c;
    }
}
