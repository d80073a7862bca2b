package dev.streamz.dataframe;

import dev.streamz.Stream;
import dev.streamz.ThrowingFunction;
import dev.streamz.dataframe.internal.Agg;
import dev.streamz.dataframe.internal.AllTime;
import dev.streamz.dataframe.internal.Checks;
import dev.streamz.dataframe.internal.Cumulative;
import dev.streamz.dataframe.internal.EwmMean;
import dev.streamz.dataframe.internal.LendingMap;
import dev.streamz.dataframe.internal.LentFrame;
import dev.streamz.dataframe.internal.OutputFrame;
import dev.streamz.dataframe.internal.Slice;
import dev.streamz.dataframe.internal.Windowing;
import dev.streamz.frames.ColumnType;
import dev.streamz.frames.Frame;
import dev.streamz.frames.Schema;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * One column of a {@link StreamingDataFrame} (streamz's streaming {@code Series}). Reductions give an
 * {@link UpdatingScalar}, one value per input batch; {@link #valueCounts()} an {@link UpdatingSeries}; cumulative operations and rolling give a streaming series
 * of new rows. Every result emits exactly once per input batch, empty batches included.
 *
 * <p>Missing values follow pandas: a null, or a NaN in a float64 column, is skipped by every reduction.
 * Results are doubles; whole-number sums, minima and maxima are exact up to 2^53.
 *
 * <p><b>Element-wise operations</b> ({@link #add}, {@link #gt}, {@link #and}, {@link #astype}, ...) build an
 * {@link Expr} over the DataFrame the series came from and give a new series of the same length, named by
 * pandas' rules ({@link Expr#name()}; where pandas has no name, by the expression's text). Such a series
 * computes nothing until something reads it: as an operand of a larger expression, or as the mask of
 * {@link StreamingDataFrame#filter(StreamingSeries)}, only the combined expression runs, once per batch.
 * Series of different DataFrames do not combine (streams of batches are not aligned by index).
 */
public final class StreamingSeries {
    private final StreamingDataFrame sdf;
    private final String column;
    private final int position;
    private final ColumnType type;
    /** The DataFrame whose columns {@link #expr} reads; series of the same origin combine. */
    private final StreamingDataFrame origin;
    private final Expr expr;

    StreamingSeries(StreamingDataFrame sdf, String column) {
        this(sdf, column, sdf, Expr.col(column));
    }

    /** A series whose values are {@code expr} over {@code origin}'s frames, held in column {@code column} of {@code sdf}. */
    private StreamingSeries(StreamingDataFrame sdf, String column, StreamingDataFrame origin, Expr expr) {
        this.sdf = sdf;
        this.column = column;
        this.position = sdf.schema().indexOf(column);
        this.type = sdf.schema().field(position).type();
        this.origin = origin;
        this.expr = expr;
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
    public UpdatingScalar sum() {
        return reduce(Agg.SUM, 1, "sum");
    }

    /**
     * The running mean over all time; NaN while no value has arrived (streamz emits 0 after an empty
     * first batch: a documented difference).
     *
     * @return the running mean
     */
    public UpdatingScalar mean() {
        return reduce(Agg.MEAN, 1, "mean");
    }

    /** {@return the running count of present values} */
    public UpdatingScalar count() {
        return reduce(Agg.COUNT, 1, "count");
    }

    /** {@return the running number of rows, missing ones included} */
    public UpdatingScalar size() {
        return reduce(Agg.SIZE, 1, "size");
    }

    /** {@return the running minimum, NaN before any value} */
    public UpdatingScalar min() {
        return reduce(Agg.MIN, 1, "min");
    }

    /** {@return the running maximum, NaN before any value} */
    public UpdatingScalar max() {
        return reduce(Agg.MAX, 1, "max");
    }

    /**
     * Returns the running variance, NaN while there are at most {@code ddof} values.
     *
     * @param ddof delta degrees of freedom (1: the sample variance, pandas' default)
     * @return the running variance, NaN while there are at most {@code ddof} values
     */
    public UpdatingScalar var(int ddof) {
        return reduce(Agg.VAR, ddof, "var");
    }

    /**
     * Returns the running standard deviation.
     *
     * @param ddof delta degrees of freedom
     * @return the running standard deviation
     */
    public UpdatingScalar std(int ddof) {
        return reduce(Agg.STD, ddof, "std");
    }

    private UpdatingScalar reduce(Agg agg, int ddof, String name) {
        String op = column + "." + name + "()";
        if (agg != Agg.SIZE && agg != Agg.COUNT) {
            Checks.numeric(sdf.schema(), column, op);
        }
        AllTime state = new AllTime();
        Slice s = new Slice();
        boolean exact = type != ColumnType.FLOAT64 && (agg == Agg.SUM || agg == Agg.MIN || agg == Agg.MAX);
        return new UpdatingScalar(op, sdf.stream(), frame -> {
            state.add(Checks.slice(s, frame, position));
            if (exact) {
                return agg != Agg.SUM && state.result(Agg.COUNT, 0) == 0 ? Double.NaN : (double) state.longResult(agg);
            }
            return state.result(agg, ddof);
        });
    }

    /**
     * Per-value counts over all time (streamz's {@code value_counts}), in value order: an updating series
     * indexed by this column's values, its values named {@code count}.
     *
     * @return the counts, replaced once per batch
     */
    public UpdatingSeries valueCounts() {
        return new GroupBy(sdf, column, Windowing.expanding(), "valueCounts").counts();
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
        return new StreamingDataFrame(new LendingMap<>(sdf.stream(), where, frames, f), out, null).col(column);
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
    public UpdatingScalar ewmMean(Ewm decay) {
        Checks.notNull(decay, "ewmMean: decay");
        String op = column + ".ewmMean()";
        Checks.numeric(sdf.schema(), column, op);
        EwmMean state = new EwmMean(decay.alpha());
        Slice s = new Slice();
        return new UpdatingScalar(op, sdf.stream(), frame -> {
            state.add(Checks.slice(s, frame, position));
            return state.value();
        });
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

    // ---- element-wise operations: each builds an Expr over the origin DataFrame ----

    /**
     * This series as an expression over the DataFrame {@code sdf}.
     *
     * @param sdf the DataFrame the caller combines it with
     * @param op the operation, for the error message
     * @return the expression
     * @throws IllegalArgumentException when this series comes from another DataFrame
     */
    Expr exprOver(StreamingDataFrame sdf, String op) {
        if (sdf == origin) {
            return expr;
        }
        if (sdf == this.sdf) {
            return Expr.col(column);
        }
        throw new IllegalArgumentException(op + ": series '" + column + "' belongs to another DataFrame; combine"
                + " series of the same DataFrame (streams of batches are not aligned by index)");
    }

    /** {@return this series as an expression over the columns of the DataFrame it was computed from} */
    public Expr expr() {
        return expr;
    }

    private StreamingSeries derive(Expr e, String op) {
        return derived(origin, e, column + "." + op);
    }

    /**
     * A series computed by an expression over {@code origin}'s columns. Its node is made lazily, when
     * something reads the series itself; as an operand of a larger expression it costs nothing per batch.
     */
    static StreamingSeries derived(StreamingDataFrame origin, Expr e, String where) {
        Schema in = origin.schema();
        CompiledExpr checked = CompiledExpr.of(e, in, where); // type errors now, not at the first batch
        String name = e.columnName();
        String idx = origin.index().orElse(null);
        Schema.Builder b = Schema.builder().column(name, checked.type());
        if (idx != null && !idx.equals(name)) {
            b.column(idx, in.field(in.indexOf(idx)).type());
        }
        Schema out = b.build();
        int indexIn = idx == null ? -1 : in.indexOf(idx);
        boolean withIndex = out.size() > 1;
        Supplier<Stream<Frame>> node = () -> {
            CompiledExpr c = CompiledExpr.of(e, in, where);
            LentFrame frames = new LentFrame(where, out);
            int[] source = withIndex ? new int[] {-1, indexIn} : new int[] {-1};
            ThrowingFunction<Frame, Frame> f = frame -> {
                int rows = frame.rowCount();
                Frame o = frames.next(rows, frame, source);
                c.into(frame, o.column(0).values(), o.column(0).validity());
                if (withIndex) {
                    dev.streamz.dataframe.internal.Rows.copy(frame.column(indexIn), 0, rows, o.column(1));
                }
                o.setRowCount(rows);
                return o;
            };
            return new LendingMap<>(origin.stream(), where, frames, f);
        };
        return new StreamingSeries(new StreamingDataFrame(node, out, withIndex ? idx : null), name, origin, e);
    }

    /**
     * {@code this + other} (see {@link Expr#add}) (series of the same DataFrame, element by element).
     *
     * @param other a series of the same DataFrame
     * @return the result series
     * @throws IllegalArgumentException when {@code other} belongs to another DataFrame or a type does not fit
     */
    public StreamingSeries add(StreamingSeries other) {
        Checks.notNull(other, "add: other");
        return derive(expr.add(other.exprOver(origin, "add")), "add");
    }

    /**
     * {@code this + v} (see {@link Expr#add}).
     *
     * @param v the scalar
     * @return the result series
     * @throws IllegalArgumentException when the column's type does not fit
     */
    public StreamingSeries add(long v) {
        return derive(expr.add(v), "add");
    }

    /**
     * {@code this + v} (see {@link Expr#add}).
     *
     * @param v the scalar
     * @return the result series
     * @throws IllegalArgumentException when the column's type does not fit
     */
    public StreamingSeries add(double v) {
        return derive(expr.add(v), "add");
    }

    /**
     * {@code this - other} (see {@link Expr#sub}) (series of the same DataFrame, element by element).
     *
     * @param other a series of the same DataFrame
     * @return the result series
     * @throws IllegalArgumentException when {@code other} belongs to another DataFrame or a type does not fit
     */
    public StreamingSeries sub(StreamingSeries other) {
        Checks.notNull(other, "sub: other");
        return derive(expr.sub(other.exprOver(origin, "sub")), "sub");
    }

    /**
     * {@code this - v} (see {@link Expr#sub}).
     *
     * @param v the scalar
     * @return the result series
     * @throws IllegalArgumentException when the column's type does not fit
     */
    public StreamingSeries sub(long v) {
        return derive(expr.sub(v), "sub");
    }

    /**
     * {@code this - v} (see {@link Expr#sub}).
     *
     * @param v the scalar
     * @return the result series
     * @throws IllegalArgumentException when the column's type does not fit
     */
    public StreamingSeries sub(double v) {
        return derive(expr.sub(v), "sub");
    }

    /**
     * {@code this * other} (see {@link Expr#mul}) (series of the same DataFrame, element by element).
     *
     * @param other a series of the same DataFrame
     * @return the result series
     * @throws IllegalArgumentException when {@code other} belongs to another DataFrame or a type does not fit
     */
    public StreamingSeries mul(StreamingSeries other) {
        Checks.notNull(other, "mul: other");
        return derive(expr.mul(other.exprOver(origin, "mul")), "mul");
    }

    /**
     * {@code this * v} (see {@link Expr#mul}).
     *
     * @param v the scalar
     * @return the result series
     * @throws IllegalArgumentException when the column's type does not fit
     */
    public StreamingSeries mul(long v) {
        return derive(expr.mul(v), "mul");
    }

    /**
     * {@code this * v} (see {@link Expr#mul}).
     *
     * @param v the scalar
     * @return the result series
     * @throws IllegalArgumentException when the column's type does not fit
     */
    public StreamingSeries mul(double v) {
        return derive(expr.mul(v), "mul");
    }

    /**
     * {@code this / other} (see {@link Expr#div}) (series of the same DataFrame, element by element).
     *
     * @param other a series of the same DataFrame
     * @return the result series
     * @throws IllegalArgumentException when {@code other} belongs to another DataFrame or a type does not fit
     */
    public StreamingSeries div(StreamingSeries other) {
        Checks.notNull(other, "div: other");
        return derive(expr.div(other.exprOver(origin, "div")), "div");
    }

    /**
     * {@code this / v} (see {@link Expr#div}).
     *
     * @param v the scalar
     * @return the result series
     * @throws IllegalArgumentException when the column's type does not fit
     */
    public StreamingSeries div(long v) {
        return derive(expr.div(v), "div");
    }

    /**
     * {@code this / v} (see {@link Expr#div}).
     *
     * @param v the scalar
     * @return the result series
     * @throws IllegalArgumentException when the column's type does not fit
     */
    public StreamingSeries div(double v) {
        return derive(expr.div(v), "div");
    }

    /**
     * {@code this // other} (see {@link Expr#floordiv}) (series of the same DataFrame, element by element).
     *
     * @param other a series of the same DataFrame
     * @return the result series
     * @throws IllegalArgumentException when {@code other} belongs to another DataFrame or a type does not fit
     */
    public StreamingSeries floordiv(StreamingSeries other) {
        Checks.notNull(other, "floordiv: other");
        return derive(expr.floordiv(other.exprOver(origin, "floordiv")), "floordiv");
    }

    /**
     * {@code this // v} (see {@link Expr#floordiv}).
     *
     * @param v the scalar
     * @return the result series
     * @throws IllegalArgumentException when the column's type does not fit
     */
    public StreamingSeries floordiv(long v) {
        return derive(expr.floordiv(v), "floordiv");
    }

    /**
     * {@code this // v} (see {@link Expr#floordiv}).
     *
     * @param v the scalar
     * @return the result series
     * @throws IllegalArgumentException when the column's type does not fit
     */
    public StreamingSeries floordiv(double v) {
        return derive(expr.floordiv(v), "floordiv");
    }

    /**
     * {@code this % other} (see {@link Expr#mod}) (series of the same DataFrame, element by element).
     *
     * @param other a series of the same DataFrame
     * @return the result series
     * @throws IllegalArgumentException when {@code other} belongs to another DataFrame or a type does not fit
     */
    public StreamingSeries mod(StreamingSeries other) {
        Checks.notNull(other, "mod: other");
        return derive(expr.mod(other.exprOver(origin, "mod")), "mod");
    }

    /**
     * {@code this % v} (see {@link Expr#mod}).
     *
     * @param v the scalar
     * @return the result series
     * @throws IllegalArgumentException when the column's type does not fit
     */
    public StreamingSeries mod(long v) {
        return derive(expr.mod(v), "mod");
    }

    /**
     * {@code this % v} (see {@link Expr#mod}).
     *
     * @param v the scalar
     * @return the result series
     * @throws IllegalArgumentException when the column's type does not fit
     */
    public StreamingSeries mod(double v) {
        return derive(expr.mod(v), "mod");
    }

    /**
     * {@code this == other} (see {@link Expr#eq(Expr)}) (series of the same DataFrame, element by element).
     *
     * @param other a series of the same DataFrame
     * @return the result series
     * @throws IllegalArgumentException when {@code other} belongs to another DataFrame or a type does not fit
     */
    public StreamingSeries eq(StreamingSeries other) {
        Checks.notNull(other, "eq: other");
        return derive(expr.eq(other.exprOver(origin, "eq")), "eq");
    }

    /**
     * {@code this == v} (see {@link Expr#eq(Expr)}).
     *
     * @param v the scalar
     * @return the result series
     * @throws IllegalArgumentException when the column's type does not fit
     */
    public StreamingSeries eq(long v) {
        return derive(expr.eq(v), "eq");
    }

    /**
     * {@code this == v} (see {@link Expr#eq(Expr)}).
     *
     * @param v the scalar
     * @return the result series
     * @throws IllegalArgumentException when the column's type does not fit
     */
    public StreamingSeries eq(double v) {
        return derive(expr.eq(v), "eq");
    }

    /**
     * {@code this == v} (see {@link Expr#eq(Expr)}).
     *
     * @param v the scalar
     * @return the result series
     * @throws IllegalArgumentException when the column's type does not fit
     */
    public StreamingSeries eq(String v) {
        return derive(expr.eq(v), "eq");
    }

    /**
     * {@code this != other} (see {@link Expr#ne(Expr)}) (series of the same DataFrame, element by element).
     *
     * @param other a series of the same DataFrame
     * @return the result series
     * @throws IllegalArgumentException when {@code other} belongs to another DataFrame or a type does not fit
     */
    public StreamingSeries ne(StreamingSeries other) {
        Checks.notNull(other, "ne: other");
        return derive(expr.ne(other.exprOver(origin, "ne")), "ne");
    }

    /**
     * {@code this != v} (see {@link Expr#ne(Expr)}).
     *
     * @param v the scalar
     * @return the result series
     * @throws IllegalArgumentException when the column's type does not fit
     */
    public StreamingSeries ne(long v) {
        return derive(expr.ne(v), "ne");
    }

    /**
     * {@code this != v} (see {@link Expr#ne(Expr)}).
     *
     * @param v the scalar
     * @return the result series
     * @throws IllegalArgumentException when the column's type does not fit
     */
    public StreamingSeries ne(double v) {
        return derive(expr.ne(v), "ne");
    }

    /**
     * {@code this != v} (see {@link Expr#ne(Expr)}).
     *
     * @param v the scalar
     * @return the result series
     * @throws IllegalArgumentException when the column's type does not fit
     */
    public StreamingSeries ne(String v) {
        return derive(expr.ne(v), "ne");
    }

    /**
     * {@code this < other} (see {@link Expr#lt(Expr)}) (series of the same DataFrame, element by element).
     *
     * @param other a series of the same DataFrame
     * @return the result series
     * @throws IllegalArgumentException when {@code other} belongs to another DataFrame or a type does not fit
     */
    public StreamingSeries lt(StreamingSeries other) {
        Checks.notNull(other, "lt: other");
        return derive(expr.lt(other.exprOver(origin, "lt")), "lt");
    }

    /**
     * {@code this < v} (see {@link Expr#lt(Expr)}).
     *
     * @param v the scalar
     * @return the result series
     * @throws IllegalArgumentException when the column's type does not fit
     */
    public StreamingSeries lt(long v) {
        return derive(expr.lt(v), "lt");
    }

    /**
     * {@code this < v} (see {@link Expr#lt(Expr)}).
     *
     * @param v the scalar
     * @return the result series
     * @throws IllegalArgumentException when the column's type does not fit
     */
    public StreamingSeries lt(double v) {
        return derive(expr.lt(v), "lt");
    }

    /**
     * {@code this <= other} (see {@link Expr#le(Expr)}) (series of the same DataFrame, element by element).
     *
     * @param other a series of the same DataFrame
     * @return the result series
     * @throws IllegalArgumentException when {@code other} belongs to another DataFrame or a type does not fit
     */
    public StreamingSeries le(StreamingSeries other) {
        Checks.notNull(other, "le: other");
        return derive(expr.le(other.exprOver(origin, "le")), "le");
    }

    /**
     * {@code this <= v} (see {@link Expr#le(Expr)}).
     *
     * @param v the scalar
     * @return the result series
     * @throws IllegalArgumentException when the column's type does not fit
     */
    public StreamingSeries le(long v) {
        return derive(expr.le(v), "le");
    }

    /**
     * {@code this <= v} (see {@link Expr#le(Expr)}).
     *
     * @param v the scalar
     * @return the result series
     * @throws IllegalArgumentException when the column's type does not fit
     */
    public StreamingSeries le(double v) {
        return derive(expr.le(v), "le");
    }

    /**
     * {@code this > other} (see {@link Expr#gt(Expr)}) (series of the same DataFrame, element by element).
     *
     * @param other a series of the same DataFrame
     * @return the result series
     * @throws IllegalArgumentException when {@code other} belongs to another DataFrame or a type does not fit
     */
    public StreamingSeries gt(StreamingSeries other) {
        Checks.notNull(other, "gt: other");
        return derive(expr.gt(other.exprOver(origin, "gt")), "gt");
    }

    /**
     * {@code this > v} (see {@link Expr#gt(Expr)}).
     *
     * @param v the scalar
     * @return the result series
     * @throws IllegalArgumentException when the column's type does not fit
     */
    public StreamingSeries gt(long v) {
        return derive(expr.gt(v), "gt");
    }

    /**
     * {@code this > v} (see {@link Expr#gt(Expr)}).
     *
     * @param v the scalar
     * @return the result series
     * @throws IllegalArgumentException when the column's type does not fit
     */
    public StreamingSeries gt(double v) {
        return derive(expr.gt(v), "gt");
    }

    /**
     * {@code this >= other} (see {@link Expr#ge(Expr)}) (series of the same DataFrame, element by element).
     *
     * @param other a series of the same DataFrame
     * @return the result series
     * @throws IllegalArgumentException when {@code other} belongs to another DataFrame or a type does not fit
     */
    public StreamingSeries ge(StreamingSeries other) {
        Checks.notNull(other, "ge: other");
        return derive(expr.ge(other.exprOver(origin, "ge")), "ge");
    }

    /**
     * {@code this >= v} (see {@link Expr#ge(Expr)}).
     *
     * @param v the scalar
     * @return the result series
     * @throws IllegalArgumentException when the column's type does not fit
     */
    public StreamingSeries ge(long v) {
        return derive(expr.ge(v), "ge");
    }

    /**
     * {@code this >= v} (see {@link Expr#ge(Expr)}).
     *
     * @param v the scalar
     * @return the result series
     * @throws IllegalArgumentException when the column's type does not fit
     */
    public StreamingSeries ge(double v) {
        return derive(expr.ge(v), "ge");
    }

    /**
     * {@code this & other} of BOOLEAN series (Kleene logic with nulls) (series of the same DataFrame, element by element).
     *
     * @param other a series of the same DataFrame
     * @return the result series
     * @throws IllegalArgumentException when {@code other} belongs to another DataFrame or a type does not fit
     */
    public StreamingSeries and(StreamingSeries other) {
        Checks.notNull(other, "and: other");
        return derive(expr.and(other.exprOver(origin, "and")), "and");
    }

    /**
     * {@code this | other} of BOOLEAN series (Kleene logic with nulls) (series of the same DataFrame, element by element).
     *
     * @param other a series of the same DataFrame
     * @return the result series
     * @throws IllegalArgumentException when {@code other} belongs to another DataFrame or a type does not fit
     */
    public StreamingSeries or(StreamingSeries other) {
        Checks.notNull(other, "or: other");
        return derive(expr.or(other.exprOver(origin, "or")), "or");
    }

    /** {@return {@code -this}} */
    public StreamingSeries neg() {
        return derive(expr.neg(), "neg");
    }

    /** {@return {@code ~this} of a BOOLEAN series} */
    public StreamingSeries not() {
        return derive(expr.not(), "not");
    }

    /** {@return pandas' {@code isna()}: true where the row is null, or NaN in a FLOAT64 column} */
    public StreamingSeries isNull() {
        return derive(expr.isNull(), "isNull");
    }

    /** {@return pandas' {@code notna()}} */
    public StreamingSeries notNull() {
        return derive(expr.notNull(), "notNull");
    }

    /**
     * numpy's {@code astype} (see {@link Expr#astype}).
     *
     * @param to the target type
     * @return the converted series
     * @throws IllegalArgumentException when there is no such cast
     */
    public StreamingSeries astype(ColumnType to) {
        return derive(expr.astype(to), "astype");
    }

    /**
     * numpy's {@code round(decimals)}, half to even (see {@link Expr#round}).
     *
     * @param decimals the decimals
     * @return the rounded series
     * @throws IllegalArgumentException when the series is not a number
     */
    public StreamingSeries round(int decimals) {
        return derive(expr.round(decimals), "round");
    }

    /**
     * The slow path: a per-row function, FLOAT64 in and out (pandas' {@code map}); prefer the column
     * operations above, which run as kernels.
     *
     * @param f the function
     * @return the mapped series
     * @throws IllegalArgumentException when the series is not a number
     */
    public StreamingSeries map(java.util.function.DoubleUnaryOperator f) {
        return derive(expr.map(f), "map");
    }

    /**
     * The slow path for integers: a per-row function of an INT64 series into INT64.
     *
     * @param f the function
     * @return the mapped series
     * @throws IllegalArgumentException when the series is FLOAT64 or not a number
     */
    public StreamingSeries mapLong(java.util.function.LongUnaryOperator f) {
        return derive(expr.mapLong(f), "mapLong");
    }
}
