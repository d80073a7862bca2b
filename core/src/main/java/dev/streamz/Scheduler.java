package dev.streamz;

import dev.streamz.internal.time.ExecutorScheduler;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;

/**
 * The clock and the event loop of a stream graph: every time-based node and every source runs its work
 * here, one task at a time, in submission order. A graph has exactly one scheduler; it is attached when
 * the first time-based node or source is built (the {@linkplain #defaultScheduler() default event loop}
 * unless the graph was given one with {@link Stream#withScheduler(Scheduler)}) and spreads to every node
 * connected to the graph.
 *
 * <p>Implementations: {@link #defaultScheduler()} (one daemon thread shared by all graphs that do not
 * choose another, created on first use), {@link #newEventLoop(String, Consumer)} (a private loop with its
 * own error handler), {@link #fromExecutor(ScheduledExecutorService, Consumer)} (runs on a user's executor,
 * one task at a time) and {@link VirtualScheduler} (time moves only when a test says so).
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

    /** @return the current time in nanoseconds, on a monotonic clock (only differences are meaningful) */
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

    /** @return whether the calling thread is the one running this scheduler's tasks right now */
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
     * The shared default event loop: one daemon thread named {@code streamz-event-loop}, created on first
     * use, whose error handler logs. Graphs that do not choose a scheduler share it.
     *
     * @return the shared scheduler
     */
    static Scheduler defaultScheduler() {
        return ExecutorScheduler.shared();
    }

    /**
     * Creates a private event loop on its own daemon thread.
     *
     * @param threadName the thread's name
     * @param errorHandler receives {@linkplain #reportError(StreamException) reported errors}
     * @return the scheduler; it lives as long as the JVM (the thread is a daemon that idles when unused)
     */
    static Scheduler newEventLoop(String threadName, Consumer<? super StreamException> errorHandler) {
        return ExecutorScheduler.newEventLoop(threadName, errorHandler);
    }

    /**
     * Adapts a user's executor. Tasks still run one at a time and in order, whatever the executor's
     * thread count; the executor's lifecycle stays with its owner.
     *
     * @param executor runs the tasks
     * @param errorHandler receives {@linkplain #reportError(StreamException) reported errors}
     * @return the scheduler
     */
    static Scheduler fromExecutor(ScheduledExecutorService executor,
                                  Consumer<? super StreamException> errorHandler) {
        return ExecutorScheduler.over(executor, errorHandler);
    }

    /** @return the default error handler: logs at ERROR level on the {@code dev.streamz} logger */
    static Consumer<StreamException> loggingErrorHandler() {
        return ExecutorScheduler.LOGGING_HANDLER;
    }
}
