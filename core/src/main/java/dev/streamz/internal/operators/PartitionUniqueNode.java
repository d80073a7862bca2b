package dev.streamz.internal.operators;

import dev.streamz.Keep;
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
 * {@code partitionUnique(n, key, keep)}: emits a tuple once n distinct keys have been seen. Unlike
 * streamz (D13 in docs/conformance.md), metadata is flattened like every other operator's, and refs are released: a
 * dropped or replaced duplicate's at once, the emitted elements' right after the emission.
 */
public final class PartitionUniqueNode<T> extends Stream<List<T>> {
    private final int n;
    private final Function<Object, Object> key;
    private final Keep keep;
    private final LinkedHashMap<Object, Object[]> buffer = new LinkedHashMap<>(); // key -> {element, metadata}

    public PartitionUniqueNode(Stream<T> upstream, int n, Object key, Keep keep) {
        super("partition_unique", params(n, key, keep), upstream);
        if (n < 1) {
            destroy();
            throw new IllegalArgumentException("partitionUnique: n must be >= 1, got " + n);
        }
        this.n = n;
        this.key = Picks.keyFunction(key);
        this.keep = keep;
    }

    /** Ordered parameters: {@code Map.of} iterates in a per-JVM random order, which would make toString vary. */
    private static Map<String, Object> params(int n, Object key, Keep keep) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("n", n);
        p.put("key", String.valueOf(key));
        p.put("keep", keep);
        return p;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void update(Object x, List<Map<String, Object>> metadata, Stream<?> from) {
        Object k;
        try {
            k = key.apply(x);
        } catch (RuntimeException e) {
            throw userFailure(e);
        }
        Object[] previous = buffer.get(k);
        if (previous != null) {
            if (keep == Keep.FIRST) {
                return; // dropped: never retained, nothing to release
            }
            buffer.remove(k);
            Metadata.release((List<Map<String, Object>>) previous[1]);
        }
        Metadata.retain(metadata);
        buffer.put(k, new Object[] {x, metadata});
        if (buffer.size() == n) {
            List<Object> items = new ArrayList<>(n);
            List<List<Map<String, Object>>> mds = new ArrayList<>(n);
            for (Object[] e : buffer.values()) {
                items.add(e[0]);
                mds.add((List<Map<String, Object>>) e[1]);
            }
            buffer.clear();
            emitDownstream(Tuple.copyOf(items), Metadata.concat(mds));
            Metadata.releaseAll(mds);
        }
    }

    @Override
    public int bufferedCount() {
        return buffer.size();
    }
}
