package dev.streamz.disruptor.internal;

import com.lmax.disruptor.RingBuffer;
import dev.streamz.Stream;
import dev.streamz.internal.runtime.GraphAccess;

import java.util.List;
import java.util.Map;

/**
 * Stands in a node's downstream array, while the graph is compiled, for a node that runs in another
 * segment: instead of calling it, publishes the element into that segment's ring. The upstream list of
 * the real target is left alone, so a join still recognises the original {@code from}.
 */
final class Relay extends Stream<Object> {
    private final Ring ring;
    private final RingBuffer<RingEvent<Object>> buffer;
    /** The node the handler calls, or null on a multicast ring (each reader knows its own head). */
    private final Stream<?> target;
    private final int readers;

    Relay(Ring ring, Stream<?> target) {
        super("relay", Map.of());
        this.ring = ring;
        this.buffer = ring.buffer;
        this.target = target;
        this.readers = ring.readers;
    }

    @Override
    public void update(Object x, List<Map<String, Object>> metadata, Stream<?> from) {
        if (!metadata.isEmpty()) {
            // The ring holds the element until its last reader is done with it.
            GraphAccess.retain(metadata, readers);
        }
        // Blocks while the next segment's ring is full: back pressure travels upstream. The segment graph
        // is acyclic (the compiler refuses feedback across segments), so this always makes progress.
        long seq = ring.claim();
        buffer.get(seq).set(x, metadata, target, from, readers);
        buffer.publish(seq);
    }

    /** A downstream entry that does nothing: the other members of a multicast group share one relay. */
    static final class Silent extends Stream<Object> {
        Silent() {
            super("relay", Map.of());
        }

        @Override
        public void update(Object x, List<Map<String, Object>> metadata, Stream<?> from) {
        }
    }
}
