package dev.streamz.disruptor.internal;

import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.SleepingWaitStrategy;
import com.lmax.disruptor.WaitStrategy;
import com.lmax.disruptor.YieldingWaitStrategy;
import com.lmax.disruptor.dsl.ProducerType;
import dev.streamz.disruptor.WaitStrategyKind;

import java.util.ArrayList;
import java.util.List;

/** A Disruptor ring and the segments that read it (one, or several for a branch multicast). */
final class Ring {
    final RingBuffer<RingEvent<Object>> buffer;
    final List<Segment> readers = new ArrayList<>();
    final int size;
    final boolean multiProducer;

    Ring(int size, boolean multiProducer, WaitStrategyKind wait) {
        this.size = size;
        this.multiProducer = multiProducer;
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

    /** @return how many segments read each slot (a publisher retains the element's refs this many times) */
    int readerCount() {
        return readers.size();
    }

    /** @return the number of slots claimed so far */
    long published() {
        return buffer.getCursor() + 1;
    }
}
