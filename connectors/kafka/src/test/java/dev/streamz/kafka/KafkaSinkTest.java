package dev.streamz.kafka;

import dev.streamz.RefCounter;
import dev.streamz.Stream;
import dev.streamz.StreamException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static dev.streamz.kafka.KafkaSourceTest.values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** toKafka on a real in-process broker. */
class KafkaSinkTest extends KafkaFixture {
    static Map<String, Object> stringProducer() {
        Map<String, Object> c = kafka.producerConfig();
        c.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        c.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return c;
    }

    static List<String> readAll(String topic, int expected) {
        return kafka.readValues(topic, expected);
    }

    @Test
    void emitsEachElementDownstreamAfterItsAcknowledgementInArrivalOrder() {
        String topic = fresh("out");
        kafka.createTopic(topic, 1);
        Stream<String> in = Stream.create();
        in.withScheduler(loop);
        KafkaSink<String> sink = Kafka.toKafka(in, topic, stringProducer(), new StringSerializer());
        assertEquals("to_kafka", sink.operator());
        assertEquals(topic, sink.parameters().get("topic"));
        List<String> acknowledged = new CopyOnWriteArrayList<>();
        sink.sink(acknowledged::add);
        // Each element's ref is held until it has left the sink downstream, i.e. after its acknowledgement.
        List<Integer> downstreamAtRelease = new CopyOnWriteArrayList<>();
        for (String v : values(0, 200)) {
            RefCounter ref = new RefCounter(() -> downstreamAtRelease.add(acknowledged.size()));
            in.emit(v, List.of(Map.of("ref", ref)));
        }
        sink.flush();
        assertEquals(values(0, 200), acknowledged);
        assertEquals(200, downstreamAtRelease.size());
        for (int i = 0; i < 200; i++) {
            assertTrue(downstreamAtRelease.get(i) >= i + 1, "element " + i + " released before it went downstream");
        }
        assertEquals(values(0, 200), readAll(topic, 200));
        assertEquals(0, sink.bufferedCount());
        sink.close();
        assertThrows(StreamException.class, () -> in.emit("late"));
        assertTrue(errors.isEmpty(), errors.toString());
    }

    @Test
    void unacknowledgedSendsAreBoundedByMaxInFlight() {
        String topic = fresh("bounded");
        kafka.createTopic(topic, 1);
        Map<String, Object> pc = stringProducer();
        pc.put(ProducerConfig.LINGER_MS_CONFIG, 20); // acknowledgements come in bunches, late
        Stream<String> source = Stream.fromIterable(values(0, 400));
        source.withScheduler(loop);
        KafkaSink<String> sink = Kafka.toKafka(source, pc, v -> new ProducerRecord<>(topic, 0, v, v),
                new StringSerializer(), new StringSerializer(), 8);
        AtomicInteger maxHeld = new AtomicInteger();
        List<String> out = new CopyOnWriteArrayList<>();
        sink.sink(v -> {
            maxHeld.accumulateAndGet(sink.bufferedCount(), Math::max);
            out.add(v);
        });
        source.start();
        await("400 acknowledged", () -> out.size() == 400);
        assertEquals(values(0, 400), out);
        assertTrue(maxHeld.get() <= 8 + 1, "held " + maxHeld.get() + " elements, maxInFlight is 8");
        assertTrue(maxHeld.get() >= 2, "the sink never had more than one send in flight: " + maxHeld.get());
        sink.close();
    }

    @Test
    void aFailedSendIsReportedWithItsElementAndTheNextOnesStillGo() {
        String topic = fresh("too-large");
        kafka.createTopic(topic, 1);
        Map<String, Object> pc = stringProducer();
        pc.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 2_000);
        Stream<String> in = Stream.create();
        in.withScheduler(loop);
        KafkaSink<String> sink = Kafka.toKafka(in, topic, pc, new StringSerializer());
        List<String> out = sink.sinkToList();
        String huge = "x".repeat(10_000);
        AtomicInteger released = new AtomicInteger();
        in.emit("small-1");
        in.emit(huge, List.of(Map.of("ref", new RefCounter(released::incrementAndGet))));
        in.emit("small-2");
        sink.flush();
        assertEquals(List.of("small-1", "small-2"), out);
        assertEquals(1, released.get(), "the failed element's refs are released");
        assertEquals(1, errors.size(), errors.toString());
        StreamException e = errors.get(0);
        assertTrue(e.getMessage().contains("send to topic '" + topic + "' failed"), e.getMessage());
        KafkaSendException cause = assertInstanceOf(KafkaSendException.class, e.getCause());
        assertSame(huge, cause.element());
        assertEquals(topic, cause.topic());
        assertInstanceOf(RecordTooLargeException.class, cause.getCause());
        sink.close();
    }

    @Test
    void aSendToAnUnknownTopicIsReportedWithItsElementAfterMaxBlock() {
        Map<String, Object> pc = stringProducer();
        pc.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 300); // how long send() waits for the topic's metadata
        Stream<String> in = Stream.create();
        in.withScheduler(loop);
        KafkaSink<String> sink = Kafka.toKafka(in, "no-such-topic", pc, new StringSerializer());
        List<String> out = sink.sinkToList();
        in.emit("lost?");
        sink.flush();
        assertEquals(List.of(), out);
        assertEquals(1, errors.size(), errors.toString());
        assertTrue(errors.get(0).getMessage().contains("send to topic 'no-such-topic' failed for element lost?"),
                errors.get(0).getMessage());
        sink.close();
    }

    @Test
    void aKafkaToKafkaPipelineCommitsItsInputOnlyAfterTheOutputIsAcknowledged() {
        String input = fresh("in");
        String output = fresh("out");
        kafka.createTopic(input, 2);
        kafka.createTopic(output, 1);
        kafka.produceStrings(input, null, values(0, 500));
        String group = fresh("g");
        KafkaSource<ConsumerRecord<String, String>> source = Kafka.fromKafka(List.of(input),
                kafka.consumerConfig(group), KafkaSourceOptions.defaults().withPollInterval(Duration.ofMillis(20))
                        .withMaxBatchSize(50), new StringDeserializer(), new StringDeserializer());
        source.withScheduler(loop);
        KafkaSink<String> sink = Kafka.toKafka(source.map(r -> r.value().toUpperCase()), output, stringProducer(),
                new StringSerializer());
        List<String> done = new CopyOnWriteArrayList<>();
        sink.sink(done::add);
        source.start();
        await("500 written", () -> done.size() == 500);
        await("input committed", () -> kafka.committed(group, input).values().stream().mapToLong(Long::longValue)
                .sum() == 500);
        List<String> written = readAll(output, 500);
        assertEquals(IntStream.range(0, 500).mapToObj(i -> "V" + i).sorted().toList(), written.stream().sorted().toList());
        source.stop();
        sink.close();
        assertTrue(errors.isEmpty(), errors.toString());
    }

    @Test
    void argumentsAreValidated() {
        Stream<String> in = Stream.create();
        assertThrows(NullPointerException.class, () -> Kafka.toKafka(in, null, stringProducer(), new StringSerializer()));
        assertThrows(IllegalArgumentException.class, () -> Kafka.toKafka(in, "t", Map.of(), new StringSerializer()));
        assertThrows(IllegalArgumentException.class, () -> Kafka.toKafka(in, stringProducer(),
                v -> new ProducerRecord<>("t", v), new StringSerializer(), new StringSerializer(), 0));
    }
}
