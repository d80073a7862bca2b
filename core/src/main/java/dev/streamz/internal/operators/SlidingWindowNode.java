package dev.streamz.internal.operators;

import dev.streamz.Stream;
import dev.streamz.internal.Metadata;
import dev.streamz.internal.Tuple;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code slidingWindow(n, returnPartial)}: the last n elements as a tuple after each element. An
 * element's refs are released right after the emission of its last window (when the window is full and
 * it is the oldest).
 */
public final class SlidingWindowNode<T> extends Stream<List<T>> {
    private final int n;
    private final boolean returnPartial;
    private final ArrayDeque<Object> items;
    private final ArrayDeque<List<Map<String, Object>>> metadata;

    public SlidingWindowNode(Stream<T> upstream, int n, boolean returnPartial) {
        super("sliding_window", params(n, returnPartial), upstream);
        if (n < 1) {
            destroy();
            throw new IllegalArgumentException("slidingWindow: n must be >= 1, got " + n);
        }
        this.n = n;
        this.returnPartial = returnPartial;
        this.items = new ArrayDeque<>(n);
        this.metadata = new ArrayDeque<>(n);
    }

    /** Ordered parameters: {@code Map.of} iterates in a per-JVM random order, which would make toString vary. */
    private static Map<String, Object> params(int n, boolean returnPartial) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("n", n);
        p.put("returnPartial", returnPartial);
        return p;
    }

    @Override
    public void update(Object x, List<Map<String, Object>> md, Stream<?> from) {
        Metadata.retain(md);
        if (items.size() == n) {
            items.pollFirst();
        }
        if (metadata.size() == n) {
            // Left over by an emission that threw: its refs stay held (at-least-once), keep the deques aligned.
            metadata.pollFirst();
        }
        items.addLast(x);
        metadata.addLast(md);
        if (returnPartial || items.size() == n) {
            emitDownstream(Tuple.wrap(items.toArray()), Metadata.concat(new ArrayList<>(metadata)));
            if (metadata.size() == n) {
                Metadata.release(metadata.pollFirst());
            }
        }
    }

    @Override
    public int bufferedCount() {
        return items.size();
    }
}
