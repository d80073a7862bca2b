package dev.streamz.internal.operators;

import dev.streamz.Stream;
import dev.streamz.ThrowingFunction;

import java.util.List;
import java.util.Map;

/** {@code map(f)}: emits {@code f(x)} with x's metadata. */
public final class MapNode<T, R> extends Stream<R> {
    private final ThrowingFunction<? super T, ? extends R> fn;

    public MapNode(Stream<T> upstream, ThrowingFunction<? super T, ? extends R> fn) {
        this(upstream, fn, "map");
    }

    /** With another operator name: {@code pluck(Function)} is a map under its streamz name. */
    public MapNode(Stream<T> upstream, ThrowingFunction<? super T, ? extends R> fn, String operator) {
        super(operator, Map.of(), upstream);
        this.fn = fn;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void update(Object x, List<Map<String, Object>> metadata, Stream<?> from) {
        R y;
        try {
            y = fn.applyChecked((T) x);
        } catch (Throwable e) {
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
