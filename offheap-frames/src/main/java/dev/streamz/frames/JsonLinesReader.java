package dev.streamz.frames;

import dev.streamz.frames.internal.io.TextParsers;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads JSON lines (one JSON object per line) into frames of a given {@link Schema}, a frame at a time
 * (see {@link FrameReader}).
 *
 * <p>Each non-blank line is one flat object; its members are matched to the schema's columns by name,
 * keys the schema lacks are ignored (whatever their value), a column the object lacks or gives
 * {@code null} is null, and a repeated key keeps its last value. A nested object or array as a column's
 * value is an error. Values by column type: numbers for int32/int64 (integral only) and float64 (which also
 * takes the bare tokens {@code NaN}, {@code Infinity}, {@code -Infinity} that Python's {@code json} writes);
 * {@code true}/{@code false} (or the numbers 1/0) for booleans; strings for categories; an ISO-8601 string or
 * an integer in {@link ReadOptions#epochUnit()} for timestamps. The CSV options (delimiter, quote, header)
 * do not apply.
 */
public final class JsonLinesReader extends FrameReader {
    private final char[][] names;
    private final boolean[] seen;
    private char[] scratch = new char[64];
    private int at; // the parse position within the current line
    private int lineEnd;
    private long recordLine;

    private JsonLinesReader(Reader in, String sourceName, Schema schema, ReadOptions options) {
        super(in, sourceName, schema, options);
        this.names = new char[schema.size()][];
        for (int i = 0; i < names.length; i++) {
            names[i] = schema.field(i).name().toCharArray();
        }
        this.seen = new boolean[schema.size()];
    }

    /**
     * Opens a UTF-8 file with the default options.
     *
     * @param file the JSON-lines file
     * @param schema the frames' columns
     * @return the reader
     * @throws UncheckedIOException naming the file when it cannot be opened
     */
    public static JsonLinesReader open(Path file, Schema schema) {
        return open(file, schema, ReadOptions.defaults());
    }

    /**
     * Opens a UTF-8 file.
     *
     * @param file the JSON-lines file
     * @param schema the frames' columns
     * @param options how to read it
     * @return the reader
     * @throws UncheckedIOException naming the file when it cannot be opened
     */
    public static JsonLinesReader open(Path file, Schema schema, ReadOptions options) {
        if (file == null) {
            throw new NullPointerException("JsonLinesReader.open: file must not be null");
        }
        try {
            return open(Files.newBufferedReader(file, StandardCharsets.UTF_8), file.toString(), schema, options);
        } catch (IOException e) {
            throw new UncheckedIOException("JsonLinesReader.open: cannot open " + file, e);
        }
    }

    /**
     * Reads a UTF-8 stream.
     *
     * @param in the bytes (closed by the reader)
     * @param sourceName the name errors give the source
     * @param schema the frames' columns
     * @param options how to read it
     * @return the reader
     */
    public static JsonLinesReader open(InputStream in, String sourceName, Schema schema, ReadOptions options) {
        if (in == null) {
            throw new NullPointerException("JsonLinesReader.open: in must not be null");
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
     * @return the reader
     */
    public static JsonLinesReader open(Reader in, String sourceName, Schema schema, ReadOptions options) {
        if (in == null || sourceName == null || schema == null || options == null) {
            throw new NullPointerException(
                    "JsonLinesReader.open: in, sourceName, schema and options must not be null");
        }
        return new JsonLinesReader(in, sourceName, schema, options);
    }

    @Override
    boolean readRow(Column[] columns, int row) throws IOException {
        while (true) {
            if (!nextLine()) {
                return false;
            }
            skipSpace();
            if (at < lineEnd) {
                break; // blank lines are skipped
            }
        }
        parseObject(columns, row);
        return true;
    }

    /** Finds the next line: {@code [at, lineEnd)} in {@link #buf}; false at the end of the input. */
    private boolean nextLine() throws IOException {
        while (true) {
            int i = pos;
            while (i < limit && buf[i] != '\n') {
                i++;
            }
            if (i < limit || eof) {
                if (pos == limit && eof) {
                    return false;
                }
                at = pos;
                lineEnd = i;
                if (lineEnd > at && buf[lineEnd - 1] == '\r') {
                    lineEnd--;
                }
                recordLine = line;
                line++;
                pos = i < limit ? i + 1 : i; // consumed: a bad line is skipped whole
                return true;
            }
            more();
        }
    }

    private void skipSpace() {
        while (at < lineEnd) {
            char c = buf[at];
            if (c != ' ' && c != '\t' && c != '\r') {
                return;
            }
            at++;
        }
    }

    private void parseObject(Column[] columns, int row) {
        int start = at;
        java.util.Arrays.fill(seen, false);
        char c = buf[at];
        if (c != '{') {
            throw syntaxAt(start, "expected a JSON object '{'");
        }
        at++;
        skipSpace();
        if (at < lineEnd && buf[at] == '}') {
            at++;
        } else {
            while (true) {
                skipSpace();
                if (at >= lineEnd || buf[at] != '"') {
                    throw syntaxAt(start, "expected a member name in double quotes");
                }
                int keyStart = at + 1;
                int keyEnd = scanString(start);
                int col = column(keyStart, keyEnd);
                skipSpace();
                if (at >= lineEnd || buf[at] != ':') {
                    throw syntaxAt(start, "expected ':' after a member name");
                }
                at++;
                skipSpace();
                if (col < 0) {
                    skipValue(start);
                } else {
                    value(columns, col, row, start);
                    seen[col] = true;
                }
                skipSpace();
                if (at < lineEnd && buf[at] == ',') {
                    at++;
                    continue;
                }
                if (at < lineEnd && buf[at] == '}') {
                    at++;
                    break;
                }
                throw syntaxAt(start, "expected ',' or '}'");
            }
        }
        skipSpace();
        if (at < lineEnd) {
            throw syntaxAt(start, "text after the object (one object per line)");
        }
        for (int i = 0; i < seen.length; i++) {
            if (!seen[i]) {
                columns[i].setNull(row);
            }
        }
    }

    private FrameReadException syntaxAt(int lineStart, String what) {
        return new FrameReadException(sourceName, recordLine, null, null,
                what + " at character " + (at - lineStart + 1));
    }

    /** Index of the schema column named {@code [s, e)} (escapes not decoded: names with escapes never match). */
    private int column(int s, int e) {
        int len = e - s;
        for (int i = 0; i < names.length; i++) {
            char[] n = names[i];
            if (n.length == len && java.util.Arrays.equals(n, 0, len, buf, s, e)) {
                return i;
            }
        }
        return -1;
    }

    /** At an opening quote: moves past the closing quote, returns the index of the closing quote. */
    private int scanString(int lineStart) {
        int i = at + 1;
        while (i < lineEnd) {
            char c = buf[i];
            if (c == '"') {
                at = i + 1;
                return i;
            }
            if (c == '\\') {
                i++;
            }
            i++;
        }
        at = lineEnd;
        throw syntaxAt(lineStart, "an unterminated string");
    }

    private void value(Column[] columns, int col, int row, int lineStart) {
        if (at >= lineEnd) {
            throw syntaxAt(lineStart, "expected a value");
        }
        ColumnType t = types[col];
        char c = buf[at];
        int vs = at;
        switch (c) {
            case '{', '[' -> throw bad(recordLine, col, "a nested " + (c == '{' ? "object" : "array")
                    + " is not supported (character " + (at - lineStart + 1) + ")");
            case '"' -> {
                int s = at + 1;
                int e = scanString(lineStart);
                if (t != ColumnType.CATEGORY && t != ColumnType.TIMESTAMP) {
                    throw bad(recordLine, col, "expected " + describe(t) + ", got the string " + quoted(buf, s, e));
                }
                int len = unescape(s, e, lineStart);
                if (t == ColumnType.CATEGORY) {
                    columns[col].setString(row, caches[col].get(scratch, 0, len));
                } else if (parsers.parseTimestamp(scratch, 0, len)) {
                    columns[col].setTimestamp(row, parsers.longValue);
                } else {
                    throw bad(recordLine, col, "cannot parse " + quoted(scratch, 0, len) + " as " + describe(t));
                }
            }
            case 'n' -> {
                literal("null", lineStart);
                columns[col].setNull(row);
            }
            case 't', 'f' -> {
                boolean v = c == 't';
                literal(v ? "true" : "false", lineStart);
                if (t != ColumnType.BOOLEAN) {
                    throw bad(recordLine, col, "expected " + describe(t) + ", got " + v);
                }
                columns[col].setBoolean(row, v);
            }
            default -> {
                int e = at;
                while (e < lineEnd && buf[e] != ',' && buf[e] != '}' && buf[e] != ' ' && buf[e] != '\t') {
                    e++;
                }
                at = e;
                number(columns, col, row, vs, e);
            }
        }
    }

    private void number(Column[] columns, int col, int row, int s, int e) {
        ColumnType t = types[col];
        boolean ok = switch (t) {
            case INT32 -> {
                if (parsers.parseLong(buf, s, e, Integer.MIN_VALUE, Integer.MAX_VALUE)) {
                    columns[col].setInt(row, (int) parsers.longValue);
                    yield true;
                }
                yield false;
            }
            case INT64 -> {
                if (parsers.parseLong(buf, s, e, Long.MIN_VALUE, Long.MAX_VALUE)) {
                    columns[col].setLong(row, parsers.longValue);
                    yield true;
                }
                yield false;
            }
            case FLOAT64 -> {
                boolean token = TextParsers.equals(buf, s, e, "NaN")
                        || TextParsers.equals(buf, s, e, "Infinity")
                        || TextParsers.equals(buf, s, e, "-Infinity");
                if ((token || looksNumeric(s, e)) && parsers.parseDouble(buf, s, e)) {
                    columns[col].setDouble(row, parsers.doubleValue);
                    yield true;
                }
                yield false;
            }
            case BOOLEAN -> {
                if (e - s == 1 && (buf[s] == '0' || buf[s] == '1')) {
                    columns[col].setBoolean(row, buf[s] == '1');
                    yield true;
                }
                yield false;
            }
            case TIMESTAMP -> {
                if (parsers.parseLong(buf, s, e, Long.MIN_VALUE, Long.MAX_VALUE)
                        && parsers.parseTimestamp(buf, s, e)) {
                    columns[col].setTimestamp(row, parsers.longValue);
                    yield true;
                }
                yield false;
            }
            case CATEGORY -> false;
        };
        if (!ok) {
            throw bad(recordLine, col, "expected " + describe(t) + ", got " + quoted(buf, s, e));
        }
    }

    private boolean looksNumeric(int s, int e) {
        for (int i = s; i < e; i++) {
            char c = buf[i];
            if (!((c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E')) {
                return false;
            }
        }
        return e > s;
    }

    private void literal(String word, int lineStart) {
        int n = word.length();
        if (at + n > lineEnd || !TextParsers.equals(buf, at, at + n, word)) {
            throw syntaxAt(lineStart, "an invalid literal");
        }
        at += n;
    }

    /** Skips the value of a member the schema lacks, nested or not. */
    private void skipValue(int lineStart) {
        int depth = 0;
        while (at < lineEnd) {
            char c = buf[at];
            if (c == '"') {
                scanString(lineStart);
                if (depth == 0) {
                    return;
                }
                continue;
            }
            if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                if (depth == 0) {
                    return;
                }
                depth--;
                if (depth == 0) {
                    at++;
                    return;
                }
            } else if (c == ',' && depth == 0) {
                return;
            }
            at++;
        }
    }

    /** Decodes JSON escapes of {@code [s, e)} into {@link #scratch}; returns the length. */
    private int unescape(int s, int e, int lineStart) {
        if (scratch.length < e - s) {
            scratch = new char[Math.max(e - s, scratch.length * 2)];
        }
        int n = 0;
        for (int i = s; i < e; i++) {
            char c = buf[i];
            if (c != '\\') {
                scratch[n++] = c;
                continue;
            }
            if (++i >= e) {
                break;
            }
            char x = buf[i];
            switch (x) {
                case '"', '\\', '/' -> scratch[n++] = x;
                case 'b' -> scratch[n++] = '\b';
                case 'f' -> scratch[n++] = '\f';
                case 'n' -> scratch[n++] = '\n';
                case 'r' -> scratch[n++] = '\r';
                case 't' -> scratch[n++] = '\t';
                case 'u' -> {
                    if (i + 4 >= e) {
                        at = i;
                        throw syntaxAt(lineStart, "a truncated \\u escape");
                    }
                    int v = 0;
                    for (int k = 1; k <= 4; k++) {
                        int d = Character.digit(buf[i + k], 16);
                        if (d < 0) {
                            at = i;
                            throw syntaxAt(lineStart, "a bad \\u escape");
                        }
                        v = v * 16 + d;
                    }
                    scratch[n++] = (char) v;
                    i += 4;
                }
                default -> {
                    at = i;
                    throw syntaxAt(lineStart, "a bad escape \\" + x);
                }
            }
        }
        return n;
    }
}
