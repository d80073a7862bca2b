package dev.streamz.frames.internal;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A bounded multi-producer multi-consumer queue of small ints (Dmitry Vyukov's array queue): the free
 * frames of a pool. Lock-free and allocation-free on both ends.
 */
public final class FreeList {
    private final int mask;
    private final int[] items;
    private final AtomicLongArray sequences;
    private final AtomicLong head = new AtomicLong();
    private final AtomicLong tail = new AtomicLong();

    /**
     * A queue for at least {@code capacity} ints.
     *
     * @param capacity how many it must hold, at least 1
     */
    public FreeList(int capacity) {
        int size = Integer.highestOneBit(Math.max(1, capacity - 1)) << 1;
        if (capacity == 1) {
            size = 1;
        }
        this.mask = size - 1;
        this.items = new int[size];
        this.sequences = new AtomicLongArray(size);
        for (int i = 0; i < size; i++) {
            sequences.set(i, i);
        }
    }

    /**
     * Adds {@code v}.
     *
     * @param v the value
     * @return false when full
     */
    public boolean offer(int v) {
        long pos = tail.get();
        while (true) {
            int i = (int) (pos & mask);
            long dif = sequences.getAcquire(i) - pos;
            if (dif == 0) {
                if (tail.compareAndSet(pos, pos + 1)) {
                    items[i] = v;
                    sequences.setRelease(i, pos + 1);
                    return true;
                }
                pos = tail.get();
            } else if (dif < 0) {
                return false;
            } else {
                pos = tail.get();
            }
        }
    }

    /**
     * Takes the oldest value.
     *
     * @return it, or -1 when empty
     */
    public int poll() {
        long pos = head.get();
        while (true) {
            int i = (int) (pos & mask);
            long dif = sequences.getAcquire(i) - (pos + 1);
            if (dif == 0) {
                if (head.compareAndSet(pos, pos + 1)) {
                    int v = items[i];
                    sequences.setRelease(i, pos + mask + 1);
                    return v;
                }
                pos = head.get();
            } else if (dif < 0) {
                return -1;
            } else {
                pos = head.get();
            }
        }
    }

    /** {@return how many values it holds now (a snapshot)} */
    public int size() {
        return (int) Math.max(0, tail.get() - head.get());
    }
}
