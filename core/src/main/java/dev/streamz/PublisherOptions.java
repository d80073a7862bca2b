package dev.streamz;

import dev.streamz.internal.Args;

/**
 * How the {@link java.util.concurrent.Flow.Publisher} made by {@link Stream#toPublisher(PublisherOptions)}
 * buffers for subscribers without demand. Immutable; built with {@link #builder()}, validated when built.
 * Every default is written in {@link Builder}'s field initializers, nowhere else.
 *
 * <p>Each subscriber has its own queue of at most {@code bufferSize} elements, filled by the graph and
 * drained as the subscriber requests. While nobody is subscribed, one such queue waits for the next
 * subscriber. What happens when a queue is full is the {@link Overflow} policy.
 *
 * @param bufferSize elements each subscriber's queue holds; at least 1
 * @param overflow what a full queue does
 */
public record PublisherOptions(int bufferSize, Overflow overflow) {
    /** What a subscriber's full queue does with the next element. */
    public enum Overflow {
        /**
         * Holds the emitter: the element is queued and the graph does not accept it (its
         * {@link Stream#emitAsync(Object)} future stays incomplete) until the subscriber has requested and
         * taken enough to leave room. The slowest subscriber paces the graph. Nothing is dropped.
         */
        BACK_PRESSURE,
        /** Drops the element arriving at a full queue (for that subscriber only); its refs are released. */
        DROP_NEWEST,
        /** Drops the oldest queued element to make room (for that subscriber only); its refs are released. */
        DROP_OLDEST
    }

    /** Validates every field. */
    public PublisherOptions {
        Args.atLeastOne(bufferSize, "toPublisher: bufferSize");
        Args.notNull(overflow, "toPublisher: overflow");
    }

    /** {@return the defaults: see {@link Builder}} */
    public static PublisherOptions defaults() {
        return builder().build();
    }

    /** {@return a builder holding the defaults} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return a builder holding these options} */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.bufferSize = bufferSize;
        b.overflow = overflow;
        return b;
    }

    /** Builds {@link PublisherOptions}; its field initializers are the defaults. */
    public static final class Builder {
        private int bufferSize = 256;
        private Overflow overflow = Overflow.BACK_PRESSURE;

        private Builder() {
        }

        /**
         * Sets elements queued per subscriber (default 256).
         *
         * @param v elements queued per subscriber (default 256)
         * @return this
         */
        public Builder bufferSize(int v) {
            bufferSize = v;
            return this;
        }

        /**
         * Sets what a full queue does (default {@link Overflow#BACK_PRESSURE}).
         *
         * @param v what a full queue does (default {@link Overflow#BACK_PRESSURE})
         * @return this
         */
        public Builder overflow(Overflow v) {
            overflow = v;
            return this;
        }

        /**
         * Builds the options, validating them.
         *
         * @return the options
         * @throws IllegalArgumentException if {@code bufferSize < 1}
         * @throws NullPointerException if {@code overflow} is null
         */
        public PublisherOptions build() {
            return new PublisherOptions(bufferSize, overflow);
        }
    }
}
