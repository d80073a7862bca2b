package dev.streamz.frames.kernels;

import dev.streamz.frames.Column;
import dev.streamz.frames.ColumnType;
import dev.streamz.frames.internal.kernels.Bitmaps;
import dev.streamz.frames.internal.kernels.Reduce;

/**
 * Reductions of one column over its frame's rows, pandas' {@code skipna=True} rules: null rows and NaN values
 * are skipped; {@code sum} of nothing is 0; {@code mean}, {@code min}, {@code max} of nothing are NaN;
 * {@code count} counts rows that are neither null nor NaN; {@code size} counts rows; {@code var}/{@code std}
 * are NaN when {@code count − ddof ≤ 0} (pandas' default ddof is 1).
 *
 * <p>Float64 columns reduce in vector lanes (partial sums combined at the end, so the last bits can differ
 * from a left-to-right loop, as numpy's pairwise summation does); var/std take two passes (mean, then squared
 * deviations), exact to rounding even for data with a large mean. int64 and timestamp columns: {@link #sumLong}
 * is exact and wraps on overflow like numpy; the double-valued reductions accept them too. Nothing allocates.
 *
 * <pre>{@code
 * double total = Reductions.sum(frame.column("price"));
 * double big = Reductions.sumWhere(frame.column("price"), Comparison.GT, 100.0);  // filter + sum, one pass
 * }</pre>
 */
public final class Reductions {
    private Reductions() {
    }

    private static boolean isLong(Column c) {
        return c.type() == ColumnType.INT64 || c.type() == ColumnType.TIMESTAMP;
    }

    private static Column numeric(Column c, String op) {
        return Checks.type(c, op, ColumnType.FLOAT64, ColumnType.INT64, ColumnType.TIMESTAMP);
    }

    /**
     * Sum of a float64 or int64 column (int64 as a double; see {@link #sumLong} for the exact one).
     *
     * @param column the column
     * @return the sum, 0 when every row is null or NaN
     * @throws IllegalArgumentException for another column type
     */
    public static double sum(Column column) {
        numeric(column, "sum");
        return isLong(column) ? (double) Reduce.sumLong(column.values(), column.validity(), column.rowCount())
                : Reduce.sum(column.values(), column.validity(), column.rowCount());
    }

    /**
     * Exact sum of an int64 or timestamp column, wrapping on overflow.
     *
     * @param column the column
     * @return the sum, 0 when every row is null
     */
    public static long sumLong(Column column) {
        Checks.type(column, "sumLong", ColumnType.INT64, ColumnType.TIMESTAMP);
        return Reduce.sumLong(column.values(), column.validity(), column.rowCount());
    }

    /**
     * Filter and sum in one pass: the sum of a float64 column's values {@code v} for which
     * {@code v op scalar} holds (null and NaN rows skipped); no selection is materialised.
     *
     * @param column a float64 column
     * @param op the comparison
     * @param scalar its right operand
     * @return the sum, 0 when no row qualifies
     */
    public static double sumWhere(Column column, Comparison op, double scalar) {
        Checks.type(column, "sumWhere", ColumnType.FLOAT64);
        Checks.notNull(op, "sumWhere", "op");
        return Reduce.sumWhere(column.values(), column.validity(), column.rowCount(), Checks.cmp(op), scalar);
    }

    /**
     * Rows that are neither null nor NaN (pandas' {@code count()}); any column type.
     *
     * @param column the column
     * @return the count
     */
    public static int count(Column column) {
        Checks.notNull(column, "count", "column");
        if (column.type() == ColumnType.FLOAT64) {
            return Reduce.count(column.values(), column.validity(), column.rowCount());
        }
        return Bitmaps.count(column.validity(), column.rowCount());
    }

    /**
     * Rows, null and NaN included (pandas' {@code size}).
     *
     * @param column the column
     * @return its frame's row count
     */
    public static int size(Column column) {
        return Checks.notNull(column, "size", "column").rowCount();
    }

    /**
     * Mean of a float64 or int64 column.
     *
     * @param column the column
     * @return the mean, NaN when nothing counts
     */
    public static double mean(Column column) {
        numeric(column, "mean");
        return isLong(column) ? Reduce.meanLong(column.values(), column.validity(), column.rowCount())
                : Reduce.mean(column.values(), column.validity(), column.rowCount());
    }

    /**
     * Minimum of a float64 or int64 column.
     *
     * @param column the column
     * @return the minimum, NaN when nothing counts
     */
    public static double min(Column column) {
        numeric(column, "min");
        if (isLong(column)) {
            return count(column) == 0 ? Double.NaN
                    : Reduce.minLong(column.values(), column.validity(), column.rowCount());
        }
        return Reduce.min(column.values(), column.validity(), column.rowCount());
    }

    /**
     * Maximum of a float64 or int64 column.
     *
     * @param column the column
     * @return the maximum, NaN when nothing counts
     */
    public static double max(Column column) {
        numeric(column, "max");
        if (isLong(column)) {
            return count(column) == 0 ? Double.NaN
                    : Reduce.maxLong(column.values(), column.validity(), column.rowCount());
        }
        return Reduce.max(column.values(), column.validity(), column.rowCount());
    }

    /**
     * Variance of a float64 or int64 column, two-pass.
     *
     * @param column the column
     * @param ddof delta degrees of freedom, {@code >= 0}
     * @return the variance, NaN when {@code count − ddof ≤ 0}
     */
    public static double var(Column column, int ddof) {
        numeric(column, "var");
        if (ddof < 0) {
            throw new IllegalArgumentException("var: ddof must be >= 0, got " + ddof);
        }
        return isLong(column) ? Reduce.varLong(column.values(), column.validity(), column.rowCount(), ddof)
                : Reduce.var(column.values(), column.validity(), column.rowCount(), ddof);
    }

    /**
     * Standard deviation: {@code sqrt(var(column, ddof))}.
     *
     * @param column the column
     * @param ddof delta degrees of freedom, {@code >= 0}
     * @return the standard deviation, NaN when {@code count − ddof ≤ 0}
     */
    public static double std(Column column, int ddof) {
        return Math.sqrt(var(column, ddof));
    }
}
