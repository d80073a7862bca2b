package dev.streamz.kafka;

import dev.streamz.RefCounter;
import dev.streamz.StreamException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sources' options and guarantees, on a real in-process broker. */
class KafkaSourceTest extends KafkaFixture {
    static List<String> values(int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> "v" + i).toList();
    }

    @Test
    void J08_batchedEmitsPerPartitionBatchesOfTypedRecordsAndCommitsWhenReleased() {
        String topic = fresh("batched");
        kafka.createTopic(topic, 3);
        Map<String, Object> pc = kafka.producerConfig();
        try (KafkaProducer<String, String> p = new KafkaProducer<>(pc, new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < 300; i++) {
                ProducerRecord<String, String> r = new ProducerRecord<>(topic, i % 3, 1_000L + i, "k" + i, "v" + i);
                r.headers().add(new RecordHeader("h", ("x" + i).getBytes(StandardCharsets.UTF_8)));
                p.send(r);
            }
        }
        String group = fresh("g");
        var source = batched(topic, group, quick().withMaxBatchSize(40));
        List<List<ConsumerRecord<String, String>>> batches = new CopyOnWriteArrayList<>();
        List<List<Map<String, Object>>> metas = new CopyOnWriteArrayList<>();
        source.sinkWithMetadata((b, md) -> {
            batches.add(b);
            metas.add(md);
        });
        assertTrue(source.isStopped());
        source.start();
        await("300 records arrived", () -> batches.stream().mapToInt(List::size).sum() == 300);
        Map<Integer, Long> nextOffset = new HashMap<>();
        for (int i = 0; i < batches.size(); i++) {
            List<ConsumerRecord<String, String>> b = batches.get(i);
            assertTrue(b.size() >= 1 && b.size() <= 40, "batch size " + b.size());
            int partition = b.get(0).partition();
            long expect = nextOffset.getOrDefault(partition, 0L);
            for (ConsumerRecord<String, String> r : b) {
                assertEquals(partition, r.partition(), "a batch mixes partitions");
                assertEquals(expect++, r.offset(), "offsets of partition " + partition + " not contiguous");
                int n = Integer.parseInt(r.value().substring(1));
                assertEquals("k" + n, r.key());
                assertEquals(1_000L + n, r.timestamp());
                assertEquals("x" + n, new String(r.headers().lastHeader("h").value(), StandardCharsets.UTF_8));
                assertEquals(partition, n % 3);
            }
            nextOffset.put(partition, expect);
            Map<String, Object> m = metas.get(i).get(0);
            assertInstanceOf(RefCounter.class, m.get("ref"));
            assertEquals(topic, m.get("topic"));
            assertEquals(partition, m.get("partition"));
            assertEquals(b.get(0).offset(), m.get("offset"));
            assertTrue(((RefCounter) m.get("ref")).fired(), "the sink does not hold: released on emission");
        }
        await("every offset committed", () -> kafka.committed(group, topic).equals(Map.of(0, 100L, 1, 100L, 2, 100L)));
        assertEquals(Map.of(new TopicPartition(topic, 0), 100L, new TopicPartition(topic, 1), 100L,
                new TopicPartition(topic, 2), 100L), source.committedOffsets());
        source.stop();
        assertTrue(source.isStopped());
        assertTrue(errors.isEmpty(), errors.toString());
    }

    @Test
    void fromKafkaEmitsOneRecordAtATimeFromSeveralTopicsAndCommitsThem() {
        String t1 = fresh("rec-a");
        String t2 = fresh("rec-b");
        kafka.createTopic(t1, 1);
        kafka.createTopic(t2, 1);
        kafka.produceStrings(t1, 0, values(0, 50));
        kafka.produceStrings(t2, 0, values(50, 80));
        String group = fresh("g");
        KafkaSource<ConsumerRecord<String, String>> source = Kafka.fromKafka(List.of(t1, t2), kafka.consumerConfig(group),
                quick().withMaxBatchSize(7), new StringDeserializer(), new StringDeserializer());
        source.withScheduler(loop);
        assertEquals("from_kafka", source.operator());
        List<String> got = new CopyOnWriteArrayList<>();
        source.map(ConsumerRecord::value).sink(got::add);
        source.start();
        await("80 records", () -> got.size() == 80);
        assertEquals(new java.util.TreeSet<>(values(0, 80)), new java.util.TreeSet<>(got));
        List<String> fromT1 = got.stream().filter(v -> Integer.parseInt(v.substring(1)) < 50).toList();
        assertEquals(values(0, 50), fromT1, "one partition's records arrive in offset order");
        await("committed", () -> kafka.committed(group, t1).equals(Map.of(0, 50L))
                && kafka.committed(group, t2).equals(Map.of(0, 30L)));
        source.stop();
    }

    @Test
    void J09_commitsFollowReleasesInOrderWhenAHolderLetsBatchesGoOutOfOrder() throws Exception {
        String topic = fresh("ordered");
        kafka.createTopic(topic, 1);
        kafka.produceStrings(topic, 0, values(0, 60));
        String group = fresh("g");
        var source = batched(topic, group, quick().withMaxBatchSize(10));
        // A window that holds every batch and lets them go in an order the test chooses.
        List<RefCounter> held = new CopyOnWriteArrayList<>();
        List<Long> ends = new CopyOnWriteArrayList<>();
        source.sinkWithMetadata((b, md) -> {
            RefCounter r = (RefCounter) md.get(0).get("ref");
            r.retain();
            held.add(r);
            ends.add(b.get(b.size() - 1).offset() + 1);
        });
        source.start();
        await("six batches held", () -> ends.size() == 6 && ends.get(5) == 60);
        assertEquals(List.of(10L, 20L, 30L, 40L, 50L, 60L), ends);
        int[] order = {3, 1, 5, 0, 2, 4};
        long[] expected = {-1, -1, -1, 20, 40, 60};
        for (int i = 0; i < order.length; i++) {
            held.get(order[i]).release();
            long want = expected[i];
            if (want < 0) {
                // Nothing may be committed while batch 0 is held: give a wrong commit time to happen.
                Thread.sleep(150);
                assertEquals(Map.of(), kafka.committed(group, topic), "committed past a held batch");
            } else {
                await("commit at " + want, () -> Long.valueOf(want).equals(kafka.committed(group, topic).get(0)));
                Thread.sleep(100);
                assertEquals(want, kafka.committed(group, topic).get(0), "committed past a held batch");
            }
        }
        source.stop();
        assertTrue(errors.isEmpty(), errors.toString());
    }

    /** A deserializer that refuses to work once closed. */
    static final class ClosableDeserializer implements Deserializer<String> {
        volatile boolean closed;

        @Override
        public String deserialize(String topic, byte[] data) {
            if (closed) {
                throw new IllegalStateException("deserializer used after close");
            }
            return new String(data, StandardCharsets.UTF_8);
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    @Test
    void aStoppedSourceResumesAtItsCommittedOffset() {
        String topic = fresh("restart");
        kafka.createTopic(topic, 2);
        kafka.produceStrings(topic, null, values(0, 40));
        String group = fresh("g");
        ClosableDeserializer valueReader = new ClosableDeserializer();
        var source = Kafka.fromKafkaBatched(topic, kafka.consumerConfig(group), quick(), new StringDeserializer(),
                valueReader);
        source.withScheduler(loop);
        List<String> got = new CopyOnWriteArrayList<>();
        source.sink(b -> b.forEach(r -> got.add(r.value())));
        source.start();
        await("first 40", () -> got.size() == 40);
        source.stop();
        assertEquals(40L, kafka.committed(group, topic).values().stream().mapToLong(Long::longValue).sum(),
                "stop commits what was released");
        assertFalse(valueReader.closed, "the source closed the user's deserializer, which the next start needs");
        kafka.produceStrings(topic, null, values(40, 70));
        source.start();
        await("30 more", () -> got.size() == 70);
        assertEquals(new java.util.TreeSet<>(values(0, 70)), new java.util.TreeSet<>(got), "nothing read twice");
        source.stop();
    }

    @Test
    void startFailsClearlyOnAnUnknownTopicOrAnUnreachableBroker() {
        var unknown = batched("no-such-topic", fresh("g"), quick().withStartTimeout(Duration.ofSeconds(5)));
        StreamException e = assertThrows(StreamException.class, unknown::start);
        assertTrue(e.getMessage().contains("unknown topic 'no-such-topic'"), e.getMessage());
        assertTrue(unknown.isStopped());

        Map<String, Object> c = kafka.consumerConfig(fresh("g"));
        c.put("bootstrap.servers", "127.0.0.1:1");
        var nowhere = Kafka.fromKafkaBatched("t", c, quick().withStartTimeout(Duration.ofMillis(500)),
                new StringDeserializer(), new StringDeserializer());
        nowhere.withScheduler(loop);
        StreamException e2 = assertThrows(StreamException.class, nowhere::start);
        assertTrue(e2.getMessage().contains("broker not reachable at 127.0.0.1:1"), e2.getMessage());
        assertTrue(nowhere.isStopped());
    }

    @Test
    void optionsAndConfigAreValidatedAtBuildTime() {
        Map<String, Object> c = kafka.consumerConfig("g");
        assertThrows(IllegalArgumentException.class, () -> KafkaSourceOptions.defaults().withMaxBatchSize(0));
        assertThrows(IllegalArgumentException.class, () -> KafkaSourceOptions.defaults().withMaxPendingRecords(0));
        assertThrows(IllegalArgumentException.class, () -> KafkaSourceOptions.defaults().withMaxUncommittedBatches(-1));
        assertThrows(IllegalArgumentException.class, () -> KafkaSourceOptions.defaults().withPollInterval(Duration.ZERO));
        assertThrows(NullPointerException.class, () -> KafkaSourceOptions.defaults().withPoisonPolicy(null));
        Map<String, Object> noGroup = new HashMap<>(c);
        noGroup.remove("group.id");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Kafka.fromKafkaBatched("t", noGroup));
        assertTrue(e.getMessage().contains("group.id"), e.getMessage());
        Map<String, Object> auto = new HashMap<>(c);
        auto.put("enable.auto.commit", "true");
        e = assertThrows(IllegalArgumentException.class, () -> Kafka.fromKafka(List.of("t"), auto));
        assertTrue(e.getMessage().contains("enable.auto.commit"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Kafka.fromKafka(List.of(), c));
        var s = Kafka.fromKafkaBatched("t", c, KafkaSourceOptions.defaults().withMaxBatchSize(7),
                new StringDeserializer(), new StringDeserializer());
        assertEquals("from_kafka_batched", s.operator());
        assertEquals(7, s.parameters().get("max_batch_size"));
        assertEquals("g", s.parameters().get("group_id"));
        assertEquals(KafkaSourceOptions.defaults().withMaxBatchSize(7), s.options());
    }

    /** Throws on the value "poison". */
    static final class PickyDeserializer implements Deserializer<String> {
        @Override
        public String deserialize(String topic, byte[] data) {
            String s = new String(data, StandardCharsets.UTF_8);
            if (s.equals("poison")) {
                throw new IllegalArgumentException("cannot read " + s);
            }
            return s;
        }
    }

    @Test
    void aPoisonRecordUnderFailIsReportedAndStopsTheSourceWithoutCommittingPastIt() {
        String topic = fresh("poison-fail");
        kafka.createTopic(topic, 1);
        kafka.produceStrings(topic, 0, List.of("a", "b", "poison", "c"));
        String group = fresh("g");
        var source = Kafka.fromKafkaBatched(topic, kafka.consumerConfig(group), quick(), new StringDeserializer(),
                new PickyDeserializer());
        source.withScheduler(loop);
        List<String> got = new CopyOnWriteArrayList<>();
        source.sink(b -> b.forEach(r -> got.add(r.value())));
        source.start();
        await("the source stopped", source::isStopped);
        assertEquals(List.of("a", "b"), got);
        assertTrue(source.failure().isPresent());
        assertEquals(1, errors.size(), errors.toString());
        String msg = errors.get(0).getMessage();
        assertTrue(msg.contains(topic + "-0 offset 2") && msg.contains("FAIL"), msg);
        assertTrue(kafka.committed(group, topic).getOrDefault(0, 0L) <= 2L, "committed past the poison record");

        // A restart works, reads from the committed offset, and meets the poison record again.
        source.start();
        await("the source stopped again", source::isStopped);
        assertEquals(2, errors.size(), errors.toString());
        assertTrue(errors.get(1).getMessage().contains(topic + "-0 offset 2"), errors.get(1).getMessage());
        assertTrue(got.size() <= 4 && got.subList(0, 2).equals(List.of("a", "b")), got.toString());
        assertTrue(kafka.committed(group, topic).getOrDefault(0, 0L) <= 2L, "committed past the poison record");
    }

    @Test
    void aPoisonRecordUnderSkipIsReportedAndPassed() {
        String topic = fresh("poison-skip");
        kafka.createTopic(topic, 1);
        kafka.produceStrings(topic, 0, List.of("a", "poison", "b", "c"));
        String group = fresh("g");
        var source = Kafka.fromKafkaBatched(topic, kafka.consumerConfig(group),
                quick().withPoisonPolicy(PoisonPolicy.SKIP), new StringDeserializer(), new PickyDeserializer());
        source.withScheduler(loop);
        List<String> got = new CopyOnWriteArrayList<>();
        source.sink(b -> b.forEach(r -> got.add(r.value())));
        source.start();
        await("three good records", () -> got.size() == 3);
        assertEquals(List.of("a", "b", "c"), got);
        await("committed to the end", () -> Long.valueOf(4).equals(kafka.committed(group, topic).get(0)));
        assertEquals(1, errors.size(), errors.toString());
        assertTrue(errors.get(0).getMessage().contains(topic + "-0 offset 1"), errors.get(0).getMessage());
        assertFalse(source.isStopped());
        source.stop();
    }

    @Test
    void aBatchThePipelineFailsOnIsAPoisonRecordToo() {
        String topic = fresh("pipeline-fail");
        kafka.createTopic(topic, 1);
        kafka.produceStrings(topic, 0, values(0, 30));
        String group = fresh("g");
        var source = batched(topic, group, quick().withMaxBatchSize(10));
        List<Long> seen = new CopyOnWriteArrayList<>();
        source.map(b -> {
            if (b.get(0).offset() == 10) {
                throw new IllegalStateException("bad batch");
            }
            return b;
        }).sink(b -> seen.add(b.get(0).offset()));
        source.start();
        await("the source stopped", source::isStopped);
        assertTrue(seen.contains(0L));
        assertFalse(seen.contains(20L), "nothing after the failed batch");
        assertTrue(source.failure().isPresent());
        assertTrue(errors.stream().anyMatch(e -> e.getMessage().contains(topic + "-0 offset 10")), errors.toString());
        assertTrue(kafka.committed(group, topic).getOrDefault(0, 0L) <= 10L, "committed past the failed batch");
    }

    @Test
    void J11_aSlowSinkBoundsTheRecordsHeldAndEverythingArrivesWhenItCatchesUp() {
        String topic = fresh("slow");
        kafka.createTopic(topic, 1);
        kafka.produceStrings(topic, 0, values(0, 2_000));
        String group = fresh("g");
        int maxPending = 50;
        int batch = 10;
        var source = batched(topic, group, quick().withMaxBatchSize(batch).withMaxPendingRecords(maxPending));
        ConcurrentLinkedQueue<CompletableFuture<Void>> writes = new ConcurrentLinkedQueue<>();
        AtomicInteger delivered = new AtomicInteger();
        source.sinkAsync(b -> {
            CompletableFuture<Void> w = new CompletableFuture<>();
            writes.add(w);
            return w.thenRun(() -> delivered.addAndGet(b.size()));
        });
        source.start();
        await("the sink is busy", () -> !writes.isEmpty());
        int maxSeen = 0;
        for (int i = 0; i < 20; i++) {
            maxSeen = Math.max(maxSeen, source.bufferedCount());
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
        // One batch is in the sink; the source polls at most one poll (max.poll.records = batch) past the bound.
        assertTrue(maxSeen <= maxPending + batch, "held " + maxSeen);
        assertEquals(1, writes.size(), "the sink accepted one batch at a time");
        while (delivered.get() < 2_000) {
            CompletableFuture<Void> w = writes.poll();
            if (w != null) {
                w.complete(null);
            }
            assertTrue(source.bufferedCount() <= maxPending + batch, "held " + source.bufferedCount());
            Thread.onSpinWait();
        }
        await("committed to the end", () -> Long.valueOf(2_000).equals(kafka.committed(group, topic).get(0)));
        source.stop();
        assertTrue(errors.isEmpty(), errors.toString());
    }

    @Test
    void tooManyUncommittedBatchesPauseTheSourceUntilSomeAreReleased() {
        String topic = fresh("uncommitted");
        kafka.createTopic(topic, 1);
        kafka.produceStrings(topic, 0, values(0, 100));
        String group = fresh("g");
        var source = batched(topic, group, quick().withMaxBatchSize(5).withMaxUncommittedBatches(4));
        List<RefCounter> held = Collections.synchronizedList(new ArrayList<>());
        source.sinkWithMetadata((b, md) -> {
            RefCounter r = (RefCounter) md.get(0).get("ref");
            r.retain();
            held.add(r);
        });
        source.start();
        await("four batches held", () -> held.size() == 4);
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        assertEquals(4, held.size(), "read ahead of its commits");
        assertEquals(4, source.uncommittedBatches());
        for (int released = 0; released < 20; released++) {
            int n = released;
            await("batch " + n + " arrived", () -> held.size() > n);
            held.get(n).release();
        }
        await("committed to the end", () -> Long.valueOf(100).equals(kafka.committed(group, topic).get(0)));
        assertNotNull(source.committedOffsets().get(new TopicPartition(topic, 0)));
        source.stop();
    }
}
