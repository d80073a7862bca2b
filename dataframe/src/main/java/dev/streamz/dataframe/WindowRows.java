package dev.streamz.dataframe;

import dev.streamz.Stream;
import dev.streamz.ThrowingFunction;
import dev.streamz.dataframe.internal.Checks;
import dev.streamz.dataframe.internal.CustomAgg;
import dev.streamz.dataframe.internal.CustomGroupAgg;
import dev.streamz.dataframe.internal.GroupKeys;
import dev.streamz.dataframe.internal.OutputFrame;
import dev.streamz.dataframe.internal.PieceWindow;
import dev.streamz.dataframe.internal.RowStore;
import dev.streamz.dataframe.internal.Slice;
import dev.streamz.dataframe.internal.Windowing;
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

    /** The window's rows of {@code columns} after each batch: one lent frame per batch. */
    static Stream<Frame> full(StreamingDataFrame sdf, String[] columns, Windowing windowing, String op) {
        if (windowing.isExpanding()) {
            throw new UnsupportedOperationException(op + ": an expanding window would keep every row; use "
                    + "window(n) or window(Duration)");
        }
        RowStore store = new RowStore(sdf.schema(), columns);
        PieceWindow window = new PieceWindow(windowing, store);
        OutputFrame frames = new OutputFrame(op, store.schema());
        int ti = timeAt(sdf, windowing);
        Slice times = new Slice();
        ThrowingFunction<Frame, Frame> f = frame -> {
            window.onBatch(frame, ti < 0 ? null : Checks.slice(times, frame, ti), null, null);
            Frame o = frames.next(store.size());
            store.copyTo(o);
            return o;
        };
        return sdf.stream().map(f);
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
