package dev.streamz.disruptor;

import java.util.List;

/**
 * A live view of one segment of a compiled pipeline: a fused synchronous sub-graph run by one event
 * handler on one thread. The counters are read from the ring's sequences, so reading them costs the
 * pipeline nothing.
 */
public interface SegmentInfo {
    /** {@return the segment's index, 0 for the entry segment, in topological order} */
    int index();

    /** {@return a name made of the segment's head nodes} */
    String name();

    /** {@return the name of the thread that runs the segment} */
    String threadName();

    /** {@return the names of the nodes whose elements arrive through the segment's ring} */
    List<String> heads();

    /** {@return the names of every node the segment runs} */
    List<String> nodes();

    /** {@return the capacity of the segment's ring, a power of two} */
    int ringSize();

    /** {@return whether the ring is shared with sibling branch segments (a multicast)} */
    boolean multicast();

    /** {@return how many elements have been claimed in the segment's ring since it started} */
    long published();

    /** {@return how many elements the segment has finished processing} */
    long processed();

    /** {@return {@code published() - processed()}: elements waiting in (or being processed from) the ring} */
    long backlog();
}
