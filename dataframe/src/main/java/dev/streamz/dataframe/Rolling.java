package dev.streamz.dataframe;

import dev.streamz.ThrowingFunction;
import dev.streamz.dataframe.internal.Agg;
import dev.streamz.dataframe.internal.Checks;
import dev.streamz.dataframe.internal.LendingMap;
import dev.streamz.dataframe.internal.OutputFrame;
import dev.streamz.dataframe.internal.RollingAgg;
import dev.streamz.dataframe.internal.Slice;
import dev.streamz.frames.ColumnType;
import dev.streamz.frames.Frame;
import dev.streamz.frames.Schema;

/**
 * Per-row aggregates over a rolling window that reaches back across batch boundaries
 * ({@link StreamingSeries#rolling(int)}, {@link StreamingSeries#rolling(java.time.Duration)}): each
 * result is a streaming float64 series with one value per new row, as pandas' {@code rolling}.
 */
public final class Rolling {
    private final StreamingSeries series;
    private final long rows;
    private final long nanos;
    private final long minPeriods;
    private final String op;

    Rolling(StreamingSeries series, long rows, long nanos, long minPeriods, String op) {
        this.series = series;
        this.rows = rows;
        this.nanos = nanos;
        this.minPeriods = minPeriods;
        this.op = op;
    }

    /** {@return rolling sums} */
    public StreamingSeries sum() {
        return aggregate(Agg.SUM, 1, 0.5, "sum");
    }

    /** {@return rolling means} */
    public StreamingSeries mean() {
        return aggregate(Agg.MEAN, 1, 0.5, "mean");
    }

    /** {@return rolling counts of present values (never NaN)} */
    public StreamingSeries count() {
        return aggregate(Agg.COUNT, 1, 0.5, "count");
    }

    /** {@return rolling minima} */
    public StreamingSeries min() {
        return aggregate(Agg.MIN, 1, 0.5, "min");
    }

    /** {@return rolling maxima} */
    public StreamingSeries max() {
        return aggregate(Agg.MAX, 1, 0.5, "max");
    }

    /** {@return rolling medians} */
    public StreamingSeries median() {
        return aggregate(Agg.MEDIAN, 1, 0.5, "median");
    }

    /**
     * Returns rolling quantiles.
     *
     * @param q the quantile, in [0, 1] (linear interpolation, pandas' default)
     * @return rolling quantiles
     * @throws IllegalArgumentException when q is outside [0, 1]
     */
    public StreamingSeries quantile(double q) {
        if (!(q >= 0 && q <= 1)) {
            throw new IllegalArgumentException(op + ".quantile: q must be in [0, 1], got " + q);
        }
        return aggregate(Agg.QUANTILE, 1, q, "quantile");
    }

    /**
     * Returns rolling variances.
     *
     * @param ddof delta degrees of freedom (1: the sample variance)
     * @return rolling variances
     */
    public StreamingSeries var(int ddof) {
        return aggregate(Agg.VAR, ddof, 0.5, "var");
    }

    /**
     * Returns rolling standard deviations.
     *
     * @param ddof delta degrees of freedom
     * @return rolling standard deviations
     */
    public StreamingSeries std(int ddof) {
        return aggregate(Agg.STD, ddof, 0.5, "std");
    }

    private StreamingSeries aggregate(Agg agg, int ddof, double q, String name) {
        StreamingDataFrame sdf = series.frame();
        String where = op + "." + name + "()";
        Checks.numeric(sdf.schema(), series.name(), where);
        int vi = series.position();
        int ti = nanos > 0 ? sdf.schema().indexOf(sdf.index().orElseThrow()) : -1;
        Schema out = ti < 0 ? Schema.of(new Schema.Field(series.name(), ColumnType.FLOAT64))
                : Schema.of(new Schema.Field(sdf.index().orElseThrow(), ColumnType.TIMESTAMP),
                        new Schema.Field(series.name(), ColumnType.FLOAT64));
        RollingAgg state = new RollingAgg(rows, nanos, minPeriods, agg, ddof, q);
        OutputFrame frames = new OutputFrame(where, out);
        Slice values = new Slice();
        Slice times = new Slice();
        int valueAt = ti < 0 ? 0 : 1;
        ThrowingFunction<Frame, Frame> f = frame -> {
            int n = frame.rowCount();
            Frame o = frames.next(n);
            state.onBatch(Checks.slice(values, frame, vi), ti < 0 ? null : Checks.slice(times, frame, ti),
                    o.column(valueAt).values());
            OutputFrame.allPresent(o.column(valueAt).validity(), n);
            if (ti >= 0) {
                // The output keeps the index: copy the timestamps (one bulk copy per batch).
                o.column(0).values().copyFrom(frame.column(ti).values().asSlice(0, 8L * n));
                OutputFrame.allPresent(o.column(0).validity(), n);
            }
            o.setRowCount(n);
            return o;
        };
        StreamingDataFrame result = new StreamingDataFrame(new LendingMap<>(sdf.stream(), where, frames, f), out,
                ti < 0 ? null : sdf.index().orElseThrow());
        return result.col(series.name());
    }

    // ---------------------------------------------------------------- user aggregations

    /**
     * A user aggregation per row over its rolling window: for each new row, {@code onNew} with that row and
     * {@code onOld} with the rows it pushed out, then the result is the row's output. The aggregation sees
     * every row of the window from the first (no {@code min_periods}): it decides what a short window gives.
     *
     * @param agg the aggregation; its {@link Rows} hold this column
     * @param <S> its state
     * @return a streaming float64 series, one value per new row
     */
    public <S> StreamingSeries aggregate(Aggregation<S, ? extends Number> agg) {
        StreamingDataFrame sdf = series.frame();
        String where = op + ".aggregate";
        dev.streamz.dataframe.internal.Checks.notNull(agg, where + ": aggregation");
        int ti = nanos > 0 ? sdf.schema().indexOf(sdf.index().orElseThrow()) : -1;
        Schema out = ti < 0 ? Schema.of(new Schema.Field(series.name(), ColumnType.FLOAT64))
                : Schema.of(new Schema.Field(sdf.index().orElseThrow(), ColumnType.TIMESTAMP),
                        new Schema.Field(series.name(), ColumnType.FLOAT64));
        dev.streamz.dataframe.internal.CustomRolling<S> state = new dev.streamz.dataframe.internal.CustomRolling<>(
                agg, sdf.schema(), new String[] {series.name()}, rows, nanos);
        OutputFrame frames = new OutputFrame(where, out);
        Slice times = new Slice();
        int valueAt = ti < 0 ? 0 : 1;
        ThrowingFunction<Frame, Frame> f = frame -> {
            int n = frame.rowCount();
            Frame o = frames.next(n);
            state.onBatch(frame, ti < 0 ? null : Checks.slice(times, frame, ti), o.column(valueAt).values());
            OutputFrame.allPresent(o.column(valueAt).validity(), n);
            if (ti >= 0) {
                o.column(0).values().copyFrom(frame.column(ti).values().asSlice(0, 8L * n));
                OutputFrame.allPresent(o.column(0).validity(), n);
            }
            o.setRowCount(n);
            return o;
        };
        StreamingDataFrame result = new StreamingDataFrame(new LendingMap<>(sdf.stream(), where, frames, f), out,
                ti < 0 ? null : sdf.index().orElseThrow());
        return result.col(series.name());
    }
}
