package dev.streamz.frames;

import java.util.concurrent.TimeUnit;

/**
 * How a {@link CsvReader} or {@link JsonLinesReader} reads a file into frames. Immutable; start from
 * {@link #defaults()} and change what differs with the {@code with*} methods, which validate at once.
 *
 * @param frameRows rows per frame, at least 1 (default 4096); ignored when {@code pool} is set (its frame capacity rules)
 * @param badRows what to do with a row that cannot be read (default {@link BadRowPolicy#FAIL})
 * @param epochUnit the unit of a timestamp written as a plain integer (default nanoseconds, as pandas)
 * @param delimiter CSV field delimiter (default {@code ','})
 * @param quote CSV quote character (default {@code '"'}; doubled inside a quoted field)
 * @param header whether the CSV's first line names the columns (default true): columns are then matched to
 *     the schema by name, in any order, and columns the schema lacks are skipped; without a header the
 *     fields are the schema's columns in order
 * @param pool where frames come from, or null to allocate a frame of {@code frameRows} each time (default);
 *     a pool keeps category codes the same across frames and bounds memory
 */
public record ReadOptions(int frameRows, BadRowPolicy badRows, TimeUnit epochUnit, char delimiter, char quote,
                          boolean header, FramePool pool) {
    /** Rows per frame by default. */
    public static final int DEFAULT_FRAME_ROWS = 4096;

    /**
     * Validates.
     *
     * @throws NullPointerException when {@code badRows} or {@code epochUnit} is null
     * @throws IllegalArgumentException on a frame size below 1, a delimiter equal to the quote, or a
     *     delimiter or quote that is a line break
     */
    public ReadOptions {
        if (badRows == null || epochUnit == null) {
            throw new NullPointerException("ReadOptions: badRows and epochUnit must not be null");
        }
        if (frameRows < 1) {
            throw new IllegalArgumentException("ReadOptions: frameRows must be >= 1, got " + frameRows);
        }
        if (delimiter == quote || delimiter == '\n' || delimiter == '\r' || quote == '\n' || quote == '\r') {
            throw new IllegalArgumentException("ReadOptions: delimiter and quote must differ and not be line breaks,"
                    + " got delimiter " + printable(delimiter) + " and quote " + printable(quote));
        }
    }

    private static String printable(char c) {
        return c == '\n' ? "'\\n'" : c == '\r' ? "'\\r'" : "'" + c + "'";
    }

    /** {@return 4096 rows per frame, fail on a bad row, epoch nanoseconds, comma, double quote, a header, no pool} */
    public static ReadOptions defaults() {
        return new ReadOptions(DEFAULT_FRAME_ROWS, BadRowPolicy.FAIL, TimeUnit.NANOSECONDS, ',', '"', true, null);
    }

    /**
     * A copy with rows per frame changed.
     *
     * @param rows rows per frame
     * @return the copy
     */
    public ReadOptions withFrameRows(int rows) {
        return new ReadOptions(rows, badRows, epochUnit, delimiter, quote, header, pool);
    }

    /**
     * A copy with the bad-row policy changed.
     *
     * @param policy the bad-row policy
     * @return the copy
     */
    public ReadOptions withBadRows(BadRowPolicy policy) {
        return new ReadOptions(frameRows, policy, epochUnit, delimiter, quote, header, pool);
    }

    /**
     * A copy with the unit of integer timestamps changed.
     *
     * @param unit the unit of integer timestamps
     * @return the copy
     */
    public ReadOptions withEpochUnit(TimeUnit unit) {
        return new ReadOptions(frameRows, badRows, unit, delimiter, quote, header, pool);
    }

    /**
     * A copy with the CSV delimiter changed.
     *
     * @param c the CSV delimiter
     * @return the copy
     */
    public ReadOptions withDelimiter(char c) {
        return new ReadOptions(frameRows, badRows, epochUnit, c, quote, header, pool);
    }

    /**
     * A copy with the CSV quote character changed.
     *
     * @param c the CSV quote character
     * @return the copy
     */
    public ReadOptions withQuote(char c) {
        return new ReadOptions(frameRows, badRows, epochUnit, delimiter, c, header, pool);
    }

    /**
     * A copy with whether the CSV has a header line changed.
     *
     * @param present whether the CSV has a header line
     * @return the copy
     */
    public ReadOptions withHeader(boolean present) {
        return new ReadOptions(frameRows, badRows, epochUnit, delimiter, quote, present, pool);
    }

    /**
     * A copy with where frames come from (null: allocate) changed.
     *
     * @param framePool where frames come from (null: allocate)
     * @return the copy
     */
    public ReadOptions withPool(FramePool framePool) {
        return new ReadOptions(frameRows, badRows, epochUnit, delimiter, quote, header, framePool);
    }
}
