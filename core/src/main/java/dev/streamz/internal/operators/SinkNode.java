package dev.streamz.internal.operators;

import dev.streamz.Stream;

import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/** {@code sink(f)}: calls f with each element (and its metadata); emits nothing itself. */
public final class SinkNode<T> extends Stream<T> {
    private final BiConsumer<? super T, List<Map<String, Object>>> consumer;

    public SinkNode(Stream<T> upstream, BiConsumer<? super T, List<Map<String, Object>>> consumer) {
        super("sink", Map.of(), upstream);
        this.consumer = consumer;
    }

    @Override
    @SuppressWarnings("unchecked")
    protected void update(Object x, List<Map<String, Object>> metadata, Stream<?> from) {
        try {
            consumer.accept((T) x, metadata);
        } catch (RuntimeException e) {
            throw userFailure(e);
        }
    }
}
