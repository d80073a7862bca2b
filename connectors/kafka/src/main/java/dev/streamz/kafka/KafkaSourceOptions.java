package dev.streamz.kafka;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits and behaviour of a Kafka source. Every limit is explicit and has a default written here, in
 * {@link #defaults()}; change one with the {@code with...} methods, which validate their argument.
 *
 * @param pollInterval the longest a poll waits for records when there are none (and so the longest a
 *     commit that became possible waits to be sent while the topic is idle); streamz's {@code poll_interval}
 * @param maxBatchSize the most records in one batch (and in one poll, unless {@code max.poll.records} is
 *     set in the consumer config); streamz's {@code max_batch_size}
 * @param maxPendingRecords back pressure: the source stops polling (pauses its partitions) while this many
 *     records have been polled and not yet accepted by the pipeline; memory held by the source is bounded by
 *     this plus one poll
 * @param maxUncommittedBatches the source also stops polling while this many batches are emitted but not
 *     yet committed (held by a window, a buffer, a slow sink): it bounds how far the source reads ahead of
 *     its commits. It must exceed the number of batches the pipeline holds at once, or the pipeline waits
 *     for a batch the source will not read
 * @param poisonPolicy what to do with a record that cannot be deserialized or on which the pipeline throws
 * @param startTimeout how long {@code start()} waits for the broker to describe the topics before it fails
 *     with "broker not reachable" or "unknown topic"
 * @param closeTimeout how long {@code stop()} waits for the final commit and the consumer's close
 */
public record KafkaSourceOptions(Duration pollInterval, int maxBatchSize, int maxPendingRecords,
                                 int maxUncommittedBatches, PoisonPolicy poisonPolicy, Duration startTimeout,
                                 Duration closeTimeout) {

    /** Validates every field. */
    public KafkaSourceOptions {
        positive(pollInterval, "pollInterval");
        positive(startTimeout, "startTimeout");
        positive(closeTimeout, "closeTimeout");
        atLeastOne(maxBatchSize, "maxBatchSize");
        atLeastOne(maxPendingRecords, "maxPendingRecords");
        atLeastOne(maxUncommittedBatches, "maxUncommittedBatches");
        Objects.requireNonNull(poisonPolicy, "KafkaSourceOptions: poisonPolicy is null");
    }

    /**
     * The defaults: poll interval 100 ms, batches of at most 10,000 records, pause while 20,000 records
     * wait for the pipeline or 1,000 batches wait for their commit, {@link PoisonPolicy#FAIL}, 10 s to
     * start, 30 s to close.
     *
     * @return the default options
     */
    public static KafkaSourceOptions defaults() {
        return new KafkaSourceOptions(Duration.ofMillis(100), 10_000, 20_000, 1_000, PoisonPolicy.FAIL,
                Duration.ofSeconds(10), Duration.ofSeconds(30));
    }

    /**
     * A copy with one option changed.
     *
     * @param d the poll interval, positive
     * @return a copy with it
     */
    public KafkaSourceOptions withPollInterval(Duration d) {
        return new KafkaSourceOptions(d, maxBatchSize, maxPendingRecords, maxUncommittedBatches, poisonPolicy,
                startTimeout, closeTimeout);
    }

    /**
     * A copy with one option changed.
     *
     * @param n the most records per batch, at least 1
     * @return a copy with it
     */
    public KafkaSourceOptions withMaxBatchSize(int n) {
        return new KafkaSourceOptions(pollInterval, n, maxPendingRecords, maxUncommittedBatches, poisonPolicy,
                startTimeout, closeTimeout);
    }

    /**
     * A copy with one option changed.
     *
     * @param n records polled and not yet accepted before the source pauses, at least 1
     * @return a copy with it
     */
    public KafkaSourceOptions withMaxPendingRecords(int n) {
        return new KafkaSourceOptions(pollInterval, maxBatchSize, n, maxUncommittedBatches, poisonPolicy,
                startTimeout, closeTimeout);
    }

    /**
     * A copy with one option changed.
     *
     * @param n batches emitted and not yet committed before the source pauses, at least 1
     * @return a copy with it
     */
    public KafkaSourceOptions withMaxUncommittedBatches(int n) {
        return new KafkaSourceOptions(pollInterval, maxBatchSize, maxPendingRecords, n, poisonPolicy,
                startTimeout, closeTimeout);
    }

    /**
     * A copy with one option changed.
     *
     * @param p the poison-record policy
     * @return a copy with it
     */
    public KafkaSourceOptions withPoisonPolicy(PoisonPolicy p) {
        return new KafkaSourceOptions(pollInterval, maxBatchSize, maxPendingRecords, maxUncommittedBatches, p,
                startTimeout, closeTimeout);
    }

    /**
     * A copy with one option changed.
     *
     * @param d how long start() waits for the broker, positive
     * @return a copy with it
     */
    public KafkaSourceOptions withStartTimeout(Duration d) {
        return new KafkaSourceOptions(pollInterval, maxBatchSize, maxPendingRecords, maxUncommittedBatches,
                poisonPolicy, d, closeTimeout);
    }

    /**
     * A copy with one option changed.
     *
     * @param d how long stop() waits for the final commit and close, positive
     * @return a copy with it
     */
    public KafkaSourceOptions withCloseTimeout(Duration d) {
        return new KafkaSourceOptions(pollInterval, maxBatchSize, maxPendingRecords, maxUncommittedBatches,
                poisonPolicy, startTimeout, d);
    }

    static void positive(Duration d, String what) {
        Objects.requireNonNull(d, () -> "Kafka options: " + what + " is null");
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("Kafka options: " + what + " must be positive, got " + d);
        }
    }

    static void atLeastOne(int n, String what) {
        if (n < 1) {
            throw new IllegalArgumentException("Kafka options: " + what + " must be >= 1, got " + n);
        }
    }
}
