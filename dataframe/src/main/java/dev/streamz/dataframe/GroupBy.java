package dev.streamz.dataframe;

import dev.streamz.ThrowingFunction;
import dev.streamz.dataframe.internal.Agg;
import dev.streamz.dataframe.internal.Checks;
import dev.streamz.dataframe.internal.GroupTable;
import dev.streamz.dataframe.internal.KeyCodes;
import dev.streamz.dataframe.internal.OutputFrame;
import dev.streamz.dataframe.internal.Slice;
import dev.streamz.dataframe.internal.WindowAgg;
import dev.streamz.dataframe.internal.Windowing;
import dev.streamz.frames.Column;
import dev.streamz.frames.ColumnType;
import dev.streamz.frames.Frame;
import dev.streamz.frames.Schema;

import java.util.Arrays;

/**
 * Per-key aggregates of a streaming DataFrame ({@link StreamingDataFrame#groupby}, or within a
 * {@link Window}): each result is an {@link UpdatingSeries} indexed by the key, replaced once per input
 * batch, in key order (numbers ascending, category labels alphabetical), as pandas sorts groups. The
 * values are named after the aggregated column ({@code size} for {@link #size()}). Keys are int32, int64,
 * boolean or category columns; rows with a null key belong to no group (pandas' default); a key whose rows
 * all left a window disappears.
 */
public final class GroupBy {
    private final StreamingDataFrame sdf;
    private final String key;
    private final Windowing windowing;
    private final String op;

    GroupBy(StreamingDataFrame sdf, String key, Windowing windowing, String op) {
        ColumnType t = Checks.column(sdf.schema(), key, op);
        if (t == ColumnType.FLOAT64 || t == ColumnType.TIMESTAMP) {
            throw new IllegalArgumentException(op + ": key column '" + key + "' is " + t
                    + "; group keys are int32, int64, boolean or category columns");
        }
        this.sdf = sdf;
        this.key = key;
        this.windowing = windowing;
        this.op = op + "('" + key + "')";
    }

    /**
     * Returns per-key sums.
     *
     * @param column the value column
     * @return per-key sums
     */
    public UpdatingSeries sum(String column) {
        return aggregate(column, Agg.SUM, 1, "sum");
    }

    /**
     * Returns per-key means of the present values.
     *
     * @param column the value column
     * @return per-key means of the present values
     */
    public UpdatingSeries mean(String column) {
        return aggregate(column, Agg.MEAN, 1, "mean");
    }

    /**
     * Returns per-key counts of present values.
     *
     * @param column the value column
     * @return per-key counts of present values
     */
    public UpdatingSeries count(String column) {
        return aggregate(column, Agg.COUNT, 1, "count");
    }

    /**
     * Returns per-key row counts.
     *
     * @return per-key row counts
     */
    public UpdatingSeries size() {
        return aggregate(key, Agg.SIZE, 1, "size");
    }

    /**
     * Returns per-key variances.
     *
     * @param column the value column
     * @param ddof delta degrees of freedom (1: the sample variance, pandas' default)
     * @return per-key variances
     */
    public UpdatingSeries var(String column, int ddof) {
        return aggregate(column, Agg.VAR, ddof, "var");
    }

    /**
     * Returns per-key standard deviations.
     *
     * @param column the value column
     * @param ddof delta degrees of freedom
     * @return per-key standard deviations
     */
    public UpdatingSeries std(String column, int ddof) {
        return aggregate(column, Agg.STD, ddof, "std");
    }

    /**
     * Per-key minimum over all time (not yet available within a window).
     *
     * @param column the value column
     * @return per-key minima
     * @throws UnsupportedOperationException within a window
     */
    public UpdatingSeries min(String column) {
        return aggregate(column, Agg.MIN, 1, "min");
    }

    /**
     * Per-key maximum over all time (not yet available within a window).
     *
     * @param column the value column
     * @return per-key maxima
     * @throws UnsupportedOperationException within a window
     */
    public UpdatingSeries max(String column) {
        return aggregate(column, Agg.MAX, 1, "max");
    }

    private UpdatingSeries aggregate(String column, Agg agg, int ddof, String name) {
        return aggregate(column, agg, ddof, name, agg == Agg.SIZE ? "size" : column);
    }

    /** {@return per-key row counts with the values named {@code count}: value_counts of the key column} */
    UpdatingSeries counts() {
        return aggregate(key, Agg.SIZE, 1, "size", "count");
    }

    private UpdatingSeries aggregate(String column, Agg agg, int ddof, String name, String valueName) {
        String where = op + "." + name + "('" + column + "')";
        Schema schema = sdf.schema();
        if (agg != Agg.SIZE) {
            Checks.numeric(schema, column, where);
        }
        if ((agg == Agg.MIN || agg == Agg.MAX) && !isExpanding()) {
            throw new UnsupportedOperationException(where + ": min/max within a window is not built yet");
        }
        int vi = schema.indexOf(column);
        int ki = schema.indexOf(key);
        int ti = windowing.timed() ? schema.indexOf(sdf.index().orElseThrow()) : -1;
        ColumnType keyType = schema.field(ki).type();
        boolean category = keyType == ColumnType.CATEGORY;
        Schema out = Schema.of(new Schema.Field(valueName.equals(key) ? "index" : key, UpdatingSeries.indexType(keyType)),
                new Schema.Field(valueName, ColumnType.FLOAT64));
        WindowAgg state = new WindowAgg(windowing, true, false);
        KeyCodes codes = category ? new KeyCodes(key) : null;
        OutputFrame frames = new OutputFrame(where, out);
        Slice values = new Slice();
        Slice keys = new Slice();
        Slice times = new Slice();
        long[][] order = {new long[16]};
        ThrowingFunction<Frame, Frame> f = frame -> {
            int[] translate = category ? codes.translation(frame.column(ki).dictionary()) : null;
            state.onBatch(Checks.slice(values, frame, vi), Checks.slice(keys, frame, ki), translate,
                    ti < 0 ? null : Checks.slice(times, frame, ti));
            GroupTable t = state.groups();
            int n = t.sort();
            Frame o = frames.next(n);
            Column index = o.column(0);
            Column result = o.column(1);
            if (category) {
                // Sort by label: rank in the high half, the key in the low half.
                if (order[0].length < n) {
                    order[0] = new long[Math.max(n, order[0].length * 2)];
                }
                long[] byLabel = order[0];
                for (int i = 0; i < n; i++) {
                    byLabel[i] = (long) codes.rank(t.key(i)) << 32 | t.key(i);
                }
                Arrays.sort(byLabel, 0, n);
                for (int i = 0; i < n; i++) {
                    long k = byLabel[i] & 0xFFFF_FFFFL;
                    index.setString(i, codes.label(k));
                    result.setDouble(i, t.result(k, agg, ddof));
                }
            } else {
                for (int i = 0; i < n; i++) {
                    long k = t.key(i);
                    if (keyType == ColumnType.BOOLEAN) {
                        index.setBoolean(i, k != 0);
                    } else {
                        index.setLong(i, k);
                    }
                    result.setDouble(i, t.result(k, agg, ddof));
                }
            }
            o.setRowCount(n);
            return o;
        };
        return new UpdatingSeries(sdf.stream().map(f), out);
    }

    private boolean isExpanding() {
        return windowing.rows() == 0 && !windowing.timed();
    }
}
