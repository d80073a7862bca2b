package dev.streamz.kafka;

import dev.streamz.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Kafka sources and sink (streamz's {@code from_kafka}, {@code from_kafka_batched} and {@code to_kafka}).
 *
 * <pre>{@code
 * KafkaSource<List<ConsumerRecord<String, String>>> source = Kafka.fromKafkaBatched("orders", consumerConfig,
 *         KafkaSourceOptions.defaults(), new StringDeserializer(), new StringDeserializer());
 * source.map(batch -> batch.size()).sink(n -> System.out.println(n + " orders"));
 * source.start();
 * }</pre>
 *
 * <p>The deserializers and serializers are the user's instances: they are not {@code configure}d by the
 * client, and a source never closes its deserializers (it creates a new consumer at each start); a sink
 * closes its serializers with its producer.
 *
 * <p>The consumer config is kafka-clients' own ({@code bootstrap.servers}, {@code group.id}, ...). A
 * {@code group.id} is required (the sources commit their offsets to the group); {@code enable.auto.commit}
 * must not be {@code true} (the sources commit when the pipeline has released the data).
 */
public final class Kafka {
    private Kafka() {
    }

    /**
     * One element per record, {@code byte[]} keys and values, default options.
     *
     * @param topics the topics to subscribe to
     * @param consumerConfig kafka-clients consumer settings, with {@code bootstrap.servers} and {@code group.id}
     * @return a stopped source
     */
    public static KafkaSource<ConsumerRecord<byte[], byte[]>> fromKafka(Collection<String> topics,
                                                                       Map<String, Object> consumerConfig) {
        return fromKafka(topics, consumerConfig, KafkaSourceOptions.defaults(), new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
    }

    /**
     * One element per record (streamz's {@code from_kafka}). Records are read in per-partition batches of
     * at most {@code maxBatchSize}; the records of a batch share one {@code RefCounter}, and the batch's
     * offset is committed once every record of it was released (see {@link KafkaSource}).
     *
     * @param topics the topics to subscribe to
     * @param consumerConfig kafka-clients consumer settings, with {@code bootstrap.servers} and {@code group.id}
     * @param options limits and policies
     * @param keyDeserializer reads keys (on the polling thread)
     * @param valueDeserializer reads values (on the polling thread)
     * @param <K> key type
     * @param <V> value type
     * @return a stopped source
     */
    public static <K, V> KafkaSource<ConsumerRecord<K, V>> fromKafka(Collection<String> topics,
                                                                    Map<String, Object> consumerConfig,
                                                                    KafkaSourceOptions options,
                                                                    Deserializer<K> keyDeserializer,
                                                                    Deserializer<V> valueDeserializer) {
        List<String> t = checkTopics(topics, "fromKafka");
        checkSource(consumerConfig, options, keyDeserializer, valueDeserializer, "fromKafka");
        return new KafkaSource<>("from_kafka", t, consumerConfig, keyDeserializer, valueDeserializer, options, true);
    }

    /**
     * Per-partition batches of {@code byte[]} records, default options.
     *
     * @param topic the topic
     * @param consumerConfig kafka-clients consumer settings, with {@code bootstrap.servers} and {@code group.id}
     * @return a stopped source
     */
    public static KafkaSource<List<ConsumerRecord<byte[], byte[]>>> fromKafkaBatched(String topic,
                                                                                    Map<String, Object> consumerConfig) {
        return fromKafkaBatched(topic, consumerConfig, KafkaSourceOptions.defaults(), new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
    }

    /**
     * Per-partition batches (streamz's {@code from_kafka_batched}): each element is a list of at most
     * {@code maxBatchSize} records of one partition, in offset order, whose metadata carries a
     * {@code RefCounter} under {@code "ref"} (and {@code "topic"}, {@code "partition"}, {@code "offset"}:
     * the first record's). The offset after a batch is committed once every holder released it and every
     * earlier batch of its partition is committed. Each record carries its key, value, partition, offset,
     * timestamp and headers.
     *
     * @param topic the topic
     * @param consumerConfig kafka-clients consumer settings, with {@code bootstrap.servers} and {@code group.id}
     * @param options limits and policies: poll interval, batch size, back-pressure bounds, poison policy
     * @param keyDeserializer reads keys (on the polling thread)
     * @param valueDeserializer reads values (on the polling thread)
     * @param <K> key type
     * @param <V> value type
     * @return a stopped source
     */
    public static <K, V> KafkaSource<List<ConsumerRecord<K, V>>> fromKafkaBatched(String topic,
                                                                                 Map<String, Object> consumerConfig,
                                                                                 KafkaSourceOptions options,
                                                                                 Deserializer<K> keyDeserializer,
                                                                                 Deserializer<V> valueDeserializer) {
        List<String> t = checkTopics(List.of(Objects.requireNonNull(topic, "fromKafkaBatched: topic is null")),
                "fromKafkaBatched");
        checkSource(consumerConfig, options, keyDeserializer, valueDeserializer, "fromKafkaBatched");
        return new KafkaSource<>("from_kafka_batched", t, consumerConfig, keyDeserializer, valueDeserializer,
                options, false);
    }

    /**
     * Writes each element as the value of a record of {@code topic} (no key), and emits it downstream after
     * the broker acknowledged it (streamz's {@code to_kafka}); at most 1,024 elements in flight.
     *
     * @param upstream the elements to write
     * @param topic the topic
     * @param producerConfig kafka-clients producer settings, with {@code bootstrap.servers}
     * @param valueSerializer writes the elements
     * @param <T> element type
     * @return the sink node, downstream of {@code upstream}
     */
    public static <T> KafkaSink<T> toKafka(Stream<T> upstream, String topic, Map<String, Object> producerConfig,
                                           Serializer<T> valueSerializer) {
        Objects.requireNonNull(topic, "toKafka: topic is null");
        return toKafka(upstream, producerConfig, x -> new ProducerRecord<>(topic, null, x), new NoKeySerializer(),
                valueSerializer, 1_024, topic);
    }

    /**
     * Writes each element as the record {@code toRecord} makes of it (any topic, partition, key, headers),
     * and emits the element downstream after the broker acknowledged it, in arrival order.
     *
     * @param upstream the elements to write
     * @param producerConfig kafka-clients producer settings, with {@code bootstrap.servers}
     * @param toRecord makes the record of an element; called on the graph's scheduler
     * @param keySerializer writes keys
     * @param valueSerializer writes values
     * @param maxInFlight elements sent and not yet acknowledged before emitters wait, at least 1
     * @param <T> element type
     * @param <K> key type
     * @param <V> value type
     * @return the sink node, downstream of {@code upstream}
     */
    public static <T, K, V> KafkaSink<T> toKafka(Stream<T> upstream, Map<String, Object> producerConfig,
                                                 Function<? super T, ProducerRecord<K, V>> toRecord,
                                                 Serializer<K> keySerializer, Serializer<V> valueSerializer,
                                                 int maxInFlight) {
        return toKafka(upstream, producerConfig, toRecord, keySerializer, valueSerializer, maxInFlight, "(per record)");
    }

    private static <T> KafkaSink<T> toKafka(Stream<T> upstream, Map<String, Object> producerConfig,
                                            Function<? super T, ? extends ProducerRecord<?, ?>> toRecord,
                                            Serializer<?> keySerializer, Serializer<?> valueSerializer,
                                            int maxInFlight, String topicLabel) {
        Objects.requireNonNull(upstream, "toKafka: upstream is null");
        Objects.requireNonNull(producerConfig, "toKafka: producerConfig is null");
        Objects.requireNonNull(toRecord, "toKafka: record function is null");
        Objects.requireNonNull(keySerializer, "toKafka: keySerializer is null");
        Objects.requireNonNull(valueSerializer, "toKafka: valueSerializer is null");
        KafkaSourceOptions.atLeastOne(maxInFlight, "maxInFlight");
        if (producerConfig.get("bootstrap.servers") == null) {
            throw new IllegalArgumentException("toKafka: producerConfig needs bootstrap.servers");
        }
        return new KafkaSink<>(upstream, producerConfig, toRecord, keySerializer, valueSerializer, maxInFlight,
                topicLabel);
    }

    private static List<String> checkTopics(Collection<String> topics, String where) {
        Objects.requireNonNull(topics, () -> where + ": topics is null");
        if (topics.isEmpty()) {
            throw new IllegalArgumentException(where + ": no topic given");
        }
        for (String t : topics) {
            if (t == null || t.isBlank()) {
                throw new IllegalArgumentException(where + ": blank topic name in " + topics);
            }
        }
        return List.copyOf(topics);
    }

    private static void checkSource(Map<String, Object> config, KafkaSourceOptions options, Deserializer<?> k,
                                    Deserializer<?> v, String where) {
        Objects.requireNonNull(config, () -> where + ": consumerConfig is null");
        Objects.requireNonNull(options, () -> where + ": options is null");
        Objects.requireNonNull(k, () -> where + ": keyDeserializer is null");
        Objects.requireNonNull(v, () -> where + ": valueDeserializer is null");
        if (config.get(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG) == null) {
            throw new IllegalArgumentException(where + ": consumerConfig needs bootstrap.servers");
        }
        if (config.get(ConsumerConfig.GROUP_ID_CONFIG) == null) {
            throw new IllegalArgumentException(where + ": consumerConfig needs group.id (the source commits its "
                    + "offsets to the group)");
        }
        if (Boolean.parseBoolean(String.valueOf(config.get(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG)))) {
            throw new IllegalArgumentException(where + ": enable.auto.commit must not be true: the source commits "
                    + "each offset when the pipeline has released its data");
        }
    }

    /** The key serializer of {@link #toKafka(Stream, String, Map, Serializer)}: keys are always null. */
    private static final class NoKeySerializer implements Serializer<Object> {
        @Override
        public byte[] serialize(String topic, Object data) {
            return null;
        }
    }
}
