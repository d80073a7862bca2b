package dev.streamz;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * The clock and the event loop of a stream graph: every time-based node and every source runs its work
 * here, one task at a time, in submission order. A graph has exactly one scheduler; it is attached when
 * the first time-based node or source is built (the {@linkplain Schedulers#defaultScheduler() default event loop}
 * unless the graph was given one with {@link Stream#withScheduler(Scheduler)}) and spreads to every node
 * connected to the graph.
 *
 * <p>Implementations come from {@link Schedulers}: {@link Schedulers#defaultScheduler()} (one daemon
 * thread shared by all graphs that do not choose another, created on first use),
 * {@link Schedulers#newEventLoop(String, java.util.function.Consumer)} (a private loop with its own error
 * handler), {@link Schedulers#fromExecutor(java.util.concurrent.ScheduledExecutorService,
 * java.util.function.Consumer)} (runs on a user's executor, one task at a time); and
 * {@link VirtualScheduler} (time moves only when a test says so).
 *
 * <p>Tasks run one at a time, so nodes driven by the scheduler need no locks. An exception thrown by a
 * task is passed to {@link #reportError(StreamException)} and the scheduler keeps running.
 */
public interface Scheduler {

    /** A scheduled task that can be cancelled. */
    interface Task {
        /** Cancels the task if it has not run yet; a periodic task runs no more. Idempotent. */
        void cancel();
    }

    /** {@return the current time in nanoseconds, on a monotonic clock (only differences are meaningful)} */
    long now();

    /**
     * Runs {@code task} on the scheduler as soon as possible, after the tasks already submitted.
     *
     * @param task what to run
     */
    void execute(Runnable task);

    /**
     * Runs {@code task} once, {@code delay} from now.
     *
     * @param task what to run
     * @param delay how long to wait; zero or negative runs it as soon as possible
     * @return a handle to cancel it
     */
    Task schedule(Runnable task, Duration delay);

    /**
     * Runs {@code task} every {@code period}, the first time {@code initialDelay} from now. Runs are
     * spaced from the start of the previous run; a late run is not repeated to catch up.
     *
     * @param task what to run
     * @param initialDelay wait before the first run
     * @param period time between runs, positive
     * @return a handle to stop it
     */
    Task scheduleAtRate(Runnable task, Duration initialDelay, Duration period);

    /** {@return whether the calling thread is the one running this scheduler's tasks right now} */
    boolean inSchedulerThread();

    /**
     * Reports a failure that has no caller to throw to: a user function behind a time-based node, a
     * source's I/O error, a rejected network message. The default handler logs it at ERROR level on the
     * {@code dev.streamz} logger.
     *
     * @param error what failed, naming the node
     */
    void reportError(StreamException error);

    /**
     * Lets an emission that runs on this scheduler's own thread wait until the graph has accepted its
     * element. A blocking {@link Stream#emit(Object)} called on the scheduler's thread asks this when the
     * element is not accepted at once: an event loop cannot wait for itself, so it answers {@code false}
     * and the emit returns once its synchronous part is done; a scheduler that can move its own work on
     * from this point (a {@link VirtualScheduler} driven from its thread, outside its tasks) runs its
     * tasks until {@code accepted} completes and answers {@code true}.
     *
     * @param accepted completes when the graph has accepted the element
     * @return whether {@code accepted} is now complete because this scheduler ran until it was; the
     *     default answers {@code false} without running anything
     */
    default boolean runUntilAccepted(CompletableFuture<?> accepted) {
        return false;
    }
}
