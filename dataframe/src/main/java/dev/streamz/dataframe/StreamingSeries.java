package dev.streamz.dataframe;

import dev.streamz.Stream;
import dev.streamz.ThrowingFunction;
import dev.streamz.dataframe.internal.Agg;
import dev.streamz.dataframe.internal.AllTime;
import dev.streamz.dataframe.internal.Checks;
import dev.streamz.dataframe.internal.Cumulative;
import dev.streamz.dataframe.internal.EwmMean;
import dev.streamz.dataframe.internal.OutputFrame;
import dev.streamz.dataframe.internal.Slice;
import dev.streamz.dataframe.internal.Windowing;
import dev.streamz.frames.ColumnType;
import dev.streamz.frames.Frame;
import dev.streamz.frames.Schema;

import java.time.Duration;
import java.util.Map;

/**
 * One column of a {@link StreamingDataFrame} (streamz's streaming {@code Series}). Reductions give an
 * updating scalar, one value per input batch; cumulative operations and rolling give a streaming series
 * of new rows. Every result emits exactly once per input batch, empty batches included.
 *
 * <p>Missing values follow pandas: a null, or a NaN in a float64 column, is skipped by every reduction.
 * Results are doubles; whole-number sums, minima and maxima are exact up to 2^53.
 */
public final class StreamingSeries {
    private final StreamingDataFrame sdf;
    private final String column;
    private final int position;
    private final ColumnType type;

    StreamingSeries(StreamingDataFrame sdf, String column) {
        this.sdf = sdf;
        this.column = column;
        this.position = sdf.schema().indexOf(column);
        this.type = sdf.schema().field(position).type();
    }

    /** {@return the column's name} */
    public String name() {
        return column;
    }

    /** {@return the column's type} */
    public ColumnType type() {
        return type;
    }

    /** {@return the DataFrame this column belongs to} */
    public StreamingDataFrame frame() {
        return sdf;
    }

    /** {@return the running sum over all time (0 before any value)} */
    public Stream<Double> sum() {
        return reduce(Agg.SUM, 1, "sum");
    }

    /**
     * The running mean over all time; NaN while no value has arrived (streamz emits 0 after an empty
     * first batch: a documented difference).
     *
     * @return the running mean
     */
    public Stream<Double> mean() {
        return reduce(Agg.MEAN, 1, "mean");
    }

    /** {@return the running count of present values} */
    public Stream<Double> count() {
        return reduce(Agg.COUNT, 1, "count");
    }

    /** {@return the running number of rows, missing ones included} */
    public Stream<Double> size() {
        return reduce(Agg.SIZE, 1, "size");
    }

    /** {@return the running minimum, NaN before any value} */
    public Stream<Double> min() {
        return reduce(Agg.MIN, 1, "min");
    }

    /** {@return the running maximum, NaN before any value} */
    public Stream<Double> max() {
        return reduce(Agg.MAX, 1, "max");
    }

    /**
     * Returns the running variance, NaN while there are at most {@code ddof} values.
     *
     * @param ddof delta degrees of freedom (1: the sample variance, pandas' default)
     * @return the running variance, NaN while there are at most {@code ddof} values
     */
    public Stream<Double> var(int ddof) {
        return reduce(Agg.VAR, ddof, "var");
    }

    /**
     * Returns the running standard deviation.
     *
     * @param ddof delta degrees of freedom
     * @return the running standard deviation
     */
    public Stream<Double> std(int ddof) {
        return reduce(Agg.STD, ddof, "std");
    }

    private Stream<Double> reduce(Agg agg, int ddof, String name) {
        String op = column + "." + name + "()";
        if (agg != Agg.SIZE && agg != Agg.COUNT) {
            Checks.numeric(sdf.schema(), column, op);
        }
        AllTime state = new AllTime();
        Slice s = new Slice();
        boolean exact = type != ColumnType.FLOAT64 && (agg == Agg.SUM || agg == Agg.MIN || agg == Agg.MAX);
        ThrowingFunction<Frame, Double> f = frame -> {
            state.add(Checks.slice(s, frame, position));
            if (exact) {
                return agg != Agg.SUM && state.result(Agg.COUNT, 0) == 0 ? Double.NaN : (double) state.longResult(agg);
            }
            return state.result(agg, ddof);
        };
        return sdf.stream().map(f);
    }

    /**
     * Per-value counts over all time (streamz's {@code value_counts}), in value order.
     *
     * @return one map per batch from value to count
     */
    public Stream<Map<Object, Double>> valueCounts() {
        return new GroupBy(sdf, column, Windowing.expanding(), "valueCounts").size();
    }

    /** {@return the running sum of each new row (a streaming series)} */
    public StreamingSeries cumsum() {
        return cumulative(Cumulative.Op.CUMSUM, "cumsum");
    }

    /** {@return the running product of each new row} */
    public StreamingSeries cumprod() {
        return cumulative(Cumulative.Op.CUMPROD, "cumprod");
    }

    /** {@return the running minimum at each new row} */
    public StreamingSeries cummin() {
        return cumulative(Cumulative.Op.CUMMIN, "cummin");
    }

    /** {@return the running maximum at each new row} */
    public StreamingSeries cummax() {
        return cumulative(Cumulative.Op.CUMMAX, "cummax");
    }

    private StreamingSeries cumulative(Cumulative.Op op, String name) {
        String where = column + "." + name + "()";
        Checks.numeric(sdf.schema(), column, where);
        ColumnType outType = type == ColumnType.FLOAT64 ? ColumnType.FLOAT64 : ColumnType.INT64;
        Schema out = Schema.of(new Schema.Field(column, outType));
        Cumulative state = new Cumulative(op);
        OutputFrame frames = new OutputFrame(where, out);
        Slice s = new Slice();
        ThrowingFunction<Frame, Frame> f = frame -> {
            int rows = frame.rowCount();
            Frame o = frames.next(rows);
            state.apply(Checks.slice(s, frame, position), o.column(0).values(), o.column(0).validity());
            o.setRowCount(rows);
            return o;
        };
        return new StreamingDataFrame(sdf.stream().map(f), out, null).col(column);
    }

    /**
     * Aggregates over the last {@code n} rows (streamz's {@code window(n)}).
     *
     * @param n rows, at least 1
     * @return the window
     * @throws IllegalArgumentException when n is below 1
     */
    public WindowedSeries window(int n) {
        String op = column + ".window(" + n + ")";
        return new WindowedSeries(this, Windowing.lastRows(Checks.positive(n, op)), op);
    }

    /**
     * Aggregates over the interval {@code (newest − d, newest]} of the timestamp index.
     *
     * @param d the duration, above zero
     * @return the window
     * @throws IllegalArgumentException when d is not above zero or the index is not a timestamp
     */
    public WindowedSeries window(Duration d) {
        String op = column + ".window(" + d + ")";
        long nanos = Checks.positive(d, op);
        Checks.timeIndex(sdf.schema(), sdf.index().orElse(null), op);
        return new WindowedSeries(this, Windowing.lastNanos(nanos), op);
    }

    /** {@return aggregates over every row so far (streamz's {@code expanding()})} */
    public WindowedSeries expanding() {
        return new WindowedSeries(this, Windowing.expanding(), column + ".expanding()");
    }

    /**
     * Per-row aggregates over the last {@code n} rows, across batch boundaries (pandas'
     * {@code rolling(n)}): NaN until the window holds {@code n} present values (COUNT excepted).
     *
     * @param n rows, at least 1
     * @return the rolling window
     * @throws IllegalArgumentException when n is below 1
     */
    public Rolling rolling(int n) {
        String op = column + ".rolling(" + n + ")";
        return new Rolling(this, Checks.positive(n, op), 0, n, op);
    }

    /**
     * Per-row aggregates over {@code (t − d, t]} of each row's timestamp (pandas' {@code rolling('2s')},
     * which needs one present value).
     *
     * @param d the duration, above zero
     * @return the rolling window
     * @throws IllegalArgumentException when d is not above zero or the index is not a timestamp
     */
    public Rolling rolling(Duration d) {
        String op = column + ".rolling(" + d + ")";
        long nanos = Checks.positive(d, op);
        Checks.timeIndex(sdf.schema(), sdf.index().orElse(null), op);
        return new Rolling(this, 0, nanos, 1, op);
    }

    /**
     * The exponentially weighted mean after each batch (pandas' {@code ewm(...).mean()} with
     * {@code adjust=True}): NaN until the first present value; missing rows decay the weights as pandas'.
     *
     * @param decay how fast old rows lose weight
     * @return the mean after each batch's last row
     */
    public Stream<Double> ewmMean(Ewm decay) {
        Checks.notNull(decay, "ewmMean: decay");
        Checks.numeric(sdf.schema(), column, column + ".ewmMean()");
        EwmMean state = new EwmMean(decay.alpha());
        Slice s = new Slice();
        ThrowingFunction<Frame, Double> f = frame -> {
            state.add(Checks.slice(s, frame, position));
            return state.value();
        };
        return sdf.stream().map(f);
    }

    int position() {
        return position;
    }

    // ---------------------------------------------------------------- user aggregations

    /**
     * A user aggregation of this column over all time (streamz's {@code sdf.x.aggregate(agg)}): its
     * {@link Rows} hold the one column.
     *
     * @param agg the aggregation
     * @param <S> its state
     * @param <R> its result
     * @return one result per input batch
     */
    public <S, R> Stream<R> aggregate(Aggregation<S, R> agg) {
        return WindowRows.aggregate(sdf, new String[] {column}, Windowing.expanding(), agg, column + ".aggregate");
    }
}
