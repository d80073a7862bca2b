package dev.streamz;

import dev.streamz.internal.time.ExecutorScheduler;

import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;

/**
 * Factories for the {@link Scheduler}s this library provides (the {@link Scheduler} interface itself
 * names no implementation, so that the implementations can depend on it and not the other way round).
 * {@link VirtualScheduler}, for tests, is built with its own constructor.
 */
public final class Schedulers {
    private Schedulers() {
    }

    /**
     * The shared default event loop: one daemon thread named {@code streamz-event-loop}, created on first
     * use, whose error handler logs. Graphs that do not choose a scheduler share it.
     *
     * @return the shared scheduler
     */
    public static Scheduler defaultScheduler() {
        return ExecutorScheduler.shared();
    }

    /**
     * Creates a private event loop on its own daemon thread.
     *
     * @param threadName the thread's name
     * @param errorHandler receives {@linkplain Scheduler#reportError(StreamException) reported errors}
     * @return the scheduler; it lives as long as the JVM (the thread is a daemon that idles when unused)
     * @throws NullPointerException if an argument is null
     */
    public static Scheduler newEventLoop(String threadName, Consumer<? super StreamException> errorHandler) {
        return ExecutorScheduler.newEventLoop(threadName, errorHandler);
    }

    /**
     * Adapts a user's executor. Tasks still run one at a time and in order, whatever the executor's
     * thread count; the executor's lifecycle stays with its owner.
     *
     * @param executor runs the tasks
     * @param errorHandler receives {@linkplain Scheduler#reportError(StreamException) reported errors}
     * @return the scheduler
     * @throws NullPointerException if an argument is null
     */
    public static Scheduler fromExecutor(ScheduledExecutorService executor,
                                         Consumer<? super StreamException> errorHandler) {
        return ExecutorScheduler.over(executor, errorHandler);
    }

    /**
     * The default error handler.
     *
     * @return a handler that logs at ERROR level on the {@code dev.streamz} logger
     */
    public static Consumer<StreamException> loggingErrorHandler() {
        return ExecutorScheduler.LOGGING_HANDLER;
    }
}
