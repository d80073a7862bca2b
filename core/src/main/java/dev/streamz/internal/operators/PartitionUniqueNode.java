package dev.streamz.internal.operators;

import dev.streamz.internal.NodeFigures;
import dev.streamz.internal.Args;
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
public final class PartitionUniqueNode<T> extends Stream<List<T>> implements NodeFigures {
    private final int n;
    private final Function<Object, Object> key;
    private final UniqueByKey buffer;

    public PartitionUniqueNode(Stream<T> upstream, int n, Object key, Keep keep) {
        Args.atLeastOne(n, "partitionUnique: n"); // before super: a rejected node never joins the graph
        super("partition_unique", params(n, key, keep), upstream);
        this.n = n;
        this.key = Picks.keyFunction(key);
        this.buffer = new UniqueByKey(keep);
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
    public void update(Object x, List<Map<String, Object>> metadata, Stream<?> from) {
        Object k = Keys.apply(this, key, x);
        if (buffer.offer(k, x, metadata) && buffer.size() == n) {
            List<List<Map<String, Object>>> mds = new ArrayList<>(n);
            Tuple items = buffer.drain(mds);
            emitDownstream(items, Metadata.concat(mds));
            Metadata.releaseAll(mds);
        }
    }

    @Override
    public int refsHeld() {
        return buffer.refCount();
    }

    @Override
    public int bufferedCount() {
        return buffer.size();
    }
}
