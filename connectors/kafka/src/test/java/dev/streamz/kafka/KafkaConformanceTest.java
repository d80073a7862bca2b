package dev.streamz.kafka;

import dev.streamz.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * streamz's own Kafka cases (from_kafka, to_kafka, and from_kafka_batched's checkpointing), on a real
 * in-process broker; each test is named after the case id it pins (see docs/conformance.md).
 */
class KafkaConformanceTest extends KafkaFixture {
    static List<String> valuesOf(List<ConsumerRecord<String, String>> batch) {
        return batch.stream().map(ConsumerRecord::value).toList();
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    static List<String> values(String prefix, int from, int to) {
        List<String> out = new ArrayList<>();
        for (int i = from; i < to; i++) {
            out.add(prefix + i);
        }
        return out;
    }

    @Test
    void I14_fromKafkaEmitsEachRecordUntilStopped() {
        String topic = fresh("i14");
        kafka.createTopic(topic, 1);
        KafkaSource<ConsumerRecord<String, String>> source = Kafka.fromKafka(List.of(topic),
                kafka.consumerConfig(fresh("g")), quick(), new StringDeserializer(), new StringDeserializer());
        source.withScheduler(loop);
        List<String> out = new CopyOnWriteArrayList<>();
        source.map(ConsumerRecord::value).sink(out::add);
        source.start();
        kafka.produceStrings(topic, 0, values("value-", 0, 10));
        await("10 records", () -> out.size() == 10);
        assertEquals("value-9", out.get(9));
        kafka.produceStrings(topic, 0, List.of("final message"));
        await("the final message", () -> out.size() == 11);
        assertEquals("final message", out.get(10));
        source.stop();
        kafka.produceStrings(topic, 0, List.of("after stop"));
        sleep(300);
        assertEquals(11, out.size(), "a stopped source emits nothing");
    }

    @Test
    void I15_toKafkaEmitsDeliveryConfirmedValues() {
        String topic = fresh("i15");
        kafka.createTopic(topic, 1);
        Map<String, Object> pc = kafka.producerConfig();
        pc.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        Stream<String> source = Stream.create();
        source.withScheduler(loop);
        KafkaSink<String> sink = Kafka.toKafka(source, topic, pc, new StringSerializer());
        List<String> out = sink.sinkToList();
        for (String v : values("value-", 0, 10)) {
            source.emit(v);
        }
        source.emit("final message");
        sink.flush();
        assertEquals(11, out.size());
        assertEquals("final message", out.get(10));
        assertEquals(out, kafka.readValues(topic, 11));
        sink.close();
    }

    @Test
    void J01_maxBatchSizeSplitsABacklog() {
        String topic = fresh("j01");
        kafka.createTopic(topic, 1);
        kafka.produceStrings(topic, 0, values("value-", 0, 10));
        var source = batched(topic, fresh("g"), quick().withMaxBatchSize(4));
        List<List<String>> out = new CopyOnWriteArrayList<>();
        source.sink(b -> out.add(valuesOf(b)));
        source.start();
        await("10 records", () -> out.stream().mapToInt(List::size).sum() == 10);
        assertEquals(List.of(4, 4, 2), out.stream().map(List::size).toList());
        assertEquals("value-9", out.get(2).get(1));
        source.stop();
    }

    @Test
    void J04_aSynchronousPipelineCommitsImmediately() {
        String topic = fresh("j04");
        kafka.createTopic(topic, 1);
        kafka.produceStrings(topic, 0, values("a-", 0, 10));
        String g1 = fresh("g");
        var s1 = batched(topic, g1, quick());
        List<String> out1 = new CopyOnWriteArrayList<>();
        s1.map(b -> valuesOf(b).getLast()).filter(v -> Integer.parseInt(v.substring(2)) % 2 == 1).sink(out1::add);
        s1.start();
        await("the last value", () -> out1.contains("a-9"));
        s1.stop();

        var s2 = batched(topic, g1, quick());
        List<String> out2 = new CopyOnWriteArrayList<>();
        s2.sink(b -> out2.addAll(valuesOf(b)));
        s2.start();
        sleep(1_000);
        s2.stop();
        assertEquals(List.of(), out2, "the same group has nothing left to read");

        var s3 = batched(topic, fresh("g"), quick());
        List<String> out3 = new CopyOnWriteArrayList<>();
        s3.sink(b -> out3.addAll(valuesOf(b)));
        s3.start();
        await("another group reads everything", () -> out3.size() == 10);
        s3.stop();
    }

    @Test
    void J05_holdingNodesDelayTheCommit() {
        String topic = fresh("j05");
        kafka.createTopic(topic, 1);
        String group = fresh("g");

        // Stream 1: batches [v0] and [v1] make one partition, which the sliding window holds.
        var s1 = batched(topic, group, quick());
        AtomicInteger batches1 = new AtomicInteger();
        s1.sink(b -> batches1.incrementAndGet());
        List<Object> out1 = new CopyOnWriteArrayList<>();
        s1.map(KafkaConformanceTest::valuesOf).partition(2).slidingWindow(2, false).sink(out1::add);
        s1.start();
        kafka.produceStrings(topic, 0, List.of("v0"));
        await("batch [v0]", () -> batches1.get() == 1);
        kafka.produceStrings(topic, 0, List.of("v1"));
        await("batch [v1]", () -> batches1.get() == 2);
        sleep(200);
        s1.stop();
        assertEquals(List.of(), out1);
        assertEquals(Map.of(), kafka.committed(group, topic), "nothing committed while the window holds");

        // Stream 2, same group: reads from 0 again.
        var s2 = batched(topic, group, quick());
        AtomicInteger batches2 = new AtomicInteger();
        s2.sink(b -> batches2.incrementAndGet());
        List<Object> out2 = new CopyOnWriteArrayList<>();
        s2.map(KafkaConformanceTest::valuesOf).partition(2).slidingWindow(2, false).sink(out2::add);
        s2.start();
        await("batch [v0, v1]", () -> batches2.get() == 1);
        for (int i = 2; i <= 5; i++) {
            kafka.produceStrings(topic, 0, List.of("v" + i));
            int n = i;
            await("batch [v" + n + "]", () -> batches2.get() == n);
        }
        await("one full window", () -> out2.size() == 1);
        assertEquals(List.of(List.of(List.of(List.of("v0", "v1"), List.of("v2")),
                List.of(List.of("v3"), List.of("v4")))), out2);
        await("committed to 3", () -> Long.valueOf(3).equals(kafka.committed(group, topic).get(0)));
        s2.stop();

        // Stream 3, same group: resumes at 3; v3 and v4 are read again (at least once).
        var s3 = batched(topic, group, quick());
        List<List<String>> out3 = new CopyOnWriteArrayList<>();
        s3.sink(b -> out3.add(valuesOf(b)));
        s3.start();
        await("a batch", () -> !out3.isEmpty());
        assertEquals(List.of("v3", "v4", "v5"), out3.get(0));
        s3.stop();
        assertTrue(errors.isEmpty(), errors.toString());
    }

    @Test
    void J06_multiInputJoinsCommitPerInput() {
        String t1 = fresh("j06-a");
        String t2 = fresh("j06-b");
        kafka.createTopic(t1, 1);
        kafka.createTopic(t2, 1);
        String gZipLatest = fresh("zip-latest");
        String gZip = fresh("zip");
        String gCombine = fresh("combine");
        AtomicInteger arrivals = new AtomicInteger();
        List<KafkaSource<?>> sources = new ArrayList<>();
        List<List<Object>> outs = new ArrayList<>();
        for (String group : List.of(gZipLatest, gZip, gCombine)) {
            var a = batched(t1, group, quick());
            var b = batched(t2, group, quick());
            a.sink(x -> arrivals.incrementAndGet());
            b.sink(x -> arrivals.incrementAndGet());
            Stream<List<Object>> joined = group.equals(gZipLatest) ? a.zipLatest(b)
                    : group.equals(gZip) ? a.zip(b) : a.combineLatest(b);
            List<Object> out = new CopyOnWriteArrayList<>();
            joined.sink(out::add);
            outs.add(out);
            sources.add(a);
            sources.add(b);
        }
        sources.forEach(KafkaSource::start);
        String[][] steps = {{t1, "v0"}, {t2, "v1"}, {t1, "v2"}, {t2, "v3"}};
        for (int i = 0; i < steps.length; i++) {
            kafka.produceStrings(steps[i][0], 0, List.of(steps[i][1]));
            int expected = 3 * (i + 1);
            await(steps[i][1] + " reached the three joins", () -> arrivals.get() == expected);
        }
        sleep(300);
        await("zip_latest commits (2, 1)", () -> committedPair(gZipLatest, t1, t2).equals(List.of(2L, 1L)));
        await("zip commits (2, 2)", () -> committedPair(gZip, t1, t2).equals(List.of(2L, 2L)));
        await("combine_latest commits (1, 1)", () -> committedPair(gCombine, t1, t2).equals(List.of(1L, 1L)));
        sleep(200);
        assertEquals(List.of(2L, 1L), committedPair(gZipLatest, t1, t2));
        assertEquals(List.of(2L, 2L), committedPair(gZip, t1, t2));
        assertEquals(List.of(1L, 1L), committedPair(gCombine, t1, t2));
        sources.forEach(KafkaSource::stop);
        assertTrue(errors.isEmpty(), errors.toString());
    }

    static List<Long> committedPair(String group, String t1, String t2) {
        return List.of(kafka.committed(group, t1).getOrDefault(0, 0L), kafka.committed(group, t2).getOrDefault(0, 0L));
    }
}
