package dev.streamz;

import dev.streamz.internal.SourceEnds;

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
    private volatile Throwable failure;

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
        failure = null;
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

    /**
     * Tells why the source stopped on its own, if it failed: an error in its thread or task (an
     * {@code OutOfMemoryError}, a failing file system) moves it to this failed state after reporting the
     * error to the scheduler's error handler. A later {@link #start()} clears it and starts afresh.
     *
     * @return the failure that stopped the last run, or empty while running, after a plain stop or exhaustion
     */
    public final java.util.Optional<Throwable> failure() {
        return java.util.Optional.ofNullable(failure);
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
            SourceEnds.ended(this); // e.g. a toPublisher downstream completes its subscribers
        }
    }

    /**
     * Moves the source to the failed state from inside: reports {@code error} to the scheduler's error
     * handler (wrapped in a {@link StreamException} naming this source unless it is one), records it as
     * {@link #failure()}, and stops the source, so that {@link #onStop()} frees what the run held. Safe to
     * call from any thread; does nothing if the source is already stopped.
     *
     * @param detail what failed, e.g. {@code "fromTcp: the accept loop on port 8080 failed"}
     * @param error what went wrong
     */
    protected final void markFailed(String detail, Throwable error) {
        synchronized (this) {
            if (stopped) {
                return;
            }
            failure = error;
            StreamException se = error instanceof StreamException s2 ? s2
                    : new StreamException(this, detail + "; the source stopped", error);
            // Reported before the stop is visible: whoever sees isStopped() can also see the report.
            scheduler().ifPresent(s -> s.reportError(se));
            stopped = true;
            try {
                onStop();
            } catch (RuntimeException | Error e) {
                error.addSuppressed(e);
            }
        }
        SourceEnds.ended(this); // a failed source has ended too: e.g. toPublisher signals onError
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
