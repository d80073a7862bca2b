package dev.streamz.dataframe;

import dev.streamz.Stream;
import dev.streamz.ThrowingFunction;
import dev.streamz.dataframe.internal.Agg;
import dev.streamz.dataframe.internal.Checks;
import dev.streamz.dataframe.internal.GroupSums;
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
     * Per-key minimum over all time (not yet available within a window).
     *
     * @param column the value column
     * @return per-key minima
     * @throws UnsupportedOperationException within a window
     */
    public Stream<Map<Object, Double>> min(String column) {
        return aggregate(column, Agg.MIN, 1, "min");
    }

    /**
     * Per-key maximum over all time (not yet available within a window).
     *
     * @param column the value column
     * @return per-key maxima
     * @throws UnsupportedOperationException within a window
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
        if ((agg == Agg.MIN || agg == Agg.MAX) && !isExpanding()) {
            throw new UnsupportedOperationException(where + ": min/max within a window is not built yet");
        }
        int vi = schema.indexOf(column);
        int ki = schema.indexOf(key);
        int ti = windowing.timed() ? schema.indexOf(sdf.index().orElseThrow()) : -1;
        boolean category = schema.field(ki).type() == ColumnType.CATEGORY;
        KeyCodes codes = category ? new KeyCodes(key) : null;
        Slice values = new Slice();
        Slice keys = new Slice();
        if (isExpanding() && GroupSums.handles(agg)) {
            // All-time sum/mean/count/size: the batch-at-a-time path (one probe and three updates per row).
            GroupSums sums = new GroupSums();
            ThrowingFunction<Frame, Map<Object, Double>> fast = frame -> {
                int[] translate = category ? codes.translation(frame.column(ki).dictionary()) : null;
                sums.onBatch(Checks.slice(values, frame, vi), Checks.slice(keys, frame, ki), translate);
                return result(sums, agg, codes);
            };
            return sdf.stream().map(fast);
        }
        WindowAgg state = new WindowAgg(windowing, true, false);
        Slice times = new Slice();
        ThrowingFunction<Frame, Map<Object, Double>> f = frame -> {
            int[] translate = category ? codes.translation(frame.column(ki).dictionary()) : null;
            state.onBatch(Checks.slice(values, frame, vi), Checks.slice(keys, frame, ki), translate,
                    ti < 0 ? null : Checks.slice(times, frame, ti));
            return result(state.groups(), agg, ddof, codes);
        };
        return sdf.stream().map(f);
    }

    private boolean isExpanding() {
        return windowing.rows() == 0 && !windowing.timed();
    }

    private static Map<Object, Double> result(GroupTable t, Agg agg, int ddof, KeyCodes codes) {
        int n = t.sort();
        if (codes == null) {
            Map<Object, Double> out = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                out.put(t.key(i), t.result(t.key(i), agg, ddof));
            }
            return out;
        }
        TreeMap<String, Double> byLabel = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            byLabel.put(codes.label(t.key(i)), t.result(t.key(i), agg, ddof));
        }
        return new LinkedHashMap<>(byLabel);
    }

    private static Map<Object, Double> result(GroupSums t, Agg agg, KeyCodes codes) {
        int n = t.sort();
        if (codes == null) {
            Map<Object, Double> out = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                out.put(t.key(i), t.result(i, agg));
            }
            return out;
        }
        TreeMap<String, Double> byLabel = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            byLabel.put(codes.label(t.key(i)), t.result(i, agg));
        }
        return new LinkedHashMap<>(byLabel);
    }
}
