package dev.streamz.internal;

/**
 * Figures a node offers to {@code Graph.metrics()} besides its buffered and error counts. Only nodes for
 * which counting is free or nearly so implement it (the nodes driven by the scheduler, sinks, sources), so
 * the per-element path of a synchronous chain ({@code map}, {@code filter}, ...) stores nothing per
 * element. The counters have one writer (the thread that runs the node); a reader on another thread sees
 * a recent value.
 */
public interface NodeFigures {
    /** The value of a figure the node does not count. */
    long NOT_COUNTED = -1;

    /** @return elements the node received since it was built, or {@link #NOT_COUNTED} */
    default long elementsIn() {
        return NOT_COUNTED;
    }

    /** @return elements the node emitted downstream since it was built, or {@link #NOT_COUNTED} */
    default long elementsOut() {
        return NOT_COUNTED;
    }

    /**
     * @return the holds the node has on refs now (one per ref of each element it keeps: queued, delayed,
     *     in a window, batch or join, or waiting for an asynchronous downstream or call)
     */
    default int refsHeld() {
        return 0;
    }
}
