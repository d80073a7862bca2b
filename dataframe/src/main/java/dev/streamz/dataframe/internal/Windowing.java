package dev.streamz.dataframe.internal;

/**
 * Which rows a window keeps: the last {@code n} rows ({@code window(n)}), the interval
 * {@code (newest − d, newest]} of a timestamp ({@code window(Duration)}), or every row
 * ({@code expanding()}). An empty batch changes nothing: time moves only when rows arrive.
 *
 * @param rows the row count to keep, or 0 when the window is timed or expanding
 * @param nanos the duration in nanoseconds, or 0 when the window counts rows or is expanding
 */
public record Windowing(long rows, long nanos) {
    /**
     * @param n rows to keep, at least 1
     * @return the last-n-rows windowing
     */
    public static Windowing lastRows(long n) {
        return new Windowing(n, 0);
    }

    /**
     * @param nanos the duration in nanoseconds, at least 1
     * @return the time windowing
     */
    public static Windowing lastNanos(long nanos) {
        return new Windowing(0, nanos);
    }

    /** @return the windowing that keeps every row */
    public static Windowing expanding() {
        return new Windowing(0, 0);
    }

    /** @return whether no row ever leaves ({@code expanding()}, all-time) */
    public boolean isExpanding() {
        return rows == 0 && nanos == 0;
    }

    /** @return whether rows leave by timestamp */
    public boolean timed() {
        return nanos > 0;
    }

    /**
     * Evicts what this windowing drops after a batch was pushed.
     *
     * @param w the window
     */
    public void evict(RowWindow w) {
        if (rows > 0) {
            w.evictToCount(rows);
        } else if (nanos > 0 && w.rows() > 0) {
            w.evictUpTo(w.newest() - nanos);
        }
    }
}
