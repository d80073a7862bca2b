package dev.streamz.dataframe;

import dev.streamz.Stream;
import dev.streamz.ThrowingFunction;
import dev.streamz.dataframe.internal.Agg;
import dev.streamz.dataframe.internal.Checks;
import dev.streamz.dataframe.internal.GroupSums;
import dev.streamz.dataframe.internal.GroupTable;
import dev.streamz.dataframe.internal.KeyCodes;
import dev.streamz.dataframe.internal.LendingMap;
import dev.streamz.dataframe.internal.OutputFrame;
import dev.streamz.dataframe.internal.Slice;
import dev.streamz.dataframe.internal.WindowAgg;
import dev.streamz.dataframe.internal.Windowing;
import dev.streamz.frames.Column;
import dev.streamz.frames.ColumnType;
import dev.streamz.frames.Frame;
import dev.streamz.frames.Schema;

import java.util.Arrays;
import java.util.Map;

/**
 * Per-key aggregates of a streaming DataFrame ({@link StreamingDataFrame#groupby}, or within a
 * {@link Window}): each result is an {@link UpdatingSeries} indexed by the key, replaced once per input
 * batch, in key order (numbers ascending, category labels alphabetical), as pandas sorts groups. The
 * values are named after the aggregated column ({@code size} for {@link #size()}). Keys are int32, int64,
 * boolean or category columns; rows with a null key belong to no group (pandas' default); a key whose rows
 * all left a window disappears. Over all time, a category key reports every category its batches'
 * dictionaries hold (pandas' categorical group-by), an unseen one with 0 for sum, count and size and NaN
 * otherwise. The key can also be an expression ({@link StreamingDataFrame#groupby(Expr)}). Several value
 * columns at once: {@link #cols(String...)} or {@link #all()}; a user {@link Aggregation} per group:
 * {@link #aggregate(Aggregation, String...)}.
 */
public final class GroupBy {
    private final StreamingDataFrame sdf;
    private final String key;
    private final Windowing windowing;
    private final String op;
    private final String indexName;

    GroupBy(StreamingDataFrame sdf, String key, Windowing windowing, String op) {
        ColumnType t = Checks.column(sdf.schema(), key, op);
        if (t == ColumnType.FLOAT64 || t == ColumnType.TIMESTAMP) {
            throw new IllegalArgumentException(op + ": key column '" + key + "' is " + t
                    + "; group keys are int32, int64, boolean or category columns");
        }
        this(sdf, key, windowing, op + "('" + key + "')", key);
    }

    /** A group-by whose key column and its type were checked by the caller. */
    private GroupBy(StreamingDataFrame sdf, String key, Windowing windowing, String op, String indexName) {
        this.sdf = sdf;
        this.key = key;
        this.windowing = windowing;
        this.op = op;
        this.indexName = indexName;
    }

    /**
     * Group-by on an expression (pandas' {@code sdf.groupby(sdf.x % 2)}): the key is computed per batch by
     * the compiled expression into a column of its own, then grouped as a key column; the result's index is
     * named after the expression ({@link Expr#name()}, {@code key} when it has none).
     */
    static GroupBy onExpression(StreamingDataFrame sdf, Expr key, Windowing windowing, String prefix) {
        Checks.notNull(key, prefix + ": key");
        String where = prefix + "(" + key + ")";
        ColumnType t = CompiledExpr.of(key, sdf.schema(), where).type();
        if (t == ColumnType.FLOAT64 || t == ColumnType.TIMESTAMP) {
            throw new IllegalArgumentException(where + ": the key is " + t
                    + "; group keys are int32, int64, boolean or category values");
        }
        String hidden = "groupby(" + key + ")";
        while (sdf.schema().contains(hidden)) {
            hidden = hidden + "'";
        }
        String name = key.name() == null ? "key" : key.name();
        return new GroupBy(sdf.assign(hidden, key), hidden, windowing, where, name);
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
     * Returns per-key minima (within a window: of the rows the window holds).
     *
     * @param column the value column
     * @return per-key minima
     */
    public UpdatingSeries min(String column) {
        return aggregate(column, Agg.MIN, 1, "min");
    }

    /**
     * Returns per-key maxima (within a window: of the rows the window holds).
     *
     * @param column the value column
     * @return per-key maxima
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
        int vi = schema.indexOf(column);
        int ki = schema.indexOf(key);
        int ti = windowing.timed() ? schema.indexOf(sdf.index().orElseThrow()) : -1;
        ColumnType keyType = schema.field(ki).type();
        boolean category = keyType == ColumnType.CATEGORY;
        Schema out = Schema.of(new Schema.Field(valueName.equals(indexName) ? "index" : indexName,
                UpdatingSeries.indexType(keyType)),
                new Schema.Field(valueName, ColumnType.FLOAT64));
        // Over all time a category key reports every category seen in a dictionary, as pandas does.
        boolean everyCategory = category && windowing.isExpanding();
        KeyCodes codes = category ? new KeyCodes(key) : null;
        OutputFrame frames = new OutputFrame(where, out);
        if (windowing.isExpanding() && GroupSums.handles(agg) && !category) {
            return new UpdatingSeries(new LendingMap<>(sdf.stream(), where, frames,
                    allTimeSums(column, agg, keyType, frames)), out);
        }
        WindowAgg state = new WindowAgg(windowing, true, false, agg == Agg.MIN || agg == Agg.MAX);
        Slice values = new Slice();
        Slice keys = new Slice();
        Slice times = new Slice();
        long[][] order = {new long[16]};
        ThrowingFunction<Frame, Frame> f = frame -> {
            int[] translate = category ? codes.translation(frame.column(ki).dictionary()) : null;
            state.onBatch(Checks.slice(values, frame, vi), Checks.slice(keys, frame, ki), translate,
                    ti < 0 ? null : Checks.slice(times, frame, ti));
            GroupTable t = state.groups();
            int n = everyCategory ? codes.size() : t.sort();
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
                    long key = everyCategory ? i : t.key(i);
                    byLabel[i] = (long) codes.rank(key) << 32 | key;
                }
                Arrays.sort(byLabel, 0, n);
                for (int i = 0; i < n; i++) {
                    long k = byLabel[i] & 0xFFFF_FFFFL;
                    index.setString(i, codes.label(k));
                    result.setDouble(i, t.contains(k) ? t.result(k, agg, ddof) : GroupTable.empty(agg));
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
        return new UpdatingSeries(new LendingMap<>(sdf.stream(), where, frames, f), out);
    }

    // ---------------------------------------------------------------- user aggregations

    /**
     * A user aggregation per group: each group has its own state, created when its first row arrives, and
     * sees only its own rows; within a window, a group whose rows all left is dropped with its state.
     *
     * @param agg the aggregation
     * @param columns the columns its {@link Rows} hold (none: every column but the key)
     * @param <S> its state
     * @param <R> its result
     * @return one map per input batch from key (a Long, Boolean or category label) to result, in key order
     * @throws IllegalArgumentException when a column does not exist
     */
    public <S, R> Stream<Map<Object, R>> aggregate(Aggregation<S, R> agg, String... columns) {
        String where = op + ".aggregate";
        Checks.notNull(columns, where + ": columns");
        String[] cols = columns.length > 0 ? columns.clone()
                : sdf.schema().names().stream().filter(n -> !n.equals(key)).toArray(String[]::new);
        for (String c : cols) {
            Checks.column(sdf.schema(), c, where);
        }
        return WindowRows.aggregateGroups(sdf, key, cols, windowing, agg, where);
    }

    // ---------------------------------------------------------------- several value columns at once

    /**
     * Several value columns at once (pandas' {@code groupby('k')[['v', 'w']]}): aggregations give a frame
     * per batch.
     *
     * @param columns the value columns, numeric, at least one
     * @return the grouping of those columns
     * @throws IllegalArgumentException when a column is missing, not numeric, or the key itself
     */
    public GroupByColumns cols(String... columns) {
        String where = op + ".cols";
        Checks.notNull(columns, where + ": columns");
        if (columns.length == 0) {
            throw new IllegalArgumentException(where + ": name at least one value column");
        }
        for (String c : columns) {
            Checks.numeric(sdf.schema(), c, where);
            if (c.equals(key)) {
                throw new IllegalArgumentException(where + ": '" + c + "' is the key column");
            }
        }
        return new GroupByColumns(sdf, key, indexName, columns.clone(), windowing,
                op + ".cols" + java.util.Arrays.toString(columns));
    }

    /**
     * Every numeric column but the key and the index (pandas' {@code groupby('k').sum()} of a whole frame).
     *
     * @return the grouping of those columns
     * @throws IllegalArgumentException when there is no such column
     */
    public GroupByColumns all() {
        String[] cols = sdf.valueColumns(key);
        if (cols.length == 0) {
            throw new IllegalArgumentException(op + ": no numeric column besides the key");
        }
        return new GroupByColumns(sdf, key, indexName, cols, windowing, op);
    }

    /**
     * All-time sum/mean/count/size by a number key: the batch-at-a-time path (one lookup and three updates
     * per row, see {@link GroupSums}). Category keys keep the general path, which knows their dictionaries.
     */
    private ThrowingFunction<Frame, Frame> allTimeSums(String column, Agg agg, ColumnType keyType,
            OutputFrame frames) {
        int vi = sdf.schema().indexOf(column);
        int ki = sdf.schema().indexOf(key);
        GroupSums sums = new GroupSums();
        Slice values = new Slice();
        Slice keys = new Slice();
        return frame -> {
            sums.onBatch(Checks.slice(values, frame, vi), Checks.slice(keys, frame, ki), null);
            int n = sums.sort();
            Frame o = frames.next(n);
            Column index = o.column(0);
            Column result = o.column(1);
            for (int i = 0; i < n; i++) {
                long k = sums.key(i);
                if (keyType == ColumnType.BOOLEAN) {
                    index.setBoolean(i, k != 0);
                } else {
                    index.setLong(i, k);
                }
                result.setDouble(i, sums.result(k, agg));
            }
            o.setRowCount(n);
            return o;
        };
    }
}
