package dev.streamz.internal.operators;

import dev.streamz.Scheduler;
import dev.streamz.Stream;
import dev.streamz.internal.Fifo;
import dev.streamz.internal.Metadata;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * {@code rateLimit(interval)}: starts at most one emission per interval, in arrival order (F12). Each
 * element is given its slot when it arrives, one interval after the previous element's slot or at once if
 * that has passed (F28). An element whose slot is now passes inside its emitter's call; the others wait
 * for their slot on the scheduler, and so does their emitter. The emitter is released when its own
 * element's emission downstream has completed; an element does not wait for the previous one's, so
 * behind a slow asynchronous sink several elements are in flight at once and the rate stays one per
 * interval. Refs are held from arrival until the element's downstream emission has completed, so the
 * callback fires once, after the output (our answer to F13).
 *
 * @param <T> element type
 */
public final class RateLimitNode<T> extends ScheduledNode<T> {
    /** An element waiting for its slot, with the future its emitter waits on. */
    private record Waiting(Object x, List<Map<String, Object>> md, CompletableFuture<Void> passed, long slot) {
    }

    private final long intervalNanos;
    private final Fifo<Waiting> waiting = new Fifo<>();
    /** The slot of the next element to arrive, unless it arrives later: previous slot + interval. */
    private long nextSlot = Long.MIN_VALUE;
    /** Elements emitted from a slot whose downstream has not completed yet. */
    private int inFlight;
    /** The pending wake-up of {@link #pump}, null when none is armed. */
    private Scheduler.Task timer;
    private final Runnable pump = this::pump;

    public RateLimitNode(Stream<T> upstream, Duration interval) {
        super("rate_limit", Map.of("interval", interval), upstream);
        this.intervalNanos = interval.toNanos();
    }

    @Override
    public void update(Object x, List<Map<String, Object>> md, Stream<?> from) {
        in++;
        long now = scheduler.now();
        if (waiting.isEmpty() && now >= nextSlot) {
            // Its slot is now: it passes inside the emitter's own emission, whose holds and refs cover it.
            nextSlot = now + intervalNanos;
            out++;
            emitDownstream(x, md);
            return;
        }
        // Slots are strictly increasing, so taking them in arrival order keeps the elements in order.
        long slot = Math.max(now, nextSlot);
        nextSlot = slot + intervalNanos;
        Metadata.retain(md);
        CompletableFuture<Void> passed = new CompletableFuture<>();
        waiting.addLast(new Waiting(x, md, passed, slot));
        holdEmitter(passed);
        arm();
    }

    private void arm() {
        if (timer == null && !waiting.isEmpty()) {
            timer = scheduler.schedule(pump,
                    Duration.ofNanos(Math.max(0, waiting.peekFirst().slot - scheduler.now())));
        }
    }

    private void pump() {
        timer = null;
        long now = scheduler.now();
        while (!waiting.isEmpty() && waiting.peekFirst().slot <= now) {
            // Off the queue before it is emitted: an update re-entering from downstream sees a consistent
            // queue, and its element takes a later slot.
            Waiting w = waiting.pollFirst();
            inFlight++;
            if (emitThenRelease(w.x, w.md, w.md, () -> passed(w))) {
                passed(w);
            }
        }
        arm();
    }

    /** The element's emission has completed: its emitter is released. */
    private void passed(Waiting w) {
        inFlight--;
        w.passed.complete(null);
    }

    /**
     * Moves a pending wake-up to the new scheduler (a graph compiled, or given back, while elements wait for
     * their slot): slots are carried over into the new scheduler's time base, so the spacing is kept.
     */
    @Override
    void rebound(Scheduler old) {
        long shift = scheduler.now() - old.now();
        if (nextSlot != Long.MIN_VALUE) {
            nextSlot += shift;
        }
        for (int i = waiting.size(); i > 0; i--) {
            Waiting w = waiting.pollFirst();
            waiting.addLast(new Waiting(w.x, w.md, w.passed, w.slot + shift));
        }
        if (timer != null) {
            timer.cancel();
            timer = null;
            arm();
        }
    }

    @Override
    int queuedRefs() {
        int n = 0;
        for (int i = 0, size = waiting.size(); i < size; i++) {
            n += Metadata.refCount(waiting.get(i).md);
        }
        return n;
    }

    @Override
    public int bufferedCount() {
        return waiting.size() + inFlight;
    }
}
