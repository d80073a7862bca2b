package dev.streamz.dataframe;

import dev.streamz.Stream;
import dev.streamz.ThrowingFunction;
import dev.streamz.dataframe.internal.Agg;
import dev.streamz.dataframe.internal.Checks;
import dev.streamz.dataframe.internal.GroupTable;
import dev.streamz.dataframe.internal.KeyCodes;
import dev.streamz.dataframe.internal.Slice;
import dev.streamz.dataframe.internal.WindowAgg;
import dev.streamz.dataframe.internal.Windowing;
import dev.streamz.frames.ColumnType;
import dev.streamz.frames.Frame;
import dev.streamz.frames.Schema;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Per-key aggregates of a streaming DataFrame ({@link StreamingDataFrame#groupby}, or within a
 * {@link Window}): each result is an updating series, one map per input batch from key to value, in key
 * order (numbers ascending, category labels alphabetical), as pandas sorts groups. Keys are int32, int64,
 * boolean or category columns; rows with a null key belong to no group (pandas' default); a key whose rows
 * all left a window disappears. Over all time, a category key reports every category its batches'
 * dictionaries hold (pandas' categorical group-by), an unseen one with 0 for sum, count and size and NaN
 * otherwise.
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
    public Stream<Map<Object, Double>> sum(String column) {
        return aggregate(column, Agg.SUM, 1, "sum");
    }

    /**
     * Returns per-key means of the present values.
     *
     * @param column the value column
     * @return per-key means of the present values
     */
    public Stream<Map<Object, Double>> mean(String column) {
        return aggregate(column, Agg.MEAN, 1, "mean");
    }

    /**
     * Returns per-key counts of present values.
     *
     * @param column the value column
     * @return per-key counts of present values
     */
    public Stream<Map<Object, Double>> count(String column) {
        return aggregate(column, Agg.COUNT, 1, "count");
    }

    /**
     * Returns per-key row counts.
     *
     * @return per-key row counts
     */
    public Stream<Map<Object, Double>> size() {
        return aggregate(key, Agg.SIZE, 1, "size");
    }

    /**
     * Returns per-key variances.
     *
     * @param column the value column
     * @param ddof delta degrees of freedom (1: the sample variance, pandas' default)
     * @return per-key variances
     */
    public Stream<Map<Object, Double>> var(String column, int ddof) {
        return aggregate(column, Agg.VAR, ddof, "var");
    }

    /**
     * Returns per-key standard deviations.
     *
     * @param column the value column
     * @param ddof delta degrees of freedom
     * @return per-key standard deviations
     */
    public Stream<Map<Object, Double>> std(String column, int ddof) {
        return aggregate(column, Agg.STD, ddof, "std");
    }

    /**
     * Returns per-key minima (within a window: of the rows the window holds).
     *
     * @param column the value column
     * @return per-key minima
     */
    public Stream<Map<Object, Double>> min(String column) {
        return aggregate(column, Agg.MIN, 1, "min");
    }

    /**
     * Returns per-key maxima (within a window: of the rows the window holds).
     *
     * @param column the value column
     * @return per-key maxima
     */
    public Stream<Map<Object, Double>> max(String column) {
        return aggregate(column, Agg.MAX, 1, "max");
    }

    private Stream<Map<Object, Double>> aggregate(String column, Agg agg, int ddof, String name) {
        String where = op + "." + name + "('" + column + "')";
        Schema schema = sdf.schema();
        if (agg != Agg.SIZE) {
            Checks.numeric(schema, column, where);
        }
        int vi = schema.indexOf(column);
        int ki = schema.indexOf(key);
        int ti = windowing.timed() ? schema.indexOf(sdf.index().orElseThrow()) : -1;
        boolean category = schema.field(ki).type() == ColumnType.CATEGORY;
        WindowAgg state = new WindowAgg(windowing, true, false, agg == Agg.MIN || agg == Agg.MAX);
        boolean everyCategory = category && windowing.isExpanding();
        KeyCodes codes = category ? new KeyCodes(key) : null;
        Slice values = new Slice();
        Slice keys = new Slice();
        Slice times = new Slice();
        ThrowingFunction<Frame, Map<Object, Double>> f = frame -> {
            int[] translate = category ? codes.translation(frame.column(ki).dictionary()) : null;
            state.onBatch(Checks.slice(values, frame, vi), Checks.slice(keys, frame, ki), translate,
                    ti < 0 ? null : Checks.slice(times, frame, ti));
            return result(state.groups(), agg, ddof, codes, everyCategory);
        };
        return sdf.stream().map(f);
    }

    private static Map<Object, Double> result(GroupTable t, Agg agg, int ddof, KeyCodes codes, boolean everyCategory) {
        int n = t.sort();
        if (codes == null) {
            Map<Object, Double> out = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                out.put(t.key(i), t.result(t.key(i), agg, ddof));
            }
            return out;
        }
        TreeMap<String, Double> byLabel = new TreeMap<>();
        if (everyCategory) {
            // pandas reports every category of a categorical key, the unseen ones with their empty value.
            for (int code = 0; code < codes.size(); code++) {
                byLabel.put(codes.label(code), t.contains(code) ? t.result(code, agg, ddof) : GroupTable.empty(agg));
            }
            return new LinkedHashMap<>(byLabel);
        }
        for (int i = 0; i < n; i++) {
            byLabel.put(codes.label(t.key(i)), t.result(t.key(i), agg, ddof));
        }
        return new LinkedHashMap<>(byLabel);
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
        return new GroupByColumns(sdf, key, columns.clone(), windowing, op + ".cols" + java.util.Arrays.toString(columns));
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
        return new GroupByColumns(sdf, key, cols, windowing, op);
    }
}
