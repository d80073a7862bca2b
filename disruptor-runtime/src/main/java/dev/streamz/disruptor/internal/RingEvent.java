package dev.streamz.disruptor.internal;

import dev.streamz.Stream;
import dev.streamz.internal.runtime.GraphAccess;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.List;
import java.util.Map;

/**
 * One pre-allocated ring slot, reused for the life of the pipeline. A producer fills it in place and
 * publishes its sequence; the segment handler reads it and clears it, so a slot never keeps a user's
 * object alive after it was processed.
 *
 * <p>Every ring is a {@code RingEvent<Object>} holding a reference to the element. Off-heap frames travel
 * the same way, by reference from a frame pool: a frame owned by a slot would be refilled when the producer
 * wraps the ring while a later segment or a window still reads it.
 *
 * @param <E> the payload type
 */
public final class RingEvent<E> {
    private static final VarHandle READERS_LEFT;

    static {
        try {
            READERS_LEFT = MethodHandles.lookup().findVarHandle(RingEvent.class, "readersLeft", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The element. */
    E payload;
    /** Its metadata; never {@code null}. */
    List<Map<String, Object>> metadata = GraphAccess.none();
    /** The node the element enters (the emitted-into node, a boundary, or a join); null on a multicast ring. */
    Stream<?> entry;
    /** The upstream that sent it, passed on as {@code update}'s {@code from} (a join tells inputs apart by it). */
    Stream<?> from;
    /** When the element was published ({@code System.nanoTime()}); written only when a reader keeps a latency histogram. */
    long stampedAt;
    /** Multicast rings only: consumers that have not yet read the slot; the last one clears it. */
    @SuppressWarnings("unused")
    private int readersLeft;
    RingEvent() {
    }

    /**
     * Fills the slot; the caller publishes its sequence afterwards. A field that already holds the value
     * is not written again: on most rings the entry node, the sender and the (empty) metadata are the
     * same for every element, and a store that is skipped dirties no cache line and no GC card.
     */
    void set(E x, List<Map<String, Object>> md, Stream<?> entryNode, Stream<?> fromNode, int readers) {
        payload = x;
        if (metadata != md) {
            metadata = md;
        }
        if (entry != entryNode) {
            entry = entryNode;
        }
        if (from != fromNode) {
            from = fromNode;
        }
        if (readers > 1) {
            READERS_LEFT.setRelease(this, readers);
        }
    }

    /** @return whether the calling reader was the last of a multicast slot (it must then {@link #clear()}) */
    boolean lastReader() {
        return (int) READERS_LEFT.getAndAdd(this, -1) == 1;
    }

    /**
     * Drops the references to user objects: the element and its metadata. The entry and sender nodes stay:
     * they are the pipeline's own graph, and keeping them saves two stores per element.
     */
    void clear() {
        payload = null;
        if (metadata != GraphAccess.none()) {
            metadata = GraphAccess.none();
        }
    }
}
