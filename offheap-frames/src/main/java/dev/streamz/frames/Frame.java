package dev.streamz.frames;

import dev.streamz.RefCounter;
import dev.streamz.frames.internal.BufferDescriptor;
import dev.streamz.frames.internal.FrameDescriptor;
import dev.streamz.frames.internal.FrameFormatter;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;

/**
 * Rows packed column by column in off-heap memory: a {@link Schema}, a fixed capacity, a row count, and
 * one {@link Column} per field. All of a frame's buffers are one contiguous, 64-byte aligned allocation
 * ({@code internal.FrameDescriptor}); each column's buffers are Arrow's ({@link ColumnType}).
 *
 * <pre>{@code
 * try (Frame f = Frame.allocate(Schema.builder().int64("id").float64("price").build(), 1024)) {
 *     f.column("id").setLong(0, 7);
 *     f.column("price").setDouble(0, 1.5);
 *     f.setRowCount(1);
 * }
 * }</pre>
 *
 * <h2>Ownership</h2>
 * A frame counts its holders. {@link #allocate} and {@link FramePool#acquire()} hand out a frame with one
 * holder, the caller; {@link #retain()} adds one (a window that keeps the frame, a second consumer), and
 * {@link #release()} (or {@link #close()}) removes one. When the last holder releases, a pooled frame goes
 * back to its pool to be reused, and a frame from {@link #allocate} frees its memory. A frame therefore
 * is never reused or freed while anyone still holds it. Any access after the last release fails with an
 * {@link IllegalStateException} naming the frame, never with a crash: the check is one field read per
 * access, and the JDK's bounds-checked {@code MemorySegment} guards every byte. {@link #refCounter()} ties
 * a hold to the core's {@link RefCounter}, so nodes that keep elements by their metadata (windows,
 * buffers, checkpoints) keep the frame alive too.
 *
 * <h2>Threads</h2>
 * Memory comes from a shared {@link Arena}, so a frame may cross threads: one thread fills it, publishes
 * it (through a ring, a queue, a pool hand-off: anything with a happens-before edge), and another reads
 * it. A frame is not safe for concurrent writers, nor for a writer racing readers; the holder count and
 * the pool are thread-safe.
 */
public final class Frame implements AutoCloseable {
    private static final VarHandle HOLDERS;

    static {
        try {
            HOLDERS = MethodHandles.lookup().findVarHandle(Frame.class, "holders", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final String name;
    private final Schema schema;
    private final int capacity;
    private final Column[] columns;
    private final MemorySegment memory;
    private final Arena arena; // owned (freed on the last release) by an allocated frame; null otherwise
    private final Runnable onFree; // a wrapped frame's owner callback; null otherwise
    private final FramePool pool;
    final int poolIndex;
    private int rowCount;
    @SuppressWarnings("unused") // through HOLDERS; a plain read is the use-after-release check
    private int holders;
    private long generation;

    Frame(String name, Schema schema, int capacity, Arena arena, FramePool pool, int poolIndex,
          CategoryDictionary[] dictionaries) {
        this.name = name;
        this.schema = schema;
        this.capacity = capacity;
        this.arena = arena;
        this.pool = pool;
        this.poolIndex = poolIndex;
        this.onFree = null;
        ColumnType[] types = schema.types();
        long[] offsets = FrameDescriptor.offsets(types, capacity);
        this.memory = arena.allocate(FrameDescriptor.totalBytes(types, capacity), BufferDescriptor.ALIGNMENT);
        this.columns = new Column[types.length];
        for (int i = 0; i < types.length; i++) {
            MemorySegment validity = memory.asSlice(offsets[2 * i], BufferDescriptor.validityBytes(capacity));
            MemorySegment values = memory.asSlice(offsets[2 * i + 1], BufferDescriptor.valueBytes(types[i], capacity));
            columns[i] = new Column(this, i, schema.field(i).name(), types[i], validity, values,
                    dictionaries == null ? null : dictionaries[i]);
        }
        this.holders = pool == null ? 1 : 0;
    }

    private Frame(String name, Schema schema, int rows, MemorySegment[] validity, MemorySegment[] values,
                  CategoryDictionary[] dictionaries, Runnable onFree) {
        this.name = name;
        this.schema = schema;
        this.capacity = rows;
        this.arena = null;
        this.pool = null;
        this.poolIndex = -1;
        this.onFree = onFree;
        this.memory = MemorySegment.NULL;
        this.columns = new Column[schema.size()];
        for (int i = 0; i < columns.length; i++) {
            columns[i] = new Column(this, i, schema.field(i).name(), schema.field(i).type(), validity[i], values[i],
                    dictionaries[i]);
        }
        this.rowCount = rows;
        this.holders = 1;
    }

    /**
     * A frame over buffers someone else owns (an imported Arrow batch, memory a connector mapped): no copy.
     * Each column's buffers must hold its rows in the {@link ColumnType} layout, values aligned to their
     * width; the frame's capacity and row count are {@code rows}. The frame reads and writes the buffers in
     * place, and its last release runs {@code onLastRelease} (e.g. Arrow's release callback) instead of
     * freeing anything itself.
     *
     * @param name the frame's name (used in error messages)
     * @param schema its columns
     * @param rows its row count, at least 0
     * @param validity one validity bitmap per column, at least {@code ceil(rows / 8)} bytes
     * @param values one values buffer per column, at least {@code rows * valueBytes} bytes (bit-packed for booleans)
     * @param dictionaries per column: the dictionary of a category column, null for the others
     * @param onLastRelease runs once, when the frame's last holder releases it
     * @return the frame, with one holder (the caller)
     * @throws IllegalArgumentException naming the column when a buffer is too small or misaligned, or a
     *     category column has no dictionary
     */
    public static Frame wrap(String name, Schema schema, int rows, MemorySegment[] validity, MemorySegment[] values,
                             CategoryDictionary[] dictionaries, Runnable onLastRelease) {
        if (name == null || schema == null || validity == null || values == null || dictionaries == null
                || onLastRelease == null) {
            throw new NullPointerException("Frame.wrap: name, schema, validity, values, dictionaries and"
                    + " onLastRelease must not be null");
        }
        if (rows < 0) {
            throw new IllegalArgumentException("Frame.wrap: rows must be >= 0, got " + rows);
        }
        int n = schema.size();
        if (validity.length != n || values.length != n || dictionaries.length != n) {
            throw new IllegalArgumentException("Frame.wrap: " + schema + " has " + n + " columns; got "
                    + validity.length + " bitmaps, " + values.length + " value buffers, " + dictionaries.length
                    + " dictionaries");
        }
        for (int i = 0; i < n; i++) {
            Schema.Field f = schema.field(i);
            long needBits = (rows + 7L) >>> 3;
            long needValues = f.type().bitPacked() ? needBits : (long) rows * f.type().valueBytes();
            if (validity[i] == null || validity[i].byteSize() < needBits) {
                throw new IllegalArgumentException("Frame.wrap: column '" + f.name() + "' needs a validity bitmap of "
                        + needBits + " bytes for " + rows + " rows");
            }
            if (values[i] == null || values[i].byteSize() < needValues) {
                throw new IllegalArgumentException("Frame.wrap: column '" + f.name() + "' needs " + needValues
                        + " bytes of values for " + rows + " rows");
            }
            int width = Math.max(1, f.type().valueBytes());
            if (!values[i].isNative() || values[i].address() % width != 0) {
                throw new IllegalArgumentException("Frame.wrap: values of column '" + f.name()
                        + "' must be native memory aligned to " + width + " bytes");
            }
            if ((f.type() == ColumnType.CATEGORY) != (dictionaries[i] != null)) {
                throw new IllegalArgumentException("Frame.wrap: column '" + f.name() + "' is " + f.type()
                        + (f.type() == ColumnType.CATEGORY ? " and needs a dictionary" : " and takes no dictionary"));
            }
        }
        return new Frame(name, schema, rows, validity.clone(), values.clone(), dictionaries.clone(), onLastRelease);
    }

    /**
     * Allocates a frame of {@code capacity} rows (zeroed, no rows yet) in an arena of its own, freed when
     * its last holder releases it. Category columns get fresh dictionaries.
     *
     * @param schema its columns
     * @param capacity its rows, at least 1
     * @return the frame, with one holder (the caller)
     */
    public static Frame allocate(Schema schema, int capacity) {
        return allocate("frame", schema, capacity);
    }

    /**
     * Allocates a named frame (the name appears in error messages and {@link #toString()}).
     *
     * @param name the frame's name
     * @param schema its columns
     * @param capacity its rows, at least 1
     * @return the frame, with one holder (the caller)
     */
    public static Frame allocate(String name, Schema schema, int capacity) {
        if (name == null) {
            throw new NullPointerException("Frame.allocate: name must not be null");
        }
        if (schema == null) {
            throw new NullPointerException("Frame.allocate: schema must not be null");
        }
        checkCapacity("Frame.allocate", capacity);
        return new Frame(name, schema, capacity, Arena.ofShared(), null, -1, dictionaries(schema));
    }

    static void checkCapacity(String what, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException(what + ": capacity must be >= 1 row, got " + capacity);
        }
    }

    static CategoryDictionary[] dictionaries(Schema schema) {
        CategoryDictionary[] d = new CategoryDictionary[schema.size()];
        for (int i = 0; i < d.length; i++) {
            if (schema.field(i).type() == ColumnType.CATEGORY) {
                d[i] = new CategoryDictionary(schema.field(i).name());
            }
        }
        return d;
    }

    /** {@return the frame's name (a pooled frame's is {@code pool#index})} */
    public String name() {
        return name;
    }

    /** {@return its schema} */
    public Schema schema() {
        return schema;
    }

    /** {@return its capacity in rows} */
    public int capacity() {
        return capacity;
    }

    /** {@return its row count} */
    public int rowCount() {
        return rowCount;
    }

    /** {@return whether it has no rows} */
    public boolean isEmpty() {
        return rowCount == 0;
    }

    /**
     * Sets the row count, after a producer filled the columns directly.
     *
     * @param rows between 0 and the capacity
     * @throws IndexOutOfBoundsException naming the frame when {@code rows} is out of range
     */
    public void setRowCount(int rows) {
        checkLive();
        if (rows < 0 || rows > capacity) {
            throw new IndexOutOfBoundsException("row count " + rows + " is outside 0.." + capacity + " of " + name);
        }
        rowCount = rows;
    }

    /** Sets the row count to 0 (values and bitmaps are left as they are: writers set every bit they use). */
    public void clear() {
        checkLive();
        rowCount = 0;
    }

    /** {@return the number of columns} */
    public int columnCount() {
        return columns.length;
    }

    /**
     * The column at {@code index}.
     *
     * @param index a column index
     * @return the column
     * @throws IndexOutOfBoundsException naming the frame when there is no such column
     */
    public Column column(int index) {
        if (index < 0 || index >= columns.length) {
            throw new IndexOutOfBoundsException("column " + index + " of " + name + ": it has " + columns.length
                    + " columns " + schema.names());
        }
        return columns[index];
    }

    /**
     * The column named {@code name}.
     *
     * @param column a column name
     * @return the column
     * @throws IllegalArgumentException naming the frame and its columns when there is none
     */
    public Column column(String column) {
        for (Column c : columns) {
            if (c.name().equals(column)) {
                return c;
            }
        }
        throw new IllegalArgumentException("no column '" + column + "' in " + name + " " + schema);
    }

    /**
     * Checks that this frame has {@code expected}'s columns.
     *
     * @param expected the schema a caller needs
     * @throws IllegalArgumentException naming the frame and both schemas when they differ
     */
    public void requireSchema(Schema expected) {
        if (!schema.equals(expected)) {
            throw new IllegalArgumentException("schema mismatch: " + name + " has " + schema + ", expected "
                    + expected);
        }
    }

    // ---- rows ----

    /**
     * A view of row {@code i} (allocates the view; {@link #forEachRow} reuses one).
     *
     * @param i a row below the row count
     * @return the row
     */
    public Row row(int i) {
        Row r = new Row(this);
        r.moveTo(i);
        return r;
    }

    /**
     * Calls {@code action} with each row in order, through one reused {@link Row} view.
     *
     * @param action what to do with a row; must not keep the view
     */
    public void forEachRow(java.util.function.Consumer<? super Row> action) {
        if (action == null) {
            throw new NullPointerException("Frame.forEachRow: action must not be null");
        }
        Row r = new Row(this);
        for (int i = 0; i < rowCount; i++) {
            r.moveTo(i);
            action.accept(r);
        }
    }

    /**
     * The rows as Java objects built by {@code mapper} (the way back from {@link FrameBuilder#appendAll}).
     *
     * @param mapper builds one object from one row view; must not keep the view
     * @param <T> the object type
     * @return a fresh list, one object per row
     */
    public <T> List<T> toList(java.util.function.Function<? super Row, ? extends T> mapper) {
        if (mapper == null) {
            throw new NullPointerException("Frame.toList: mapper must not be null");
        }
        List<T> out = new ArrayList<>(rowCount);
        forEachRow(r -> out.add(mapper.apply(r)));
        return out;
    }

    /**
     * The rows as lists of boxed values (see {@link Column#get(int)}; null for a null), in column order.
     *
     * @return a fresh list of rows
     */
    public List<List<Object>> rows() {
        return toList(Row::values);
    }

    // ---- ownership ----

    /**
     * Adds a holder: the frame is not reused or freed until this holder releases it too.
     *
     * @throws IllegalStateException naming the frame if its last holder already released it
     */
    public void retain() {
        retain(1);
    }

    /**
     * Adds {@code n} holders at once (a producer handing one frame to {@code n} more consumers).
     *
     * @param n how many, at least 0
     * @throws IllegalStateException naming the frame if its last holder already released it
     */
    public void retain(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("retain(n) of " + name + " needs n >= 0, got " + n);
        }
        while (true) {
            int h = (int) HOLDERS.getVolatile(this);
            if (h <= 0) {
                throw released("retained");
            }
            if (HOLDERS.compareAndSet(this, h, h + n)) {
                return;
            }
        }
    }

    /**
     * Removes a holder. The last release hands a pooled frame back to its pool (or frees an allocated one).
     *
     * @throws IllegalStateException naming the frame if it is released more times than it was held
     */
    public void release() {
        while (true) {
            int h = (int) HOLDERS.getVolatile(this);
            if (h <= 0) {
                throw new IllegalStateException(name + " was released more times than it was held (generation "
                        + generation + ")");
            }
            if (HOLDERS.compareAndSet(this, h, h - 1)) {
                if (h == 1) {
                    recycle();
                }
                return;
            }
        }
    }

    /** Same as {@link #release()}: lets a holder use try-with-resources. */
    @Override
    public void close() {
        release();
    }

    private void recycle() {
        generation++;
        rowCount = 0;
        if (pool != null) {
            pool.recycle(this);
        } else if (arena != null) {
            arena.close();
        } else {
            onFree.run();
        }
    }

    /**
     * A new {@link RefCounter} that owns one hold on this frame: retains the frame now, and releases that
     * hold when the counter's count returns to zero. The counter starts with one holder, the caller, who
     * passes it on in element metadata ({@code Map.of(RefCounter.METADATA_KEY, counter)}) and then
     * releases it; every node that keeps the element retains the counter, so the frame outlives them all.
     * Allocates the counter (the zero-allocation path is plain {@link #retain()} / {@link #release()}).
     *
     * @return the counter, with one holder
     */
    public RefCounter refCounter() {
        retain();
        return new RefCounter(1, this::release);
    }

    /**
     * A consumer that runs {@code action} on a frame, then releases the frame, also when the action
     * throws: the last stage of a frame pipeline ({@code .sink(Frame.releasing(f -> total += sum(f)))}).
     *
     * @param action what to do with each frame; must not keep it (retain it first to keep it)
     * @return the consumer
     */
    public static java.util.function.Consumer<Frame> releasing(java.util.function.Consumer<? super Frame> action) {
        if (action == null) {
            throw new NullPointerException("Frame.releasing: action must not be null");
        }
        return f -> {
            try {
                action.accept(f);
            } finally {
                f.release();
            }
        };
    }

    /** {@return the number of holders (0 once released)} */
    public int holders() {
        return Math.max(0, (int) HOLDERS.getVolatile(this));
    }

    /**
     * How many times this frame was recycled: a holder that kept a pooled frame can compare the
     * generation it saw with the current one to detect that the frame was reused behind its back.
     *
     * @return the generation, 0 for a fresh frame
     */
    public long generation() {
        return generation;
    }

    /** {@return the pool this frame returns to, or null for an allocated frame} */
    public FramePool pool() {
        return pool;
    }

    /**
     * The whole allocation: every buffer at its {@code internal.FrameDescriptor} offset
     * ({@link MemorySegment#NULL} for a {@link #wrap wrapped} frame, whose buffers are separate).
     *
     * @return the allocation
     */
    public MemorySegment memory() {
        checkLive();
        return memory;
    }

    /**
     * Fails when the last holder has released this frame.
     *
     * @throws IllegalStateException naming the frame
     */
    public void checkLive() {
        if (holders <= 0) { // a plain read: cheap on every access, exact for the holder's own thread
            throw released("used");
        }
    }

    void acquired() {
        HOLDERS.setRelease(this, 1);
    }

    private IllegalStateException released(String how) {
        return new IllegalStateException(name + " was " + how + " after its last holder released it ("
                + (pool != null ? "back in pool '" + pool.name() + "'" : arena != null ? "memory freed" : "memory returned to its owner")
                + ", generation " + generation + ")");
    }

    /**
     * A pandas-like table: a header of column names, one line per row with its index, null shown as
     * {@code <NA>}, NaN as {@code NaN}; a frame of more than 20 rows shows its first and last 5 around a
     * {@code ...} line, then {@code [n rows x m columns]}.
     *
     * @return the table
     */
    @Override
    public String toString() {
        if (holders <= 0) {
            return name + " (released)";
        }
        return FrameFormatter.format(this);
    }
}
