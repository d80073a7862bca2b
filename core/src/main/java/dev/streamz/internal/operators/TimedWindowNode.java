package dev.streamz.internal.operators;

import dev.streamz.Stream;
import dev.streamz.internal.Metadata;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * {@code timedWindow(interval)}: every interval, emits the list of elements that arrived since the last
 * window (a new list each time; empty windows are emitted too, the first one at once, F02), with their
 * metadata concatenated. The next window is timed from the moment the previous one was accepted
 * downstream, and while a window waits for a slow downstream the emitters wait as well (F06). Refs are
 * held from arrival until right after their window's emission (F04).
 *
 * @param <T> element type
 */
public final class TimedWindowNode<T> extends WindowTimerNode<T> {
    private List<Object> window = new ArrayList<>();
    private List<List<Map<String, Object>>> windowMetadata = new ArrayList<>();

    public TimedWindowNode(Stream<T> upstream, Duration interval) {
        super("timed_window", Map.of("interval", interval), upstream, interval);
        startTimer();
    }

    @Override
    public void update(Object x, List<Map<String, Object>> md, Stream<?> from) {
        in++;
        Metadata.retain(md);
        window.add(x);
        windowMetadata.add(md);
        holdEmitterWhileWindowPending();
    }

    @Override
    Object closeWindow(List<List<Map<String, Object>>> memberMetadata) {
        List<Object> out = window;
        memberMetadata.addAll(windowMetadata);
        window = new ArrayList<>(); // a new list each time: the emitted one is the user's (F02)
        windowMetadata = new ArrayList<>();
        return Collections.unmodifiableList(out);
    }

    @Override
    int queuedRefs() {
        return Metadata.refCountAll(windowMetadata);
    }

    @Override
    public int bufferedCount() {
        return window.size();
    }
}
