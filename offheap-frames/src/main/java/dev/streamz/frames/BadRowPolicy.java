package dev.streamz.frames;

/**
 * What a {@link FrameReader} does with a row it cannot read (a value that does not parse as its column's
 * type, a wrong number of fields, broken quoting or JSON).
 */
public enum BadRowPolicy {
    /** Throw a {@link FrameReadException} naming the source, line and column (the default). */
    FAIL,
    /**
     * Skip the row and go on; {@link FrameReader#skippedRows()} counts skipped rows and
     * {@link FrameReader#skippedErrors()} keeps the first errors, so nothing is dropped silently.
     */
    SKIP
}
