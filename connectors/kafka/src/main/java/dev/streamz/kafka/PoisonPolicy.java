package dev.streamz.kafka;

/**
 * What a Kafka source does with a <em>poison record</em>: one its deserializer cannot read, or a batch (or
 * record) on which a user function of the pipeline threw. Either way the failure is reported to the graph's
 * error handler with the topic, partition and offset.
 */
public enum PoisonPolicy {
    /**
     * Report it and stop the source, which then reports its {@link KafkaSource#failure() failure}. Nothing
     * is committed at or past the record, so a restart reads it again.
     */
    FAIL,
    /**
     * Report it, then carry on past it: the offset after it is committed in its turn, like any other.
     * This loses the record on purpose; choose it only where a bad record must not stop the stream.
     */
    SKIP
}
