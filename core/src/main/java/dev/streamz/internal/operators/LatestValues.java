package dev.streamz.internal.operators;

import dev.streamz.Stream;
import dev.streamz.internal.Metadata;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The latest value of each input of a join ({@code combineLatest}, {@code zipLatest}) with its metadata,
 * whose refs are retained until the value is replaced or its input removed.
 */
final class LatestValues {
    private final Map<Stream<?>, Object> values = new IdentityHashMap<>();
    private final Map<Stream<?>, List<Map<String, Object>>> metadata = new IdentityHashMap<>();

    /** Records {@code x} as {@code input}'s latest value, retaining its refs and releasing the previous one's. */
    void put(Stream<?> input, Object x, List<Map<String, Object>> md) {
        Metadata.retain(md);
        List<Map<String, Object>> old = metadata.put(input, md);
        values.put(input, x);
        if (old != null) {
            Metadata.release(old);
        }
    }

    /** @return {@code input}'s latest value */
    Object value(Stream<?> input) {
        return values.get(input);
    }

    /** @return the metadata of {@code input}'s latest value */
    List<Map<String, Object>> metadata(Stream<?> input) {
        return metadata.get(input);
    }

    /** @return the holds the latest values have on refs */
    int refCount() {
        int n = 0;
        for (List<Map<String, Object>> md : metadata.values()) {
            n += Metadata.refCount(md);
        }
        return n;
    }

    /** @return how many inputs have a value */
    int size() {
        return values.size();
    }

    /** Forgets {@code input}'s value (its input was removed) and releases its refs. */
    void remove(Stream<?> input) {
        values.remove(input);
        List<Map<String, Object>> md = metadata.remove(input);
        if (md != null) {
            Metadata.release(md);
        }
    }
}
