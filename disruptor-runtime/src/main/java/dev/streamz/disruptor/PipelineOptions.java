package dev.streamz.disruptor;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadFactory;
import java.util.function.BiConsumer;

/**
 * How {@link DisruptorRuntime#compile(dev.streamz.Stream, PipelineOptions)} builds a pipeline. Immutable;
 * built with {@link #builder()}, validated when built. Every default is written in {@link Builder}'s field
 * initializers, nowhere else.
 *
 * @param ringSize slots per ring, a power of two (a boundary may ask for more)
 * @param waitStrategy how idle segment threads wait
 * @param producerKind who may emit into the entry ring
 * @param segmentation where to cut besides asynchronous boundaries
 * @param errorPolicy what a failing node does to the pipeline
 * @param errorHandler where failures are reported, or {@code null} for the default (a log record naming
 *     the segment, the node and where it was built)
 * @param threadFactory makes the segment threads (the runtime names them), or {@code null} for daemon
 *     platform threads
 * @param name the pipeline's name, or {@code null} for {@code pipeline-N}
 * @param closeTimeout how long {@link CompiledPipeline#close()} waits for the rings to drain
 */
public record PipelineOptions(int ringSize, WaitStrategyKind waitStrategy, ProducerKind producerKind,
                              Segmentation segmentation, ErrorPolicy errorPolicy,
                              BiConsumer<? super SegmentInfo, ? super Throwable> errorHandler,
                              ThreadFactory threadFactory, String name, Duration closeTimeout) {
    /** The largest ring: 2^30 slots. */
    public static final int MAX_RING_SIZE = 1 << 30;

    /** Validates every field. */
    public PipelineOptions {
        if (ringSize < 1 || ringSize > MAX_RING_SIZE || Integer.bitCount(ringSize) != 1) {
            throw new IllegalArgumentException("ringSize must be a power of two between 1 and 2^30, got "
                    + ringSize);
        }
        Objects.requireNonNull(waitStrategy, "waitStrategy must not be null");
        Objects.requireNonNull(producerKind, "producerKind must not be null");
        Objects.requireNonNull(segmentation, "segmentation must not be null");
        Objects.requireNonNull(errorPolicy, "errorPolicy must not be null");
        Objects.requireNonNull(closeTimeout, "closeTimeout must not be null");
        if (closeTimeout.isNegative()) {
            throw new IllegalArgumentException("closeTimeout must not be negative, got " + closeTimeout);
        }
        if (name != null && name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank (pass null for the default)");
        }
    }

    /** {@return the defaults: see {@link Builder}} */
    public static PipelineOptions defaults() {
        return builder().build();
    }

    /** {@return a builder holding the defaults} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return a builder holding these options} */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.ringSize = ringSize;
        b.waitStrategy = waitStrategy;
        b.producerKind = producerKind;
        b.segmentation = segmentation;
        b.errorPolicy = errorPolicy;
        b.errorHandler = errorHandler;
        b.threadFactory = threadFactory;
        b.name = name;
        b.closeTimeout = closeTimeout;
        return b;
    }

    /** Builds {@link PipelineOptions}; its field initializers are the defaults. */
    public static final class Builder {
        private int ringSize = 1024;
        // Blocking: safe when threads outnumber cores (a 2-core machine runs a producer and two segments).
        private WaitStrategyKind waitStrategy = WaitStrategyKind.BLOCKING;
        private ProducerKind producerKind = ProducerKind.MULTI;
        private Segmentation segmentation = Segmentation.AT_BOUNDARIES;
        private ErrorPolicy errorPolicy = ErrorPolicy.REPORT_AND_SKIP;
        private BiConsumer<? super SegmentInfo, ? super Throwable> errorHandler;
        private ThreadFactory threadFactory;
        private String name;
        private Duration closeTimeout = Duration.ofSeconds(30);

        private Builder() {
        }

        /**
         * Sets {@code ringSize}.
         *
         * @param v slots per ring, a power of two (default 1024)
         * @return this builder
         */
        public Builder ringSize(int v) {
            ringSize = v;
            return this;
        }

        /**
         * Sets {@code waitStrategy}.
         *
         * @param v how idle threads wait (default {@link WaitStrategyKind#BLOCKING})
         * @return this builder
         */
        public Builder waitStrategy(WaitStrategyKind v) {
            waitStrategy = v;
            return this;
        }

        /**
         * Sets {@code producerKind}.
         *
         * @param v who may emit (default {@link ProducerKind#MULTI})
         * @return this builder
         */
        public Builder producerKind(ProducerKind v) {
            producerKind = v;
            return this;
        }

        /**
         * Sets {@code segmentation}.
         *
         * @param v where to cut (default {@link Segmentation#AT_BOUNDARIES})
         * @return this builder
         */
        public Builder segmentation(Segmentation v) {
            segmentation = v;
            return this;
        }

        /**
         * Sets {@code errorPolicy}.
         *
         * @param v what a failure does (default {@link ErrorPolicy#REPORT_AND_SKIP})
         * @return this builder
         */
        public Builder errorPolicy(ErrorPolicy v) {
            errorPolicy = v;
            return this;
        }

        /**
         * Sets {@code errorHandler}.
         *
         * @param v receives every failure, on the failing segment's thread (default: log)
         * @return this builder
         */
        public Builder errorHandler(BiConsumer<? super SegmentInfo, ? super Throwable> v) {
            errorHandler = v;
            return this;
        }

        /**
         * Sets {@code threadFactory}.
         *
         * @param v makes segment threads (default: daemon platform threads)
         * @return this builder
         */
        public Builder threadFactory(ThreadFactory v) {
            threadFactory = v;
            return this;
        }

        /**
         * Sets {@code name}.
         *
         * @param v the pipeline's name (default {@code pipeline-N})
         * @return this builder
         */
        public Builder name(String v) {
            name = v;
            return this;
        }

        /**
         * Sets {@code closeTimeout}.
         *
         * @param v how long {@code close()} waits to drain (default 30 s)
         * @return this builder
         */
        public Builder closeTimeout(Duration v) {
            closeTimeout = v;
            return this;
        }

        /**
         * Builds the options, validating every field.
         *
         * @return the options
         * @throws IllegalArgumentException (or NullPointerException for a null field) naming what is wrong
         */
        public PipelineOptions build() {
            return new PipelineOptions(ringSize, waitStrategy, producerKind, segmentation, errorPolicy,
                    errorHandler, threadFactory, name, closeTimeout);
        }
    }
}
