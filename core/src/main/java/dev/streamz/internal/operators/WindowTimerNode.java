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
    private boolean destroyed;
    /** Whether the first window (closed at once) has been emitted. */
    private boolean ticked;

    WindowTimerNode(String operator, Map<String, Object> parameters, Stream<T> upstream, Duration interval) {
        super(operator, parameters, upstream);
        this.interval = interval;
    }

    /** Starts the timer; subclasses call it last in their constructor, once their window exists. */
    final void startTimer() {
        timer = scheduler.schedule(tick, Duration.ZERO);
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
        ticked = true;
        List<List<Map<String, Object>>> mds = new ArrayList<>();
        Object window = closeWindow(mds);
        CompletableFuture<Void> accepted = emitReported(window, Metadata.concat(mds));
        if (accepted.isDone()) {
            Metadata.releaseAll(mds);
            timer = s.schedule(tick, interval);
        } else {
            lastEmission = accepted;
            onScheduler(accepted, () -> {
                Metadata.releaseAll(mds);
                timer = s.schedule(tick, interval);
            });
        }
    }

    /**
     * Moves the window's timer: the next window closes {@code interval} after the move (at once if the
     * first one, closed at once, has not been emitted yet).
     */
    @Override
    void rebound(Scheduler old) {
        if (timer != null) {
            timer.cancel();
        }
        if (!destroyed) {
            timer = scheduler.schedule(tick, ticked ? interval : Duration.ZERO);
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
