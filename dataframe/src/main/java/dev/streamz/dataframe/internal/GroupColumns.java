package dev.streamz.dataframe.internal;

import dev.streamz.frames.Column;
import dev.streamz.frames.ColumnType;
import dev.streamz.frames.Frame;
import dev.streamz.frames.Schema;

import java.util.Arrays;

/**
 * A group-by of several value columns at once ({@code groupby('k')[['v', 'w']].sum()},
 * {@code groupby('k').mean()} on a whole frame), over all time or within a window: per value column a
 * grouped {@link WindowAgg}; all of them see the same rows, so they hold the same groups. Each batch's
 * result is a frame reused from batch to batch: the key column, then one float64 column per value
 * column, one row per live group in key order (category labels alphabetical). Over all time a category
 * key reports every category (the unseen ones with their empty value), as pandas does.
 */
public final class GroupColumns {
    private final int keyAt;
    private final ColumnType keyType;
    private final int[] positions;
    private final WindowAgg[] aggs;
    private final Agg agg;
    private final int ddof;
    private final int timeAt;
    private final boolean everyCategory;
    private final KeyCodes codes;
    private final Slice values = new Slice();
    private final Slice keys = new Slice();
    private final Slice times = new Slice();
    private final OutputFrame frames;

    /** {@return where this writes its results, for the emitting node's hand-over} */
    public OutputFrame frames() {
        return frames;
    }
    private long[] order = new long[16];

    /**
     * @param schema the batches' schema
     * @param key the key column (int32, int64, boolean or category)
     * @param columns the value columns, numeric
     * @param windowing all time (expanding) or a window
     * @param timeAt the timestamp index's position for a time window, else -1
     * @param agg the aggregation
     * @param ddof delta degrees of freedom for VAR and STD
     * @param op the operation, for the output frames' name
     * @param out the output's schema: the key, then one float64 column per value column
     */
    public GroupColumns(Schema schema, String key, String[] columns, Windowing windowing, int timeAt, Agg agg, int ddof,
                        String op, Schema out) {
        this.keyAt = schema.indexOf(key);
        this.keyType = schema.field(keyAt).type();
        this.positions = new int[columns.length];
        this.aggs = new WindowAgg[columns.length];
        boolean extremes = agg == Agg.MIN || agg == Agg.MAX;
        for (int c = 0; c < columns.length; c++) {
            positions[c] = schema.indexOf(columns[c]);
            aggs[c] = new WindowAgg(windowing, true, false, extremes);
        }
        this.agg = agg;
        this.ddof = ddof;
        this.timeAt = timeAt;
        this.codes = keyType == ColumnType.CATEGORY ? new KeyCodes(key) : null;
        this.everyCategory = codes != null && windowing.isExpanding();
        this.frames = new OutputFrame(op, out);
    }

    /**
     * Takes one batch in.
     *
     * @param frame the batch
     * @return the lent result frame
     */
    public Frame onBatch(Frame frame) {
        int[] translate = codes == null ? null : codes.translation(frame.column(keyAt).dictionary());
        Slice k = Checks.slice(keys, frame, keyAt);
        Slice t = timeAt < 0 ? null : Checks.slice(times, frame, timeAt);
        for (int c = 0; c < aggs.length; c++) {
            aggs[c].onBatch(Checks.slice(values, frame, positions[c]), k, translate, t);
        }
        GroupTable first = aggs[0].groups();
        int n = codes == null ? first.sort() : sortByLabel(first);
        Frame o = frames.next(Math.max(1, n));
        Column index = o.column(0);
        for (int i = 0; i < n; i++) {
            long key = codes == null ? first.key(i) : order[i];
            switch (keyType) {
                case CATEGORY -> index.setString(i, codes.label(key));
                case BOOLEAN -> index.setBoolean(i, key != 0);
                default -> index.setLong(i, key);
            }
            for (int c = 0; c < aggs.length; c++) {
                GroupTable g = aggs[c].groups();
                o.column(c + 1).setDouble(i, g.contains(key) ? g.result(key, agg, ddof) : GroupTable.empty(agg));
            }
        }
        o.setRowCount(n);
        return o;
    }

    /** Category keys in label order: every category over all time, else the live groups. */
    private int sortByLabel(GroupTable t) {
        int n = everyCategory ? codes.size() : t.sort();
        if (order.length < n) {
            order = new long[Math.max(n, order.length * 2)];
        }
        // Rank in the high half, the key in the low half: one primitive sort, no per-batch objects.
        for (int i = 0; i < n; i++) {
            long key = everyCategory ? i : t.key(i);
            order[i] = (long) codes.rank(key) << 32 | key;
        }
        Arrays.sort(order, 0, n);
        for (int i = 0; i < n; i++) {
            order[i] &= 0xFFFF_FFFFL;
        }
        return n;
    }
}
