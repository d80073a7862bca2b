package dev.streamz.dataframe;

import dev.streamz.Stream;
import dev.streamz.ThrowingFunction;
import dev.streamz.dataframe.internal.Checks;
import dev.streamz.dataframe.internal.CustomAgg;
import dev.streamz.dataframe.internal.CustomGroupAgg;
import dev.streamz.dataframe.internal.GroupKeys;
import dev.streamz.dataframe.internal.LendingMap;
import dev.streamz.dataframe.internal.OutputFrame;
import dev.streamz.dataframe.internal.PieceWindow;
import dev.streamz.dataframe.internal.RowStore;
import dev.streamz.dataframe.internal.Slice;
import dev.streamz.dataframe.internal.Windowing;
import dev.streamz.frames.Column;
import dev.streamz.frames.ColumnType;
import dev.streamz.frames.Frame;
import dev.streamz.frames.Schema;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * What {@link Window}, {@link WindowedSeries}, {@link StreamingSeries}, {@link StreamingDataFrame} and
 * {@link GroupBy} share for user aggregations and for the window's rows: one node per operation, reading
 * each batch once.
 */
final class WindowRows {
    private WindowRows() {
    }

    static int timeAt(StreamingDataFrame sdf, Windowing windowing) {
        return windowing.timed() ? sdf.schema().indexOf(sdf.index().orElseThrow()) : -1;
    }

    /** A user aggregation of {@code columns} over the windowing: one result per batch. */
    static <S, R> Stream<R> aggregate(StreamingDataFrame sdf, String[] columns, Windowing windowing,
                                      Aggregation<S, R> agg, String op) {
        Checks.notNull(agg, op + ": aggregation");
        CustomAgg<S, R> state = new CustomAgg<>(agg, sdf.schema(), columns, windowing, timeAt(sdf, windowing));
        ThrowingFunction<Frame, R> f = state::onBatch;
        return sdf.stream().map(f);
    }

    /** A user aggregation per group: one map per batch from key (Long, Boolean or label) to result. */
    static <S, R> Stream<Map<Object, R>> aggregateGroups(StreamingDataFrame sdf, String key, String[] columns,
                                                         Windowing windowing, Aggregation<S, R> agg, String op) {
        Checks.notNull(agg, op + ": aggregation");
        Schema schema = sdf.schema();
        int ki = schema.indexOf(key);
        GroupKeys keys = new GroupKeys(key, ki, schema.field(ki).type());
        CustomGroupAgg<S, R> state = new CustomGroupAgg<>(agg, schema, columns, windowing, timeAt(sdf, windowing));
        boolean bool = schema.field(ki).type() == dev.streamz.frames.ColumnType.BOOLEAN;
        ThrowingFunction<Frame, Map<Object, R>> f = frame -> {
            state.onBatch(frame, keys.of(frame));
            int n = state.sort();
            Map<Object, R> out = keys.codes() == null ? new LinkedHashMap<>() : new java.util.TreeMap<>();
            for (int i = 0; i < n; i++) {
                long k = state.key(i);
                out.put(bool ? (Object) (k != 0) : keys.label(k), state.result(i));
            }
            return keys.codes() == null ? out : new LinkedHashMap<>(out);
        };
        return sdf.stream().map(f);
    }

    /**
     * The window's rows after each batch: one lent frame per batch whose column 0 is the index (the
     * DataFrame's index column, or {@code index}: each row's number since the first batch, pandas' default
     * index), then {@code columns}, oldest row first.
     */
    static Stream<Frame> full(StreamingDataFrame sdf, String[] columns, Windowing windowing, String op) {
        if (windowing.isExpanding()) {
            throw new UnsupportedOperationException(op + ": an expanding window would keep every row; use "
                    + "window(n) or window(Duration)");
        }
        String index = sdf.index().orElse(null);
        String[] stored = index == null ? columns : prepend(index, columns);
        RowStore store = new RowStore(sdf.schema(), stored);
        PieceWindow window = new PieceWindow(windowing, store);
        Schema out = fullSchema(sdf, columns);
        int first = index == null ? 1 : 0;
        OutputFrame frames = new OutputFrame(op, out);
        int ti = timeAt(sdf, windowing);
        Slice times = new Slice();
        long[] seen = new long[1];
        ThrowingFunction<Frame, Frame> f = frame -> {
            window.onBatch(frame, ti < 0 ? null : Checks.slice(times, frame, ti), null, null);
            seen[0] += frame.rowCount();
            int n = store.size();
            Frame o = frames.next(n);
            if (first == 1) {
                // The window holds the last n rows seen: their numbers end at the count so far.
                Column rowNumbers = o.column(0);
                for (int i = 0; i < n; i++) {
                    rowNumbers.setLong(i, seen[0] - n + i);
                }
            }
            store.copyTo(o, first);
            return o;
        };
        return new LendingMap<>(sdf.stream(), op, frames, f);
    }

    /** The schema {@link #full} emits. */
    static Schema fullSchema(StreamingDataFrame sdf, String[] columns) {
        String index = sdf.index().orElse(null);
        java.util.List<Schema.Field> fields = new java.util.ArrayList<>();
        Schema schema = sdf.schema();
        if (index == null) {
            fields.add(new Schema.Field(rowNumberName(schema), ColumnType.INT64));
        } else {
            fields.add(schema.field(schema.indexOf(index)));
        }
        for (String c : columns) {
            if (!c.equals(index)) {
                fields.add(schema.field(schema.indexOf(c)));
            }
        }
        return Schema.of(fields.toArray(Schema.Field[]::new));
    }

    /** {@code index}, or pandas' {@code level_0} when a column already has that name. */
    private static String rowNumberName(Schema schema) {
        return schema.contains("index") ? "level_0" : "index";
    }

    private static String[] prepend(String first, String[] rest) {
        java.util.List<String> all = new java.util.ArrayList<>();
        all.add(first);
        for (String r : rest) {
            if (!r.equals(first)) {
                all.add(r);
            }
        }
        return all.toArray(String[]::new);
    }

    /** {@code f} over the window's rows after each batch. */
    static <R> Stream<R> apply(Stream<Frame> full, Function<? super Frame, ? extends R> fn, String op) {
        Checks.notNull(fn, op + ": function");
        ThrowingFunction<Frame, R> f = fn::apply;
        return full.map(f);
    }

    /** Every column of the frame, in order. */
    static String[] allColumns(Schema schema) {
        return schema.names().toArray(String[]::new);
    }
}
