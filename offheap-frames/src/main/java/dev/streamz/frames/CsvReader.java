package dev.streamz.frames;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads CSV (RFC 4180) into frames of a given {@link Schema}, a frame at a time (see {@link FrameReader}).
 *
 * <pre>{@code
 * Schema schema = Schema.builder().timestamp("time").category("symbol").float64("price").build();
 * try (CsvReader csv = CsvReader.open(Path.of("trades.csv"), schema)) {
 *     while (csv.hasNext()) {
 *         try (Frame f = csv.next()) { ... }
 *     }
 * }
 * }</pre>
 *
 * <p>Format. Fields are separated by {@link ReadOptions#delimiter()}; a field may be quoted with
 * {@link ReadOptions#quote()}, which then may hold delimiters, line breaks and doubled quotes; records end
 * with {@code \n}, {@code \r\n} or {@code \r}; blank lines are skipped. With a header (the default) columns
 * are matched to the schema by name and extra columns are ignored; a schema column missing from the header
 * fails at open. Every record must have as many fields as the header (or the schema, without one).
 *
 * <p>Values. An empty field and pandas' default NA spellings ({@code NA}, {@code N/A}, {@code NULL},
 * {@code null}, {@code None}, {@code <NA>}, {@code #N/A} ...) are null in every column. Float64 reads
 * decimals and scientific notation, {@code inf}/{@code -inf}/{@code Infinity} (any case), and pandas' NaN
 * spellings ({@code NaN}, {@code nan}, {@code -nan}, {@code 1.#QNAN} ...) as NaN, a value distinct from null
 * (in other columns those spellings are null). Booleans are {@code true}/{@code false} (any case) or
 * {@code 1}/{@code 0}. Timestamps are ISO-8601 ({@code 2024-03-01}, {@code 2024-03-01T09:30:00.123456789Z},
 * a space for the {@code T}, a {@code +01:00} offset; no zone means UTC) or a plain integer in
 * {@link ReadOptions#epochUnit()} (nanoseconds by default). Numbers are parsed from the read buffer, with no
 * string per field; a category allocates a string only the first time a value appears.
 */
public final class CsvReader extends FrameReader {
    private final char delimiter;
    private final char quote;
    /** For each field position of a record: its schema column, or -1 to skip it. */
    private final int[] columnOf;
    private int[] fieldStart = new int[16];
    private int[] fieldEnd = new int[16];
    private boolean[] fieldEscaped = new boolean[16];
    private char[] scratch = new char[64];

    private CsvReader(Reader in, String sourceName, Schema schema, ReadOptions options) throws IOException {
        super(in, sourceName, schema, options);
        this.delimiter = options.delimiter();
        this.quote = options.quote();
        this.columnOf = options.header() ? readHeader() : identity(schema.size());
    }

    /**
     * Opens a UTF-8 file with the default options.
     *
     * @param file the CSV file
     * @param schema the frames' columns
     * @return the reader (the header, if any, is read)
     * @throws UncheckedIOException naming the file when it cannot be opened or read
     * @throws FrameReadException when the header lacks a schema column
     */
    public static CsvReader open(Path file, Schema schema) {
        return open(file, schema, ReadOptions.defaults());
    }

    /**
     * Opens a UTF-8 file.
     *
     * @param file the CSV file
     * @param schema the frames' columns
     * @param options how to read it
     * @return the reader (the header, if any, is read)
     * @throws UncheckedIOException naming the file when it cannot be opened or read
     * @throws FrameReadException when the header lacks a schema column
     */
    public static CsvReader open(Path file, Schema schema, ReadOptions options) {
        if (file == null) {
            throw new NullPointerException("CsvReader.open: file must not be null");
        }
        Reader in;
        try {
            in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("CsvReader.open: cannot open " + file, e);
        }
        return open(in, file.toString(), schema, options);
    }

    /**
     * Reads a UTF-8 stream.
     *
     * @param in the bytes (closed by the reader)
     * @param sourceName the name errors give the source
     * @param schema the frames' columns
     * @param options how to read it
     * @return the reader (the header, if any, is read)
     */
    public static CsvReader open(InputStream in, String sourceName, Schema schema, ReadOptions options) {
        if (in == null) {
            throw new NullPointerException("CsvReader.open: in must not be null");
        }
        return open(new InputStreamReader(in, StandardCharsets.UTF_8), sourceName, schema, options);
    }

    /**
     * Reads characters.
     *
     * @param in the characters (closed by the reader; need not be buffered)
     * @param sourceName the name errors give the source
     * @param schema the frames' columns
     * @param options how to read it
     * @return the reader (the header, if any, is read)
     * @throws UncheckedIOException naming the source when reading the header fails
     * @throws FrameReadException when the header lacks a schema column
     */
    public static CsvReader open(Reader in, String sourceName, Schema schema, ReadOptions options) {
        if (in == null || sourceName == null || schema == null || options == null) {
            throw new NullPointerException("CsvReader.open: in, sourceName, schema and options must not be null");
        }
        try {
            return new CsvReader(in, sourceName, schema, options);
        } catch (IOException e) {
            try {
                in.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw new UncheckedIOException(sourceName + ": reading the header failed", e);
        } catch (RuntimeException e) {
            try {
                in.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    private static int[] identity(int n) {
        int[] m = new int[n];
        for (int i = 0; i < n; i++) {
            m[i] = i;
        }
        return m;
    }

    private int[] readHeader() throws IOException {
        long headerLine = line;
        int n = tokenize();
        if (n < 0) {
            throw new FrameReadException(sourceName, headerLine, null, null, "empty input: no header line");
        }
        int[] map = new int[n];
        Arrays.fill(map, -1);
        boolean[] found = new boolean[schema.size()];
        for (int k = 0; k < n; k++) {
            String name = field(k);
            int col = schema.contains(name) ? schema.indexOf(name) : -1;
            if (col >= 0) {
                if (found[col]) {
                    throw new FrameReadException(sourceName, headerLine, name, null, "the header names it twice");
                }
                found[col] = true;
                map[k] = col;
            }
        }
        List<String> missing = new ArrayList<>();
        for (int c = 0; c < found.length; c++) {
            if (!found[c]) {
                missing.add(schema.field(c).name());
            }
        }
        if (!missing.isEmpty()) {
            throw new FrameReadException(sourceName, headerLine, null, null, "the header lacks the schema's column(s) "
                    + missing + "; it has " + headerNames(n));
        }
        return map;
    }

    private List<String> headerNames(int n) {
        List<String> names = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            names.add(field(k));
        }
        return names;
    }

    private String field(int k) {
        int s = fieldStart[k];
        int e = fieldEnd[k];
        if (fieldEscaped[k]) {
            int len = unescape(s, e);
            return new String(scratch, 0, len);
        }
        return new String(buf, s, e - s);
    }

    @Override
    boolean readRow(Column[] columns, int row) throws IOException {
        int n = tokenize();
        if (n < 0) {
            return false;
        }
        long recordLine = firstLine;
        if (n != columnOf.length) {
            throw bad(recordLine, -1, "expected " + columnOf.length + " fields, got " + n);
        }
        for (int k = 0; k < n; k++) {
            int col = columnOf[k];
            if (col < 0) {
                continue;
            }
            int s = fieldStart[k];
            int e = fieldEnd[k];
            if (fieldEscaped[k]) {
                int len = unescape(s, e);
                put(columns, col, row, scratch, 0, len, recordLine);
            } else {
                put(columns, col, row, buf, s, e, recordLine);
            }
        }
        return true;
    }

    /** Copies quoted field content {@code [s, e)} into {@link #scratch}, undoubling quotes; returns its length. */
    private int unescape(int s, int e) {
        if (scratch.length < e - s) {
            scratch = new char[Math.max(e - s, scratch.length * 2)];
        }
        int n = 0;
        for (int i = s; i < e; i++) {
            char c = buf[i];
            scratch[n++] = c;
            if (c == quote) {
                i++; // the second of a doubled quote
            }
        }
        return n;
    }

    /** The line the last tokenized record started on (blank lines before it skipped). */
    private long firstLine;

    /**
     * Splits the next record into fields ({@link #fieldStart}, {@link #fieldEnd}, {@link #fieldEscaped}, as
     * positions in {@link #buf}, valid until the next call) and consumes it.
     *
     * @return the number of fields, or -1 at the end of the input
     * @throws FrameReadException for broken quoting, after consuming the record
     */
    private int tokenize() throws IOException {
        restart:
        while (true) {
            if (pos == limit) {
                if (eof) {
                    return -1;
                }
                more();
                continue;
            }
            char c0 = buf[pos];
            if (c0 == '\n' || c0 == '\r') { // a blank line
                if (c0 == '\r' && pos + 1 == limit && !eof) {
                    more();
                    continue;
                }
                int next = c0 == '\r' && pos + 1 < limit && buf[pos + 1] == '\n' ? pos + 2 : pos + 1;
                pos = next;
                line++;
                continue;
            }
            int start = pos;
            int i = pos;
            int n = 0;
            while (true) {
                if (n == fieldStart.length) {
                    fieldStart = Arrays.copyOf(fieldStart, n * 2);
                    fieldEnd = Arrays.copyOf(fieldEnd, n * 2);
                    fieldEscaped = Arrays.copyOf(fieldEscaped, n * 2);
                }
                int end; // index of the character after the field
                if (i < limit && buf[i] == quote) {
                    int j = i + 1;
                    boolean escaped = false;
                    while (true) {
                        if (j >= limit) {
                            if (!eof) {
                                more();
                                continue restart;
                            }
                            firstLine = line;
                            countLines(start, limit);
                            pos = limit;
                            throw bad(firstLine, -1, "a quoted field (field " + (n + 1)
                                    + ") is not closed before the end of the input");
                        }
                        if (buf[j] == quote) {
                            if (j + 1 >= limit && !eof) {
                                more();
                                continue restart;
                            }
                            if (j + 1 < limit && buf[j + 1] == quote) {
                                escaped = true;
                                j += 2;
                                continue;
                            }
                            break;
                        }
                        j++;
                    }
                    fieldStart[n] = i + 1;
                    fieldEnd[n] = j;
                    fieldEscaped[n] = escaped;
                    n++;
                    end = j + 1;
                    if (end < limit && buf[end] != delimiter && buf[end] != '\n' && buf[end] != '\r') {
                        int k = end;
                        while (k < limit && buf[k] != '\n' && buf[k] != '\r') {
                            k++;
                        }
                        if (k >= limit && !eof) {
                            more();
                            continue restart;
                        }
                        firstLine = line;
                        countLines(start, k);
                        pos = k;
                        throw bad(firstLine, -1, "field " + n + ": a character after the closing quote: "
                                + quoted(buf, end, Math.min(k, end + 20)));
                    }
                } else {
                    int j = i;
                    while (j < limit) {
                        char c = buf[j];
                        if (c == delimiter || c == '\n' || c == '\r') {
                            break;
                        }
                        j++;
                    }
                    if (j >= limit && !eof) {
                        more();
                        continue restart;
                    }
                    fieldStart[n] = i;
                    fieldEnd[n] = j;
                    fieldEscaped[n] = false;
                    n++;
                    end = j;
                }
                if (end >= limit) { // the input ends the record (eof)
                    firstLine = line;
                    countLines(start, end);
                    pos = end;
                    return n;
                }
                char c = buf[end];
                if (c == delimiter) {
                    i = end + 1;
                    if (i >= limit && !eof) {
                        more();
                        continue restart;
                    }
                    continue;
                }
                // a line break ends the record
                int next = end + 1;
                if (c == '\r') {
                    if (next >= limit && !eof) {
                        more();
                        continue restart;
                    }
                    if (next < limit && buf[next] == '\n') {
                        next++;
                    }
                }
                firstLine = line;
                countLines(start, next);
                pos = next;
                return n;
            }
        }
    }
}
