package dev.streamz.dataframe.internal;

import dev.streamz.dataframe.Rows;
import dev.streamz.frames.Schema;

/**
 * {@link Rows} over rows a {@link RowStore} holds: a sequence range, or the rows a selection of offsets
 * lists (one group's rows of a piece). Reused from call to call.
 */
public final class StoreRows implements Rows {
    private final RowStore store;
    private long base;
    private int from;
    private int size;
    private int[] selection;

    /**
     * @param store the store
     */
    public StoreRows(RowStore store) {
        this.store = store;
    }

    /**
     * @param first the first row's sequence
     * @param size rows
     * @return this, viewing sequences {@code [first, first + size)}
     */
    public StoreRows range(long first, int size) {
        this.base = first;
        this.from = 0;
        this.size = size;
        this.selection = null;
        return this;
    }

    /**
     * @param base the sequence offsets count from
     * @param selection offsets from {@code base}
     * @param from where this view's rows start in {@code selection}
     * @param size rows
     * @return this
     */
    public StoreRows select(long base, int[] selection, int from, int size) {
        this.base = base;
        this.selection = selection;
        this.from = from;
        this.size = size;
        return this;
    }

    private long seq(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("Rows: row " + i + " of " + size);
        }
        return selection == null ? base + i : base + selection[from + i];
    }

    @Override
    public Schema schema() {
        return store.schema();
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public boolean isNull(int column, int row) {
        return store.isNull(column, seq(row));
    }

    @Override
    public boolean isMissing(int column, int row) {
        return store.isMissing(column, seq(row));
    }

    @Override
    public double getDouble(int column, int row) {
        return store.getDouble(column, seq(row));
    }

    @Override
    public long getLong(int column, int row) {
        return store.getLong(column, seq(row));
    }

    @Override
    public String getString(int column, int row) {
        return store.getString(column, seq(row));
    }

    @Override
    public String toString() {
        return "Rows" + store.schema().names() + "[" + size + " rows leaving a window]";
    }
}
