package dev.streamz.chronicle.internal;

import java.util.function.LongConsumer;

/**
 * Turns releases that arrive in any order into an in-order watermark: the index of the last excerpt such
 * that it and every excerpt emitted before it have been released. Excerpts are registered in emission
 * order; each gets a sequence number, and a ring of (index, released) pairs holds those still in flight.
 * Memory is bounded by how many excerpts the pipeline holds at once; the ring grows to fit.
 */
public final class CommitTracker {
    private final LongConsumer onCommit;
    private long[] indices = new long[64];
    private boolean[] released = new boolean[64];
    private long head; // sequence number of the oldest unreleased excerpt
    private long tail; // next sequence number

    /** @param onCommit called with the new watermark (under this tracker's lock) */
    public CommitTracker(LongConsumer onCommit) {
        this.onCommit = onCommit;
    }

    /**
     * @param index the excerpt's Chronicle index
     * @return its sequence number, to pass to {@link #release(long)}
     */
    public synchronized long register(long index) {
        if (tail - head == indices.length) {
            grow();
        }
        int slot = (int) (tail & (indices.length - 1));
        indices[slot] = index;
        released[slot] = false;
        return tail++;
    }

    /** @param seq a sequence number from {@link #register(long)}, released once */
    public synchronized void release(long seq) {
        if (seq < head || seq >= tail) {
            throw new IllegalStateException("checkpoint: sequence " + seq + " is not in flight [" + head + ", " + tail + ")");
        }
        int mask = indices.length - 1;
        released[(int) (seq & mask)] = true;
        long committed = Long.MIN_VALUE;
        while (head < tail && released[(int) (head & mask)]) {
            committed = indices[(int) (head & mask)];
            head++;
        }
        if (committed != Long.MIN_VALUE) {
            onCommit.accept(committed);
        }
    }

    /** @return how many excerpts are registered and not yet committed */
    public synchronized long inFlight() {
        return tail - head;
    }

    private void grow() {
        int n = indices.length;
        long[] ni = new long[n * 2];
        boolean[] nr = new boolean[n * 2];
        for (long s = head; s < tail; s++) {
            ni[(int) (s & (2 * n - 1))] = indices[(int) (s & (n - 1))];
            nr[(int) (s & (2 * n - 1))] = released[(int) (s & (n - 1))];
        }
        indices = ni;
        released = nr;
    }
}
