package dev.streamz.disruptor;

/** Where the compiler cuts the graph into segments, besides the asynchronous boundaries. */
public enum Segmentation {
    /**
     * Only at {@code SegmentBoundary} nodes ({@code async()}, {@code buffer(n)}) and at joins fed from
     * several segments. The default: a graph without boundaries runs as one segment on one thread.
     */
    AT_BOUNDARIES,
    /**
     * Also at every branch point: each downstream of a node with several downstreams (that has no other
     * upstream) runs on its own thread, all of them reading one shared ring (a Disruptor multicast).
     * Order is kept within each branch, not between branches.
     */
    PER_BRANCH
}
