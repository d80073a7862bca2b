package dev.streamz.disruptor.internal;

import com.lmax.disruptor.AlertException;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.SequenceBarrier;
import com.lmax.disruptor.TimeoutException;
import com.lmax.disruptor.WaitStrategy;

import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;

/**
 * The wait strategy of a ring read by a segment with a {@link SegmentClock}: an idle reader spins briefly,
 * then parks until an element is published, a task is submitted to its clock, or its next timer is due.
 * It leaves the wait with Disruptor's {@link TimeoutException} when its clock has work, and the segment's
 * {@code onTimeout} runs it. Rings of segments without time-driven nodes keep the configured strategy.
 */
final class TimedWait implements WaitStrategy {
    private static final int SPINS = 200;
    /** The clocks of the segments reading this ring (a multicast ring has several). */
    private volatile SegmentClock[] readers = new SegmentClock[0];

    synchronized void addReader(SegmentClock clock) {
        SegmentClock[] r = java.util.Arrays.copyOf(readers, readers.length + 1);
        r[r.length - 1] = clock;
        readers = r;
    }

    @Override
    public long waitFor(long sequence, Sequence cursor, Sequence dependent, SequenceBarrier barrier)
            throws AlertException, InterruptedException, TimeoutException {
        SegmentClock me = SegmentClock.CURRENT.get();
        long available;
        int spins = 0;
        while ((available = dependent.get()) < sequence) {
            barrier.checkAlert();
            if (me.hasWork()) {
                throw TimeoutException.INSTANCE;
            }
            if (spins < SPINS) {
                spins++;
                Thread.onSpinWait();
                continue;
            }
            me.sleeping = true;
            VarHandle.fullFence();
            if (dependent.get() < sequence && !me.hasWork()) {
                LockSupport.parkNanos(this, me.nanosToNext());
            }
            me.sleeping = false;
            Thread.interrupted(); // halting alerts the barrier; a stray interrupt must not make park spin
        }
        return available;
    }

    @Override
    public void signalAllWhenBlocking() {
        VarHandle.fullFence();
        for (SegmentClock c : readers) {
            if (c.sleeping) {
                c.wake();
            }
        }
    }
}
