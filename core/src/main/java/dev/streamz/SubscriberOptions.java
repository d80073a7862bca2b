package dev.streamz;

/**
 * How the subscriber inside {@link Stream#fromPublisher(java.util.concurrent.Flow.Publisher, SubscriberOptions)}
 * asks its publisher for elements. Immutable; built with {@link #builder()}, validated when built. Every
 * default is written in {@link Builder}'s field initializers, nowhere else.
 *
 * <p>The subscriber requests {@code prefetch} elements when it subscribes. Each element is emitted into the
 * graph; once the graph has <em>accepted</em> it (the {@link Stream#emitAsync(Object)} future completed),
 * it counts as consumed. When the outstanding demand has fallen to {@code lowWater}, the subscriber requests
 * {@code prefetch - lowWater} more in one call. So at most {@code prefetch} elements wait between the
 * publisher and the graph, and a slow graph slows the publisher.
 *
 * @param prefetch how many elements may be requested and not yet accepted by the graph; at least 1
 * @param lowWater the outstanding demand at which more is requested; {@code 0 <= lowWater < prefetch}
 */
public record SubscriberOptions(int prefetch, int lowWater) {
    /** Validates every field. */
    public SubscriberOptions {
        if (prefetch < 1) {
            throw new IllegalArgumentException("fromPublisher: prefetch must be >= 1, got " + prefetch);
        }
        if (lowWater < 0 || lowWater >= prefetch) {
            throw new IllegalArgumentException("fromPublisher: lowWater must be >= 0 and < prefetch (" + prefetch
                    + "), got " + lowWater);
        }
    }

    /** {@return the defaults: see {@link Builder}} */
    public static SubscriberOptions defaults() {
        return builder().build();
    }

    /** {@return a builder holding the defaults} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return a builder holding these options} */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.prefetch = prefetch;
        b.lowWater = lowWater;
        return b;
    }

    /** Builds {@link SubscriberOptions}; its field initializers are the defaults. */
    public static final class Builder {
        private int prefetch = 256;
        private int lowWater = 64;

        private Builder() {
        }

        /**
         * Sets elements requested ahead of the graph (default 256).
         *
         * @param v elements requested ahead of the graph (default 256)
         * @return this
         */
        public Builder prefetch(int v) {
            prefetch = v;
            return this;
        }

        /**
         * Sets outstanding demand that triggers the next request (default 64).
         *
         * @param v outstanding demand that triggers the next request (default 64)
         * @return this
         */
        public Builder lowWater(int v) {
            lowWater = v;
            return this;
        }

        /**
         * Builds the options, validating them.
         *
         * @return the options
         * @throws IllegalArgumentException naming the field that is out of range
         */
        public SubscriberOptions build() {
            return new SubscriberOptions(prefetch, lowWater);
        }
    }
}
