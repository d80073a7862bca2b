package dev.streamz.chronicle.internal;

import java.util.concurrent.CompletableFuture;

/**
 * A node that gathers a replay's elements and emits them in bulk ({@link RunNode}, {@link FrameNode}): the
 * replay flushes it before it yields its scheduler, waits for its pace or stops, so that no element waits
 * longer than the replay's current batch.
 */
public interface Gatherer {
    /** @return how many elements are gathered and not yet emitted */
    int size();

    /**
     * Emits what is gathered, if anything.
     *
     * @return null if it was accepted (or there was nothing), else its acceptance: pending while the
     *     downstream holds it, failed if an asynchronous part of the downstream failed
     * @throws RuntimeException what the downstream threw; what was gathered is dropped (the caller reports it)
     */
    CompletableFuture<Void> flush();

    /** Lets go of what the node holds between runs of the replay (off-heap memory); called when a run ends. */
    default void close() {
    }
}
