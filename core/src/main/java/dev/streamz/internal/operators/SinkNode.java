package dev.streamz.internal.operators;

import dev.streamz.Stream;
import dev.streamz.ThrowingConsumer;
import dev.streamz.internal.NodeFigures;

import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/** {@code sink(f)}: calls f with each element (and, in the metadata form, its metadata); emits nothing. */
public final class SinkNode<T> extends Stream<T> implements NodeFigures {
    // One of the two is set. Holding the user's Consumer directly (rather than adapting it to a
    // BiConsumer) keeps the call monomorphic and one level shallower.
    private final ThrowingConsumer<? super T> consumer;
    private final BiConsumer<? super T, List<Map<String, Object>>> metadataConsumer;
    /** Elements received: a plain increment beside the user's call, on the emitting thread. */
    private long in;

    public SinkNode(Stream<T> upstream, ThrowingConsumer<? super T> consumer) {
        super("sink", Map.of(), upstream);
        this.consumer = consumer;
        this.metadataConsumer = null;
    }

    public SinkNode(Stream<T> upstream, BiConsumer<? super T, List<Map<String, Object>>> consumer, String operator) {
        super(operator, Map.of(), upstream);
        this.consumer = null;
        this.metadataConsumer = consumer;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void update(Object x, List<Map<String, Object>> metadata, Stream<?> from) {
        in++;
        try {
            if (consumer != null) {
                consumer.acceptChecked((T) x);
            } else {
                metadataConsumer.accept((T) x, metadata);
            }
        } catch (Throwable e) {
            throw userFailure(e);
        }
    }

    @Override
    public long elementsIn() {
        return in;
    }

    @Override
    public long elementsOut() {
        return 0; // a sink emits nothing
    }
}
