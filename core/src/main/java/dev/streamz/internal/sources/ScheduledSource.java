package dev.streamz.internal.sources;

import dev.streamz.Scheduler;
import dev.streamz.Source;
import dev.streamz.StreamException;
import dev.streamz.internal.Metadata;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Base of the sources that poll on the graph's scheduler (iterable, periodic, text file, file names,
 * queue). Every step runs on the scheduler, one element at a time: {@link #next()} produces an element,
 * which is emitted; the next step is scheduled only after the graph has accepted it (F21).
 *
 * <p>A step that throws (an {@code Error} included) is reported to the error handler and moves the source
 * to its failed state ({@link #isStopped()} true, {@link #failure()} set); a restart begins afresh.
 *
 * <p>Each {@code start()} begins a new <em>run</em>; a step belonging to an older run does nothing, so a
 * stop followed by a start never lets two loops run side by side.
 *
 * @param <T> element type
 */
abstract class ScheduledSource<T> extends Source<T> {
    /** Returned by {@link #next()}: nothing to emit now, poll again after {@link #idleDelay()}. */
    static final Object IDLE = new Object();
    /** Returned by {@link #next()}: nothing to emit yet but more to do; step again at once (after other tasks). */
    static final Object AGAIN = new Object();
    /** Returned by {@link #next()}: the source is exhausted and stops itself. */
    static final Object END = new Object();

    /** The current run; changed (under the source's lock) by every start and stop. */
    private volatile int run;
    private volatile Scheduler scheduler;
    private volatile Scheduler.Task timer;

    ScheduledSource(String operator, Map<String, Object> parameters) {
        super(operator, parameters);
    }

    @Override
    protected final void onStart(Scheduler s) {
        prepare(); // on the caller's thread: failures reach start()
        int r = ++run;
        scheduler = s;
        s.execute(() -> {
            if (r != run) {
                return;
            }
            try {
                begin();
            } catch (RuntimeException | Error e) {
                fail(r, e);
                return;
            }
            step(r);
        });
    }

    @Override
    protected final void onStop() {
        run++;
        Scheduler.Task t = timer;
        if (t != null) {
            t.cancel();
        }
        stopped();
    }

    /** Called (on the thread stopping the source) after the run ended; release resources on the scheduler. */
    void stopped() {
    }

    /** Checks that the source can start; runs on the thread calling {@code start()}. May throw. */
    void prepare() {
    }

    /** Called on the scheduler at the beginning of each run, before the first {@link #next()}. */
    void begin() {
    }

    /**
     * Produces the next element, or {@link #IDLE} or {@link #END}. Runs on the scheduler.
     *
     * @return an element, {@code IDLE} or {@code END}
     * @throws Exception reported to the error handler; the source then stops
     */
    abstract Object next() throws Exception;

    /** @return how long to wait after {@link #IDLE} */
    abstract Duration idleDelay();

    /** @return how long to wait after an element was accepted before the next step; zero by default */
    Duration afterEmitDelay() {
        return Duration.ZERO;
    }

    /** Wraps a failure of {@link #next()}: what the source was doing. */
    String failureDetail() {
        return operator() + " failed";
    }

    @SuppressWarnings("unchecked")
    private void step(int r) {
        if (r != run) {
            return;
        }
        markStarted();
        Object x;
        try {
            x = next();
        } catch (Exception | Error e) {
            // An Error too (an OutOfMemoryError on a huge read): reported, and the source moves to its
            // failed state instead of never polling again while looking alive.
            fail(r, e);
            return;
        }
        // Even if the source was stopped meanwhile, an element already taken is emitted (the in-flight
        // element of I03), so that a queue or a one-shot iterator loses nothing.
        if (x == END) {
            exhaust(r);
            return;
        }
        if (x == IDLE) {
            later(r, idleDelay());
            return;
        }
        if (x == AGAIN) {
            later(r, Duration.ZERO);
            return;
        }
        CompletableFuture<Void> accepted;
        try {
            accepted = emitReporting((T) x, Metadata.NONE);
        } catch (Error e) {
            fail(r, e);
            return;
        }
        Duration after = afterEmitDelay();
        if (accepted.isDone()) {
            later(r, after);
        } else {
            accepted.whenComplete((v, e) -> later(r, after));
        }
    }

    private void later(int r, Duration delay) {
        if (r != run) {
            return;
        }
        Scheduler s = scheduler;
        if (delay.isZero()) {
            s.execute(() -> step(r));
        } else {
            timer = s.schedule(() -> step(r), delay);
        }
    }

    private void fail(int r, Throwable e) {
        if (r != run) {
            return; // stopped meanwhile: a closed resource is not an error
        }
        synchronized (this) {
            if (r != run) {
                return;
            }
            released();
            markFailed(failureDetail(), e);
        }
    }

    /** Frees what a failed run held (buffers), before the failure is reported. */
    void released() {
    }

    private void exhaust(int r) {
        synchronized (this) {
            if (r == run) {
                markExhausted();
            }
        }
    }

    /** @return the scheduler of the current run */
    final Scheduler runScheduler() {
        return scheduler;
    }
}
