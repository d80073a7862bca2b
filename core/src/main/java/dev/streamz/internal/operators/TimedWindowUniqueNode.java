package dev.streamz.internal.operators;

import dev.streamz.Keep;
import dev.streamz.Stream;
import dev.streamz.internal.Metadata;
import dev.streamz.internal.Picks;
import dev.streamz.internal.Tuple;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code timedWindowUnique(interval, key, keep)}: like {@code timedWindow}, but a window keeps one element
 * per key (the first, or the last, which moves to the end) and is a tuple (F08). Refs of dropped or
 * replaced duplicates are released at once (F08 in docs/conformance.md; streamz never releases them); refs of kept
 * elements right after the window's emission.
 *
 * @param <T> element type
 */
public final class TimedWindowUniqueNode<T> extends WindowTimerNode<T> {
    private final Function<Object, Object> key;
    private final Keep keep;
    private Map<Object, Object[]> window = new LinkedHashMap<>(); // key -> {element, metadata}

    public TimedWindowUniqueNode(Stream<T> upstream, Duration interval, Object key, Keep keep) {
        super("timed_window_unique", params(interval, key, keep), upstream, interval);
        this.key = key == null ? Function.identity() : Picks.keyFunction(key);
        this.keep = keep;
        startTimer();
    }

    private static Map<String, Object> params(Duration interval, Object key, Keep keep) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("interval", interval);
        if (key != null) {
            p.put("key", String.valueOf(key));
        }
        p.put("keep", keep.name().toLowerCase(java.util.Locale.ROOT));
        return p;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void update(Object x, List<Map<String, Object>> md, Stream<?> from) {
        Object k;
        try {
            k = key.apply(x);
        } catch (RuntimeException e) {
            throw userFailure(e);
        }
        Metadata.retain(md);
        Object[] previous = window.get(k);
        if (previous != null) {
            if (keep == Keep.FIRST) {
                Metadata.release(md); // dropped duplicate
            } else {
                window.remove(k);
                Metadata.release((List<Map<String, Object>>) previous[1]);
                window.put(k, new Object[] {x, md});
            }
        } else {
            window.put(k, new Object[] {x, md});
        }
        holdEmitterWhileWindowPending();
    }

    @Override
    @SuppressWarnings("unchecked")
    Object closeWindow(List<List<Map<String, Object>>> memberMetadata) {
        Map<Object, Object[]> out = window;
        window = new LinkedHashMap<>();
        List<Object> items = new ArrayList<>(out.size());
        for (Object[] e : out.values()) {
            items.add(e[0]);
            memberMetadata.add((List<Map<String, Object>>) e[1]);
        }
        return Tuple.copyOf(items);
    }

    @Override
    public int bufferedCount() {
        return window.size();
    }
}
