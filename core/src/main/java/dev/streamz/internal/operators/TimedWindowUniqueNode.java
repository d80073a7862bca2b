package dev.streamz.internal.operators;

import dev.streamz.Keep;
import dev.streamz.Stream;
import dev.streamz.internal.Picks;

import java.time.Duration;
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
    private final UniqueByKey window;

    public TimedWindowUniqueNode(Stream<T> upstream, Duration interval, Object key, Keep keep) {
        super("timed_window_unique", params(interval, key, keep), upstream, interval);
        this.key = Picks.keyFunction(key); // null: the element itself
        this.window = new UniqueByKey(keep);
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
    public void update(Object x, List<Map<String, Object>> md, Stream<?> from) {
        in++;
        Object k = Keys.apply(this, key, x);
        window.offer(k, x, md);
        holdEmitterWhileWindowPending();
    }

    @Override
    Object closeWindow(List<List<Map<String, Object>>> memberMetadata) {
        return window.drain(memberMetadata);
    }

    @Override
    int queuedRefs() {
        return window.refCount();
    }

    @Override
    public int bufferedCount() {
        return window.size();
    }
}
