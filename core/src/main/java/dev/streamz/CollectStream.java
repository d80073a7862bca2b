package dev.streamz;

import java.util.List;
import java.util.Map;

/**
 * The node returned by {@link Stream#collect()}: it holds elements until {@link #flush()} emits them as
 * one tuple (an immutable {@code List}) and releases their refs.
 *
 * @param <T> the type of the collected elements
 */
public abstract class CollectStream<T> extends Stream<List<T>> {
    /**
     * Builds the collecting node downstream of {@code upstream}.
     *
     * @param parameters introspection parameters
     * @param upstream the collected stream
     */
    protected CollectStream(Map<String, Object> parameters, Stream<?> upstream) {
        super("collect", parameters, upstream);
    }

    /** Emits everything collected so far as one tuple (empty if nothing), then releases it. */
    public abstract void flush();

    /**
     * {@link #flush()}, ignoring its argument, so it can be used as a sink: {@code other.sink(c::flush)}.
     *
     * @param ignored anything
     */
    public final void flush(Object ignored) {
        flush();
    }
}
