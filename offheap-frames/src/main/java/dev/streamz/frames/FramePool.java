package dev.streamz.frames;

import dev.streamz.frames.internal.FreeList;

import java.lang.foreign.Arena;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A fixed set of reusable frames of one schema and capacity, allocated up front from one shared
 * {@link Arena} the pool owns.
 *
 * <pre>{@code
 * FramePool pool = FramePool.builder(schema).frameCapacity(4096).frames(8).name("trades").build();
 * Frame f = pool.acquire();   // one holder: the caller
 * // fill f, hand it on (each extra holder retain()s), and every holder release()s;
 * // the last release puts f back in the pool, so it is never reused while anyone holds it
 * }</pre>
 *
 * <p><b>Bounded.</b> The pool never grows. {@link #acquire()} waits for a frame to come back for at most
 * the pool's {@link Builder#acquireTimeout acquire timeout} (10 seconds by default), then fails with an
 * {@link IllegalStateException} naming the pool and how many frames are held (a frame that is never
 * released, e.g. kept by a window that is never evicted, shows up here instead of as a hang);
 * {@link #tryAcquire()} never waits. A full pool is back pressure: a producer that fills frames faster
 * than the pipeline releases them waits in {@code acquire}.
 *
 * <p><b>Dictionaries.</b> Every frame of a pool shares one {@link CategoryDictionary} per category column,
 * so a string has the same code in every frame.
 *
 * <p><b>Threads.</b> Thread-safe: any thread may acquire, and the last holder's thread returns the frame.
 * Acquire and release are lock-free and allocate nothing; a waiting acquire spins, yields, then parks,
 * and a release wakes it.
 *
 * <p><b>Close.</b> {@link #close()} refuses further acquires and frees the memory once every frame is
 * back (at once if none is held).
 */
public final class FramePool implements AutoCloseable {
    private static final VarHandle WAITER;

    static {
        try {
            WAITER = MethodHandles.lookup().findVarHandle(FramePool.class, "waiter", Thread.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final String name;
    private final Schema schema;
    private final int frameCapacity;
    private final Duration acquireTimeout;
    private final Arena arena;
    private final Frame[] frames;
    private final CategoryDictionary[] dictionaries;
    private final FreeList free;
    private final AtomicInteger held = new AtomicInteger();
    private final AtomicBoolean freed = new AtomicBoolean();
    private volatile boolean closed;
    @SuppressWarnings("unused") // through WAITER: the one thread parked in acquire, woken by a release
    private volatile Thread waiter;

    private FramePool(Builder b) {
        this.name = b.name;
        this.schema = b.schema;
        this.frameCapacity = b.frameCapacity;
        this.acquireTimeout = b.acquireTimeout;
        this.dictionaries = Frame.dictionaries(schema);
        this.arena = Arena.ofShared();
        this.frames = new Frame[b.frames];
        this.free = new FreeList(b.frames);
        try {
            for (int i = 0; i < frames.length; i++) {
                frames[i] = new Frame(name + "#" + i, schema, frameCapacity, arena, this, i, dictionaries);
                free.offer(i);
            }
        } catch (RuntimeException | OutOfMemoryError e) {
            arena.close();
            throw e;
        }
    }

    /**
     * A builder of a pool of frames of {@code schema}.
     *
     * @param schema the frames' columns
     * @return the builder, holding the defaults
     */
    public static Builder builder(Schema schema) {
        if (schema == null) {
            throw new NullPointerException("FramePool.builder: schema must not be null");
        }
        return new Builder(schema);
    }

    /**
     * A frame, waiting up to the pool's acquire timeout for one to be released.
     *
     * @return a frame with no rows and one holder (the caller)
     * @throws IllegalStateException naming the pool when none came back in time, or when the pool is closed
     */
    public Frame acquire() {
        return acquire(acquireTimeout);
    }

    /**
     * A frame, waiting up to {@code timeout} for one to be released.
     *
     * @param timeout how long to wait, not negative
     * @return a frame with no rows and one holder (the caller)
     * @throws IllegalStateException naming the pool when none came back in time, or when the pool is closed
     */
    public Frame acquire(Duration timeout) {
        if (timeout == null) {
            throw new NullPointerException("FramePool.acquire: timeout must not be null");
        }
        Frame f = tryAcquire();
        if (f != null) {
            return f;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        Thread me = Thread.currentThread();
        for (int spins = 0; ; spins++) {
            f = tryAcquire();
            if (f != null) {
                return f;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new IllegalStateException("pool '" + name + "' is exhausted: all " + frames.length
                        + " frames still held after waiting " + timeout + " (every holder must release() its"
                        + " frame; a frame kept by a window or a buffer holds one)");
            }
            if (spins < 100) {
                Thread.onSpinWait();
            } else if (spins < 200) {
                Thread.yield();
            } else if (WAITER.compareAndSet(this, null, me)) {
                try {
                    if (free.size() == 0 && !closed) { // re-check after registering: no lost wake-up
                        LockSupport.parkNanos(this, Math.min(left, TimeUnit.MILLISECONDS.toNanos(10)));
                    }
                } finally {
                    WAITER.compareAndSet(this, me, null);
                }
            } else {
                LockSupport.parkNanos(this, Math.min(left, TimeUnit.MICROSECONDS.toNanos(100)));
            }
        }
    }

    /**
     * A frame if one is free now, without waiting.
     *
     * @return a frame with no rows and one holder (the caller), or null when every frame is held
     * @throws IllegalStateException naming the pool when it is closed
     */
    public Frame tryAcquire() {
        if (closed) {
            throw new IllegalStateException("pool '" + name + "' is closed");
        }
        int i = free.poll();
        if (i < 0) {
            return null;
        }
        held.incrementAndGet();
        Frame f = frames[i];
        f.acquired();
        return f;
    }

    void recycle(Frame f) {
        free.offer(f.poolIndex);
        int stillHeld = held.decrementAndGet();
        Thread w = waiter;
        if (w != null) {
            LockSupport.unpark(w);
        }
        if (stillHeld == 0 && closed) {
            freeMemory();
        }
    }

    /** {@return the pool's name} */
    public String name() {
        return name;
    }

    /** {@return the schema of its frames} */
    public Schema schema() {
        return schema;
    }

    /** {@return the capacity of each frame, in rows} */
    public int frameCapacity() {
        return frameCapacity;
    }

    /** {@return how many frames it has} */
    public int size() {
        return frames.length;
    }

    /** {@return how many frames are free now (a snapshot)} */
    public int available() {
        return free.size();
    }

    /** {@return how many frames are held now (a snapshot)} */
    public int held() {
        return held.get();
    }

    /**
     * The dictionary every frame of this pool shares for the category column {@code column}.
     *
     * @param column a category column's name
     * @return its dictionary
     * @throws IllegalArgumentException if there is no such column; IllegalStateException if it is not a category
     */
    public CategoryDictionary dictionary(String column) {
        int i = schema.indexOf(column);
        if (dictionaries[i] == null) {
            throw new IllegalStateException("column '" + column + "' of pool '" + name + "' is "
                    + schema.field(i).type() + ", not CATEGORY: it has no dictionary");
        }
        return dictionaries[i];
    }

    /** {@return the frames of this pool, for inspection (held or not)} */
    public List<Frame> frames() {
        return new ArrayList<>(List.of(frames));
    }

    /** Refuses further acquires; frees the memory once every frame is back (now, if none is held). */
    @Override
    public void close() {
        closed = true;
        Thread w = waiter;
        if (w != null) {
            LockSupport.unpark(w);
        }
        if (held.get() == 0) {
            freeMemory();
        }
    }

    /** {@return whether {@link #close()} was called} */
    public boolean isClosed() {
        return closed;
    }

    /** {@return whether the pool's memory has been freed (closed and every frame back)} */
    public boolean isFreed() {
        return freed.get();
    }

    private void freeMemory() {
        if (freed.compareAndSet(false, true)) {
            arena.close();
        }
    }

    @Override
    public String toString() {
        return "FramePool[" + name + ", " + frames.length + " frames of " + frameCapacity + " rows, " + held()
                + " held, " + schema + "]";
    }

    /** Builds a {@link FramePool}; its field initializers are the defaults. */
    public static final class Builder {
        private final Schema schema;
        private int frameCapacity = 4096;
        private int frames = 16;
        private Duration acquireTimeout = Duration.ofSeconds(10);
        private String name = "frames";

        private Builder(Schema schema) {
            this.schema = schema;
        }

        /**
         * Rows per frame (default 4096).
         *
         * @param rows at least 1
         * @return this builder
         */
        public Builder frameCapacity(int rows) {
            Frame.checkCapacity("FramePool.frameCapacity", rows);
            frameCapacity = rows;
            return this;
        }

        /**
         * How many frames (default 16). Size it to cover what is in flight at once: the ring slots between
         * producer and sink, plus what windows keep.
         *
         * @param count at least 1
         * @return this builder
         */
        public Builder frames(int count) {
            if (count < 1) {
                throw new IllegalArgumentException("FramePool.frames must be >= 1, got " + count);
            }
            frames = count;
            return this;
        }

        /**
         * How long {@link FramePool#acquire()} waits for a frame before failing (default 10 s).
         *
         * @param timeout not negative
         * @return this builder
         */
        public Builder acquireTimeout(Duration timeout) {
            if (timeout == null) {
                throw new NullPointerException("FramePool.acquireTimeout: timeout must not be null");
            }
            if (timeout.isNegative()) {
                throw new IllegalArgumentException("FramePool.acquireTimeout must not be negative, got " + timeout);
            }
            acquireTimeout = timeout;
            return this;
        }

        /**
         * The pool's name (default "frames"); frame {@code i} is named {@code name#i}.
         *
         * @param name not blank
         * @return this builder
         */
        public Builder name(String name) {
            if (name == null) {
                throw new NullPointerException("FramePool.name: name must not be null");
            }
            if (name.isBlank()) {
                throw new IllegalArgumentException("FramePool.name must not be blank");
            }
            this.name = name;
            return this;
        }

        /**
         * Allocates every frame.
         *
         * @return the pool
         */
        public FramePool build() {
            return new FramePool(this);
        }
    }
}
