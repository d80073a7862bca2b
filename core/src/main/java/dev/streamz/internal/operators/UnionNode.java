package dev.streamz.internal.operators;

import dev.streamz.Stream;

import java.util.Map;

/** {@code union(others...)}: every element of every input, in arrival order (the default pass-through). */
public final class UnionNode<T> extends Stream<T> {
    public UnionNode(Stream<?>[] upstreams) {
        super("union", Map.of(), upstreams);
    }
}
