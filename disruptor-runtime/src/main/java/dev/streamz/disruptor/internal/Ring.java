package dev.streamz.disruptor.internal;

import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.LiteBlockingWaitStrategy;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.SleepingWaitStrategy;
import com.lmax.disruptor.WaitStrategy;
import com.lmax.disruptor.YieldingWaitStrategy;
import com.lmax.disruptor.dsl.ProducerType;
import dev.streamz.disruptor.WaitStrategyKind;

/** A Disruptor ring of object slots, read by one segment or, for a branch multicast, several. */
final class Ring {
    final RingBuffer<RingEvent<Object>> buffer;
    final int size;
    final boolean multiProducer;
    /** How many segments read each slot (a publisher retains the element's refs this many times). */
    final int readers;
    /** Whether a producer that finds the ring full spins and yields before it parks. */
    private final boolean spinWhenFull;
    /** How many free slots a producer waiting on a full ring waits for before it goes on. */
    private final int resumeAt;

    /** Whether producers stamp each slot with the time (a reader keeps a latency histogram); set before start. */
    boolean stamp;
    /** The wait strategy of a ring whose readers run timers, else null. */
    final TimedWait timedWait;

    Ring(int size, boolean multiProducer, int readers, WaitStrategyKind wait, boolean spinWhenFull) {
        this(size, multiProducer, readers, wait, spinWhenFull, null);
    }

    /**
     * @param timedWait the wait strategy when a reader of the ring has time-driven nodes ({@link TimedWait});
     *     null for the configured one
     */
    Ring(int size, boolean multiProducer, int readers, WaitStrategyKind wait, boolean spinWhenFull,
         TimedWait timedWait) {
        this.timedWait = timedWait;
        this.size = size;
        this.multiProducer = multiProducer;
        this.readers = readers;
        this.spinWhenFull = spinWhenFull;
        this.resumeAt = Math.max(1, Math.min(RESUME_AT, size / 4));
        ProducerType type = multiProducer ? ProducerType.MULTI : ProducerType.SINGLE;
        this.buffer = RingBuffer.create(type, RingEvent::new, size,
                timedWait != null ? timedWait : waitStrategy(wait));
    }

    static WaitStrategy waitStrategy(WaitStrategyKind kind) {
        return switch (kind) {
            case BUSY_SPIN -> new BusySpinWaitStrategy();
            case YIELDING -> new YieldingWaitStrategy();
            case SLEEPING -> new SleepingWaitStrategy();
            // Takes the lock to wake a consumer only when one is waiting; the plain BlockingWaitStrategy
            // locks on every publish. With claim()'s wait it took 1 stage from 14.7 to 36.7 elements/µs and
            // 3 stages from 4.3 to 8.1 on 2 cores (docs/benchmarks.md, "How the hop got here").
            case BLOCKING -> new LiteBlockingWaitStrategy();
        };
    }

    /**
     * Claims the next slot, waiting while the ring is full. The Disruptor's own {@code next()} parks for
     * the shortest time the OS offers whenever it finds the ring full, which on Linux is tens of
     * microseconds: a producer a little faster than its consumer then sleeps once per ring-full while the
     * consumer drains the ring and goes idle. When {@link PipelineBuilder#spinWhenFull} says so, the
     * producer spins and then yields first, and goes on as soon as the consumer has freed a run of slots;
     * only a ring that stays full falls back to parking.
     *
     * @return the claimed sequence; publish it after filling the slot
     */
    long claim() {
        if (!spinWhenFull) {
            return buffer.next();
        }
        try {
            return buffer.tryNext();
        } catch (InsufficientCapacityException full) { // a preallocated singleton: no allocation
            return claimWhenFull();
        }
    }

    /**
     * Claims the next {@code n} slots at once, waiting while the ring lacks room for them, as {@link #claim()}
     * waits for one.
     *
     * @param n how many, at most the ring's size
     * @return the highest claimed sequence; the run is {@code [result - n + 1, result]}
     */
    long claim(int n) {
        if (!spinWhenFull) {
            return buffer.next(n);
        }
        try {
            return buffer.tryNext(n);
        } catch (InsufficientCapacityException full) {
            for (int i = 0; i < SPINS + YIELDS; i++) {
                if (i < SPINS) {
                    Thread.onSpinWait();
                } else {
                    Thread.yield();
                }
                if (buffer.remainingCapacity() >= Math.max(n, resumeAt)) {
                    return buffer.next(n);
                }
            }
            return buffer.next(n);
        }
    }

    private long claimWhenFull() {
        // Wait for a run of free slots, not one: resuming on the first freed slot would write right behind
        // the consumer, both threads taking turns on the same cache lines for every element.
        for (int i = 0; i < SPINS + YIELDS; i++) {
            if (i < SPINS) {
                Thread.onSpinWait();
            } else {
                Thread.yield();
            }
            if (buffer.remainingCapacity() >= resumeAt) {
                return buffer.next(); // there is room: does not park
            }
        }
        return buffer.next(); // parks until a slot frees up
    }

    private static final int SPINS = 100;
    private static final int YIELDS = 100;
    private static final int RESUME_AT = 64;

    /** @return the number of slots claimed so far */
    long published() {
        return buffer.getCursor() + 1;
    }
}
