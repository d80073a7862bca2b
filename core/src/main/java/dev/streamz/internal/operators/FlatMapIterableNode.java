package dev.streamz.internal.operators;

import dev.streamz.Stream;
import dev.streamz.ThrowingFunction;
import dev.streamz.internal.Metadata;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * {@code flatMapIterable(f)}: the typed {@code flatten}: emits the items of {@code f(x)}. As in flatten,
 * every item but the last carries no metadata and the last carries the element's (H07).
 */
public final class FlatMapIterableNode<T, R> extends Stream<R> {
    private final ThrowingFunction<? super T, ? extends Iterable<? extends R>> fn;

    public FlatMapIterableNode(Stream<T> upstream, ThrowingFunction<? super T, ? extends Iterable<? extends R>> fn) {
        super("flat_map_iterable", Map.of(), upstream);
        this.fn = fn;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void update(Object x, List<Map<String, Object>> md, Stream<?> from) {
        Iterator<? extends R> it;
        boolean more;
        try {
            Iterable<? extends R> items = fn.applyChecked((T) x);
            if (items == null) {
                throw new NullPointerException("flatMapIterable function returned null instead of an Iterable");
            }
            it = items.iterator();
            more = it.hasNext();
        } catch (Throwable e) {
            throw userFailure(e);
        }
        while (more) {
            R item;
            try {
                item = it.next();
                more = it.hasNext();
            } catch (Throwable e) {
                throw userFailure(e);
            }
            emitDownstream(item, more ? Metadata.NONE : md);
        }
    }
}
