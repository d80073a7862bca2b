package dev.streamz.dataframe;

import dev.streamz.dataframe.internal.Windowing;

/**
 * A window over a streaming DataFrame's rows ({@link StreamingDataFrame#window(int)},
 * {@link StreamingDataFrame#window(java.time.Duration)}): the rows a windowed group-by aggregates. For one
 * column's windowed aggregates use {@link StreamingSeries#window(int)}.
 */
public final class Window {
    private final StreamingDataFrame sdf;
    private final Windowing windowing;
    private final String op;

    Window(StreamingDataFrame sdf, Windowing windowing, String op) {
        this.sdf = sdf;
        this.windowing = windowing;
        this.op = op;
    }

    /**
     * Group-by within the window (streamz's {@code window(n).groupby('k')}): a group whose rows all left
     * the window disappears from the results.
     *
     * @param key the key column
     * @return the grouping
     * @throws IllegalArgumentException when there is no such column
     */
    public GroupBy groupby(String key) {
        return new GroupBy(sdf, key, windowing, op + ".groupby");
    }
}
