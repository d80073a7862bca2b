package dev.streamz;

import dev.streamz.internal.Args;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * A scheduler whose clock moves only when told to, for instant, deterministic tests of time-based
 * behaviour. Time starts at 0. Tasks run on the thread that calls {@link #advanceBy(Duration)},
 * {@link #advanceTo(Duration)} or {@link #runUntilIdle()}, in order of due time and, for equal times, of
 * submission.
 *
 * <p>The thread that created the scheduler counts as its thread: an {@code emit} from it runs inline,
 * and when the emission is not accepted at once (a full buffer, a rate limit, a slow asynchronous sink)
 * the blocking {@code emit} moves the clock forward, task by task, until it is, so the virtual time an
 * {@code emit} takes can be read from {@link #elapsed()}. Other threads may submit tasks (an I/O thread
 * handing over a message); they run at the next advance.
 *
 * <p>Errors reported by nodes are recorded ({@link #errors()}) and passed to the error handler, which
 * logs by default.
 */
public final class VirtualScheduler implements Scheduler {
    /** How far a blocking emit may move the clock before it gives up: a graph that never accepts. */
    private static final long MAX_BLOCKING_ADVANCE = Duration.ofDays(1).toNanos();

    private final Thread owner = Thread.currentThread();
    private final PriorityQueue<Timed> queue = new PriorityQueue<>();
    private final List<StreamException> errors = Collections.synchronizedList(new ArrayList<>());
    private final Consumer<? super StreamException> errorHandler;
    private long now;
    private long sequence;
    private boolean running;

    /** Creates a virtual scheduler at time 0 whose errors are recorded and logged. */
    public VirtualScheduler() {
        this(Schedulers.loggingErrorHandler());
    }

    /**
     * Creates a virtual scheduler at time 0 whose errors are recorded and passed to {@code errorHandler}.
     *
     * @param errorHandler receives reported errors, on the thread that advances time
     */
    public VirtualScheduler(Consumer<? super StreamException> errorHandler) {
        if (errorHandler == null) {
            throw new NullPointerException("VirtualScheduler: errorHandler must not be null");
        }
        this.errorHandler = errorHandler;
    }

    @Override
    public synchronized long now() {
        return now;
    }

    /** {@return the virtual time since creation} */
    public Duration elapsed() {
        return Duration.ofNanos(now());
    }

    @Override
    public void execute(Runnable task) {
        enqueue(task, 0, 0);
    }

    @Override
    public Task schedule(Runnable task, Duration delay) {
        return enqueue(task, Math.max(0, delay.toNanos()), 0);
    }

    @Override
    public Task scheduleAtRate(Runnable task, Duration initialDelay, Duration period) {
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("scheduleAtRate: period must be positive, got " + period);
        }
        return enqueue(task, Math.max(0, initialDelay.toNanos()), period.toNanos());
    }

    private synchronized Timed enqueue(Runnable task, long delay, long period) {
        Objects.requireNonNull(task, "task");
        Timed t = new Timed(task, now + delay, sequence++, period);
        queue.add(t);
        return t;
    }

    @Override
    public boolean inSchedulerThread() {
        return Thread.currentThread() == owner;
    }

    @Override
    public void reportError(StreamException error) {
        errors.add(error);
        errorHandler.accept(error);
    }

    /** {@return the errors reported so far, oldest first (a copy)} */
    public List<StreamException> errors() {
        synchronized (errors) {
            return List.copyOf(errors);
        }
    }

    /** Runs every task due at the current time, including those they submit for now. Time stays put. */
    public void runUntilIdle() {
        advanceTo(Duration.ofNanos(now()));
    }

    /**
     * Moves the clock forward by {@code delta}, running every task that falls due on the way, each at
     * its own due time.
     *
     * @param delta how far to move; not negative
     */
    public void advanceBy(Duration delta) {
        Args.notNull(delta, "advanceBy: delta");
        if (delta.isNegative()) {
            throw new IllegalArgumentException("advanceBy: delta must be a non-negative Duration, got " + delta);
        }
        advanceTo(Duration.ofNanos(now()).plus(delta));
    }

    /**
     * Moves the clock to {@code time} since creation, running every task due up to then.
     *
     * @param time the target time; not before {@link #elapsed()}
     */
    public void advanceTo(Duration time) {
        long target = time.toNanos();
        enterDriver("advanceTo");
        try {
            synchronized (this) {
                if (target < now) {
                    throw new IllegalArgumentException("advanceTo: " + time + " is before the current time "
                            + Duration.ofNanos(now));
                }
            }
            while (runNextDueBy(target)) {
                // keep going
            }
            synchronized (this) {
                now = target;
            }
        } finally {
            running = false;
        }
    }

    /**
     * Runs tasks, moving the clock to each one's due time, until {@code future} is done. This is how a
     * blocking {@code emit} waits on virtual time.
     *
     * @param future what to wait for
     * @throws IllegalStateException if no task is left and the future is still pending, or if the clock
     *     would have to move more than a day
     */
    public void runUntilDone(CompletableFuture<?> future) {
        if (future.isDone()) {
            return;
        }
        enterDriver("runUntilDone");
        try {
            long limit = now() + MAX_BLOCKING_ADVANCE;
            while (!future.isDone()) {
                if (!runNextDueBy(limit)) {
                    throw new IllegalStateException("VirtualScheduler: waiting on an emission that is never "
                            + "accepted (no task left that could complete it, at " + elapsed() + ")");
                }
            }
        } finally {
            running = false;
        }
    }

    /**
     * Runs tasks until {@code accepted} completes ({@link #runUntilDone(CompletableFuture)}), unless the
     * caller is inside a task this scheduler is running: time cannot move re-entrantly there (a sink
     * feeding another stream), and the emit returns after its synchronous part, as on a real loop.
     *
     * @param accepted completes when the graph has accepted the element
     * @return whether it ran until {@code accepted} completed
     */
    @Override
    public boolean runUntilAccepted(CompletableFuture<?> accepted) {
        if (running && Thread.currentThread() == owner) {
            return false;
        }
        runUntilDone(accepted);
        return true;
    }

    /** {@return how many tasks are waiting (timers included)} */
    public synchronized int pendingTasks() {
        return queue.size();
    }

    private void enterDriver(String what) {
        if (Thread.currentThread() != owner) {
            throw new IllegalStateException(what + ": call it from the thread that created the VirtualScheduler");
        }
        if (running) {
            throw new IllegalStateException(what + ": called from inside a task; time cannot move re-entrantly");
        }
        running = true;
    }

    private boolean runNextDueBy(long target) {
        Timed t;
        synchronized (this) {
            t = queue.peek();
            if (t == null || t.due > target) {
                return false;
            }
            queue.poll();
            if (t.isCancelled()) {
                return true;
            }
            now = Math.max(now, t.due);
            if (t.period > 0) {
                // Re-arm before running, so the task may cancel itself.
                queue.add(new Timed(t, t.due + t.period, sequence++));
            }
        }
        try {
            t.task.run();
        } catch (StreamException e) {
            reportError(e);
        }
        return true;
    }

    @Override
    public String toString() {
        return "VirtualScheduler[t=" + elapsed() + ", pending=" + pendingTasks() + "]";
    }

    /** A queued task; periodic runs share one cancellation flag through {@link #origin}. */
    private static final class Timed implements Comparable<Timed>, Task {
        final Runnable task;
        final long due;
        final long seq;
        final long period;
        private final Timed origin;
        private volatile boolean cancelledFlag;

        Timed(Runnable task, long due, long seq, long period) {
            this.task = task;
            this.due = due;
            this.seq = seq;
            this.period = period;
            this.origin = this;
        }

        Timed(Timed previous, long due, long seq) {
            this.task = previous.task;
            this.due = due;
            this.seq = seq;
            this.period = previous.period;
            this.origin = previous.origin;
        }

        boolean isCancelled() {
            return origin.cancelledFlag;
        }

        @Override
        public void cancel() {
            origin.cancelledFlag = true;
        }

        @Override
        public int compareTo(Timed o) {
            int c = Long.compare(due, o.due);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }
}
