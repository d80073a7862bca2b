package dev.streamz.dataframe.internal;

import dev.streamz.dataframe.Aggregation;
import dev.streamz.frames.Frame;
import dev.streamz.frames.Schema;

import java.lang.foreign.MemorySegment;

/**
 * A user {@link Aggregation} per row over a rolling window ({@code rolling(n).aggregate(agg)},
 * {@code rolling(Duration).aggregate(agg)}): for each new row, {@code onNew} with that row, {@code onOld}
 * with the rows it pushed out of the window (the oldest beyond {@code n}, or those at or before
 * {@code t − d}), then the result, as a double, is that row's output. The window reaches back across
 * batch boundaries; its rows are kept in a {@link RowStore}.
 *
 * @param <S> the aggregation's state
 */
public final class CustomRolling<S> {
    private final Aggregation<S, ? extends Number> agg;
    private final long rows;
    private final long nanos;
    private final RowStore store;
    private final FrameRows batch;
    private final StoreRows old;
    private S state;
    private boolean started;

    /**
     * @param agg the aggregation
     * @param frameSchema the batches' schema
     * @param columns the columns it sees
     * @param rows the window's rows (0 for a time window)
     * @param nanos the window's duration (0 for a row window)
     */
    public CustomRolling(Aggregation<S, ? extends Number> agg, Schema frameSchema, String[] columns, long rows,
                         long nanos) {
        this.agg = agg;
        this.rows = rows;
        this.nanos = nanos;
        this.store = new RowStore(frameSchema, columns);
        this.batch = new FrameRows(store.schema(), store.positions());
        this.old = new StoreRows(store);
    }

    /**
     * Computes the new rows' outputs.
     *
     * @param frame the batch
     * @param times its timestamp index (a time window), else {@code null}
     * @param out float64 output values, one per row
     */
    public void onBatch(Frame frame, Slice times, MemorySegment out) {
        if (!started) {
            state = agg.initial(store.schema());
            started = true;
        }
        int n = frame.rowCount();
        batch.frame(frame);
        for (int i = 0; i < n; i++) {
            state = agg.onNew(state, batch.range(i, 1));
            store.append(frame, i, i + 1, times, null);
            long first = store.head();
            long end = first;
            if (rows > 0) {
                end = Math.max(first, store.tail() - rows);
            } else {
                long bound = times.l(i) - nanos;
                while (end < store.tail() && store.timestamp(end) <= bound) {
                    end++;
                }
            }
            if (end > first) {
                state = agg.onOld(state, old.range(first, (int) (end - first)));
                store.dropBefore(end);
            }
            Number r = agg.result(state);
            out.setAtIndex(Slice.DOUBLE_LE, i, r == null ? Double.NaN : r.doubleValue());
        }
    }
}
