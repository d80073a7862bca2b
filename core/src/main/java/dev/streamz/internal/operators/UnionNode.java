package dev.streamz.internal.operators;

import dev.streamz.Stream;

import java.util.List;
import java.util.Map;

/** {@code union(others...)}: every element of every input, in arrival order (the default pass-through). */
public final class UnionNode<T> extends Stream<T> {
    public UnionNode(Stream<?>[] upstreams) {
        super("union", Map.of(), upstreams);
    }

    @Override
    public void update(Object x, List<Map<String, Object>> metadata, Stream<?> from) {
        Stream<?>[] ds = beginEmit(x, metadata);
        if (ds.length == 1) {
            ds[0].update(x, metadata, this);
        } else {
            for (Stream<?> d : ds) {
                d.update(x, metadata, this);
            }
        }
    }
}
