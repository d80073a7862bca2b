package dev.streamz.disruptor;

/**
 * How an idle segment thread waits for the next element (the Disruptor wait strategy of its ring).
 * Latency falls and CPU use rises from {@link #BLOCKING} to {@link #BUSY_SPIN}. It also decides how a
 * producer waits for room in a full ring: with {@code BUSY_SPIN} and {@code YIELDING} it spins and yields
 * before it parks, with {@code BLOCKING} only when the pipeline's threads fit on the machine's cores,
 * with {@code SLEEPING} it parks at once.
 */
public enum WaitStrategyKind {
    /** Spins on the sequence: the lowest latency; burns a core per segment thread, so use it only when
     *  every segment thread (and every producer) has a core of its own. */
    BUSY_SPIN,
    /** Spins, then {@code Thread.yield()}s: low latency, a core per thread while idle, but yields it to
     *  runnable threads. */
    YIELDING,
    /** Spins, yields, then parks for short periods: little CPU when idle, latency in the tens of
     *  microseconds after an idle period. */
    SLEEPING,
    /** Waits on a lock and condition, woken by the producer (which takes the lock only when a consumer is
     *  waiting): no CPU while idle, a few microseconds to wake. The default, safe on a machine with fewer
     *  cores than threads. */
    BLOCKING
}
