package dev.streamz.internal.operators;

import dev.streamz.Stream;
import dev.streamz.internal.Metadata;
import dev.streamz.internal.Picks;
import dev.streamz.internal.Tuple;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code partition(n, key)}: tuples of n elements (per key when a key is given), emitted in completion
 * order with the members' metadata concatenated. Members' refs are held from arrival until right after
 * their tuple's emission.
 */
public final class PartitionNode<T> extends Stream<List<T>> {
    private final int n;
    private final Function<Object, Object> key; // null: one buffer
    private final Map<Object, Buffer> buffers = new LinkedHashMap<>();

    /** Elements and their metadata for one key. */
    private static final class Buffer {
        final List<Object> items;
        final List<List<Map<String, Object>>> metadata;

        Buffer(int n) {
            items = new ArrayList<>(n);
            metadata = new ArrayList<>(n);
        }
    }

    public PartitionNode(Stream<T> upstream, int n, Object key) {
        super("partition", params(n, key), upstream);
        if (n < 1) {
            destroy();
            throw new IllegalArgumentException("partition: n must be >= 1, got " + n);
        }
        this.n = n;
        this.key = key == null ? null : Picks.keyFunction(key);
    }

    /** Ordered parameters: {@code Map.of} iterates in a per-JVM random order, which would make toString vary. */
    private static Map<String, Object> params(int n, Object key) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("n", n);
        if (key != null) {
            p.put("key", String.valueOf(key));
        }
        return p;
    }

    @Override
    public void update(Object x, List<Map<String, Object>> metadata, Stream<?> from) {
        Object k;
        try {
            k = key == null ? Boolean.TRUE : key.apply(x);
        } catch (RuntimeException e) {
            throw userFailure(e);
        }
        Buffer b = buffers.computeIfAbsent(k, unused -> new Buffer(n));
        Metadata.retain(metadata);
        b.items.add(x);
        b.metadata.add(metadata);
        if (b.items.size() == n) {
            buffers.remove(k);
            emitDownstream(Tuple.copyOf(b.items), Metadata.concat(b.metadata));
            Metadata.releaseAll(b.metadata);
        }
    }

    @Override
    public int bufferedCount() {
        int count = 0;
        for (Buffer b : buffers.values()) {
            count += b.items.size();
        }
        return count;
    }
}
