/**
 * Kafka connector for streamz: {@link dev.streamz.kafka.Kafka#fromKafka fromKafka} (one element per
 * record), {@link dev.streamz.kafka.Kafka#fromKafkaBatched fromKafkaBatched} (per-partition batches whose
 * offsets are committed in order once every holder released them) and
 * {@link dev.streamz.kafka.Kafka#toKafka toKafka} (emits each element downstream after the broker
 * acknowledged it). Elements are {@code kafka-clients}' own {@code ConsumerRecord}s.
 */
module dev.streamz.kafka {
    requires transitive dev.streamz;
    requires transitive kafka.clients;

    exports dev.streamz.kafka;
}
