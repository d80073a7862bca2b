package dev.streamz.internal.sources;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A bounded single-producer single-consumer queue over an array: the hand-off between a publisher's
 * {@code onNext} (serial by Reactive Streams rule 1.3) and the scheduler that emits into the graph. Offer and
 * poll allocate nothing.
 */
final class SpscRing {
    private final AtomicReferenceArray<Object> slots;
    private final int mask;
    private final int capacity;
    private final AtomicLong head = new AtomicLong(); // next to poll; written by the consumer
    private final AtomicLong tail = new AtomicLong(); // next to fill; written by the producer

    /** @param capacity how many elements it holds; at least 1 */
    SpscRing(int capacity) {
        this.capacity = capacity;
        int size = Integer.highestOneBit(Math.max(1, capacity - 1)) << 1;
        this.slots = new AtomicReferenceArray<>(size);
        this.mask = size - 1;
    }

    /** Producer side. @return false if full */
    boolean offer(Object x) {
        long t = tail.get();
        if (t - head.get() >= capacity) {
            return false;
        }
        slots.lazySet((int) t & mask, x);
        tail.lazySet(t + 1);
        return true;
    }

    /** Consumer side. @return the oldest element, or null if empty */
    Object poll() {
        long h = head.get();
        if (h == tail.get()) {
            return null;
        }
        int i = (int) h & mask;
        Object x = slots.get(i);
        slots.lazySet(i, null);
        head.lazySet(h + 1);
        return x;
    }

    /** Consumer side: drops everything. */
    void clear() {
        while (poll() != null) {
            // drop
        }
    }

    /** @return elements queued (approximate while the producer runs) */
    int size() {
        return (int) (tail.get() - head.get());
    }
}
