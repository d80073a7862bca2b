package dev.streamz.internal.operators;

import dev.streamz.Stream;
import dev.streamz.ThrowingConsumer;

import java.util.List;
import java.util.Map;

/** {@code tap(f)}: calls f with each element for its side effect, then passes the element on unchanged. */
public final class TapNode<T> extends Stream<T> {
    private final ThrowingConsumer<? super T> action;

    public TapNode(Stream<T> upstream, ThrowingConsumer<? super T> action) {
        super("tap", Map.of(), upstream);
        this.action = action;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void update(Object x, List<Map<String, Object>> metadata, Stream<?> from) {
        try {
            action.acceptChecked((T) x);
        } catch (Throwable e) {
            throw userFailure(e);
        }
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
