package dev.streamz.dataframe;

import dev.streamz.Stream;
import dev.streamz.ThrowingFunction;
import dev.streamz.dataframe.internal.Agg;
import dev.streamz.dataframe.internal.AllTime;
import dev.streamz.dataframe.internal.Checks;
import dev.streamz.dataframe.internal.ColumnCopy;
import dev.streamz.dataframe.internal.LendingMap;
import dev.streamz.dataframe.internal.OutputFrame;
import dev.streamz.dataframe.internal.Slice;
import dev.streamz.dataframe.internal.TopRows;
import dev.streamz.frames.Column;
import dev.streamz.frames.ColumnType;
import dev.streamz.frames.Frame;
import dev.streamz.frames.Schema;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An updating series (streamz's {@code Seriess}, such as {@code sdf.groupby('k').x.sum()} or
 * {@code sdf.x.value_counts()}): once per input batch, empty batches included, a whole series that
 * replaces the last one. Each emission is a two-column {@link Frame}: column 0 is the index (the group
 * key, or the counted value), column 1 the float64 values, one row per label in index order.
 *
 * <pre>{@code
 * UpdatingSeries means = sdf.groupby("name").mean("amount");
 * means.toMaps().sink(m -> System.out.println(m));          // {Alice=20.0, Bob=20.0}
 * means.stream().sink(f -> draw(f.column(0), f.column(1))); // the frame itself, no per-label objects
 * }</pre>
 *
 * <p><b>As an input</b> ({@link #from}, or any result above): reductions ({@link #sum()}, {@link #mean()},
 * ...) give an {@link UpdatingScalar} computed over each emission alone, as pandas computes them on the
 * current series; {@link #tail(int)}, {@link #nlargest(int)} and {@link #filter(Expr)} give an updating series.
 *
 * <p><b>Frames are lent.</b> An emitted frame is valid until the operation's next emission and is then
 * overwritten; {@link Frame#retain()} one to keep it (the operation then writes into a fresh frame), and
 * release it when done. Nodes and rings that keep it (a {@code slidingWindow}, an {@code async()} in the
 * compiled runtime) hold it through the {@code RefCounter} in its metadata, with the same effect. {@link #toMaps()} copies each emission into a map, which is simpler and allocates
 * per label.
 */
public final class UpdatingSeries {
    private final Stream<Frame> stream;
    private final Schema schema;

    /**
     * @param stream the emitted frames
     * @param schema their schema: the index column, then the values column
     */
    UpdatingSeries(Stream<Frame> stream, Schema schema) {
        this.stream = stream;
        this.schema = schema;
    }

    /**
     * An updating series over a stream of whole series (streamz's {@code Seriess(stream, example)}): each
     * frame replaces the last. Column 0 of {@code example} is the index, column 1 the values, which must be
     * numeric (int32, int64, float64 or boolean).
     *
     * @param series the series, one frame per emission
     * @param example the schema of every frame: index, then values
     * @return the updating series
     * @throws NullPointerException when an argument is null
     * @throws IllegalArgumentException when the example does not have two columns or the values are not numeric
     */
    public static UpdatingSeries from(Stream<Frame> series, Schema example) {
        String op = "UpdatingSeries.from";
        Checks.notNull(series, op + ": stream");
        Checks.notNull(example, op + ": example");
        if (example.size() != 2) {
            throw new IllegalArgumentException(op + ": the example needs 2 columns (index, values), got " + example);
        }
        Checks.numeric(example, example.field(1).name(), op);
        ThrowingFunction<Frame, Frame> check = f -> Checks.batch(f, example, op);
        return new UpdatingSeries(series.map(check), example);
    }

    /** {@return the values' name: the aggregated column, or {@code count} / {@code size}} */
    public String name() {
        return schema.field(1).name();
    }

    /** {@return the index column's name (the group key, or the counted column)} */
    public String index() {
        return schema.field(0).name();
    }

    /** {@return the schema of every emitted frame: the index, then the values} */
    public Schema schema() {
        return schema;
    }

    /** {@return the emitted series, one lent frame per input batch} */
    public Stream<Frame> stream() {
        return stream;
    }

    /**
     * Each emission as an ordered map from label to value (what pandas' {@code Series.to_dict()} gives):
     * int keys as {@code Long}, category labels as {@code String}, booleans as {@code Boolean}.
     *
     * @return one new map per input batch
     */
    public Stream<Map<Object, Double>> toMaps() {
        ThrowingFunction<Frame, Map<Object, Double>> f = UpdatingSeries::toMap;
        return stream.map(f);
    }

    /** {@return the sum of each emission (0 for an empty one)} */
    public UpdatingScalar sum() {
        return reduce(Agg.SUM, 1, "sum");
    }

    /** {@return the mean of each emission's present values, NaN when there are none} */
    public UpdatingScalar mean() {
        return reduce(Agg.MEAN, 1, "mean");
    }

    /** {@return the number of present values of each emission} */
    public UpdatingScalar count() {
        return reduce(Agg.COUNT, 1, "count");
    }

    /** {@return the number of rows of each emission, missing values included} */
    public UpdatingScalar size() {
        return reduce(Agg.SIZE, 1, "size");
    }

    /** {@return the smallest value of each emission, NaN when there is none} */
    public UpdatingScalar min() {
        return reduce(Agg.MIN, 1, "min");
    }

    /** {@return the largest value of each emission, NaN when there is none} */
    public UpdatingScalar max() {
        return reduce(Agg.MAX, 1, "max");
    }

    /**
     * Returns the variance of each emission.
     *
     * @param ddof delta degrees of freedom (1: the sample variance, pandas' default)
     * @return the variance, NaN while an emission has at most {@code ddof} values
     */
    public UpdatingScalar var(int ddof) {
        return reduce(Agg.VAR, ddof, "var");
    }

    /**
     * Returns the standard deviation of each emission.
     *
     * @param ddof delta degrees of freedom
     * @return the standard deviation
     */
    public UpdatingScalar std(int ddof) {
        return reduce(Agg.STD, ddof, "std");
    }

    private UpdatingScalar reduce(Agg agg, int ddof, String what) {
        String op = name() + "." + what + "()";
        boolean integral = schema.field(1).type() != ColumnType.FLOAT64;
        AllTime state = new AllTime();
        Slice s = new Slice();
        return new UpdatingScalar(op, stream, frame -> {
            state.reset();
            state.add(Checks.slice(s, frame, 1));
            return state.value(agg, ddof, integral);
        });
    }

    /**
     * The last {@code n} rows of each emission (pandas' {@code tail(n)}).
     *
     * @param n rows, at least 0
     * @return the updating series of those rows
     * @throws IllegalArgumentException when n is negative
     */
    public UpdatingSeries tail(int n) {
        String op = name() + ".tail(" + n + ")";
        nonNegative(n, op);
        TopRows top = new TopRows();
        return new UpdatingSeries(choose(stream, schema, op, frame -> top.tail(frame.rowCount(), n), top), schema);
    }

    /**
     * The {@code n} largest values of each emission, largest first (pandas' {@code nlargest(n)}): missing
     * values are dropped, ties keep the earlier row.
     *
     * @param n rows, at least 0
     * @return the updating series of those rows
     * @throws IllegalArgumentException when n is negative
     */
    public UpdatingSeries nlargest(int n) {
        String op = name() + ".nlargest(" + n + ")";
        nonNegative(n, op);
        TopRows top = new TopRows();
        Slice s = new Slice();
        return new UpdatingSeries(choose(stream, schema, op, frame -> top.largest(Checks.slice(s, frame, 1), n), top),
                schema);
    }

    /**
     * The labels of each emission where {@code mask} is true (pandas' {@code s[s > 2]} on the current
     * series), e.g. {@code sums.filter(Expr.col(sums.name()).gt(100))}: the groups whose sum is above 100.
     *
     * @param mask a boolean expression over the values column (and the index column)
     * @return the updating series of those labels
     * @throws IllegalArgumentException naming {@code filter} when a column is unknown or the mask is not boolean
     */
    public UpdatingSeries filter(Expr mask) {
        StreamingDataFrame r = new StreamingDataFrame(stream, schema, index()).filter(mask);
        return new UpdatingSeries(r.stream(), r.schema());
    }

    static void nonNegative(int n, String op) {
        if (n < 0) {
            throw new IllegalArgumentException(op + ": n must be at least 0, got " + n);
        }
    }

    /** Emits, per input frame, the rows {@code chosen} picks (all columns), into a lent output frame. */
    static Stream<Frame> choose(Stream<Frame> in, Schema schema, String op,
                                java.util.function.ToIntFunction<Frame> chosen, TopRows top) {
        OutputFrame frames = new OutputFrame(op, schema);
        ThrowingFunction<Frame, Frame> f = frame -> {
            int k = chosen.applyAsInt(frame);
            Frame o = frames.next(k);
            for (int c = 0; c < schema.size(); c++) {
                ColumnCopy.gather(frame.column(c), top.rows(), k, o.column(c));
            }
            o.setRowCount(k);
            return o;
        };
        return new LendingMap<>(in, op, frames, f);
    }

    /**
     * One series frame as an ordered map from label to value.
     *
     * @param frame a frame of this kind's schema: index, then float64 values
     * @return the map, in the frame's row order
     */
    static Map<Object, Double> toMap(Frame frame) {
        Column index = frame.column(0);
        Column values = frame.column(1);
        Map<Object, Double> out = new LinkedHashMap<>();
        for (int i = 0; i < frame.rowCount(); i++) {
            out.put(index.get(i), value(values, i));
        }
        return out;
    }

    static double value(Column c, int i) {
        if (c.isNull(i)) {
            return Double.NaN;
        }
        return switch (c.type()) {
            case FLOAT64 -> c.getDouble(i);
            case INT64 -> c.getLong(i);
            case INT32 -> c.getInt(i);
            case BOOLEAN -> c.getBoolean(i) ? 1 : 0;
            default -> throw new IllegalArgumentException("column '" + c.name() + "' is " + c.type() + ", not a number");
        };
    }

    /**
     * The index type a key column of type {@code t} gives: int32 keys widen to int64.
     *
     * @param t the key column's type
     * @return the index column's type
     */
    static ColumnType indexType(ColumnType t) {
        return t == ColumnType.INT32 ? ColumnType.INT64 : t;
    }

    @Override
    public String toString() {
        return "UpdatingSeries" + schema;
    }
}
