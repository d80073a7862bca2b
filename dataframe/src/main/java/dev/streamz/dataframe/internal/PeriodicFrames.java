package dev.streamz.dataframe.internal;

import dev.streamz.RefCounter;
import dev.streamz.Scheduler;
import dev.streamz.Source;
import dev.streamz.StreamException;
import dev.streamz.ThrowingBiFunction;
import dev.streamz.frames.Frame;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The source of {@code StreamingDataFrame.fromPeriodic} (streamz's {@code PeriodicDataFrame}): on the graph's
 * scheduler, waits the interval, calls the callback with the time range since its last call, emits the
 * frame it returns, and again. The frame travels with a {@link RefCounter} that holds it: it is released
 * once the graph accepted it and whatever kept it (a ring, a buffer) let it go.
 *
 * <p>Times are the scheduler's clock (virtual on a {@code VirtualScheduler}) anchored to the wall clock at
 * start, so consecutive ranges join exactly: each call's {@code last} is the previous call's {@code now}.
 * A callback that throws, or returns null, is reported to the scheduler's error handler and called again
 * after the interval with a range that still starts at the last good call, so no time range is skipped.
 */
public final class PeriodicFrames extends Source<Frame> {
    private final ThrowingBiFunction<Instant, Instant, Frame> callback;
    private final Duration interval;
    private volatile int run;
    private volatile Scheduler.Task timer;
    private Scheduler scheduler;
    private Instant anchor;
    private long anchorNanos;
    private long last;

    /**
     * @param callback gets {@code (last, now)} and returns the frame to emit, which this source then owns
     * @param interval the wait before each call
     */
    public PeriodicFrames(ThrowingBiFunction<Instant, Instant, Frame> callback, Duration interval) {
        super("from_periodic_dataframe", Map.of("interval", interval));
        this.callback = callback;
        this.interval = interval;
    }

    @Override
    protected synchronized void onStart(Scheduler s) {
        int r = ++run;
        scheduler = s;
        anchor = Instant.now();
        anchorNanos = s.now();
        last = anchorNanos;
        timer = s.schedule(() -> step(r), interval);
    }

    @Override
    protected synchronized void onStop() {
        run++;
        Scheduler.Task t = timer;
        if (t != null) {
            t.cancel();
        }
    }

    private Instant at(long nanos) {
        return anchor.plusNanos(nanos - anchorNanos);
    }

    private void step(int r) {
        if (r != run) {
            return;
        }
        markStarted();
        long now = scheduler.now();
        Frame f;
        try {
            f = callback.apply(at(last), at(now));
            if (f == null) {
                throw new NullPointerException("the callback returned null instead of a frame");
            }
        } catch (Exception e) {
            scheduler.reportError(new StreamException(this, "fromPeriodic: the callback failed for ("
                    + at(last) + ", " + at(now) + "]; it is called again after " + interval, e));
            later(r);
            return;
        }
        last = now;
        // The frame is released by its counter: after the emission, or later if a ring or a node kept it.
        RefCounter ref = new RefCounter(1, f::release);
        CompletableFuture<Void> accepted = emitReporting(f, List.of(Map.of(RefCounter.METADATA_KEY, ref)));
        accepted.whenComplete((v, e) -> {
            ref.release();
            later(r);
        });
    }

    private void later(int r) {
        if (r == run) {
            timer = scheduler.schedule(() -> step(r), interval);
        }
    }
}
