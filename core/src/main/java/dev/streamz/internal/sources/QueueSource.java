package dev.streamz.internal.sources;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;

/**
 * {@code fromQueue} (I17): takes elements from a thread-safe queue without blocking ({@code poll()}), in
 * FIFO order, one at a time with back pressure; when the queue is empty it looks again after the poll
 * interval. Runs on the scheduler, which it never blocks.
 *
 * @param <T> element type
 */
public final class QueueSource<T> extends ScheduledSource<T> {
    private final BlockingQueue<? extends T> queue;
    private final Duration pollInterval;

    /**
     * @param queue filled by other threads
     * @param pollInterval the wait when the queue is empty
     */
    public QueueSource(BlockingQueue<? extends T> queue, Duration pollInterval) {
        super("from_q", Map.of("poll_interval", pollInterval));
        this.queue = queue;
        this.pollInterval = pollInterval;
    }

    @Override
    Object next() {
        T x = queue.poll();
        return x == null ? IDLE : x;
    }

    @Override
    Duration idleDelay() {
        return pollInterval;
    }
}
