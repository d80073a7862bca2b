package dev.streamz.internal.operators;

import dev.streamz.internal.NodeFigures;
import dev.streamz.internal.Args;
import dev.streamz.Stream;
import dev.streamz.internal.Picks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code partition(n, key)}: tuples of n elements (per key when a key is given), emitted in completion
 * order with the members' metadata concatenated. Members' refs are held from arrival until right after
 * their tuple's emission.
 */
public final class PartitionNode<T> extends Stream<List<T>> implements NodeFigures {
    private final int n;
    private final Function<Object, Object> key; // null: one buffer
    private final KeyedBatches batches;

    public PartitionNode(Stream<T> upstream, int n, Object key) {
        Args.atLeastOne(n, "partition: n"); // before super: a rejected node never joins the graph
        super("partition", params(n, key), upstream);
        this.n = n;
        this.key = key == null ? null : Picks.keyFunction(key);
        this.batches = new KeyedBatches(n);
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
        Object k = key == null ? Boolean.TRUE : Keys.apply(this, key, x);
        KeyedBatches.Batch b = batches.add(k, x, metadata);
        if (b.size() == n) {
            batches.remove(k);
            emitDownstream(b.tuple(), b.concatMetadata());
            b.release();
        }
    }

    @Override
    public int refsHeld() {
        return batches.refCount();
    }

    @Override
    public int bufferedCount() {
        return batches.bufferedCount();
    }
}
