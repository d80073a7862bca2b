package dev.streamz.internal.time;

import dev.streamz.Scheduler;
import dev.streamz.StreamException;
import dev.streamz.internal.Args;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
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
public final class ExecutorScheduler implements Scheduler {
    private static final System.Logger LOG = System.getLogger("dev.streamz");

    /** Logs reported errors at ERROR level, identical repeats rate-limited (see {@link RateLimitedErrorLog}). */
    public static final Consumer<StreamException> LOGGING_HANDLER = new RateLimitedErrorLog();

    private final ScheduledExecutorService executor;
    private final Consumer<? super StreamException> errorHandler;
    private final String description;
    private final ConcurrentLinkedQueue<Runnable> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger wip = new AtomicInteger();
    private volatile Thread runner;
    private final Runnable drain = this::drain;
    /** Tasks one drain runs before it lets the executor run its timers. */
    private static final int BATCH = 256;

    private ExecutorScheduler(ScheduledExecutorService executor, Consumer<? super StreamException> errorHandler,
                              String description) {
        this.executor = executor;
        this.errorHandler = errorHandler;
        this.description = description;
    }

    /** The lazily created default loop; the holder idiom makes creation thread-safe and lazy. */
    private static final class Shared {
        static final ExecutorScheduler INSTANCE = newEventLoop("streamz-event-loop", LOGGING_HANDLER);
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
        return new ExecutorScheduler(stpe, errorHandler, "event loop '" + threadName + "'");
    }

    /** Adapts a user's executor. */
    public static ExecutorScheduler over(ScheduledExecutorService executor,
                                         Consumer<? super StreamException> errorHandler) {
        Args.notNull(executor, "fromExecutor: executor");
        Args.notNull(errorHandler, "fromExecutor: errorHandler");
        return new ExecutorScheduler(executor, errorHandler, "executor " + executor);
    }

    @Override
    public long now() {
        return System.nanoTime();
    }

    @Override
    public void execute(Runnable task) {
        queue.add(Objects.requireNonNull(task, "execute: task"));
        if (wip.getAndIncrement() == 0) {
            executor.execute(drain);
        }
    }

    private void drain() {
        runner = Thread.currentThread();
        try {
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
                        executor.execute(drain);
                        return;
                    }
                }
                missed = wip.addAndGet(-missed);
                if (missed == 0) {
                    return;
                }
            }
        } finally {
            runner = null;
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
        OneShot oneShot = new OneShot(task);
        oneShot.timer = executor.schedule(() -> execute(oneShot), Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
        return oneShot;
    }

    @Override
    public Task scheduleAtRate(Runnable task, Duration initialDelay, Duration period) {
        Objects.requireNonNull(task, "scheduleAtRate: task");
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
