package dev.streamz.internal.operators;

import dev.streamz.Scheduler;
import dev.streamz.Stream;
import dev.streamz.internal.Metadata;

import java.util.List;
import java.util.Map;

/**
 * {@code latest()}: passes on the most recent element whenever the downstream is free, dropping the ones
 * superseded while it was busy. The emitter never waits. After the downstream accepts an element, the
 * pending latest one (if any) is emitted, so no wake-up is lost (our answer to F18). A superseded
 * element's refs are released when it is replaced (F19); an emitted one's after its emission completed.
 *
 * @param <T> element type
 */
public final class LatestNode<T> extends ScheduledNode<T> {
    private static final Object NONE = new Object();

    private Object pending = NONE;
    private List<Map<String, Object>> pendingMetadata = Metadata.NONE;
    private boolean emitting;
    private boolean scheduled;
    /** Whether the node was ever moved to another scheduler: a pump queued on the old one is then stale. */
    private boolean moved;
    private final Runnable pump = this::pump;
    private final Runnable afterLateAcceptance = () -> {
        emitting = false;
        pump();
    };

    public LatestNode(Stream<T> upstream) {
        super("latest", Map.of(), upstream);
    }

    @Override
    public void update(Object x, List<Map<String, Object>> md, Stream<?> from) {
        in++;
        Metadata.retain(md);
        if (pending != NONE) {
            Metadata.release(pendingMetadata); // superseded: never emitted
        }
        pending = x;
        pendingMetadata = md;
        if (!emitting && !scheduled) {
            scheduled = true;
            scheduler.execute(pump);
        }
    }

    private void pump() {
        if (moved && !scheduler.inSchedulerThread()) {
            return; // queued on the scheduler the node ran on before rebindScheduler; re-queued there
        }
        scheduled = false;
        while (!emitting && pending != NONE) {
            Object x = pending;
            List<Map<String, Object>> md = pendingMetadata;
            pending = NONE;
            pendingMetadata = Metadata.NONE;
            emitting = true; // during the emission too: a re-entrant update must not start another
            emitting = !emitThenRelease(x, md, md, afterLateAcceptance);
        }
    }

    /** Re-queues a pending emission on the new scheduler (a graph compiled, or given back, meanwhile). */
    @Override
    void rebound(Scheduler old) {
        moved = true;
        if (scheduled) {
            scheduler.execute(pump);
        }
    }

    @Override
    int queuedRefs() {
        return pending != NONE ? Metadata.refCount(pendingMetadata) : 0;
    }

    @Override
    public int bufferedCount() {
        return (pending != NONE ? 1 : 0) + (emitting ? 1 : 0);
    }
}
