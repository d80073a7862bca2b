package dev.streamz.internal.operators;

import dev.streamz.Stream;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code frequencies()}: after each element, a new (unmodifiable) map of counts so far. */
public final class FrequenciesNode<T> extends Stream<Map<T, Long>> {
    private final Map<Object, Long> counts = new LinkedHashMap<>();

    public FrequenciesNode(Stream<T> upstream) {
        super("frequencies", Map.of(), upstream);
    }

    @Override
    public void update(Object x, List<Map<String, Object>> md, Stream<?> from) {
        counts.merge(x, 1L, Long::sum);
        // A new map per emission: maps emitted earlier are never changed afterwards (B23).
        emitDownstream(Collections.unmodifiableMap(new LinkedHashMap<>(counts)), md);
    }

    @Override
    public int bufferedCount() {
        return counts.size();
    }
}
