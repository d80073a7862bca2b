package dev.streamz.disruptor.internal;

import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.BusySpinWaitStrategy;
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

    Ring(int size, boolean multiProducer, int readers, WaitStrategyKind wait) {
        this.size = size;
        this.multiProducer = multiProducer;
        this.readers = readers;
        ProducerType type = multiProducer ? ProducerType.MULTI : ProducerType.SINGLE;
        this.buffer = RingBuffer.create(type, () -> new RingEvent<>(null), size, waitStrategy(wait));
    }

    static WaitStrategy waitStrategy(WaitStrategyKind kind) {
        return switch (kind) {
            case BUSY_SPIN -> new BusySpinWaitStrategy();
            case YIELDING -> new YieldingWaitStrategy();
            case SLEEPING -> new SleepingWaitStrategy();
            case BLOCKING -> new BlockingWaitStrategy();
        };
    }

    /** @return the number of slots claimed so far */
    long published() {
        return buffer.getCursor() + 1;
    }
}
