package dev.streamz.disruptor;

import dev.streamz.Stream;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A {@code Stream} graph compiled into Disruptor rings and event handlers, one thread per segment.
 * Emitting into it (it is the {@link PipelineInput} of the source it was compiled from) publishes the
 * element into the entry ring and returns; the segments run the graph's nodes on their own threads.
 *
 * <p>While compiled, emit through the pipeline (or {@link #input(Stream)}), never with
 * {@code node.emit(x)}: the nodes now run on the segment threads. Do not change the graph's topology
 * (connect, disconnect, destroy) while it is compiled. {@link #close()} gives the graph back as it was.
 *
 * @param <T> the source's element type
 */
public interface CompiledPipeline<T> extends PipelineInput<T>, AutoCloseable {
    /**
     * A way to emit into another node of the entry segment: another source feeding the same graph (the
     * other input of a zip), or an intermediate node (streamz's emit into a mid-graph node).
     *
     * @param node a node of the entry segment (not behind an asynchronous boundary)
     * @param <U> its element type
     * @return the input
     * @throws IllegalArgumentException if {@code node} is not in this pipeline's entry segment
     */
    <U> PipelineInput<U> input(Stream<U> node);

    /** {@return the pipeline's name (thread names start with it)} */
    String name();

    /** {@return the segments, in topological order (index 0 is the entry segment)} */
    List<SegmentInfo> segments();

    /** {@return the names of the segment threads, in segment order} */
    List<String> threadNames();

    /**
     * Waits until every accepted element has gone through every segment (all rings empty), without
     * closing. Elements emitted concurrently by other threads may or may not be included. With time-driven
     * nodes, also until no timer is overdue. On a graph whose scheduler is a {@code VirtualScheduler}, a
     * segment whose element waits for virtual time (a rate limit's turn, an asynchronous call that a
     * virtual-time task completes) counts as quiescent with its ring not yet drained: only advancing the
     * virtual scheduler lets it go on.
     *
     * @param timeout how long to wait at most
     * @return whether the pipeline became quiescent in time
     * @throws InterruptedException if interrupted while waiting
     */
    boolean awaitQuiescence(Duration timeout) throws InterruptedException;

    /** {@return the failure that halted the pipeline ({@link ErrorPolicy#HALT}), if any} */
    Optional<Throwable> failure();

    /** {@return whether {@link #close()} has begun} */
    boolean isClosed();

    /**
     * Stops accepting elements, drains what was accepted (within the options' close timeout), stops every
     * segment thread and restores the graph. Idempotent.
     */
    @Override
    void close();

    /**
     * {@link #close()} with an explicit drain timeout.
     *
     * @param timeout how long to wait for the rings to drain and the threads to stop
     * @return what was drained, and what was not; a second call reports the first call's outcome
     */
    CloseReport close(Duration timeout);
}
