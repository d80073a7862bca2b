package dev.streamz.dataframe.internal;

import dev.streamz.dataframe.Rows;
import dev.streamz.frames.Column;
import dev.streamz.frames.ColumnType;
import dev.streamz.frames.Frame;
import dev.streamz.frames.Schema;

/**
 * {@link Rows} over some rows of a batch, read in place: a range {@code [from, from + size)}, or the rows a
 * selection lists (one group's rows). Reused from call to call; points into the frame only while the
 * batch's emission runs.
 */
public final class FrameRows implements Rows {
    private final Schema schema;
    private final int[] positions;
    private final Slice[] slices;
    private final Column[] columns;
    private int from;
    private int size;
    private int[] selection;

    /**
     * @param schema the schema of the viewed columns
     * @param positions their positions in the batches' schema
     */
    public FrameRows(Schema schema, int[] positions) {
        this.schema = schema;
        this.positions = positions;
        this.slices = new Slice[positions.length];
        this.columns = new Column[positions.length];
        for (int i = 0; i < slices.length; i++) {
            slices[i] = new Slice();
        }
    }

    /**
     * Points the view at a batch.
     *
     * @param frame the batch
     * @return this
     */
    public FrameRows frame(Frame frame) {
        for (int c = 0; c < positions.length; c++) {
            Column col = frame.column(positions[c]);
            columns[c] = col;
            slices[c].set(col.type(), col.values(), col.validity(), frame.rowCount());
        }
        return range(0, frame.rowCount());
    }

    /**
     * @param from the first row
     * @param size rows
     * @return this, viewing {@code [from, from + size)}
     */
    public FrameRows range(int from, int size) {
        this.from = from;
        this.size = size;
        this.selection = null;
        return this;
    }

    /**
     * @param selection row numbers
     * @param from where this view's rows start in {@code selection}
     * @param size rows
     * @return this, viewing rows {@code selection[from .. from + size)}
     */
    public FrameRows select(int[] selection, int from, int size) {
        this.selection = selection;
        this.from = from;
        this.size = size;
        return this;
    }

    private int row(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("Rows: row " + i + " of " + size);
        }
        return selection == null ? from + i : selection[from + i];
    }

    @Override
    public Schema schema() {
        return schema;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public boolean isNull(int column, int row) {
        return slices[column].isNull(row(row));
    }

    @Override
    public boolean isMissing(int column, int row) {
        return slices[column].missing(row(row));
    }

    @Override
    public double getDouble(int column, int row) {
        return slices[column].d(row(row));
    }

    @Override
    public long getLong(int column, int row) {
        return slices[column].l(row(row));
    }

    @Override
    public String getString(int column, int row) {
        if (columns[column].type() != ColumnType.CATEGORY) {
            throw new IllegalArgumentException("Rows: column '" + schema.field(column).name() + "' is "
                    + columns[column].type() + ", not a category");
        }
        int r = row(row);
        return columns[column].isNull(r) ? null : columns[column].getString(r);
    }

    @Override
    public String toString() {
        return "Rows" + schema.names() + "[" + size + " rows of a batch]";
    }
}
