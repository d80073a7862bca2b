package dev.streamz.chronicle;

import dev.streamz.chronicle.internal.Codecs;

import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * Turns an element into the payload of a journal excerpt and back.
 *
 * <p>Three codecs come with the library: {@link #bytes()} (the payload as a {@code byte[]}),
 * {@link #utf8()} (a {@code String}) and {@link #reusing(Supplier, BiConsumer, BiConsumer)}, which decodes
 * every excerpt into the same object and so allocates nothing per excerpt.
 *
 * <p>A codec that throws while decoding one excerpt does not stop a replay: the failure is reported to the
 * graph's error handler, naming the journal file and the excerpt's index, and the replay goes on.
 *
 * @param <T> the element type
 */
public interface ExcerptCodec<T> {
    /**
     * Writes {@code value} as the payload.
     *
     * @param value the element
     * @param out the excerpt's payload, valid only during this call
     */
    void encode(T value, ExcerptOut out);

    /**
     * Reads one payload.
     *
     * @param in the excerpt's payload, valid only during this call
     * @return the element
     */
    T decode(ExcerptIn in);

    /**
     * Returns a short name for messages and descriptions, e.g. {@code utf8}.
     *
     * @return a short name for messages and descriptions, e.g. {@code utf8}
     */
    String name();

    /**
     * Returns the payload as a fresh {@code byte[]} per excerpt.
     *
     * @return the payload as a fresh {@code byte[]} per excerpt
     */
    static ExcerptCodec<byte[]> bytes() {
        return Codecs.BYTES;
    }

    /**
     * Returns the payload as a UTF-8 {@code String} per excerpt.
     *
     * @return the payload as a UTF-8 {@code String} per excerpt
     */
    static ExcerptCodec<String> utf8() {
        return Codecs.UTF8;
    }

    /**
     * A zero-copy codec: every excerpt is decoded into the same object, made once by {@code factory}, and
     * that object is what the replay emits. Nothing is allocated per excerpt (when {@code decodeInto}
     * allocates nothing).
     *
     * <p>The object is overwritten by the next excerpt, which a replay reads only after the graph has
     * accepted the previous one. Downstream nodes that keep elements (a {@code buffer}, a window, a
     * compiled pipeline's ring) must therefore copy what they keep, in a {@code map} before them.
     *
     * @param factory makes the one reusable object, once per codec
     * @param encode writes an element
     * @param decodeInto overwrites the reusable object from a payload
     * @param <T> the element type
     * @return the codec; not thread-safe: use one per replay
     */
    static <T> ExcerptCodec<T> reusing(Supplier<? extends T> factory, BiConsumer<? super T, ExcerptOut> encode,
                                       BiConsumer<ExcerptIn, ? super T> decodeInto) {
        return new Codecs.Reusing<>(factory, encode, decodeInto);
    }
}
