package dev.streamz.internal;

/**
 * Marks a node at which a compiled pipeline cuts the graph into segments (a {@code buffer(n)} or an
 * explicit asynchronous boundary). In a compiled pipeline the node's downstreams run on their own
 * thread, fed by a ring of at least {@link #ringCapacityHint()} slots, and the node itself passes
 * elements through unchanged.
 */
public interface SegmentBoundary {
    /** @return the smallest ring the compiled runtime should give the segment after this node */
    int ringCapacityHint();

    /** @return the name asked for the thread that runs the segment after this node, or null for the default */
    default String threadName() {
        return null;
    }
}
