package dev.streamz.internal.operators;

import dev.streamz.Scheduler;
import dev.streamz.Stream;
import dev.streamz.internal.Fifo;
import dev.streamz.internal.Metadata;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code delay(d)}: every element leaves at least {@code d} after it arrived, in arrival order (F10
 * in docs/conformance.md; streamz's delay only spaces elements apart). The emitter never waits. An element
 * is passed on only after the previous one was accepted downstream, so a slow downstream delays later
 * elements further rather than reordering them. Refs are held from arrival until the element's own
 * emission has completed.
 *
 * @param <T> element type
 */
public final class DelayNode<T> extends ScheduledNode<T> {
    private final long delayNanos;
    private final Fifo<Object> items = new Fifo<>();
    private final Fifo<List<Map<String, Object>>> metadata = new Fifo<>();
    private final Fifo<Long> dueTimes = new Fifo<>();
    private boolean emitting;
    /** The pending wake-up of {@link #pump}, null when none is armed. */
    private Scheduler.Task timer;
    private final Runnable pump = this::pump;
    private final Runnable afterLateAcceptance = () -> {
        emitting = false;
        pump();
    };

    public DelayNode(Stream<T> upstream, Duration delay) {
        super("delay", Map.of("interval", delay), upstream);
        this.delayNanos = delay.toNanos();
    }

    @Override
    public void update(Object x, List<Map<String, Object>> md, Stream<?> from) {
        in++;
        Metadata.retain(md);
        items.addLast(x);
        metadata.addLast(md);
        dueTimes.addLast(scheduler.now() + delayNanos);
        if (items.size() == 1 && !emitting) {
            arm();
        }
    }

    private void arm() {
        long wait = dueTimes.peekFirst() - scheduler.now();
        timer = scheduler.schedule(pump, Duration.ofNanos(Math.max(0, wait)));
    }

    private void pump() {
        timer = null;
        while (!emitting && !items.isEmpty()) {
            if (dueTimes.peekFirst() > scheduler.now()) {
                arm();
                return;
            }
            dueTimes.pollFirst();
            Object x = items.pollFirst();
            List<Map<String, Object>> md = metadata.pollFirst();
            emitting = true; // during the emission too: a re-entrant update must not start another
            emitting = !emitThenRelease(x, md, md, afterLateAcceptance);
        }
    }

    /**
     * Moves a pending wake-up to the new scheduler (a graph compiled, or given back, while elements wait):
     * the due times are carried over into the new scheduler's time base, so each element still leaves
     * {@code d} after it arrived.
     */
    @Override
    void rebound(Scheduler old) {
        long shift = scheduler.now() - old.now();
        for (int i = dueTimes.size(); i > 0; i--) {
            dueTimes.addLast(dueTimes.pollFirst() + shift);
        }
        if (timer != null) {
            timer.cancel();
            arm();
        }
    }

    @Override
    int queuedRefs() {
        return Metadata.refCountAll(metadata);
    }

    @Override
    public int bufferedCount() {
        return items.size() + (emitting ? 1 : 0);
    }
}
