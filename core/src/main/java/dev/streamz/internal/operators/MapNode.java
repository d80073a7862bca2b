package dev.streamz.internal.operators;

import dev.streamz.Stream;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** {@code map(f)}: emits {@code f(x)} with x's metadata. */
public final class MapNode<T, R> extends Stream<R> {
    private final Function<? super T, ? extends R> fn;

    public MapNode(Stream<T> upstream, Function<? super T, ? extends R> fn) {
        super("map", Map.of(), upstream);
        this.fn = fn;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void update(Object x, List<Map<String, Object>> metadata, Stream<?> from) {
        R y;
        try {
            y = fn.apply((T) x);
        } catch (RuntimeException e) {
            throw userFailure(e);
        }
        Stream<?>[] ds = beginEmit(y, metadata);
        if (ds.length == 1) {
            ds[0].update(y, metadata, this);
        } else {
            for (Stream<?> d : ds) {
                d.update(y, metadata, this);
            }
        }
    }
}
