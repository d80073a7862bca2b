package dev.streamz;

/**
 * A private event loop ({@link Schedulers#newEventLoop(String, java.util.function.Consumer)}): a
 * {@link Scheduler} on a thread of its own, which {@link #close()} ends.
 */
public interface EventLoop extends Scheduler, AutoCloseable {

    /**
     * Shuts the loop down: tasks already submitted still run, pending timers are dropped, then the thread
     * ends. Afterwards {@link #execute(Runnable)} and the scheduling methods throw
     * {@link IllegalStateException}; stop the sources of its graphs first. Idempotent; does not wait.
     */
    @Override
    void close();

    /** {@return whether {@link #close()} was called} */
    boolean isClosed();
}
