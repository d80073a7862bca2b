package dev.streamz.disruptor.internal;

import dev.streamz.Scheduler;
import dev.streamz.Stream;
import dev.streamz.StreamException;
import dev.streamz.VirtualScheduler;

import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;

/**
 * The scheduler of one segment thread: the time-driven nodes of a segment ({@code delay},
 * {@code rateLimit}, {@code timedWindow}, {@code mapAsync}, ...) are rebound to it while the pipeline is
 * open, so their timers and completions run on the segment's own thread, one at a time with its elements,
 * and the nodes need no lock, exactly as on an event loop. The segment runs due tasks after each ring batch,
 * when its ring is idle ({@link TimedWait} wakes it at the next deadline or when another thread submits a
 * task), and while an element waits for a node's acceptance ({@link #runUntil}): that wait is the back
 * pressure, since the segment takes no further element meanwhile.
 *
 * <p>Only segments with time-driven nodes have one; every other segment runs exactly as before.
 *
 * <p>On a graph whose scheduler is a {@link VirtualScheduler}, the clock reads its time from it and runs
 * each due timer at its own deadline (time as seen by the task steps from deadline to deadline, as the
 * virtual scheduler's own {@code advanceBy} does), so a test that advances virtual time and then waits
 * for quiescence sees the same results as a direct run.
 */
final class SegmentClock implements Scheduler {
    /** The clock of the segment running on this thread (null elsewhere): a wait strategy looks itself up. */
    static final ThreadLocal<SegmentClock> CURRENT = new ThreadLocal<>();

    private final Lifecycle lifecycle;
    private final VirtualScheduler virtual;
    /** The time-driven nodes it runs; their {@code bufferedCount()} is what it holds. */
    private final List<Stream<?>> nodes;
    private final ConcurrentLinkedQueue<Runnable> ready = new ConcurrentLinkedQueue<>();
    private final PriorityQueue<Timer> timers = new PriorityQueue<>(); // guarded by this
    private long timerSeq; // guarded by this
    /** The earliest deadline, Long.MAX_VALUE when none: read without the lock by the idle wait. */
    private volatile long nextDeadline = Long.MAX_VALUE;
    /** Virtual mode: the time a task sees (steps through the deadlines it catches up on). */
    private volatile long virtualNow;
    private volatile Thread owner;
    volatile boolean sleeping;
    /** Elements the nodes hold (read by quiescence and close), published after each step. */
    private volatile int held;
    private volatile boolean stopped;
    /** True while the segment runs tasks: a quiescence check must not miss a timer it just took. */
    private volatile boolean busy;
    /**
     * True while an element waits in {@link #runUntil} on a virtual clock with nothing due: only the test
     * moving virtual time (or a task submitted from elsewhere) can let it go on, so the segment is as
     * quiescent as it can get although its ring is not drained.
     */
    private volatile boolean waitingForVirtualTime;
    /** True while the segment thread runs a timer task (it alone reads and writes it). */
    private boolean inTimer;
    Segment segment;

    SegmentClock(Lifecycle lifecycle, Scheduler graphScheduler, List<Stream<?>> nodes) {
        this.lifecycle = lifecycle;
        this.virtual = graphScheduler instanceof VirtualScheduler v ? v : null;
        this.nodes = List.copyOf(nodes);
        this.virtualNow = virtual != null ? virtual.now() : 0;
    }

    /** Called on the segment thread when it starts. */
    void bind() {
        owner = Thread.currentThread();
        CURRENT.set(this);
    }

    void unbind() {
        CURRENT.remove();
    }

    /** Stops the waits of a segment that is being halted. */
    void stop() {
        stopped = true;
        wake();
    }

    // ------------------------------------------------------------------------------------------------
    // Scheduler

    /**
     * The time nodes see. On a virtual clock a timer task sees its own deadline (time steps through the
     * deadlines it catches up on, as {@code advanceBy} runs them); anything else (an element, a completion
     * submitted from another thread) sees the virtual scheduler's current time, as it would directly: a
     * delay or rate limit times an element from when it arrived, not from the last timer that ran.
     */
    @Override
    public long now() {
        if (virtual == null) {
            return System.nanoTime();
        }
        return inTimer ? virtualNow : Math.max(virtualNow, virtual.now());
    }

    @Override
    public void execute(Runnable task) {
        ready.add(task);
        wake();
    }

    @Override
    public Task schedule(Runnable task, Duration delay) {
        long d = delay.toNanos();
        Timer t;
        synchronized (this) {
            t = new Timer(now() + Math.max(0, d), timerSeq++, task, 0);
            timers.add(t);
            nextDeadline = timers.peek().deadline;
        }
        wake();
        return t;
    }

    @Override
    public Task scheduleAtRate(Runnable task, Duration initialDelay, Duration period) {
        Timer t;
        synchronized (this) {
            t = new Timer(now() + Math.max(0, initialDelay.toNanos()), timerSeq++, task, period.toNanos());
            timers.add(t);
            nextDeadline = timers.peek().deadline;
        }
        wake();
        return t;
    }

    @Override
    public boolean inSchedulerThread() {
        return Thread.currentThread() == owner;
    }

    @Override
    public void reportError(StreamException error) {
        lifecycle.failed(segment, null, error);
    }

    // ------------------------------------------------------------------------------------------------
    // Driving it, on the segment thread

    /** The time the due check compares deadlines with: the virtual scheduler's, or the wall clock. */
    private long clockNow() {
        return virtual != null ? virtual.now() : System.nanoTime();
    }

    /** @return whether a task is ready or a timer is due */
    boolean hasWork() {
        return !ready.isEmpty() || nextDeadline <= clockNow();
    }

    /** @return nanoseconds until the next timer is due (capped), for the idle wait */
    long nanosToNext() {
        long next = nextDeadline;
        if (next == Long.MAX_VALUE || virtual != null) {
            return MAX_PARK_NANOS; // virtual time moves by another thread's advanceBy: poll
        }
        return Math.min(MAX_PARK_NANOS, Math.max(0, next - System.nanoTime()));
    }

    /** Runs the ready tasks and the due timers, in deadline order, until none is left. */
    void runDue() {
        if (!lifecycle.runsNodes()) {
            publishHeld();
            return;
        }
        busy = true;
        try {
            runDueTasks();
        } finally {
            busy = false;
        }
    }

    private void runDueTasks() {
        while (true) {
            Runnable r = ready.poll();
            if (r != null) {
                run(r);
                continue;
            }
            Timer t = pollDue();
            if (t == null) {
                break;
            }
            inTimer = true;
            try {
                run(t.task);
            } finally {
                inTimer = false;
            }
            if (t.period > 0 && !t.cancelled) {
                synchronized (this) {
                    t.deadline += t.period;
                    timers.add(t);
                    nextDeadline = timers.peek().deadline;
                }
            }
        }
        if (virtual != null) {
            virtualNow = Math.max(virtualNow, virtual.now());
        }
        publishHeld();
    }

    private Timer pollDue() {
        long now = clockNow();
        synchronized (this) {
            while (true) {
                Timer t = timers.peek();
                if (t == null || t.deadline > now) {
                    return null;
                }
                timers.poll();
                nextDeadline = timers.isEmpty() ? Long.MAX_VALUE : timers.peek().deadline;
                if (t.cancelled) {
                    continue;
                }
                if (virtual != null && t.deadline > virtualNow) {
                    virtualNow = t.deadline; // the task sees its own deadline, as on the virtual scheduler
                }
                return t;
            }
        }
    }

    private void run(Runnable task) {
        try {
            task.run();
        } catch (Throwable e) { // a node's task reports its own failures; this is the last resort
            lifecycle.failed(segment, null, e instanceof StreamException se ? se
                    : new StreamException(segment.firstTimeDriven(), "scheduled task failed", e));
        }
    }

    /**
     * Runs tasks until {@code accepted} completes: an element waits for a rate limit's turn or an
     * asynchronous map's free slot, and the segment takes no further element meanwhile (back pressure).
     */
    void runUntil(CompletableFuture<?> accepted) {
        while (!accepted.isDone() && !stopped && lifecycle.runsNodes()) {
            runDue();
            if (accepted.isDone()) {
                break;
            }
            sleeping = true;
            waitingForVirtualTime = virtual != null;
            VarHandle.fullFence();
            if (!hasWork() && !accepted.isDone()) {
                LockSupport.parkNanos(this, nanosToNext());
            }
            waitingForVirtualTime = false;
            sleeping = false;
        }
        publishHeld();
    }

    /**
     * @return whether the segment's element waits for virtual time to move (a rate limit's turn, an
     *     asynchronous call completed by a virtual-time task) with nothing due meanwhile
     */
    boolean waitsForVirtualTime() {
        return waitingForVirtualTime && !owesDueWork();
    }

    /** Publishes how many elements the time-driven nodes hold. */
    void publishHeld() {
        int n = 0;
        for (int i = 0; i < nodes.size(); i++) {
            n += nodes.get(i).bufferedCount();
        }
        n += ready.isEmpty() ? 0 : 1;
        held = n;
    }

    /** @return how many elements the nodes held after the last step (0: nothing waits for a timer) */
    int held() {
        return held;
    }

    /** @return whether it follows a {@link VirtualScheduler}'s time */
    boolean isVirtual() {
        return virtual != null;
    }

    /** @return whether its timers owe work due by now, or a task is ready */
    boolean owesDueWork() {
        return hasWork() || busy; // in this order: a timer taken after hasWork() read it is seen as busy
    }

    void wake() {
        VarHandle.fullFence();
        Thread t = owner;
        if (sleeping && t != null) {
            LockSupport.unpark(t);
        }
    }

    @Override
    public String toString() {
        return "clock: " + held + " held, " + ready.size() + " ready, next timer "
                + (nextDeadline == Long.MAX_VALUE ? "none" : Duration.ofNanos(nextDeadline - clockNow()) + " from now");
    }

    /** The longest the idle wait parks without a signal (virtual time is polled at this rate). */
    static final long MAX_PARK_NANOS = 1_000_000;

    /** A one-shot or periodic timer. */
    private static final class Timer implements Task, Comparable<Timer> {
        long deadline;
        final long seq;
        final Runnable task;
        final long period;
        volatile boolean cancelled;

        Timer(long deadline, long seq, Runnable task, long period) {
            this.deadline = deadline;
            this.seq = seq;
            this.task = task;
            this.period = period;
        }

        @Override
        public void cancel() {
            cancelled = true;
        }

        @Override
        public int compareTo(Timer o) {
            int c = Long.compare(deadline, o.deadline);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }
}
