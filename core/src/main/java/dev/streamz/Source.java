package dev.streamz;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A node that produces elements on its own: from an iterable, a timer, a file, a process, a socket.
 *
 * <p><b>Lifecycle</b> (streamz's I01). A source is created stopped. {@link #start()} begins producing
 * and is idempotent while running; {@link #stop()} stops producing after the current element and is
 * idempotent; a stopped source can be started again. {@code start()} on any node downstream starts the
 * sources upstream of it. {@link #hasStarted()} tells whether production has begun since the last start.
 *
 * <p><b>Threads and back pressure.</b> A source runs on the graph's {@link Scheduler} (attached when it
 * starts) or, for blocking I/O, on threads of its own that hand each element to the scheduler. Either
 * way it produces the next element only after the graph has accepted the previous one (F21).
 *
 * <p><b>Writing one.</b> Implement {@link #onStart(Scheduler)} and {@link #onStop()}, and emit with
 * {@link #emitAsync(Object)}, waiting on its future before producing more.
 *
 * @param <T> the type of the elements produced
 */
public abstract class Source<T> extends Stream<T> {
    private volatile boolean stopped = true;
    private volatile boolean started;

    /**
     * Creates a stopped source with no upstream.
     *
     * @param operator the operator name, e.g. {@code from_tcp}
     * @param parameters its parameters, for introspection
     */
    protected Source(String operator, Map<String, Object> parameters) {
        super(operator, parameters);
    }

    /**
     * Starts producing, on the graph's scheduler (the default event loop if the graph has none).
     * Idempotent while running.
     *
     * @throws StreamException if the source cannot start (a port in use, a process that cannot run); it
     *     stays stopped
     */
    @Override
    public final synchronized void start() {
        super.start();
        if (!stopped) {
            return;
        }
        Scheduler s = requireScheduler();
        stopped = false;
        started = false;
        try {
            onStart(s);
        } catch (RuntimeException e) {
            stopped = true;
            throw e instanceof StreamException se ? se : new StreamException(this, "cannot start", e);
        }
    }

    /** Stops producing after the current element. Idempotent. */
    @Override
    public final synchronized void stop() {
        super.stop();
        if (stopped) {
            return;
        }
        stopped = true;
        onStop();
    }

    /** {@return whether the source is stopped (it is until started, and again after exhaustion or stop)} */
    public final boolean isStopped() {
        return stopped;
    }

    /** {@return whether production has begun since the last {@link #start()} (streamz's {@code started})} */
    public final boolean hasStarted() {
        return started;
    }

    /** Stops the source and detaches it. */
    @Override
    public void destroy() {
        stop();
        super.destroy();
    }

    /**
     * Begins producing. Called by {@link #start()} on the caller's thread; open resources here so that
     * failures reach the caller, and schedule the production on {@code scheduler}.
     *
     * @param scheduler the graph's scheduler
     */
    protected abstract void onStart(Scheduler scheduler);

    /** Stops producing and releases resources. Called once per {@link #start()}, by {@link #stop()}. */
    protected abstract void onStop();

    /** Records that production has begun ({@link #hasStarted()}). */
    protected final void markStarted() {
        started = true;
    }

    /**
     * Marks the source stopped from inside (an exhausted iterable, an ended process), so a later
     * {@link #start()} starts it again.
     */
    protected final synchronized void markExhausted() {
        if (!stopped) {
            stopped = true;
            onStop();
        }
    }

    /**
     * Emits {@code x} and reports a failure of the synchronous part to the scheduler's error handler
     * instead of throwing, so that a bad element does not stop the source.
     *
     * @param x the element
     * @param metadata its metadata
     * @return completes when the graph has accepted {@code x} (normally, even if a function failed)
     */
    protected final CompletableFuture<Void> emitReporting(T x, List<Map<String, Object>> metadata) {
        CompletableFuture<Void> f = emitAsync(x, metadata);
        return f.handle((v, e) -> {
            if (e != null) {
                Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null
                        ? e.getCause() : e;
                StreamException se = cause instanceof StreamException s2 ? s2
                        : new StreamException(this, "emission failed", cause);
                scheduler().ifPresent(s -> s.reportError(se));
            }
            return null;
        });
    }
}
