package dev.streamz.internal.operators;

import dev.streamz.Scheduler;
import dev.streamz.Stream;
import dev.streamz.internal.Metadata;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The timer shared by the timed windows: closes a window at once and then {@code interval} after the
 * previous window was accepted downstream (streamz's emit-then-sleep cadence), holds emitters while a
 * window waits for a slow downstream (F06), and releases the members' refs right after their window's
 * emission (F04).
 *
 * @param <T> element type
 */
abstract class WindowTimerNode<T> extends ScheduledNode<List<T>> {
    private final Duration interval;
    private final Runnable tick = this::tick;
    private CompletableFuture<Void> lastEmission;
    private Scheduler.Task timer;
    /** When {@link #timer} is due, in its scheduler's {@code now()} time base. */
    private long dueAt;
    private boolean destroyed;

    WindowTimerNode(String operator, Map<String, Object> parameters, Stream<T> upstream, Duration interval) {
        super(operator, parameters, upstream);
        this.interval = interval;
    }

    /** Starts the timer; subclasses call it last in their constructor, once their window exists. */
    final void startTimer() {
        arm(scheduler, Duration.ZERO);
    }

    private void arm(Scheduler s, Duration in) {
        dueAt = s.now() + in.toNanos();
        timer = s.schedule(tick, in);
    }

    /**
     * Closes the open window and starts a new one.
     *
     * @param memberMetadata receives the metadata list of each member, in window order
     * @return the window to emit
     */
    abstract Object closeWindow(List<List<Map<String, Object>>> memberMetadata);

    /** Makes the emitter wait while the previous window still waits for its downstream (F06). */
    final void holdEmitterWhileWindowPending() {
        CompletableFuture<Void> last = lastEmission;
        if (last != null && !last.isDone()) {
            holdEmitter(last);
        }
    }

    private void tick() {
        Scheduler s = scheduler;
        if (destroyed || !s.inSchedulerThread()) {
            return; // destroyed, or a stale tick of the scheduler the node ran on before rebindScheduler
        }
        timer = null; // re-armed once this window is accepted
        List<List<Map<String, Object>>> mds = new ArrayList<>();
        Object window = closeWindow(mds);
        CompletableFuture<Void> accepted = emitReported(window, Metadata.concat(mds));
        if (accepted.isDone()) {
            Metadata.releaseAll(mds);
            arm(s, interval);
        } else {
            lastEmission = accepted;
            int refs = Metadata.refCountAll(mds);
            inFlightRefs += refs;
            onScheduler(accepted, () -> {
                inFlightRefs -= refs;
                Metadata.releaseAll(mds);
                arm(scheduler, interval); // the current one: the node may have moved meanwhile
            });
        }
    }

    /**
     * Moves the window's timer: the next window closes when it would have on the old scheduler (its due
     * time carried over into the new scheduler's time base). A window still waiting for its downstream
     * has no timer: it is armed on the new scheduler once the window is accepted.
     */
    @Override
    void rebound(Scheduler old) {
        if (timer != null && !destroyed) {
            timer.cancel();
            long due = dueAt + scheduler.now() - old.now();
            arm(scheduler, Duration.ofNanos(Math.max(0, due - scheduler.now())));
        }
    }

    /**
     * Detaches the node and stops its timer. Elements of the open window are not emitted and their refs
     * are not released: they were never delivered, so a checkpointing source re-reads them.
     */
    @Override
    public void destroy() {
        super.destroy();
        destroyed = true;
        if (timer != null) {
            timer.cancel();
        }
    }
}
