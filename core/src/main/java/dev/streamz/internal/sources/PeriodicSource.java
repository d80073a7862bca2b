package dev.streamz.internal.sources;

import dev.streamz.StreamException;

import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code fromPeriodic} (I05): calls the callback, emits its result, waits until the graph accepted it,
 * then waits the interval, and again. The first call happens as soon as the source starts. A callback
 * that throws is reported to the error handler and called again after the interval.
 *
 * @param <T> element type
 */
public final class PeriodicSource<T> extends ScheduledSource<T> {
    private final Supplier<? extends T> callback;
    private final Duration interval;

    /**
     * @param callback produces each element, on the scheduler
     * @param interval the wait after each accepted element
     */
    public PeriodicSource(Supplier<? extends T> callback, Duration interval) {
        super("from_periodic", Map.of("interval", interval));
        this.callback = callback;
        this.interval = interval;
    }

    @Override
    Object next() {
        try {
            return callback.get();
        } catch (RuntimeException e) {
            runScheduler().reportError(new StreamException(this, "from_periodic callback threw", e));
            return IDLE;
        }
    }

    @Override
    Duration idleDelay() {
        return interval;
    }

    @Override
    Duration afterEmitDelay() {
        return interval;
    }
}
