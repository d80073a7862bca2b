package dev.streamz.frames;

import java.io.Serial;

/**
 * A row of a file that a {@link FrameReader} cannot read: names the source (file), the line, and where
 * known the column and the type it expected.
 */
public final class FrameReadException extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    /** The file or source name. */
    private final String source;
    /** The 1-based line the bad row starts on. */
    private final long line;
    /** The column's name, or null. */
    private final String column;
    /** The type the column expected, or null. */
    private final ColumnType expected;

    /**
     * An error about one row.
     *
     * @param source the file or source name
     * @param line the 1-based line the row starts on
     * @param column the column's name, or null when the error is not about one column
     * @param expected the column's type, or null
     * @param detail what is wrong
     */
    public FrameReadException(String source, long line, String column, ColumnType expected, String detail) {
        super(source + ": line " + line + (column == null ? "" : ", column '" + column + "'")
                + (expected == null ? "" : " (" + expected.name().toLowerCase(java.util.Locale.ROOT) + ")") + ": "
                + detail);
        this.source = source;
        this.line = line;
        this.column = column;
        this.expected = expected;
    }

    /** {@return the file or source name} */
    public String source() {
        return source;
    }

    /** {@return the 1-based line the bad row starts on} */
    public long line() {
        return line;
    }

    /** {@return the column's name, or null when the error concerns the whole row} */
    public String column() {
        return column;
    }

    /** {@return the type the column expected, or null} */
    public ColumnType expected() {
        return expected;
    }
}
