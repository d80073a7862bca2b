package dev.streamz;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A reference count carried in element metadata under the key {@link #METADATA_KEY} ("ref").
 *
 * <p>Every node that holds an element (a buffer, a window, a join) retains the counter when the element
 * arrives and releases it when it lets the element go. When the count returns to zero the callback runs,
 * exactly once, on the thread that made the last release. This is the checkpoint primitive: a source
 * commits its offset in the callback, so data is acknowledged only after every holder is done with it.
 *
 * <p>Unlike streamz, the callback is idempotent: it never fires twice, even if the counter is retained
 * again afterwards (which is reported as an error instead, since it means the data was acknowledged too
 * early). Thread-safe.
 */
public final class RefCounter {
    /** The metadata key under which a {@code RefCounter} travels. */
    public static final String METADATA_KEY = "ref";

    /** Count value once the callback has fired: no holder can be added after that. */
    private static final int FIRED = -1;

    private final AtomicInteger count;
    private final Runnable callback;

    /** Creates a counter at zero with no callback. */
    public RefCounter() {
        this(0, null);
    }

    /**
     * Creates a counter at zero.
     *
     * @param callback runs once when the count returns to zero after a release; may be {@code null}
     */
    public RefCounter(Runnable callback) {
        this(0, callback);
    }

    /**
     * Creates a counter.
     *
     * @param initial the initial count, at least zero
     * @param callback runs once when the count returns to zero after a release; may be {@code null}
     */
    public RefCounter(int initial, Runnable callback) {
        if (initial < 0) {
            throw new IllegalArgumentException("RefCounter initial count must be >= 0, got " + initial);
        }
        this.count = new AtomicInteger(initial);
        this.callback = callback;
    }

    /** Adds one holder. */
    public void retain() {
        retain(1);
    }

    /**
     * Adds {@code n} holders.
     *
     * @param n how many holders, at least zero
     * @throws IllegalStateException if the callback has already fired: the data was acknowledged before
     *     this holder took it, which would make the checkpoint a lie
     */
    public void retain(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("retain(n) needs n >= 0, got " + n);
        }
        while (true) {
            int c = count.get();
            if (c == FIRED) {
                throw new IllegalStateException(this + " was retained after its callback fired");
            }
            if (count.compareAndSet(c, c + n)) {
                return;
            }
        }
    }

    /** Removes one holder; runs the callback if that was the last. */
    public void release() {
        release(1);
    }

    /**
     * Removes {@code n} holders; runs the callback (once) when the count reaches zero.
     *
     * @param n how many holders, at least zero
     * @throws IllegalStateException if this releases more than was retained
     */
    public void release(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("release(n) needs n >= 0, got " + n);
        }
        int now;
        while (true) {
            int c = count.get();
            now = c - n;
            if (c == FIRED || now < 0) {
                throw new IllegalStateException(this + " released more times than it was retained");
            }
            if (count.compareAndSet(c, now)) {
                break;
            }
        }
        // A holder that retains between the decrement and this CAS wins: the callback then waits for its
        // release. Once the CAS succeeds, retain() refuses, so the callback runs exactly once.
        if (now == 0 && n > 0 && callback != null && count.compareAndSet(0, FIRED)) {
            callback.run();
        }
    }

    /** {@return the current number of holders} */
    public int count() {
        return Math.max(0, count.get());
    }

    /** {@return whether the callback has run} */
    public boolean fired() {
        return count.get() == FIRED;
    }

    @Override
    public String toString() {
        return "<RefCounter count=" + count() + ">";
    }
}
