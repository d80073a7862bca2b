package dev.streamz.internal.sources;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The bytes a network source may hold across all its connections. A connection that needs more waits
 * (it stops reading its socket: back pressure) until others release some, or gives up after a deadline.
 */
final class ByteBudget {
    private final long max;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition freed = lock.newCondition();
    private long used;
    private long peak;

    ByteBudget(long max) {
        this.max = max;
    }

    /** @return false if {@code n} bytes did not become free within {@code timeoutNanos} */
    boolean acquire(long n, long timeoutNanos) throws InterruptedException {
        lock.lock();
        try {
            long left = timeoutNanos;
            while (used + n > max) {
                if (left <= 0) {
                    return false;
                }
                left = freed.awaitNanos(left);
            }
            used += n;
            peak = Math.max(peak, used);
            return true;
        } finally {
            lock.unlock();
        }
    }

    void release(long n) {
        if (n == 0) {
            return;
        }
        lock.lock();
        try {
            used -= n;
            freed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    long used() {
        lock.lock();
        try {
            return used;
        } finally {
            lock.unlock();
        }
    }

    long peak() {
        lock.lock();
        try {
            return peak;
        } finally {
            lock.unlock();
        }
    }

    static long nanos(java.time.Duration d) {
        return TimeUnit.NANOSECONDS.convert(d);
    }
}
