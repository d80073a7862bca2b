package dev.streamz.internal.operators;

import dev.streamz.Scheduler;
import dev.streamz.Stream;
import dev.streamz.internal.Metadata;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * {@code timedWindow(interval)}: every interval, emits the list of elements that arrived since the last
 * window (a new list each time; empty windows are emitted too, the first one at once, F02), with their
 * metadata concatenated. The next window is timed from the moment the previous one was accepted
 * downstream, and while a window waits for a slow downstream the emitters wait as well (F06). Refs are
 * held from arrival until right after their window's emission (F04).
 *
 * @param <T> element type
 */
public final class TimedWindowNode<T> extends ScheduledNode<List<T>> {
    private final Duration interval;
    private List<Object> window = new ArrayList<>();
    private List<List<Map<String, Object>>> windowMetadata = new ArrayList<>();
    private CompletableFuture<Void> lastEmission;
    private Scheduler.Task timer;
    private boolean destroyed;

    public TimedWindowNode(Stream<T> upstream, Duration interval) {
        super("timed_window", Map.of("interval", interval), upstream);
        this.interval = interval;
        this.timer = scheduler.schedule(this::tick, Duration.ZERO);
    }

    @Override
    public void update(Object x, List<Map<String, Object>> md, Stream<?> from) {
        Metadata.retain(md);
        window.add(x);
        windowMetadata.add(md);
        CompletableFuture<Void> last = lastEmission;
        if (last != null && !last.isDone()) {
            holdEmitter(last);
        }
    }

    private void tick() {
        if (destroyed) {
            return;
        }
        List<Object> out = window;
        List<List<Map<String, Object>>> mds = windowMetadata;
        window = new ArrayList<>();
        windowMetadata = new ArrayList<>();
        CompletableFuture<Void> accepted = emitReported(Collections.unmodifiableList(out), Metadata.concat(mds));
        if (accepted.isDone()) {
            Metadata.releaseAll(mds);
            timer = scheduler.schedule(this::tick, interval);
        } else {
            lastEmission = accepted;
            onScheduler(accepted, () -> {
                Metadata.releaseAll(mds);
                timer = scheduler.schedule(this::tick, interval);
            });
        }
    }

    /**
     * Detaches the node and stops its timer. Elements of the open window are not emitted and their refs
     * are not released: they were never delivered, so a checkpointing source re-reads them.
     */
    @Override
    public void destroy() {
        super.destroy();
        destroyed = true;
        timer.cancel();
    }

    @Override
    public int bufferedCount() {
        return window.size();
    }
}
