package dev.streamz.kafka;

import dev.streamz.RefCounter;
import dev.streamz.Scheduler;
import dev.streamz.Schedulers;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two members of one consumer group share a topic; one holds some batches (never releasing them), and
 * leaves mid-stream. Nothing is lost (the other member reads the held batches again) and nothing is
 * committed past a held batch.
 */
class KafkaRebalanceTest extends KafkaFixture {
    /** Records that member A keeps forever: one per partition. */
    static final Set<Integer> HELD = Set.of(105, 406, 1207, 1604);

    @Test
    void aMemberLeavingMidStreamLosesNothingAndCommitsNothingItHeld() {
        String topic = "rebalance";
        int n = 2_000;
        kafka.createTopic(topic, 4);
        try (KafkaProducer<String, String> p = new KafkaProducer<>(kafka.producerConfig(), new StringSerializer(),
                new StringSerializer())) {
            for (int i = 0; i < n; i++) {
                p.send(new ProducerRecord<>(topic, i % 4, null, Integer.toString(i)));
            }
        }
        String group = "members";
        KafkaSourceOptions o = KafkaSourceOptions.defaults().withPollInterval(Duration.ofMillis(20)).withMaxBatchSize(20)
                .withMaxUncommittedBatches(30);

        // Member A releases every batch except those holding a HELD record.
        Scheduler loopA = Schedulers.newEventLoop("member-a", errors::add);
        var a = Kafka.fromKafkaBatched(topic, kafka.consumerConfig(group), o, new StringDeserializer(),
                new StringDeserializer());
        a.withScheduler(loopA);
        Set<Integer> releasedByA = ConcurrentHashMap.newKeySet();
        Map<TopicPartition, Long> firstHeldOffset = new ConcurrentHashMap<>();
        a.sinkWithMetadata((batch, md) -> {
            boolean hold = batch.stream().anyMatch(r -> HELD.contains(Integer.parseInt(r.value())));
            if (hold) {
                ((RefCounter) md.get(0).get("ref")).retain(); // never released
                for (ConsumerRecord<String, String> r : batch) {
                    firstHeldOffset.merge(new TopicPartition(r.topic(), r.partition()), r.offset(), Math::min);
                }
            } else {
                batch.forEach(r -> releasedByA.add(Integer.parseInt(r.value())));
            }
        });

        Scheduler loopB = Schedulers.newEventLoop("member-b", errors::add);
        var b = Kafka.fromKafkaBatched(topic, kafka.consumerConfig(group), o, new StringDeserializer(),
                new StringDeserializer());
        b.withScheduler(loopB);
        Set<Integer> seenByB = ConcurrentHashMap.newKeySet();
        b.sink(batch -> batch.forEach(r -> seenByB.add(Integer.parseInt(r.value()))));

        a.start();
        await("member A stalls on its uncommitted batches", () -> a.uncommittedBatches() >= 30);
        b.start(); // a rebalance: A gives up two partitions while holding batches of them
        await("member B reads", () -> !seenByB.isEmpty());
        Map<TopicPartition, Long> committedByA = new HashMap<>(a.committedOffsets());
        a.stop(); // A leaves mid-stream: B takes every partition from its committed offset
        committedByA.putAll(a.committedOffsets());

        await("every offset committed", () -> kafka.committed(group, topic).values().stream()
                .mapToLong(Long::longValue).sum() == n);
        Set<Integer> union = new HashSet<>(releasedByA);
        union.addAll(seenByB);
        for (int i = 0; i < n; i++) {
            assertTrue(union.contains(i), "record " + i + " was lost");
        }
        assertTrue(seenByB.containsAll(HELD), "the batches A held were read again by B");
        assertTrue(!firstHeldOffset.isEmpty(), "A held nothing: the test tests nothing");
        for (Map.Entry<TopicPartition, Long> e : firstHeldOffset.entrySet()) {
            long committed = committedByA.getOrDefault(e.getKey(), 0L);
            assertTrue(committed <= e.getValue(), "A committed " + committed + " on " + e.getKey()
                    + " past its held batch at " + e.getValue());
        }
        b.stop();
        assertTrue(errors.isEmpty(), errors.toString());
    }
}
