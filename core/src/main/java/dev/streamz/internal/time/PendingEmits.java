package dev.streamz.internal.time;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts a node's emissions handed over from other threads that the graph has not accepted yet, so that
 * {@code emitAsync} can refuse one beyond the maximum instead of queueing without bound.
 */
public final class PendingEmits extends AtomicInteger {
    private static final long serialVersionUID = 1L;
    /** The default maximum: enough for any producer that waits on its futures now and then. */
    public static final int DEFAULT_MAX = 1 << 16;

    private volatile int max = DEFAULT_MAX;

    /** @return false (and nothing counted) if the maximum is reached */
    public boolean tryAcquire() {
        for (;;) {
            int n = get();
            if (n >= max) {
                return false;
            }
            if (compareAndSet(n, n + 1)) {
                return true;
            }
        }
    }

    /** Counts one emission as accepted. */
    public void release() {
        decrementAndGet();
    }

    /** @return the maximum */
    public int max() {
        return max;
    }

    /** @param max the new maximum, positive */
    public void max(int max) {
        this.max = max;
    }
}
