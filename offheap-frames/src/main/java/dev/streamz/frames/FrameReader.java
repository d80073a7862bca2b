package dev.streamz.frames;

import dev.streamz.Source;
import dev.streamz.Stream;
import dev.streamz.frames.internal.io.StringCache;
import dev.streamz.frames.internal.io.TextParsers;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;

/**
 * Reads a text file into frames, one frame at a time: memory stays bounded by one frame and one read
 * buffer (64 K characters, grown only for a longer record) whatever the file's size.
 *
 * <p>An {@link Iterator} of frames: each {@link #next()} hands the caller a frame of up to
 * {@link ReadOptions#frameRows()} rows with one holder (the caller), who releases it when done. The reader
 * closes its input when it reaches the end or fails; {@link #close()} closes it earlier. {@link #toSource()}
 * turns the reader into a {@link Source} that emits the frames, pulling the next one only after the
 * pipeline accepted the previous one.
 *
 * <p>A row that cannot be read fails with a {@link FrameReadException} naming the source, line and column,
 * or is skipped and counted under {@link BadRowPolicy#SKIP}. Not thread-safe: one thread iterates.
 */
public abstract sealed class FrameReader implements Iterator<Frame>, AutoCloseable permits CsvReader, JsonLinesReader {
    private static final int MAX_KEPT_ERRORS = 100;
    private static final int MAX_RECORD_CHARS = 1 << 26;

    final String sourceName;
    final Schema schema;
    final ReadOptions options;
    final ColumnType[] types;
    final TextParsers parsers;
    final StringCache[] caches;
    private final Reader in;

    char[] buf = new char[1 << 16];
    int pos;
    int limit;
    boolean eof;
    /** The 1-based line at {@link #pos}. */
    long line = 1;

    private Frame pending;
    private boolean done;
    private boolean closed;
    private long rowsRead;
    private long skippedRows;
    private final List<FrameReadException> skippedErrors = new ArrayList<>();

    FrameReader(Reader in, String sourceName, Schema schema, ReadOptions options) {
        this.in = in;
        this.sourceName = sourceName;
        this.schema = schema;
        this.options = options;
        this.types = schema.types();
        this.parsers = new TextParsers(options.epochUnit());
        this.caches = new StringCache[types.length];
        for (int i = 0; i < types.length; i++) {
            if (types[i] == ColumnType.CATEGORY) {
                caches[i] = new StringCache(1 << 16);
            }
        }
        if (options.pool() != null && !options.pool().schema().equals(schema)) {
            throw new IllegalArgumentException(sourceName + ": the pool's schema " + options.pool().schema()
                    + " is not the reader's " + schema);
        }
    }

    /**
     * Reads one row into {@code frame} at {@code row}.
     *
     * @return true when a row was written, false at the end of the input
     * @throws FrameReadException for a bad row, after consuming it
     */
    abstract boolean readRow(Column[] columns, int row) throws IOException;

    /** {@return the source's name (the file), as errors name it} */
    public final String sourceName() {
        return sourceName;
    }

    /** {@return the schema of the frames} */
    public final Schema schema() {
        return schema;
    }

    /**
     * Whether another frame follows; reads it (up to a frame of rows) if not read yet.
     *
     * @return true when {@link #next()} has a frame
     * @throws FrameReadException on a bad row under {@link BadRowPolicy#FAIL}
     * @throws UncheckedIOException naming the source when reading fails
     */
    @Override
    public final boolean hasNext() {
        if (pending != null) {
            return true;
        }
        if (done) {
            return false;
        }
        pending = fill();
        return pending != null;
    }

    /**
     * The next frame, with one holder: the caller, who releases it.
     *
     * @return a frame of at least one row
     * @throws NoSuchElementException when the input is exhausted
     */
    @Override
    public final Frame next() {
        if (!hasNext()) {
            throw new NoSuchElementException(sourceName + ": no more frames");
        }
        Frame f = pending;
        pending = null;
        return f;
    }

    private Frame fill() {
        Frame f = options.pool() != null ? options.pool().acquire()
                : Frame.allocate(sourceName, schema, options.frameRows());
        Column[] columns = new Column[types.length];
        for (int i = 0; i < columns.length; i++) {
            columns[i] = f.column(i);
        }
        int cap = f.capacity();
        int r = 0;
        try {
            while (r < cap) {
                try {
                    if (!readRow(columns, r)) {
                        done = true;
                        break;
                    }
                    r++;
                } catch (FrameReadException e) {
                    if (options.badRows() == BadRowPolicy.FAIL) {
                        throw e;
                    }
                    skippedRows++;
                    if (skippedErrors.size() < MAX_KEPT_ERRORS) {
                        skippedErrors.add(e);
                    }
                }
            }
        } catch (IOException e) {
            f.release();
            done = true; // a failed reader stays failed: its input is closed
            closeQuietly();
            throw new UncheckedIOException(sourceName + ": reading failed at line " + line, e);
        } catch (RuntimeException | Error e) {
            f.release();
            done = true;
            closeQuietly();
            throw e;
        }
        if (done) {
            closeQuietly();
        }
        if (r == 0) {
            f.release();
            return null;
        }
        f.setRowCount(r);
        rowsRead += r;
        return f;
    }

    /** {@return rows read into frames so far} */
    public final long rowsRead() {
        return rowsRead;
    }

    /** {@return rows skipped under {@link BadRowPolicy#SKIP}} */
    public final long skippedRows() {
        return skippedRows;
    }

    /** {@return the errors of the first 100 skipped rows, in file order} */
    public final List<FrameReadException> skippedErrors() {
        return List.copyOf(skippedErrors);
    }

    /**
     * A source that emits this reader's frames on the graph's scheduler, one at a time, pulling the next
     * only after the previous was accepted; it stops itself at the end of the input and fails (through
     * {@link Source#failure()}) on a bad row under {@link BadRowPolicy#FAIL} or an I/O error. Each emitted
     * frame has one holder, which the pipeline's last user releases.
     *
     * @return a new source over this reader (start it once: the reader is consumed)
     */
    public final Source<Frame> toSource() {
        return Stream.fromIterator(this);
    }

    /** Closes the input and releases a frame read but not yet taken; idempotent. */
    @Override
    public final void close() {
        done = true;
        if (pending != null) {
            pending.release();
            pending = null;
        }
        closeQuietly();
    }

    private void closeQuietly() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            in.close();
        } catch (IOException ignored) {
            // nothing left to read from it; a close failure loses no data
        }
    }

    // ---- the read buffer ----

    /**
     * Keeps {@code [pos, limit)}, moving it to the front, and reads more after it (growing the buffer when
     * full). Sets {@link #eof} at the end of the input.
     */
    final void more() throws IOException {
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, limit - pos);
            limit -= pos;
            pos = 0;
        }
        if (limit == buf.length) {
            if (buf.length >= MAX_RECORD_CHARS) {
                throw new FrameReadException(sourceName, line, null, null, "a record longer than "
                        + MAX_RECORD_CHARS + " characters (an unterminated quote?)");
            }
            buf = java.util.Arrays.copyOf(buf, buf.length * 2);
        }
        int n = in.read(buf, limit, buf.length - limit);
        if (n < 0) {
            eof = true;
        } else {
            limit += n;
        }
    }

    /** Advances {@link #line} past the line breaks in {@code [s, e)} ({@code \n}, {@code \r\n} or a lone {@code \r}). */
    final void countLines(int s, int e) {
        for (int i = s; i < e; i++) {
            char c = buf[i];
            if (c == '\n' || (c == '\r' && (i + 1 >= e || buf[i + 1] != '\n'))) {
                line++;
            }
        }
    }

    // ---- values ----

    /**
     * Writes {@code [s, e)} of {@code b} into column {@code col} at {@code row}, parsed as its type.
     *
     * @throws FrameReadException naming the column and its type when the text does not parse
     */
    final void put(Column[] columns, int col, int row, char[] b, int s, int e, long recordLine) {
        Column c = columns[col];
        ColumnType t = types[col];
        if (TextParsers.isNull(b, s, e) || (t != ColumnType.FLOAT64 && TextParsers.isNaN(b, s, e))) {
            c.setNull(row);
            return;
        }
        boolean ok = switch (t) {
            case INT32 -> {
                if (parsers.parseLong(b, s, e, Integer.MIN_VALUE, Integer.MAX_VALUE)) {
                    c.setInt(row, (int) parsers.longValue);
                    yield true;
                }
                yield false;
            }
            case INT64 -> {
                if (parsers.parseLong(b, s, e, Long.MIN_VALUE, Long.MAX_VALUE)) {
                    c.setLong(row, parsers.longValue);
                    yield true;
                }
                yield false;
            }
            case FLOAT64 -> {
                if (parsers.parseDouble(b, s, e)) {
                    c.setDouble(row, parsers.doubleValue);
                    yield true;
                }
                yield false;
            }
            case BOOLEAN -> {
                int v = TextParsers.parseBoolean(b, s, e);
                if (v >= 0) {
                    c.setBoolean(row, v == 1);
                }
                yield v >= 0;
            }
            case TIMESTAMP -> {
                if (parsers.parseTimestamp(b, s, e)) {
                    c.setTimestamp(row, parsers.longValue);
                    yield true;
                }
                yield false;
            }
            case CATEGORY -> {
                c.setString(row, caches[col].get(b, s, e));
                yield true;
            }
        };
        if (!ok) {
            throw bad(recordLine, col, "cannot parse " + quoted(b, s, e) + " as " + describe(t));
        }
    }

    final FrameReadException bad(long recordLine, int col, String detail) {
        return new FrameReadException(sourceName, recordLine, col < 0 ? null : schema.field(col).name(),
                col < 0 ? null : types[col], detail);
    }

    static String describe(ColumnType t) {
        return switch (t) {
            case INT32 -> "a 32-bit integer";
            case INT64 -> "a 64-bit integer";
            case FLOAT64 -> "a number";
            case BOOLEAN -> "a boolean (true/false/1/0)";
            case TIMESTAMP -> "a timestamp (ISO-8601 or epoch integer)";
            case CATEGORY -> "a string";
        };
    }

    static String quoted(char[] b, int s, int e) {
        int n = Math.min(e - s, 40);
        return "\"" + new String(b, s, n) + (e - s > n ? "...\"" : "\"");
    }

    static String lower(ColumnType t) {
        return t.name().toLowerCase(Locale.ROOT);
    }
}
