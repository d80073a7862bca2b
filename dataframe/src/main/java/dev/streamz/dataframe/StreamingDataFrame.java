package dev.streamz.dataframe;

import dev.streamz.Batch;
import dev.streamz.Stream;
import dev.streamz.ThrowingBiFunction;
import dev.streamz.ThrowingFunction;
import dev.streamz.dataframe.internal.Agg;
import dev.streamz.dataframe.internal.BatchFrames;
import dev.streamz.dataframe.internal.Checks;
import dev.streamz.dataframe.internal.ColumnReductions;
import dev.streamz.dataframe.internal.LendingMap;
import dev.streamz.dataframe.internal.LentFrame;
import dev.streamz.dataframe.internal.PeriodicFrames;
import dev.streamz.dataframe.internal.RandomFrames;
import dev.streamz.dataframe.internal.Step;
import dev.streamz.dataframe.internal.Windowing;
import dev.streamz.frames.ColumnType;
import dev.streamz.frames.Frame;
import dev.streamz.frames.RowWriter;
import dev.streamz.frames.Schema;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A streaming DataFrame (streamz's {@code DataFrame}): a stream of {@link Frame}s, each one batch of new rows
 * with the same {@link Schema}, and pandas-like operations that keep their results up to date as batches
 * arrive. Every operation emits exactly once per input batch, empty batches included.
 *
 * <pre>{@code
 * Stream<Frame> source = Stream.create();
 * StreamingDataFrame sdf = StreamingDataFrame.from(source, schema);
 * sdf.col("amount").sum().sink(System.out::println);          // a running total, once per batch
 * sdf.groupby("name").mean("amount").toMaps().sink(System.out::println); // per-name means, by name
 * }</pre>
 *
 * <p><b>Frames are lent, not handed over.</b> The DataFrame reads each input frame while the emission
 * runs and keeps nothing that points into it (windows copy the values they need), so the caller releases
 * its frame when {@code emit} returns (in the compiled runtime, where {@code emit} returns earlier, the
 * frame travels with a {@code RefCounter} from {@link Frame#refCounter()} instead). Frames that operations
 * emit (cumulative, rolling, updating series) are lent the same way: valid until that operation's next
 * emission; {@link Frame#retain()} one to keep it. Each carries a {@code RefCounter} in its metadata, so a
 * node or a ring that keeps it past the emission holds it, and the operation writes its next result into
 * another frame.
 *
 * <p><b>Bad input.</b> A batch whose schema differs from the example fails its {@code emit} with an error
 * naming {@code toDataFrame} and both schemas; nothing downstream sees it, and every result stays as it
 * was after the last good batch. Unknown columns, a zero or negative window and a time window without a
 * timestamp index fail when the operation is built, naming the operation.
 */
public final class StreamingDataFrame {
    private Stream<Frame> stream;
    private final Supplier<Stream<Frame>> lazy;
    private final Schema schema;
    private final String index;

    StreamingDataFrame(Stream<Frame> stream, Schema schema, String index) {
        this.stream = stream;
        this.lazy = null;
        this.schema = schema;
        this.index = index;
    }

    /**
     * A DataFrame whose node is made on first use: a series derived by arithmetic is usually only an
     * operand of a larger expression, and must not compute per batch unless someone reads it.
     */
    StreamingDataFrame(Supplier<Stream<Frame>> lazy, Schema schema, String index) {
        this.stream = null;
        this.lazy = lazy;
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
        ThrowingFunction<Frame, Frame> check = f -> Checks.batch(f, example, "toDataFrame");
        return new StreamingDataFrame(frames.map(check), example, null);
    }

    /** {@return the schema of every batch} */
    public Schema schema() {
        return schema;
    }

    /** {@return the checked batches: one frame per input batch} */
    public Stream<Frame> stream() {
        if (stream == null) {
            stream = lazy.get();
        }
        return stream;
    }

    /** {@return the index column, if {@link #setIndex} named one} */
    public Optional<String> index() {
        return Optional.ofNullable(index);
    }

    /**
     * Makes a column the index (pandas' {@code set_index}): it leaves the data columns ({@link #columns()},
     * {@link #col} refuses it, frame-wide operations skip it) and labels the rows; a {@code TIMESTAMP}
     * index makes {@code window(Duration)} and {@code rolling(Duration)} possible. The frames themselves
     * keep the column (an index is one of a frame's columns), so this copies nothing; an index set before
     * is dropped, as pandas drops it.
     *
     * @param column the index column
     * @return the DataFrame indexed by {@code column}
     * @throws IllegalArgumentException when there is no such column
     */
    public StreamingDataFrame setIndex(String column) {
        Checks.column(schema, column, "setIndex");
        if (index == null || index.equals(column)) {
            return new StreamingDataFrame(stream(), schema, column);
        }
        List<String> keep = new ArrayList<>(schema.names());
        keep.remove(index);
        return project("setIndex(" + column + ")", keep, column);
    }

    /**
     * One column (pandas' {@code sdf.x} / {@code sdf['x']}).
     *
     * @param column its name
     * @return the column as a streaming series
     * @throws IllegalArgumentException when there is no such column, or it is the index
     */
    public StreamingSeries col(String column) {
        Checks.column(schema, column, "col");
        if (column.equals(index)) {
            throw new IllegalArgumentException("col: '" + column + "' is the index, not a column (setIndex);"
                    + " resetIndex() makes it a column again");
        }
        return new StreamingSeries(this, column);
    }

    /**
     * Rows × columns over all time (streamz's {@code sdf.size}), once per batch.
     *
     * @return the running size
     */
    public UpdatingScalar size() {
        long[] rows = new long[1];
        int columns = columns().size(); // the index is not a column
        return new UpdatingScalar("size()", stream(), frame -> {
            rows[0] += frame.rowCount();
            return (double) (rows[0] * columns);
        });
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
    public UpdatingSeries sum() {
        return reduceColumns(Agg.SUM, 1, "sum");
    }

    /** {@return the mean of each numeric column, NaN where there is no value} */
    public UpdatingSeries mean() {
        return reduceColumns(Agg.MEAN, 1, "mean");
    }

    /** {@return the number of present values of each numeric column} */
    public UpdatingSeries count() {
        return reduceColumns(Agg.COUNT, 1, "count");
    }

    /** {@return the smallest value of each numeric column, NaN where there is none} */
    public UpdatingSeries min() {
        return reduceColumns(Agg.MIN, 1, "min");
    }

    /** {@return the largest value of each numeric column, NaN where there is none} */
    public UpdatingSeries max() {
        return reduceColumns(Agg.MAX, 1, "max");
    }

    /**
     * Returns the variance of each numeric column.
     *
     * @param ddof delta degrees of freedom (1: the sample variance, pandas' default)
     * @return the variances, NaN where a column has at most {@code ddof} values
     */
    public UpdatingSeries var(int ddof) {
        return reduceColumns(Agg.VAR, ddof, "var");
    }

    /**
     * Returns the standard deviation of each numeric column.
     *
     * @param ddof delta degrees of freedom
     * @return the standard deviations
     */
    public UpdatingSeries std(int ddof) {
        return reduceColumns(Agg.STD, ddof, "std");
    }

    /** The numeric columns but the index: what whole-frame reductions and group-bys aggregate. */
    String[] valueColumns(String except) {
        return schema.fields().stream()
                .filter(f -> !f.name().equals(index) && !f.name().equals(except))
                .filter(f -> f.type() != ColumnType.CATEGORY && f.type() != ColumnType.TIMESTAMP)
                .map(Schema.Field::name).toArray(String[]::new);
    }

    /** One reduction of every numeric column: a series per batch indexed by column name. */
    UpdatingSeries reduceColumns(Windowing windowing, Agg agg, int ddof, String op) {
        String[] cols = valueColumns(null);
        if (cols.length == 0) {
            throw new IllegalArgumentException(op + ": no numeric column (columns: " + schema.names() + ")");
        }
        Schema out = Schema.of(new Schema.Field("column", ColumnType.CATEGORY),
                new Schema.Field(agg.name().toLowerCase(Locale.ROOT), ColumnType.FLOAT64));
        ColumnReductions state = new ColumnReductions(schema, cols, windowing, WindowRows.timeAt(this, windowing), agg,
                ddof, op, out);
        ThrowingFunction<Frame, Frame> f = state::onBatch;
        return new UpdatingSeries(new LendingMap<>(stream, op, state.frames(), f), out);
    }

    private UpdatingSeries reduceColumns(Agg agg, int ddof, String name) {
        return reduceColumns(Windowing.expanding(), agg, ddof, name + "()");
    }

    // ---- construction: from a core Batch, periodic callbacks, random data ----

    /**
     * A streaming DataFrame over a core {@link Batch} (streamz's {@code Batch.to_dataframe()}): each list
     * becomes one frame, one row per item written by {@code writer}, in a frame the DataFrame reuses (so
     * nothing is allocated per row beyond the writer's work). An empty list is an empty batch.
     *
     * @param batch the batches of items
     * @param schema the columns
     * @param writer writes one item's columns in schema order
     * @param <T> the item type
     * @return the DataFrame
     * @throws NullPointerException when an argument is null
     */
    public static <T> StreamingDataFrame fromBatch(Batch<T> batch, Schema schema, RowWriter<? super T> writer) {
        Checks.notNull(batch, "fromBatch: batch");
        Checks.notNull(schema, "fromBatch: schema");
        Checks.notNull(writer, "fromBatch: writer");
        BatchFrames<T> frames = new BatchFrames<>(schema, writer);
        return from(new LendingMap<>(batch.stream(), "toDataFrame", frames.frames(), frames), schema);
    }

    /**
     * A streaming DataFrame over a core {@link Batch} of records, maps from column name to value (streamz's
     * list of dicts): numbers for numeric columns (whole numbers for int32/int64), {@code Boolean},
     * {@code String} for categories, {@code Instant} or epoch nanoseconds for timestamps; a missing key or
     * a null value is a null. A record with a key the schema lacks, or a value of the wrong type, fails its
     * batch naming the column and the record.
     *
     * @param batch the batches of records
     * @param schema the columns
     * @return the DataFrame
     * @throws NullPointerException when an argument is null
     */
    public static StreamingDataFrame fromBatch(Batch<? extends Map<String, ?>> batch, Schema schema) {
        Checks.notNull(batch, "fromBatch: batch");
        Checks.notNull(schema, "fromBatch: schema");
        @SuppressWarnings("unchecked")
        Batch<Map<String, ?>> records = (Batch<Map<String, ?>>) batch;
        return fromBatch(records, schema, BatchFrames.records(schema));
    }

    /**
     * A streaming DataFrame polled from a callback (streamz's {@code PeriodicDataFrame}): on the graph's
     * scheduler, every {@code interval} the callback gets the time range {@code (last, now]} since its
     * previous call (the first range starts when the source starts) and returns a frame of the example's
     * schema, which the DataFrame emits and then releases. Ranges join exactly. A callback that throws or
     * returns null is reported to the scheduler's error handler and called again after the interval with
     * a range from its last good call. Like every source, it produces after {@code stream().start()}
     * (or a start downstream) and stops with {@code stream().stop()}.
     *
     * @param callback gets {@code (last, now)}, returns the rows for that range (the DataFrame owns the frame)
     * @param interval the time between calls, above zero
     * @param example the schema of every frame
     * @return the DataFrame
     * @throws NullPointerException when an argument is null
     * @throws IllegalArgumentException when the interval is not above zero
     */
    public static StreamingDataFrame fromPeriodic(ThrowingBiFunction<Instant, Instant, Frame> callback,
                                                  Duration interval, Schema example) {
        Checks.notNull(callback, "fromPeriodic: callback");
        Checks.notNull(example, "fromPeriodic: example");
        Checks.positive(interval, "fromPeriodic");
        return from(new PeriodicFrames(callback, interval), example);
    }

    /**
     * Random rows (streamz's {@code Random(freq, interval)}): every {@code interval}, one row per
     * {@code freq} step since the last call, indexed by the timestamp column {@code index} (set as the
     * index, so time windows work at once), with {@code x} uniform in [0, 1), {@code y} Poisson with mean 1
     * (int64) and {@code z} standard normal. Produces after {@code stream().start()}.
     *
     * @param freq the time between rows, above zero
     * @param interval the time between batches, above zero
     * @param seed the random seed: the same seed gives the same values
     * @return the DataFrame
     * @throws IllegalArgumentException when freq or interval is not above zero
     */
    public static StreamingDataFrame random(Duration freq, Duration interval, long seed) {
        Checks.positive(freq, "random: freq");
        Checks.positive(interval, "random: interval");
        return fromPeriodic(new RandomFrames(freq, seed), interval, RandomFrames.SCHEMA).setIndex("index");
    }

    /**
     * {@link #random(Duration, Duration, long)} with a random seed.
     *
     * @param freq the time between rows, above zero
     * @param interval the time between batches, above zero
     * @return the DataFrame
     * @throws IllegalArgumentException when freq or interval is not above zero
     */
    public static StreamingDataFrame random(Duration freq, Duration interval) {
        return random(freq, interval, new SplittableRandom().nextLong());
    }

    // ---- element-wise operations (Expr) ----

    /**
     * The data columns: the schema's names without the index (pandas' {@code sdf.columns}).
     *
     * @return the column names, in schema order
     */
    public List<String> columns() {
        List<String> names = new ArrayList<>(schema.names());
        names.remove(index);
        return List.copyOf(names);
    }

    /**
     * The series an expression computes (pandas' {@code sdf.eval}), e.g. {@code sdf.eval(Expr.col("x").mul(2))}.
     *
     * @param expr an expression over this frame's columns
     * @return the series, named as pandas names it (else by the expression's text)
     * @throws IllegalArgumentException naming {@code eval} when a column is unknown or a type does not fit
     */
    public StreamingSeries eval(Expr expr) {
        Checks.notNull(expr, "eval: expr");
        return StreamingSeries.derived(this, expr, "eval(" + expr + ")");
    }

    private static int[] identity(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        return a;
    }

    /**
     * The rows where a BOOLEAN expression is true (pandas' {@code sdf[sdf.x > 0]}): a row whose mask is
     * false or null is dropped. The mask runs as column kernels; the surviving rows are gathered into a
     * lent output frame with the same schema (and index). A batch with no surviving row emits an empty frame.
     *
     * <pre>{@code
     * sdf.filter(Expr.col("x").gt(4).and(Expr.col("name").eq("a")))
     * }</pre>
     *
     * @param mask a BOOLEAN expression over this frame's columns
     * @return the filtered DataFrame, one frame per input batch
     * @throws IllegalArgumentException naming {@code filter} when a column is unknown, an operand has the
     *     wrong type, or the mask is not BOOLEAN
     */
    public StreamingDataFrame filter(Expr mask) {
        Checks.notNull(mask, "filter: mask");
        String op = "filter(" + mask + ")";
        CompiledExpr m = CompiledExpr.of(mask, schema, op);
        if (m.type() != ColumnType.BOOLEAN) {
            throw new IllegalArgumentException(op + ": the mask is " + m.type()
                    + ", expected BOOLEAN (a comparison, such as Expr.col(\"x\").gt(0))");
        }
        int[] source = identity(schema.size());
        LentFrame out = new LentFrame(op, schema);
        int[][] sel = {new int[1024]};
        ThrowingFunction<Frame, Frame> f = in -> {
            int rows = in.rowCount();
            Step r = m.scratch(in);
            if (sel[0].length < rows) {
                sel[0] = new int[rows];
            }
            int count = dev.streamz.frames.internal.kernels.Bitmaps.toSelection(r.values, r.validity, rows, sel[0]);
            Frame o = out.next(count, in, source);
            for (int c = 0; c < source.length; c++) {
                if (count == rows) { // every row passed: a block copy, not a gather
                    dev.streamz.dataframe.internal.Rows.copy(in.column(c), 0, rows, o.column(c));
                } else {
                    dev.streamz.dataframe.internal.Rows.gather(in.column(c), sel[0], count, o.column(c));
                }
            }
            o.setRowCount(count);
            return o;
        };
        return new StreamingDataFrame(new LendingMap<>(stream(), op, out, f), schema, index);
    }

    /**
     * The rows where a boolean series of this DataFrame is true (pandas' {@code sdf[sdf.x > 4]}).
     *
     * @param mask a BOOLEAN series computed from this DataFrame's columns
     * @return the filtered DataFrame
     * @throws IllegalArgumentException when the series belongs to another DataFrame or is not BOOLEAN
     */
    public StreamingDataFrame filter(StreamingSeries mask) {
        Checks.notNull(mask, "filter: mask");
        return filter(mask.exprOver(this, "filter"));
    }

    /**
     * A new or replaced column computed by an expression (pandas' {@code sdf.assign(z=...)}): the other
     * columns are copied as they are; a new column goes last, a replaced one keeps its position and takes
     * the expression's type.
     *
     * <pre>{@code
     * sdf.assign("notional", Expr.col("price").mul(Expr.col("qty")))
     * }</pre>
     *
     * @param column the column's name
     * @param value its expression over this frame's columns
     * @return the DataFrame with the column, one frame per input batch
     * @throws IllegalArgumentException naming {@code assign} when a column is unknown, an operand has the
     *     wrong type, or {@code column} is the index
     */
    public StreamingDataFrame assign(String column, Expr value) {
        Checks.notNull(column, "assign: column");
        Checks.notNull(value, "assign: value");
        String op = "assign(" + column + "=" + value + ")";
        if (column.equals(index)) {
            throw new IllegalArgumentException(op + ": '" + column + "' is the index; resetIndex() makes it a column");
        }
        CompiledExpr v = CompiledExpr.of(value, schema, op);
        int target = schema.contains(column) ? schema.indexOf(column) : -1;
        List<Schema.Field> fields = new ArrayList<>(schema.fields());
        Schema.Field field = new Schema.Field(column, v.type());
        if (target < 0) {
            target = fields.size();
            fields.add(field);
        } else {
            fields.set(target, field);
        }
        Schema outSchema = new Schema(fields);
        int[] source = identity(fields.size());
        source[target] = -1;
        int t = target;
        LentFrame out = new LentFrame(op, outSchema);
        ThrowingFunction<Frame, Frame> f = in -> {
            int rows = in.rowCount();
            Frame o = out.next(rows, in, source);
            for (int c = 0; c < source.length; c++) {
                if (c != t) {
                    dev.streamz.dataframe.internal.Rows.copy(in.column(c), 0, rows, o.column(c));
                }
            }
            v.into(in, o.column(t).values(), o.column(t).validity());
            o.setRowCount(rows);
            return o;
        };
        return new StreamingDataFrame(new LendingMap<>(stream(), op, out, f), outSchema, index);
    }

    /**
     * A new or replaced column from a series of this DataFrame (pandas' {@code sdf.assign(z=sdf.x * 2)}).
     *
     * @param column the column's name
     * @param value a series computed from this DataFrame's columns
     * @return the DataFrame with the column
     * @throws IllegalArgumentException when the series belongs to another DataFrame
     */
    public StreamingDataFrame assign(String column, StreamingSeries value) {
        Checks.notNull(value, "assign: value");
        return assign(column, value.exprOver(this, "assign"));
    }

    // ---------------------------------------------------------------- group-by on an expression

    /**
     * Group-by on an expression over all time (pandas' {@code sdf.groupby(sdf.x % 2)}): the key is computed
     * per batch by the compiled expression (kernels, no per-row call), then grouped as a key column; the
     * result's index is named after the expression ({@code x} for {@code x % 2}).
     *
     * @param key the key expression, of an int32, int64, boolean or category type
     * @return the grouping
     * @throws IllegalArgumentException when the expression does not fit the schema or is not a key type
     */
    public GroupBy groupby(Expr key) {
        return GroupBy.onExpression(this, key, Windowing.expanding(), "groupby");
    }

    /**
     * Group-by on a series of this DataFrame (pandas' {@code sdf.groupby(sdf.x % 2)}), as
     * {@link #groupby(Expr)} with the series' expression.
     *
     * @param key a series computed from this DataFrame's columns
     * @return the grouping
     * @throws IllegalArgumentException when the series belongs to another DataFrame or is not a key type
     */
    public GroupBy groupby(StreamingSeries key) {
        Checks.notNull(key, "groupby: key");
        return groupby(key.exprOver(this, "groupby"));
    }

    /** Copies the named columns, in that order, into lent frames; {@code outIndex} (one of them, or null) indexes them. */
    private StreamingDataFrame project(String op, List<String> names, String outIndex) {
        Schema.Builder b = Schema.builder();
        int[] source = new int[names.size()];
        for (int i = 0; i < source.length; i++) {
            source[i] = schema.indexOf(names.get(i));
            b.column(names.get(i), schema.field(source[i]).type());
        }
        Schema out = b.build();
        return derive(op, out, source, new CompiledExpr[source.length], outIndex);
    }

    /**
     * The frames of an element-wise operation: output column {@code c} is input column {@code source[c]}
     * copied, or {@code exprs[c]} computed; frames are lent (see {@link LentFrame}).
     */
    private StreamingDataFrame derive(String op, Schema out, int[] source, CompiledExpr[] exprs, String outIndex) {
        LentFrame frames = new LentFrame(op, out);
        int[] dictionaries = source.clone();
        for (int c = 0; c < exprs.length; c++) {
            if (exprs[c] != null) {
                dictionaries[c] = -1;
            }
        }
        ThrowingFunction<Frame, Frame> f = in -> {
            int rows = in.rowCount();
            Frame o = frames.next(rows, in, dictionaries);
            for (int c = 0; c < exprs.length; c++) {
                if (exprs[c] != null) {
                    exprs[c].into(in, o.column(c).values(), o.column(c).validity());
                } else {
                    dev.streamz.dataframe.internal.Rows.copy(in.column(source[c]), 0, rows, o.column(c));
                }
            }
            o.setRowCount(rows);
            return o;
        };
        return new StreamingDataFrame(new LendingMap<>(stream(), op, frames, f), out, outIndex);
    }

    /**
     * Several columns as a DataFrame (pandas' {@code sdf[['x', 'y']]}), in the order given; the index comes
     * along.
     *
     * @param columns the columns, at least one, each once
     * @return the DataFrame of those columns, one frame per input batch
     * @throws IllegalArgumentException naming {@code select} for an unknown or repeated column, or the index
     */
    public StreamingDataFrame select(String... columns) {
        Checks.notNull(columns, "select: columns");
        String op = "select" + Arrays.toString(columns);
        if (columns.length == 0) {
            throw new IllegalArgumentException(op + ": name at least one column");
        }
        List<String> names = new ArrayList<>();
        if (index != null) {
            names.add(index);
        }
        for (String c : columns) {
            Checks.column(schema, c, op);
            if (c.equals(index)) {
                throw new IllegalArgumentException(op + ": '" + c + "' is the index, which comes along anyway");
            }
            if (names.contains(c)) {
                throw new IllegalArgumentException(op + ": column '" + c + "' is named twice");
            }
            names.add(c);
        }
        return project(op, names, index);
    }

    private StreamingDataFrame computeColumns(String op, Function<String, Expr> perColumn) {
        int n = schema.size();
        int[] source = identity(n);
        CompiledExpr[] exprs = new CompiledExpr[n];
        Schema.Builder b = Schema.builder();
        for (int c = 0; c < n; c++) {
            Schema.Field field = schema.field(c);
            Expr e = field.name().equals(index) ? null : perColumn.apply(field.name());
            CompiledExpr ce = e == null ? null : CompiledExpr.of(e, schema, op);
            if (ce != null && ce.type() != ColumnType.CATEGORY) { // a category is only ever copied
                exprs[c] = ce;
                b.column(field.name(), ce.type());
            } else {
                b.column(field.name(), field.type());
            }
        }
        return derive(op, b.build(), source, exprs, index);
    }

    /**
     * Every data column cast to one type (pandas' {@code sdf.astype(float)}, numpy's rules: see
     * {@link Expr#astype}); the index keeps its type.
     *
     * @param type the target type
     * @return the converted DataFrame
     * @throws IllegalArgumentException naming {@code astype} and the column when a column has no such cast
     */
    public StreamingDataFrame astype(ColumnType type) {
        Checks.notNull(type, "astype: type");
        return computeColumns("astype(" + type + ")", c -> Expr.col(c).astype(type));
    }

    /**
     * Some columns cast (pandas' {@code sdf.astype({'x': 'float64'})}); the others are copied.
     *
     * @param types target type per column
     * @return the converted DataFrame
     * @throws IllegalArgumentException naming {@code astype} for an unknown column or a missing cast
     */
    public StreamingDataFrame astype(Map<String, ColumnType> types) {
        Checks.notNull(types, "astype: types");
        String op = "astype(" + types + ")";
        for (String c : types.keySet()) {
            Checks.column(schema, c, op);
            if (c.equals(index)) {
                throw new IllegalArgumentException(op + ": '" + c + "' is the index");
            }
        }
        return computeColumns(op, c -> types.containsKey(c) ? Expr.col(c).astype(types.get(c)) : null);
    }

    /**
     * Rounds the FLOAT64 and INT64 data columns to {@code decimals} (pandas' {@code sdf.round(d)}, half to
     * even; negative decimals round to tens, hundreds, ...); other columns are copied.
     *
     * @param decimals the decimals
     * @return the rounded DataFrame
     */
    public StreamingDataFrame round(int decimals) {
        return computeColumns("round(" + decimals + ")", c -> {
            ColumnType t = schema.field(schema.indexOf(c)).type();
            return t == ColumnType.FLOAT64 || t == ColumnType.INT64
                    ? Expr.col(c).round(decimals) : null;
        });
    }

    /**
     * The index back as a column, first (pandas' {@code reset_index()}). Without an index set, the rows are
     * numbered: a first INT64 column named {@code index} (or {@code level_0} when {@code index} is taken, as
     * pandas names it) counts the rows in arrival order, 0, 1, 2, ... across batches — pandas' default
     * index before any filter.
     *
     * @return the DataFrame without an index
     * @throws IllegalArgumentException when both {@code index} and {@code level_0} are taken
     */
    public StreamingDataFrame resetIndex() {
        if (index != null) {
            List<String> names = new ArrayList<>(schema.names());
            names.remove(index);
            names.add(0, index);
            return project("resetIndex()", names, null);
        }
        String name = !schema.contains("index") ? "index" : !schema.contains("level_0") ? "level_0" : null;
        if (name == null) {
            throw new IllegalArgumentException("resetIndex(): columns 'index' and 'level_0' are both taken");
        }
        List<Schema.Field> fields = new ArrayList<>();
        fields.add(new Schema.Field(name, ColumnType.INT64));
        fields.addAll(schema.fields());
        Schema out = new Schema(fields);
        int[] source = new int[fields.size()];
        source[0] = -1;
        for (int c = 1; c < source.length; c++) {
            source[c] = c - 1;
        }
        LentFrame frames = new LentFrame("resetIndex()", out);
        long[] next = {0};
        ThrowingFunction<Frame, Frame> f = in -> {
            int rows = in.rowCount();
            Frame o = frames.next(rows, in, source);
            dev.streamz.frames.Column numbers = o.column(0);
            for (int i = 0; i < rows; i++) {
                numbers.setLong(i, next[0]++);
            }
            for (int c = 1; c < source.length; c++) {
                dev.streamz.dataframe.internal.Rows.copy(in.column(source[c]), 0, rows, o.column(c));
            }
            o.setRowCount(rows);
            return o;
        };
        return new StreamingDataFrame(new LendingMap<>(stream(), "resetIndex()", frames, f), out, null);
    }

    /**
     * The last {@code n} rows of each batch (streamz's {@code sdf.tail(n)}: per batch, not over all time); a
     * batch with fewer rows comes whole, an empty one empty.
     *
     * @param n rows, at least 0
     * @return the DataFrame of each batch's last rows
     * @throws IllegalArgumentException when n is negative
     */
    public StreamingDataFrame tail(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("tail(" + n + "): n must be at least 0");
        }
        String op = "tail(" + n + ")";
        int[] source = identity(schema.size());
        LentFrame frames = new LentFrame(op, schema);
        ThrowingFunction<Frame, Frame> f = in -> {
            int rows = in.rowCount();
            int k = Math.min(n, rows);
            Frame o = frames.next(k, in, source);
            for (int c = 0; c < source.length; c++) {
                dev.streamz.dataframe.internal.Rows.copy(in.column(c), rows - k, k, o.column(c));
            }
            o.setRowCount(k);
            return o;
        };
        return new StreamingDataFrame(new LendingMap<>(stream(), op, frames, f), schema, index);
    }
}
