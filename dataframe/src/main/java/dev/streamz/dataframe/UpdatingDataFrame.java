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
import java.util.List;
import java.util.Map;

/**
 * An updating DataFrame (streamz's {@code DataFrames}): once per input batch, empty batches included, a
 * whole table that replaces the last one, such as per-key aggregates of several columns. Each emission is a
 * {@link Frame} whose column 0 is the index (the group key) and whose other columns are the values, one
 * row per label in index order.
 *
 * <p><b>As an input</b> ({@link #from}, or any result above): reductions ({@link #sum()}, {@link #mean()},
 * ...) give an {@link UpdatingSeries} indexed by column name, computed over each emission alone, as pandas
 * computes them on the current table; {@link #col(String)} gives one column, {@link #tail(int)},
 * {@link #nlargest(int, String)}, {@link #filter(Expr)} and {@link #assign(String, Expr)} an updating
 * DataFrame.
 *
 * <p><b>Frames are lent</b>, as an {@link UpdatingSeries}'s: valid until the operation's next emission;
 * {@link Frame#retain()} one to keep it. {@link #toMaps()} copies each emission.
 */
public final class UpdatingDataFrame {
    private final Stream<Frame> stream;
    private final Schema schema;

    /**
     * @param stream the emitted frames
     * @param schema their schema: the index column, then the value columns
     */
    UpdatingDataFrame(Stream<Frame> stream, Schema schema) {
        this.stream = stream;
        this.schema = schema;
    }

    /**
     * An updating DataFrame over a stream of whole tables (streamz's {@code DataFrames(stream, example)}):
     * each frame replaces the last. Column 0 of {@code example} is the index.
     *
     * @param tables the tables, one frame per emission
     * @param example the schema of every table: the index, then the value columns
     * @return the updating DataFrame
     * @throws NullPointerException when an argument is null
     * @throws IllegalArgumentException when the example has no value column
     */
    public static UpdatingDataFrame from(Stream<Frame> tables, Schema example) {
        String op = "UpdatingDataFrame.from";
        Checks.notNull(tables, op + ": stream");
        Checks.notNull(example, op + ": example");
        if (example.size() < 2) {
            throw new IllegalArgumentException(op + ": the example needs an index and a value column, got " + example);
        }
        ThrowingFunction<Frame, Frame> check = f -> Checks.batch(f, example, op);
        return new UpdatingDataFrame(tables.map(check), example);
    }

    /** {@return the sum of each value column per emission (0 for an empty table)} */
    public UpdatingSeries sum() {
        return reduce(Agg.SUM, 1, "sum");
    }

    /** {@return the mean of each value column per emission, NaN where there is no value} */
    public UpdatingSeries mean() {
        return reduce(Agg.MEAN, 1, "mean");
    }

    /** {@return the number of present values of each value column per emission} */
    public UpdatingSeries count() {
        return reduce(Agg.COUNT, 1, "count");
    }

    /** {@return the smallest value of each value column per emission, NaN where there is none} */
    public UpdatingSeries min() {
        return reduce(Agg.MIN, 1, "min");
    }

    /** {@return the largest value of each value column per emission, NaN where there is none} */
    public UpdatingSeries max() {
        return reduce(Agg.MAX, 1, "max");
    }

    /**
     * Returns each value column's variance per emission.
     *
     * @param ddof delta degrees of freedom (1: the sample variance, pandas' default)
     * @return the variances, NaN where a column has at most {@code ddof} values
     */
    public UpdatingSeries var(int ddof) {
        return reduce(Agg.VAR, ddof, "var");
    }

    /**
     * Returns each value column's standard deviation per emission.
     *
     * @param ddof delta degrees of freedom
     * @return the standard deviations
     */
    public UpdatingSeries std(int ddof) {
        return reduce(Agg.STD, ddof, "std");
    }

    /**
     * Rows × value columns of each emission (pandas' {@code df.size}; streamz's {@code DataFrames.size}
     * fails when built).
     *
     * @return the size per emission
     */
    public UpdatingScalar size() {
        int columns = schema.size() - 1;
        return new UpdatingScalar("size()", stream, frame -> (double) frame.rowCount() * columns);
    }

    private UpdatingSeries reduce(Agg agg, int ddof, String name) {
        String op = name + "()";
        int n = schema.size() - 1;
        boolean[] integral = new boolean[n];
        for (int c = 0; c < n; c++) {
            ColumnType t = Checks.numeric(schema, schema.field(c + 1).name(), op);
            integral[c] = t != ColumnType.FLOAT64;
        }
        Schema out = Schema.of(new Schema.Field("column", ColumnType.CATEGORY), new Schema.Field(name, ColumnType.FLOAT64));
        OutputFrame frames = new OutputFrame(op, out);
        AllTime state = new AllTime();
        Slice s = new Slice();
        ThrowingFunction<Frame, Frame> f = frame -> {
            Frame o = frames.next(n);
            for (int c = 0; c < n; c++) {
                state.reset();
                state.add(Checks.slice(s, frame, c + 1));
                o.column(0).setString(c, schema.field(c + 1).name());
                o.column(1).setDouble(c, state.value(agg, ddof, integral[c]));
            }
            o.setRowCount(n);
            return o;
        };
        return new UpdatingSeries(new LendingMap<>(stream, op, frames, f), out);
    }

    /**
     * The last {@code n} rows of each emission (pandas' {@code tail(n)}).
     *
     * @param n rows, at least 0
     * @return the updating DataFrame of those rows
     * @throws IllegalArgumentException when n is negative
     */
    public UpdatingDataFrame tail(int n) {
        String op = "tail(" + n + ")";
        UpdatingSeries.nonNegative(n, op);
        TopRows top = new TopRows();
        return new UpdatingDataFrame(UpdatingSeries.choose(stream, schema, op, frame -> top.tail(frame.rowCount(), n),
                top), schema);
    }

    /**
     * The {@code n} rows of each emission with the largest values in {@code column}, largest first (pandas'
     * {@code nlargest(n, column)}): rows missing that value are dropped, ties keep the earlier row.
     *
     * @param n rows, at least 0
     * @param column the numeric value column to rank by
     * @return the updating DataFrame of those rows
     * @throws IllegalArgumentException when n is negative or the column is unknown or not numeric
     */
    public UpdatingDataFrame nlargest(int n, String column) {
        String op = "nlargest(" + n + ", '" + column + "')";
        UpdatingSeries.nonNegative(n, op);
        Checks.numeric(schema, column, op);
        int at = schema.indexOf(column);
        TopRows top = new TopRows();
        Slice s = new Slice();
        return new UpdatingDataFrame(UpdatingSeries.choose(stream, schema, op,
                frame -> top.largest(Checks.slice(s, frame, at), n), top), schema);
    }

    /**
     * The rows of each emission where {@code mask} is true (pandas' {@code df[df.x > 2]} on the current
     * table), with the index.
     *
     * @param mask a boolean expression over the value columns (and the index)
     * @return the updating DataFrame of those rows
     * @throws IllegalArgumentException naming {@code filter} when a column is unknown or the mask is not boolean
     */
    public UpdatingDataFrame filter(Expr mask) {
        StreamingDataFrame r = perEmission().filter(mask);
        return new UpdatingDataFrame(r.stream(), r.schema());
    }

    /**
     * Each emission with a new or replaced value column (pandas' {@code df.assign(z=df.x * 2)}).
     *
     * @param column the column's name (not the index)
     * @param value its expression
     * @return the updating DataFrame with the column
     * @throws IllegalArgumentException naming {@code assign} when a column is unknown, a type does not fit,
     *     or {@code column} is the index
     */
    public UpdatingDataFrame assign(String column, Expr value) {
        StreamingDataFrame r = perEmission().assign(column, value);
        return new UpdatingDataFrame(r.stream(), r.schema());
    }

    /** Elementwise operations work on one frame at a time, so a streaming DataFrame's apply to each table. */
    private StreamingDataFrame perEmission() {
        return new StreamingDataFrame(stream, schema, index());
    }

    /** {@return the schema of every emitted frame: the index, then the value columns} */
    public Schema schema() {
        return schema;
    }

    /** {@return the index column's name} */
    public String index() {
        return schema.field(0).name();
    }

    /** {@return the value columns' names, in order} */
    public List<String> columns() {
        return schema.names().subList(1, schema.size());
    }

    /** {@return the emitted tables, one lent frame per input batch} */
    public Stream<Frame> stream() {
        return stream;
    }

    /**
     * One value column with the index, as an updating series (pandas' {@code df['x']}); the index and
     * the column are copied into the series' own lent frame, a block copy per batch.
     *
     * @param column a value column
     * @return the series
     * @throws IllegalArgumentException when there is no such value column
     */
    public UpdatingSeries col(String column) {
        Checks.column(schema, column, "col");
        int from = schema.indexOf(column);
        if (from == 0) {
            throw new IllegalArgumentException("col: '" + column + "' is the index, not a value column (columns: "
                    + columns() + ")");
        }
        Schema out = Schema.of(schema.field(0), schema.field(from));
        OutputFrame frames = new OutputFrame("col('" + column + "')", out);
        ThrowingFunction<Frame, Frame> f = frame -> {
            int rows = frame.rowCount();
            Frame o = frames.next(rows);
            ColumnCopy.copy(frame.column(0), o.column(0), rows);
            ColumnCopy.copy(frame.column(from), o.column(1), rows);
            o.setRowCount(rows);
            return o;
        };
        return new UpdatingSeries(new LendingMap<>(stream, "col('" + column + "')", frames, f), out);
    }

    /**
     * Each emission as column → (label → value), in order (what pandas' {@code DataFrame.to_dict()} gives).
     *
     * @return one new map per input batch
     */
    public Stream<Map<String, Map<Object, Double>>> toMaps() {
        ThrowingFunction<Frame, Map<String, Map<Object, Double>>> f = frame -> {
            Column index = frame.column(0);
            Map<String, Map<Object, Double>> out = new LinkedHashMap<>();
            for (int c = 1; c < frame.columnCount(); c++) {
                Column values = frame.column(c);
                Map<Object, Double> m = new LinkedHashMap<>();
                for (int i = 0; i < frame.rowCount(); i++) {
                    m.put(index.get(i), UpdatingSeries.value(values, i));
                }
                out.put(values.name(), m);
            }
            return out;
        };
        return stream.map(f);
    }

    @Override
    public String toString() {
        return "UpdatingDataFrame" + schema;
    }
}
