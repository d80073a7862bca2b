package dev.streamz.frames;

import java.util.function.Consumer;

/**
 * Claim, fill, publish: a producer of pooled frames into a pipeline, without allocating per frame.
 *
 * <pre>{@code
 * FrameProducer producer = FrameProducer.of(pool, pipeline::emit);   // or source::emit, run directly
 * FrameBuilder rows = producer.claim();        // a free frame of the pool, positioned at row 0
 * while (rows.hasRoom() && more()) {
 *     rows.addLong(id()).addDouble(price()).endRow();
 * }
 * producer.publish();                          // the pipeline now holds the frame
 * }</pre>
 *
 * <p>{@link #claim()} takes a frame from the pool (waiting, like {@link FramePool#acquire()}, when every
 * frame is in flight: the pool is the back pressure together with the rings) and points one reused
 * {@link FrameBuilder} at it. {@link #publish()} hands the frame, and the producer's hold on it, to the
 * target: the pipeline's last stage releases it (see {@link Frame#releasing}), which returns it to the
 * pool. A stage that hands a frame to more than one consumer retains it once per extra consumer.
 *
 * <p>The same producer feeds a compiled pipeline ({@code pipeline::emit}) or a graph run directly on the
 * caller's thread ({@code source::emit}): the frame operators do not change. If the target throws, the
 * frame may be partly processed; its hold is then the pipeline's to release, and a frame that is never
 * released shows up as an exhausted pool naming it, not as corruption.
 *
 * <p>One producer thread per {@code FrameProducer}.
 */
public final class FrameProducer {
    private final FramePool pool;
    private final Consumer<? super Frame> target;
    private FrameBuilder builder;
    private Frame claimed;

    private FrameProducer(FramePool pool, Consumer<? super Frame> target) {
        this.pool = pool;
        this.target = target;
    }

    /**
     * A producer of {@code pool}'s frames into {@code target}.
     *
     * @param pool where frames come from
     * @param target where they go, e.g. {@code pipeline::emit}
     * @return the producer
     */
    public static FrameProducer of(FramePool pool, Consumer<? super Frame> target) {
        if (pool == null) {
            throw new NullPointerException("FrameProducer.of: pool must not be null");
        }
        if (target == null) {
            throw new NullPointerException("FrameProducer.of: target must not be null");
        }
        return new FrameProducer(pool, target);
    }

    /**
     * Claims a free frame of the pool and returns the builder that fills it from row 0.
     *
     * @return the builder (the same object for every claim)
     * @throws IllegalStateException if the previous claim was not published, or the pool is exhausted
     */
    public FrameBuilder claim() {
        if (claimed != null) {
            throw new IllegalStateException("FrameProducer: " + claimed.name() + " is claimed and not yet published");
        }
        Frame f = pool.acquire();
        claimed = f;
        builder = builder == null ? FrameBuilder.into(f) : builder.reset(f);
        return builder;
    }

    /** {@return the frame of the open claim, or null} */
    public Frame claimed() {
        return claimed;
    }

    /**
     * Publishes the claimed frame (with the rows filled so far) to the target.
     *
     * @throws IllegalStateException if nothing is claimed, or a row was begun and not ended
     */
    public void publish() {
        Frame f = claimed;
        if (f == null) {
            throw new IllegalStateException("FrameProducer: publish() without claim()");
        }
        builder.build();
        claimed = null;
        target.accept(f);
    }

    /** Gives the claimed frame back to the pool without publishing it (a producer that stops mid-frame). */
    public void abandon() {
        Frame f = claimed;
        if (f != null) {
            claimed = null;
            f.release();
        }
    }
}
