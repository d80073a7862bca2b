package dev.streamz.dataframe;

import dev.streamz.Stream;
import dev.streamz.ThrowingFunction;
import dev.streamz.dataframe.internal.Agg;
import dev.streamz.dataframe.internal.Checks;
import dev.streamz.dataframe.internal.ColumnReductions;
import dev.streamz.dataframe.internal.Windowing;
import dev.streamz.frames.ColumnType;
import dev.streamz.frames.Frame;
import dev.streamz.frames.Schema;

import java.time.Duration;
import java.util.Optional;

/**
 * A streaming DataFrame (streamz's {@code DataFrame}): a stream of {@link Frame}s, each one batch of new rows
 * with the same {@link Schema}, and pandas-like operations that keep their results up to date as batches
 * arrive. Every operation emits exactly once per input batch, empty batches included.
 *
 * <pre>{@code
 * Stream<Frame> source = Stream.create();
 * StreamingDataFrame sdf = StreamingDataFrame.from(source, schema);
 * sdf.col("amount").sum().sink(System.out::println);          // a running total, once per batch
 * sdf.groupby("name").mean("amount").sink(System.out::println); // per-name means, sorted by name
 * }</pre>
 *
 * <p><b>Frames are lent, not handed over.</b> The DataFrame reads each input frame while the emission
 * runs and keeps nothing that points into it (windows copy the values they need), so the caller releases
 * its frame when {@code emit} returns. Frames that operations emit (cumulative, rolling) are lent the same
 * way: valid until that operation's next emission; {@link Frame#retain()} one to keep it.
 *
 * <p><b>Bad input.</b> A batch whose schema differs from the example fails its {@code emit} with an error
 * naming {@code toDataFrame} and both schemas; nothing downstream sees it, and every result stays as it
 * was after the last good batch. Unknown columns, a zero or negative window and a time window without a
 * timestamp index fail when the operation is built, naming the operation.
 */
public final class StreamingDataFrame {
    private final Stream<Frame> stream;
    private final Schema schema;
    private final String index;

    StreamingDataFrame(Stream<Frame> stream, Schema schema, String index) {
        this.stream = stream;
        this.schema = schema;
        this.index = index;
    }

    /**
     * A streaming DataFrame over a stream of frames (streamz's {@code to_dataframe(example)}): each frame
     * must have the example's schema.
     *
     * @param frames the frames, one batch of rows each
     * @param example the schema every batch has
     * @return the DataFrame
     * @throws NullPointerException when an argument is null
     */
    public static StreamingDataFrame from(Stream<Frame> frames, Schema example) {
        Checks.notNull(frames, "toDataFrame: stream");
        Checks.notNull(example, "toDataFrame: example");
        ThrowingFunction<Frame, Frame> check = f -> {
            if (f == null) {
                throw new NullPointerException("toDataFrame: a batch must not be null");
            }
            if (!f.schema().equals(example)) {
                throw new IllegalArgumentException("toDataFrame: batch '" + f.name() + "' has schema " + f.schema()
                        + ", expected " + example);
            }
            return f;
        };
        return new StreamingDataFrame(frames.map(check), example, null);
    }

    /** {@return the schema of every batch} */
    public Schema schema() {
        return schema;
    }

    /** {@return the checked batches: one frame per input batch} */
    public Stream<Frame> stream() {
        return stream;
    }

    /** {@return the index column, if {@link #setIndex} named one} */
    public Optional<String> index() {
        return Optional.ofNullable(index);
    }

    /**
     * Names the column that indexes the rows (pandas' {@code set_index} for the time windows): a
     * {@code TIMESTAMP} index makes {@code window(Duration)} and {@code rolling(Duration)} possible.
     *
     * @param column the index column
     * @return the same batches, indexed by {@code column}
     * @throws IllegalArgumentException when there is no such column
     */
    public StreamingDataFrame setIndex(String column) {
        Checks.column(schema, column, "setIndex");
        return new StreamingDataFrame(stream, schema, column);
    }

    /**
     * One column (pandas' {@code sdf.x} / {@code sdf['x']}).
     *
     * @param column its name
     * @return the column as a streaming series
     * @throws IllegalArgumentException when there is no such column
     */
    public StreamingSeries col(String column) {
        Checks.column(schema, column, "col");
        return new StreamingSeries(this, column);
    }

    /**
     * Rows × columns over all time (streamz's {@code sdf.size}), once per batch.
     *
     * @return the running size
     */
    public Stream<Long> size() {
        long[] rows = new long[1];
        int columns = schema.size();
        ThrowingFunction<Frame, Long> f = frame -> {
            rows[0] += frame.rowCount();
            return rows[0] * columns;
        };
        return stream.map(f);
    }

    /**
     * Group-by over all time (streamz's {@code sdf.groupby('k')}): per-key aggregates, sorted by key.
     *
     * @param key the key column (int32, int64 or category)
     * @return the grouping
     * @throws IllegalArgumentException when there is no such column
     */
    public GroupBy groupby(String key) {
        return new GroupBy(this, key, Windowing.expanding(), "groupby");
    }

    /**
     * The last {@code n} rows (streamz's {@code window(n)}), for windowed group-bys.
     *
     * @param n rows, at least 1
     * @return the window
     * @throws IllegalArgumentException when n is below 1
     */
    public Window window(int n) {
        return new Window(this, Windowing.lastRows(Checks.positive(n, "window(" + n + ")")),
                "window(" + n + ")");
    }

    /**
     * The rows of the interval {@code (newest − d, newest]} of the timestamp index (streamz's
     * {@code window('2h')}); the newest timestamp moves only when rows arrive.
     *
     * @param d the duration, above zero
     * @return the window
     * @throws IllegalArgumentException when d is not above zero or the index is not a timestamp
     */
    public Window window(Duration d) {
        String op = "window(" + d + ")";
        long nanos = Checks.positive(d, op);
        Checks.timeIndex(schema, index, op);
        return new Window(this, Windowing.lastNanos(nanos), op);
    }

    // ---------------------------------------------------------------- user aggregations

    /**
     * A user aggregation over all time (streamz's {@code sdf.aggregate(agg)}): its {@link Rows} hold every
     * column.
     *
     * @param agg the aggregation
     * @param <S> its state
     * @param <R> its result
     * @return one result per input batch
     */
    public <S, R> Stream<R> aggregate(Aggregation<S, R> agg) {
        return WindowRows.aggregate(this, WindowRows.allColumns(schema), Windowing.expanding(),
                agg, "aggregate");
    }

    // ---------------------------------------------------------------- whole-frame reductions

    /** {@return the sum of each numeric column over all time (0 where there is no value), once per batch} */
    public Stream<Frame> sum() {
        return reduceColumns(Agg.SUM, 1, "sum");
    }

    /** {@return the mean of each numeric column, NaN where there is no value} */
    public Stream<Frame> mean() {
        return reduceColumns(Agg.MEAN, 1, "mean");
    }

    /** {@return the number of present values of each numeric column} */
    public Stream<Frame> count() {
        return reduceColumns(Agg.COUNT, 1, "count");
    }

    /** {@return the smallest value of each numeric column, NaN where there is none} */
    public Stream<Frame> min() {
        return reduceColumns(Agg.MIN, 1, "min");
    }

    /** {@return the largest value of each numeric column, NaN where there is none} */
    public Stream<Frame> max() {
        return reduceColumns(Agg.MAX, 1, "max");
    }

    /**
     * Returns the variance of each numeric column.
     *
     * @param ddof delta degrees of freedom (1: the sample variance, pandas' default)
     * @return the variances, NaN where a column has at most {@code ddof} values
     */
    public Stream<Frame> var(int ddof) {
        return reduceColumns(Agg.VAR, ddof, "var");
    }

    /**
     * Returns the standard deviation of each numeric column.
     *
     * @param ddof delta degrees of freedom
     * @return the standard deviations
     */
    public Stream<Frame> std(int ddof) {
        return reduceColumns(Agg.STD, ddof, "std");
    }

    /** The numeric columns but the index: what whole-frame reductions and group-bys aggregate. */
    String[] valueColumns(String except) {
        return schema.fields().stream()
                .filter(f -> !f.name().equals(index) && !f.name().equals(except))
                .filter(f -> f.type() != ColumnType.CATEGORY && f.type() != ColumnType.TIMESTAMP)
                .map(Schema.Field::name).toArray(String[]::new);
    }

    /** One reduction of every numeric column: a series frame per batch (index: column names). */
    Stream<Frame> reduceColumns(Windowing windowing, Agg agg, int ddof, String op) {
        String[] cols = valueColumns(null);
        if (cols.length == 0) {
            throw new IllegalArgumentException(op + ": no numeric column (columns: " + schema.names() + ")");
        }
        Schema out = Schema.of(new Schema.Field("column", ColumnType.CATEGORY),
                new Schema.Field(agg.name().toLowerCase(java.util.Locale.ROOT), ColumnType.FLOAT64));
        ColumnReductions state = new ColumnReductions(schema, cols, windowing, WindowRows.timeAt(this, windowing), agg,
                ddof, op, out);
        ThrowingFunction<Frame, Frame> f = state::onBatch;
        return stream.map(f);
    }

    private Stream<Frame> reduceColumns(Agg agg, int ddof, String name) {
        return reduceColumns(Windowing.expanding(), agg, ddof, name + "()");
    }
}
