package dev.streamz.hazelcast;

import java.time.Duration;
import java.util.Objects;

/**
 * How a scattered stream ships its elements: micro-batch size and linger, the number of batches in
 * flight (the back pressure), retries, and the Hazelcast objects it uses. Validated when built; the
 * defaults are written once, in {@link Builder}.
 *
 * @param batchSize the most elements in one batch: a batch is sent when it is full; at least 1
 * @param linger how long the first element of a batch that is not full waits before the batch is sent
 *     anyway, timed on the graph's scheduler; positive
 * @param maxBatchesInFlight how many batches may be sent and not yet emitted downstream of
 *     {@code gather()}; beyond it the emitter waits ({@code emit} blocks, {@code emitAsync} completes
 *     later). Memory is bounded by about {@code (maxBatchesInFlight + 1) * batchSize} elements and their
 *     results. A pipeline with {@code accumulate} runs one batch at a time whatever this says (its state
 *     is a sequence); at least 1
 * @param maxAttempts how many members a batch is tried on when the member running it leaves the cluster
 *     before answering, or does not answer within {@code batchTimeout}; at least 1
 * @param batchTimeout how long a batch may wait for its member's answer, timed on the graph's scheduler
 *     from the moment it was sent: a member that stays in the cluster but hangs is given up on then, and
 *     the batch is sent to another member (an attempt); its late answer is ignored. Positive
 * @param executorName the Hazelcast executor service the batches run on
 * @param stateMapName the Hazelcast map that holds the state of {@code accumulate} steps
 */
public record ScatterOptions(int batchSize, Duration linger, int maxBatchesInFlight, int maxAttempts,
                             Duration batchTimeout, String executorName, String stateMapName) {

    /** Validates every field. */
    public ScatterOptions {
        if (batchSize < 1) {
            throw new IllegalArgumentException("ScatterOptions: batchSize must be at least 1, got " + batchSize);
        }
        Objects.requireNonNull(linger, "ScatterOptions: linger must not be null");
        if (linger.isNegative() || linger.isZero()) {
            throw new IllegalArgumentException("ScatterOptions: linger must be positive, got " + linger);
        }
        if (maxBatchesInFlight < 1) {
            throw new IllegalArgumentException("ScatterOptions: maxBatchesInFlight must be at least 1, got "
                    + maxBatchesInFlight);
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("ScatterOptions: maxAttempts must be at least 1, got " + maxAttempts);
        }
        Objects.requireNonNull(batchTimeout, "ScatterOptions: batchTimeout must not be null");
        if (batchTimeout.isNegative() || batchTimeout.isZero()) {
            throw new IllegalArgumentException("ScatterOptions: batchTimeout must be positive, got " + batchTimeout);
        }
        nonBlank(executorName, "executorName");
        nonBlank(stateMapName, "stateMapName");
    }

    private static void nonBlank(String v, String what) {
        Objects.requireNonNull(v, "ScatterOptions: " + what + " must not be null");
        if (v.isBlank()) {
            throw new IllegalArgumentException("ScatterOptions: " + what + " must not be blank");
        }
    }

    /** {@return the defaults: see {@link Builder}} */
    public static ScatterOptions defaults() {
        return builder().build();
    }

    /** {@return a builder holding the defaults} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return a builder holding these options} */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.batchSize = batchSize;
        b.linger = linger;
        b.maxBatchesInFlight = maxBatchesInFlight;
        b.maxAttempts = maxAttempts;
        b.batchTimeout = batchTimeout;
        b.executorName = executorName;
        b.stateMapName = stateMapName;
        return b;
    }

    /** Builds {@link ScatterOptions}; its field initializers are the defaults. */
    public static final class Builder {
        // 1,000 per batch: a remote call costs about 250 us, so per element it is about 1 us at this size.
        private int batchSize = 1_000;
        private Duration linger = Duration.ofMillis(1);
        private int maxBatchesInFlight = 8;
        private int maxAttempts = 5;
        // 30 s: far above a healthy batch's round trip (about a millisecond for 1,000 trivial elements),
        // short enough that a hung member stalls the ordered output for seconds, not forever.
        private Duration batchTimeout = Duration.ofSeconds(30);
        private String executorName = "streamz-scatter";
        private String stateMapName = "streamz-scatter-state";

        private Builder() {
        }

        /**
         * Sets {@code batchSize}.
         *
         * @param v the most elements per batch (default 1,000)
         * @return this builder
         */
        public Builder batchSize(int v) {
            batchSize = v;
            return this;
        }

        /**
         * Sets {@code linger}.
         *
         * @param v how long a partial batch waits to fill (default 1 ms)
         * @return this builder
         */
        public Builder linger(Duration v) {
            linger = v;
            return this;
        }

        /**
         * Sets {@code maxBatchesInFlight}.
         *
         * @param v batches sent and not yet emitted before the emitter waits (default 8)
         * @return this builder
         */
        public Builder maxBatchesInFlight(int v) {
            maxBatchesInFlight = v;
            return this;
        }

        /**
         * Sets {@code maxAttempts}.
         *
         * @param v members a batch is tried on when one leaves or hangs (default 5)
         * @return this builder
         */
        public Builder maxAttempts(int v) {
            maxAttempts = v;
            return this;
        }

        /**
         * Sets {@code batchTimeout}.
         *
         * @param v how long a batch waits for its member's answer before it is sent to another (default 30 s)
         * @return this builder
         */
        public Builder batchTimeout(Duration v) {
            batchTimeout = v;
            return this;
        }

        /**
         * Sets {@code executorName}.
         *
         * @param v the executor service's name (default {@code "streamz-scatter"})
         * @return this builder
         */
        public Builder executorName(String v) {
            executorName = v;
            return this;
        }

        /**
         * Sets {@code stateMapName}.
         *
         * @param v the state map's name (default {@code "streamz-scatter-state"})
         * @return this builder
         */
        public Builder stateMapName(String v) {
            stateMapName = v;
            return this;
        }

        /**
         * {@return the options}
         *
         * @throws IllegalArgumentException if a value is out of range
         * @throws NullPointerException if a value is {@code null}
         */
        public ScatterOptions build() {
            return new ScatterOptions(batchSize, linger, maxBatchesInFlight, maxAttempts, batchTimeout,
                    executorName, stateMapName);
        }
    }
}
