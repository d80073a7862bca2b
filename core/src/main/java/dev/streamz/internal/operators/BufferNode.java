package dev.streamz.internal.operators;

import dev.streamz.internal.Args;
import dev.streamz.Stream;
import dev.streamz.internal.Fifo;
import dev.streamz.internal.Metadata;
import dev.streamz.internal.SegmentBoundary;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * {@code buffer(n)}: accepts up to n elements ahead of a slow downstream, passing them on from a
 * scheduler task, one at a time, each after the previous one was accepted. Beyond n queued elements (the
 * one being emitted does not count, as in streamz's F15), the emitter waits until a place frees. Refs
 * are held from arrival until the element's own downstream emission has completed (H07).
 *
 * @param <T> element type
 */
public final class BufferNode<T> extends ScheduledNode<T> implements SegmentBoundary {
    private final int capacity;
    private final Fifo<Object> items = new Fifo<>();
    private final Fifo<List<Map<String, Object>>> metadata = new Fifo<>();
    /** Elements whose emitter waits for a place, with the futures that free it. */
    private final Fifo<Object> waitingItems = new Fifo<>();
    private final Fifo<List<Map<String, Object>>> waitingMetadata = new Fifo<>();
    private final Fifo<CompletableFuture<Void>> waitingEmitters = new Fifo<>();
    private boolean emitting;
    private boolean pumpScheduled;
    private final Runnable pump = this::pump;
    private final Runnable afterLateAcceptance = () -> {
        emitting = false;
        pump();
    };

    public BufferNode(Stream<T> upstream, int n) {
        Args.atLeastOne(n, "buffer: n"); // before super: a rejected node never joins the graph
        super("buffer", Map.of("n", n), upstream);
        this.capacity = n;
    }

    @Override
    public int ringCapacityHint() {
        return capacity;
    }

    @Override
    public void update(Object x, List<Map<String, Object>> md, Stream<?> from) {
        in++;
        Metadata.retain(md);
        if (items.size() < capacity) {
            items.addLast(x);
            metadata.addLast(md);
            schedulePump();
            return;
        }
        CompletableFuture<Void> place = new CompletableFuture<>();
        waitingItems.addLast(x);
        waitingMetadata.addLast(md);
        waitingEmitters.addLast(place);
        holdEmitter(place);
        schedulePump();
    }

    private void schedulePump() {
        if (!pumpScheduled && !emitting) {
            pumpScheduled = true;
            scheduler.execute(pump);
        }
    }

    private void pump() {
        pumpScheduled = false;
        while (!emitting && !items.isEmpty()) {
            Object x = items.pollFirst();
            List<Map<String, Object>> md = metadata.pollFirst();
            emitting = true; // during the emission too: a re-entrant update must not start another
            if (!waitingItems.isEmpty()) {
                // The waiting element takes the freed place before its emitter is released, so that
                // whatever the emitter does next finds the node consistent.
                items.addLast(waitingItems.pollFirst());
                metadata.addLast(waitingMetadata.pollFirst());
                waitingEmitters.pollFirst().complete(null);
            }
            emitting = !emitThenRelease(x, md, md, afterLateAcceptance);
        }
    }

    @Override
    int queuedRefs() {
        return Metadata.refCountAll(metadata) + Metadata.refCountAll(waitingMetadata);
    }

    @Override
    public int bufferedCount() {
        return items.size() + waitingItems.size() + (emitting ? 1 : 0);
    }
}
