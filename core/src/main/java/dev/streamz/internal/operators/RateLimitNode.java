package dev.streamz.internal.operators;

import dev.streamz.Stream;
import dev.streamz.internal.Fifo;
import dev.streamz.internal.Metadata;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * {@code rateLimit(interval)}: passes elements on at most once per interval, in order. The first element
 * (and the first after an idle interval) passes at once, inside the emitter's call; later ones wait for
 * their turn on the scheduler while their emitter waits too (F12). Refs are held from arrival until the
 * element's downstream emission has completed, so the callback fires once, after the output (our answer
 * to F13).
 *
 * @param <T> element type
 */
public final class RateLimitNode<T> extends ScheduledNode<T> {
    private final long intervalNanos;
    private final Fifo<Object> items = new Fifo<>();
    private final Fifo<List<Map<String, Object>>> metadata = new Fifo<>();
    private final Fifo<CompletableFuture<Void>> emitters = new Fifo<>();
    /** Earliest time the next element may pass. */
    private long nextAllowed = Long.MIN_VALUE;
    private boolean emitting;
    private boolean armed;
    private final Runnable pump = this::pump;

    public RateLimitNode(Stream<T> upstream, Duration interval) {
        super("rate_limit", Map.of("interval", interval), upstream);
        this.intervalNanos = interval.toNanos();
    }

    @Override
    public void update(Object x, List<Map<String, Object>> md, Stream<?> from) {
        long now = scheduler.now();
        if (items.isEmpty() && !emitting && now >= nextAllowed) {
            // Inside the emitter's own emission: its holds and its refs cover this element.
            nextAllowed = now + intervalNanos;
            emitDownstream(x, md);
            return;
        }
        Metadata.retain(md);
        CompletableFuture<Void> passed = new CompletableFuture<>();
        items.addLast(x);
        metadata.addLast(md);
        emitters.addLast(passed);
        holdEmitter(passed);
        arm();
    }

    private void arm() {
        if (!armed && !emitting && !items.isEmpty()) {
            armed = true;
            scheduler.schedule(pump, Duration.ofNanos(Math.max(0, nextAllowed - scheduler.now())));
        }
    }

    private void pump() {
        armed = false;
        if (emitting || items.isEmpty()) {
            return;
        }
        long now = scheduler.now();
        if (now < nextAllowed) {
            arm();
            return;
        }
        nextAllowed = now + intervalNanos;
        Object x = items.pollFirst();
        List<Map<String, Object>> md = metadata.pollFirst();
        CompletableFuture<Void> passed = emitters.pollFirst();
        emitting = true;
        if (emitThenRelease(x, md, md, () -> finish(passed))) {
            finish(passed);
        }
    }

    private void finish(CompletableFuture<Void> passed) {
        emitting = false;
        passed.complete(null);
        arm();
    }

    @Override
    public int bufferedCount() {
        return items.size() + (emitting ? 1 : 0);
    }
}
