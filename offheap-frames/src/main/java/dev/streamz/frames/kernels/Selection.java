package dev.streamz.frames.kernels;

import dev.streamz.frames.Column;
import dev.streamz.frames.ColumnType;
import dev.streamz.frames.internal.kernels.CmpOp;
import dev.streamz.frames.internal.kernels.Compare;
import dev.streamz.frames.internal.kernels.Reduce;

/**
 * A reusable selection vector: the ascending row indices of one frame that passed a filter, held in an
 * {@code int[]} sized once for the frames' capacity. Filtering a frame overwrites the previous selection;
 * nothing is allocated per frame.
 *
 * <p>Why indices in an {@code int[]} (not a bitmap, not off-heap): a selection feeds gathers such as
 * {@link #sum(Column)} over other columns, where an index list skips unselected rows outright; an on-heap
 * {@code int[]} lets the JIT drop bounds checks in those loops, and a selection never leaves the thread that
 * made it, so it gains nothing from being off-heap. (For a filter followed by one sum over the same column,
 * {@link Reductions#sumWhere} is faster: it builds no selection at all.)
 *
 * <pre>{@code
 * Selection sel = new Selection(pool.capacity());
 * for (Frame f : frames) {
 *     sel.filter(f.column("price"), Comparison.GT, 100.0);
 *     double qty = sel.sum(f.column("qty"));
 * }
 * }</pre>
 */
public final class Selection {
    private final int[] rows;
    private int count;

    /**
     * An empty selection for frames of up to {@code capacity} rows.
     *
     * @param capacity the most rows a filtered frame has
     */
    public Selection(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("selection: capacity must be >= 0, got " + capacity);
        }
        this.rows = new int[capacity];
    }

    private Column fits(Column c, String op) {
        if (c.rowCount() > rows.length) {
            throw new IllegalArgumentException(op + ": column '" + c.name() + "' has " + c.rowCount()
                    + " rows, more than this selection's capacity " + rows.length);
        }
        return c;
    }

    /**
     * Selects the rows of a float64 column whose value {@code v} satisfies {@code v op scalar} (null rows
     * never; NaN only for {@link Comparison#NE}).
     *
     * @param column a float64 column
     * @param op the comparison
     * @param scalar its right operand
     * @return this selection
     */
    public Selection filter(Column column, Comparison op, double scalar) {
        fits(Checks.type(column, "filter", ColumnType.FLOAT64), "filter");
        CmpOp c = Checks.cmp(Checks.notNull(op, "filter", "op"));
        count = Compare.select(column.values(), column.validity(), column.rowCount(), c, scalar, rows);
        return this;
    }

    /**
     * Selects the rows of an int64 or timestamp column satisfying {@code v op scalar}.
     *
     * @param column an int64 or timestamp column
     * @param op the comparison
     * @param scalar its right operand
     * @return this selection
     */
    public Selection filter(Column column, Comparison op, long scalar) {
        fits(Checks.type(column, "filter", ColumnType.INT64, ColumnType.TIMESTAMP), "filter");
        CmpOp c = Checks.cmp(Checks.notNull(op, "filter", "op"));
        count = Compare.selectLong(column.values(), column.validity(), column.rowCount(), c, scalar, rows);
        return this;
    }

    /**
     * Selects the rows whose BOOLEAN column is true (null rows are not selected), e.g. the output of
     * {@link ColumnOps#compare}.
     *
     * @param mask a boolean column
     * @return this selection
     */
    public Selection filter(Column mask) {
        fits(Checks.type(mask, "filter", ColumnType.BOOLEAN), "filter");
        count = dev.streamz.frames.internal.kernels.Bitmaps.toSelection(mask.values(), mask.validity(),
                mask.rowCount(), rows);
        return this;
    }

    /**
     * How many rows are selected.
     *
     * @return the count
     */
    public int count() {
        return count;
    }

    /**
     * The {@code i}-th selected row index.
     *
     * @param i below {@link #count()}
     * @return a row index of the filtered frame
     */
    public int row(int i) {
        if (i < 0 || i >= count) {
            throw new IndexOutOfBoundsException("selection: index " + i + " of " + count + " selected rows");
        }
        return rows[i];
    }

    /**
     * Sum of a float64 column over the selected rows (NaN and null skipped), typically another column of the
     * frame that was filtered.
     *
     * @param column a float64 column of (a frame shaped like) the filtered frame
     * @return the sum
     */
    public double sum(Column column) {
        Checks.type(column, "sum", ColumnType.FLOAT64);
        if (count > 0 && rows[count - 1] >= column.rowCount()) {
            throw new IllegalArgumentException("sum: column '" + column.name() + "' has " + column.rowCount()
                    + " rows, the selection reaches row " + rows[count - 1]);
        }
        if (column.nullCount() == 0) {
            return Reduce.sumSelected(column.values(), rows, count);
        }
        double s = 0;
        for (int i = 0; i < count; i++) {
            int r = rows[i];
            if (!column.isNull(r)) {
                double x = column.getDouble(r);
                s += x == x ? x : 0.0;
            }
        }
        return s;
    }
}
