package dev.streamz.internal.time;

import dev.streamz.EventLoop;
import dev.streamz.Scheduler;
import dev.streamz.StreamException;
import dev.streamz.internal.Args;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A {@link Scheduler} over a {@link ScheduledExecutorService}: timers live in the executor, and every
 * task is funnelled through one serial queue so that tasks run one at a time and in submission order,
 * whatever the executor's thread count (the work-in-progress counter pattern of RxJava's serial
 * executors).
 */
public final class ExecutorScheduler implements EventLoop {
    private static final System.Logger LOG = System.getLogger("dev.streamz");

    /** Logs reported errors at ERROR level, identical repeats rate-limited (see {@link RateLimitedErrorLog}). */
    public static final Consumer<StreamException> LOGGING_HANDLER = new RateLimitedErrorLog();

    private final ScheduledExecutorService executor;
    private final Consumer<? super StreamException> errorHandler;
    private final String description;
    /** Whether this scheduler made its executor (a private loop), so that close() may shut it down. */
    private final boolean owned;
    private volatile boolean closed;
    private boolean shared;
    private final ConcurrentLinkedQueue<Runnable> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger wip = new AtomicInteger();
    private volatile Thread runner;
    private final Runnable drain = this::drain;
    /** How long an emptied loop spins for more work before it parks (see awaitMore). */
    private static final long SPIN_NANOS = 50_000;
    /** Tasks one drain runs before it lets the executor run its timers. */
    private static final int BATCH = 256;

    private ExecutorScheduler(ScheduledExecutorService executor, Consumer<? super StreamException> errorHandler,
                              String description, boolean owned) {
        this.owned = owned;
        this.executor = executor;
        this.errorHandler = errorHandler;
        this.description = description;
    }

    /** The lazily created default loop; the holder idiom makes creation thread-safe and lazy. */
    private static final class Shared {
        static final ExecutorScheduler INSTANCE = newEventLoop("streamz-event-loop", LOGGING_HANDLER).asShared();
    }

    /** @return the shared default event loop, created on first use */
    public static ExecutorScheduler shared() {
        return Shared.INSTANCE;
    }

    /** Creates a loop on its own daemon thread. */
    public static ExecutorScheduler newEventLoop(String threadName, Consumer<? super StreamException> errorHandler) {
        Args.notNull(threadName, "newEventLoop: threadName");
        Args.notNull(errorHandler, "newEventLoop: errorHandler");
        ScheduledThreadPoolExecutor stpe = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
        stpe.setRemoveOnCancelPolicy(true); // cancelled timers (partition timeouts) must not pile up
        stpe.setExecuteExistingDelayedTasksAfterShutdownPolicy(false); // close() drops pending timers
        stpe.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
        return new ExecutorScheduler(stpe, errorHandler, "event loop '" + threadName + "'", true);
    }

    /** Adapts a user's executor. */
    public static ExecutorScheduler over(ScheduledExecutorService executor,
                                         Consumer<? super StreamException> errorHandler) {
        Args.notNull(executor, "fromExecutor: executor");
        Args.notNull(errorHandler, "fromExecutor: errorHandler");
        return new ExecutorScheduler(executor, errorHandler, "executor " + executor, false);
    }

    @Override
    public long now() {
        return System.nanoTime();
    }

    private ExecutorScheduler asShared() {
        shared = true;
        return this;
    }

    @Override
    public void close() {
        if (shared) {
            throw new UnsupportedOperationException("the shared default event loop cannot be closed");
        }
        closed = true;
        if (owned) {
            executor.shutdown(); // queued drains still run; timers are dropped
        }
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    private void open(String what) {
        if (closed) {
            throw new IllegalStateException(what + ": " + description + " is closed");
        }
    }

    @Override
    public void execute(Runnable task) {
        open("execute");
        queue.add(Objects.requireNonNull(task, "execute: task"));
        if (wip.getAndIncrement() == 0) {
            executor.execute(drain);
        }
    }

    private void drain() {
        Thread me = Thread.currentThread();
        runner = me;
        int missed = 1;
        int budget = BATCH;
        for (;;) {
            for (Runnable r; (r = queue.poll()) != null; ) {
                runSafely(r);
                if (--budget == 0) {
                    // Yield the thread so the executor's due timers can run. Without this, producers
                    // that keep the queue non-empty starved every timer on the loop (a timed_window
                    // on the shared default loop emitted 1 window in 0.5 s instead of 50). wip is
                    // still positive, so nobody else submits a drain; the next one re-accounts it.
                    runner = null;
                    resubmit();
                    return;
                }
            }
            // Give the loop up before counting down: from the moment wip is 0 another thread may own it
            // (an inline emission, see tryEnter), and runner is then that thread's to write.
            runner = null;
            missed = wip.addAndGet(-missed);
            if (missed != 0) {
                runner = me;
                continue;
            }
            if (!awaitMore()) {
                return;
            }
            runner = me; // owns the loop again (awaitMore took wip from 0 to 1)
            missed = 1;
        }
    }

    /**
     * Spins briefly for the next task after the loop went idle (wip 0), without owning the loop, so that
     * a blocking emitter on another thread can still run its emission inline ({@link #tryEnter()}) while
     * this thread spins. A producer that hands elements over (emitAsync) would otherwise pay for waking the
     * parked loop thread on every element (about 60 us on a virtual machine). When a task shows up this
     * thread takes the loop back if nobody else has; otherwise the owner runs it. The spin reads only the
     * task queue, which an inline emitter does not touch, so the two do not fight over a cache line.
     * Bounded, so an idle loop costs nothing after a short moment.
     *
     * @return whether this thread owns the loop again and should drain
     */
    private boolean awaitMore() {
        long deadline = System.nanoTime() + SPIN_NANOS;
        do {
            for (int i = 0; i < 64; i++) {
                if (!queue.isEmpty()) {
                    // Whoever took wip from 0 to 1 owns the loop: a submitter (who has handed a drain to the
                    // executor, queued behind this one) or an inline emitter (who hands one over on exit).
                    return wip.compareAndSet(0, 1);
                }
                Thread.onSpinWait();
            }
        } while (System.nanoTime() < deadline && !closed);
        return false;
    }

    private void resubmit() {
        try {
            executor.execute(drain);
        } catch (RejectedExecutionException e) {
            // Closed meanwhile (shut down between the open check and here): close() promises that queued
            // tasks still run, so run them here rather than lose them.
            drain();
        }
    }

    /**
     * Takes the loop for an emission on the calling thread, if it is idle: no task running or queued (a
     * loop thread that only spins for more work does not count). While the caller holds it, the loop
     * runs none of its tasks and {@link #inSchedulerThread()} is true on the caller, exactly as inside a
     * task; so the graph still runs one thing at a time, and a blocking emit from another thread costs no
     * hand-over and no wake-up (handing over cost a round trip between two cores per element). Release with
     * {@link #exit()}, always.
     *
     * @return whether the caller now holds the loop
     */
    public boolean tryEnter() {
        if (closed || wip.get() != 0 || !wip.compareAndSet(0, 1)) {
            return false;
        }
        runner = Thread.currentThread();
        return true;
    }

    /** Gives back the loop taken with {@link #tryEnter()}; hands tasks queued meanwhile to the executor. */
    public void exit() {
        runner = null;
        if (wip.addAndGet(-1) != 0) {
            // Tasks arrived while the caller held the loop; their submitters saw it owned and did not start a
            // drain. wip stays positive, so this drain is the only one.
            resubmit();
        }
    }

    private void runSafely(Runnable r) {
        try {
            r.run();
        } catch (StreamException e) {
            reportError(e);
        } catch (RuntimeException | Error e) {
            // Nodes report their own failures; reaching here is a bug in a task, still never silent.
            LOG.log(System.Logger.Level.ERROR, "streamz scheduler task failed", e);
        }
    }

    @Override
    public Task schedule(Runnable task, Duration delay) {
        Objects.requireNonNull(task, "schedule: task");
        open("schedule");
        OneShot oneShot = new OneShot(task);
        oneShot.timer = executor.schedule(() -> execute(oneShot), Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
        return oneShot;
    }

    @Override
    public Task scheduleAtRate(Runnable task, Duration initialDelay, Duration period) {
        Objects.requireNonNull(task, "scheduleAtRate: task");
        open("scheduleAtRate");
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("scheduleAtRate: period must be positive, got " + period);
        }
        Periodic p = new Periodic(task, period.toNanos(), now() + Math.max(0, initialDelay.toNanos()));
        p.arm();
        return p;
    }

    @Override
    public boolean inSchedulerThread() {
        return runner == Thread.currentThread();
    }

    @Override
    public void reportError(StreamException error) {
        try {
            errorHandler.accept(error);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "streamz error handler failed on: " + error.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return description;
    }

    /** A one-shot task whose cancellation also stops it once it has been handed to the serial queue. */
    private static final class OneShot implements Task, Runnable {
        private final Runnable task;
        private volatile boolean cancelled;
        volatile ScheduledFuture<?> timer;

        OneShot(Runnable task) {
            this.task = task;
        }

        @Override
        public void run() {
            if (!cancelled) {
                task.run();
            }
        }

        @Override
        public void cancel() {
            cancelled = true;
            ScheduledFuture<?> t = timer;
            if (t != null) {
                t.cancel(false);
            }
        }
    }

    /** A periodic task re-armed after each run, from its due time, without catching up on late runs. */
    private final class Periodic implements Task, Runnable {
        private final Runnable task;
        private final long period;
        private long due;
        private volatile boolean cancelled;
        private volatile ScheduledFuture<?> timer;

        Periodic(Runnable task, long period, long due) {
            this.task = task;
            this.period = period;
            this.due = due;
        }

        void arm() {
            if (!cancelled) {
                timer = executor.schedule(() -> execute(this), Math.max(0, due - now()), TimeUnit.NANOSECONDS);
            }
        }

        @Override
        public void run() {
            if (cancelled) {
                return;
            }
            due = Math.max(due + period, now());
            try {
                task.run();
            } finally {
                arm();
            }
        }

        @Override
        public void cancel() {
            cancelled = true;
            ScheduledFuture<?> t = timer;
            if (t != null) {
                t.cancel(false);
            }
        }
    }
}
