package dev.streamz.dataframe;

import dev.streamz.Stream;
import dev.streamz.dataframe.internal.Agg;
import dev.streamz.dataframe.internal.Checks;
import dev.streamz.dataframe.internal.Slice;
import dev.streamz.dataframe.internal.WindowAgg;
import dev.streamz.dataframe.internal.Windowing;
import dev.streamz.frames.Frame;

import java.util.function.Function;

/**
 * A window over a streaming DataFrame's rows ({@link StreamingDataFrame#window(int)},
 * {@link StreamingDataFrame#window(java.time.Duration)}): its rows ({@link #full()}, {@link #apply}), a user
 * {@link Aggregation} over them, per-column aggregates, and windowed group-bys. One column's windowed
 * aggregates: {@link #col(String)}, or {@link StreamingSeries#window(int)}.
 */
public final class Window {
    private final StreamingDataFrame sdf;
    private final Windowing windowing;
    private final String op;

    Window(StreamingDataFrame sdf, Windowing windowing, String op) {
        this.sdf = sdf;
        this.windowing = windowing;
        this.op = op;
    }

    /**
     * Group-by within the window (streamz's {@code window(n).groupby('k')}): a group whose rows all left
     * the window disappears from the results.
     *
     * @param key the key column
     * @return the grouping
     * @throws IllegalArgumentException when there is no such column
     */
    public GroupBy groupby(String key) {
        return new GroupBy(sdf, key, windowing, op + ".groupby");
    }

    // ---------------------------------------------------------------- the window's rows, user aggregations

    /**
     * One column's aggregates within this window (pandas' {@code sdf.window(n).x}).
     *
     * @param column the column
     * @return the windowed column
     * @throws IllegalArgumentException when there is no such column
     */
    public WindowedSeries col(String column) {
        Checks.column(sdf.schema(), column, op + ".col");
        return new WindowedSeries(new StreamingSeries(sdf, column), windowing, op + "." + column);
    }

    /**
     * The rows the window holds after each batch (streamz's {@code window(...).full()}), oldest first: an
     * updating DataFrame whose index (column 0) is the DataFrame's index column, or {@code index} (each
     * row's number since the first batch, pandas' default index) when {@code setIndex} named none, then
     * the other columns. Each emission is a lent frame, valid until the next; copying the window costs its
     * size per batch, so prefer the built-in aggregations where they suffice.
     *
     * @return the window's rows, once per input batch
     */
    public UpdatingDataFrame full() {
        String[] all = WindowRows.allColumns(sdf.schema());
        return new UpdatingDataFrame(WindowRows.full(sdf, all, windowing, op + ".full()"), WindowRows.fullSchema(sdf, all));
    }

    /**
     * A function of the rows the window holds, after each batch (streamz's {@code window(...).apply(f)}):
     * {@code f} gets the lent frame {@link #full()} would emit.
     *
     * @param f the function, given the lent frame {@link #full()} would emit; it must not keep the frame
     *          beyond the call without {@link Frame#retain()}
     * @param <R> its result
     * @return one result per input batch
     */
    public <R> Stream<R> apply(Function<? super Frame, ? extends R> f) {
        Checks.notNull(f, op + ".apply: function");
        return WindowRows.apply(full().stream(), f, op + ".apply");
    }

    /**
     * A user aggregation over the window's rows, all columns (streamz's {@code window(...).aggregate(agg)}):
     * {@code onNew} per batch, {@code onOld} per piece of an earlier batch that left.
     *
     * @param agg the aggregation
     * @param <S> its state
     * @param <R> its result
     * @return one result per input batch
     */
    public <S, R> Stream<R> aggregate(Aggregation<S, R> agg) {
        return WindowRows.aggregate(sdf, WindowRows.allColumns(sdf.schema()), windowing, agg, op + ".aggregate");
    }

    // ---------------------------------------------------------------- every column's aggregate

    /**
     * Rows × columns in the window (streamz's {@code window(n).size}); the index is not a column.
     *
     * @return the size, once per input batch
     */
    public UpdatingScalar size() {
        String index = sdf.index().orElse(null);
        long columns = sdf.schema().names().stream().filter(n -> !n.equals(index)).count();
        int ti = WindowRows.timeAt(sdf, windowing);
        WindowAgg rows = new WindowAgg(windowing, false, false);
        Slice any = new Slice();
        Slice times = new Slice();
        return new UpdatingScalar(op + ".size", sdf.stream(), frame -> {
            rows.onBatch(Checks.slice(any, frame, 0), null, ti < 0 ? null : Checks.slice(times, frame, ti));
            return (double) rows.window().rows() * columns;
        });
    }

    /** {@return the sum of each numeric column in the window (0 where there is no value)} */
    public UpdatingSeries sum() {
        return sdf.reduceColumns(windowing, Agg.SUM, 1, op + ".sum()");
    }

    /** {@return the mean of each numeric column in the window, NaN where there is no value} */
    public UpdatingSeries mean() {
        return sdf.reduceColumns(windowing, Agg.MEAN, 1, op + ".mean()");
    }

    /** {@return the number of present values of each numeric column in the window} */
    public UpdatingSeries count() {
        return sdf.reduceColumns(windowing, Agg.COUNT, 1, op + ".count()");
    }

    /** {@return the smallest value of each numeric column in the window, NaN where there is none} */
    public UpdatingSeries min() {
        return sdf.reduceColumns(windowing, Agg.MIN, 1, op + ".min()");
    }

    /** {@return the largest value of each numeric column in the window, NaN where there is none} */
    public UpdatingSeries max() {
        return sdf.reduceColumns(windowing, Agg.MAX, 1, op + ".max()");
    }

    /**
     * Returns the variance of each numeric column in the window.
     *
     * @param ddof delta degrees of freedom (1: the sample variance, pandas' default)
     * @return the variances, NaN where a column has at most {@code ddof} values
     */
    public UpdatingSeries var(int ddof) {
        return sdf.reduceColumns(windowing, Agg.VAR, ddof, op + ".var()");
    }

    /**
     * Returns the standard deviation of each numeric column in the window.
     *
     * @param ddof delta degrees of freedom
     * @return the standard deviations
     */
    public UpdatingSeries std(int ddof) {
        return sdf.reduceColumns(windowing, Agg.STD, ddof, op + ".std()");
    }

    // ---------------------------------------------------------------- group-by on an expression

    /**
     * Group-by within the window on an expression ({@code window(n).groupby(sdf.x % 2)}), as
     * {@link StreamingDataFrame#groupby(Expr)}.
     *
     * @param key the key expression
     * @return the grouping
     * @throws IllegalArgumentException when the expression does not fit the schema or is not a key type
     */
    public GroupBy groupby(Expr key) {
        return GroupBy.onExpression(sdf, key, windowing, op + ".groupby");
    }

    /**
     * Group-by within the window on a series of the DataFrame.
     *
     * @param key a series computed from the DataFrame's columns
     * @return the grouping
     * @throws IllegalArgumentException when the series belongs to another DataFrame or is not a key type
     */
    public GroupBy groupby(StreamingSeries key) {
        Checks.notNull(key, op + ".groupby: key");
        return groupby(key.exprOver(sdf, op + ".groupby"));
    }
}
