package dev.streamz.dataframe.internal;

import dev.streamz.dataframe.Aggregation;
import dev.streamz.frames.Frame;
import dev.streamz.frames.Schema;

/**
 * A user {@link Aggregation} over all time, {@code expanding()}, {@code window(n)} or
 * {@code window(Duration)}: streamz's {@code window_accumulator}. Per batch: {@code onNew} with the batch's
 * rows, {@code onOld} per piece that left (see {@link PieceWindow}), then the result is read.
 *
 * @param <S> the aggregation's state
 * @param <R> its result
 */
public final class CustomAgg<S, R> implements PieceWindow.Pieces {
    private final Aggregation<S, R> agg;
    private final PieceWindow window;
    private final FrameRows batch;
    private final StoreRows old;
    private final Slice times = new Slice();
    private final int timeAt;
    private Frame current;
    private S state;
    private boolean started;

    /**
     * @param agg the aggregation
     * @param frameSchema the batches' schema
     * @param columns the columns the aggregation sees
     * @param windowing which rows it covers
     * @param timeAt the timestamp index's position (a time window), else -1
     */
    public CustomAgg(Aggregation<S, R> agg, Schema frameSchema, String[] columns, Windowing windowing, int timeAt) {
        this.agg = agg;
        RowStore store = windowing.isExpanding() ? null : new RowStore(frameSchema, columns);
        this.window = new PieceWindow(windowing, store);
        RowStore shape = store != null ? store : new RowStore(frameSchema, columns);
        this.batch = new FrameRows(shape.schema(), shape.positions());
        this.old = store == null ? null : new StoreRows(store);
        this.timeAt = timeAt;
    }

    /**
     * Takes one batch in.
     *
     * @param frame the batch
     * @return the aggregation's result after it
     */
    public R onBatch(Frame frame) {
        if (!started) {
            state = agg.initial(batch.schema());
            started = true;
        }
        state = agg.onNew(state, batch.frame(frame));
        current = frame;
        window.onBatch(frame, timeAt < 0 ? null : Checks.slice(times, frame, timeAt), null, this);
        current = null;
        return agg.result(state);
    }

    @Override
    public void fromStore(long first, int rows) {
        state = agg.onOld(state, old.range(first, rows));
    }

    @Override
    public void fromBatch(int rows) {
        state = agg.onOld(state, batch.frame(current).range(0, rows));
    }
}
