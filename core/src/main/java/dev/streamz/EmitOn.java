package dev.streamz;

import java.util.List;

/**
 * Which inputs of {@link Stream#combineLatest(EmitOn, Stream[])} trigger an emission.
 *
 * <p>Either a set of streams, or positions in the node's input list (0 is the stream the method was
 * called on).
 */
public final class EmitOn {
    private final List<Stream<?>> streams;
    private final int[] indices;

    private EmitOn(List<Stream<?>> streams, int[] indices) {
        this.streams = streams;
        this.indices = indices;
    }

    /**
     * Emits when one of {@code streams} delivers an element.
     *
     * @param streams the inputs whose arrivals emit; at least one
     * @return the choice
     * @throws NullPointerException if a stream is null
     * @throws IllegalArgumentException if there is none
     */
    public static EmitOn streams(Stream<?>... streams) {
        if (streams.length == 0) {
            throw new IllegalArgumentException("EmitOn.streams needs at least one stream");
        }
        for (Stream<?> s : streams) {
            if (s == null) {
                throw new NullPointerException("EmitOn.streams: stream must not be null");
            }
        }
        return new EmitOn(List.of(streams), null);
    }

    /**
     * Emits when the input at one of {@code indices} delivers an element.
     *
     * @param indices positions of the inputs whose arrivals emit (0 = the stream the method was called on)
     * @return the choice
     * @throws IllegalArgumentException if there is none, or one is negative
     */
    public static EmitOn indices(int... indices) {
        if (indices.length == 0) {
            throw new IllegalArgumentException("EmitOn.indices needs at least one index");
        }
        for (int i : indices) {
            if (i < 0) {
                throw new IllegalArgumentException("EmitOn.indices: index must be >= 0, got " + i);
            }
        }
        return new EmitOn(null, indices.clone());
    }

    /** {@return the streams, or {@code null} when chosen by index} */
    public List<Stream<?>> streamsOrNull() {
        return streams;
    }

    /** {@return a copy of the indices, or {@code null} when chosen by stream} */
    public int[] indicesOrNull() {
        return indices == null ? null : indices.clone();
    }
}
