package dev.streamz.benchmarks;

import dev.streamz.Scheduler;
import dev.streamz.Schedulers;
import dev.streamz.Stream;
import dev.streamz.kafka.EmbeddedKafka;
import dev.streamz.kafka.Kafka;
import dev.streamz.kafka.KafkaSink;
import dev.streamz.kafka.KafkaSourceOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Kafka ingest and produce through a pipeline against bare kafka-clients loops, on one in-process broker,
 * in the same run, rounds alternating which goes first. Not a unit test: it runs only when asked for
 * ({@code -Dkafka.bench=true}, see docs/benchmarks.md), because it needs a broker and a quiet machine, and
 * it asserts nothing about time. It prints records per second per round and the median ratio.
 *
 * <ul>
 *   <li>Ingest: 1 M records of 100 bytes from one partition. Peer: a {@code KafkaConsumer.poll} loop that
 *       sums the value bytes of each record and commits after each poll. Pipeline: {@code fromKafkaBatched
 *       → map(sum of the batch's value bytes) → sink}, committing each batch once the sink has it.</li>
 *   <li>Produce: 1 M records of 100 bytes to one partition, until every one is acknowledged. Peer: a
 *       {@code KafkaProducer.send} loop with a callback counting acknowledgements. Pipeline:
 *       {@code fromIterable → toKafka → sink} (counting what toKafka emits after each acknowledgement).</li>
 * </ul>
 */
@EnabledIfSystemProperty(named = "kafka.bench", matches = "true")
class KafkaBench {
    static final int RECORDS = Integer.getInteger("kafka.bench.records", 1_000_000);
    static final int ROUNDS = Integer.getInteger("kafka.bench.rounds", 5);
    static final byte[] PAYLOAD = new byte[100];

    static {
        Arrays.fill(PAYLOAD, (byte) 'x');
    }

    @Test
    void ingestAndProduceAgainstBareClients() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            kafka.createTopic("ingest", 1);
            produceBare(kafka, "ingest"); // the data to ingest, and a warm-up of the producer path
            List<Double> ingestRatios = new ArrayList<>();
            List<Double> produceRatios = new ArrayList<>();
            for (int round = 0; round <= ROUNDS; round++) { // round 0 warms up the JIT, and is not counted
                boolean bareFirst = round % 2 == 1;
                double bare = 0;
                double pipe = 0;
                for (int turn = 0; turn < 2; turn++) {
                    if ((turn == 0) == bareFirst) {
                        bare = ingestBare(kafka, "bare-" + round);
                    } else {
                        pipe = ingestPipeline(kafka, "pipe-" + round);
                    }
                }
                if (round > 0) {
                    ingestRatios.add(pipe / bare);
                }
                System.out.printf("KAFKA-BENCH ingest round %d (0: warm-up): bare poll loop %,.0f rec/s, fromKafkaBatched→map→sink "
                        + "%,.0f rec/s, ratio %.2f%n", round, bare, pipe, pipe / bare);
            }
            for (int round = 0; round <= ROUNDS; round++) {
                boolean bareFirst = round % 2 == 1;
                double bare = 0;
                double pipe = 0;
                for (int turn = 0; turn < 2; turn++) {
                    String topic = "produce-" + round + "-" + turn;
                    kafka.createTopic(topic, 1);
                    if ((turn == 0) == bareFirst) {
                        bare = produceBare(kafka, topic);
                    } else {
                        pipe = producePipeline(kafka, topic);
                    }
                }
                if (round > 0) {
                    produceRatios.add(pipe / bare);
                }
                System.out.printf("KAFKA-BENCH produce round %d (0: warm-up): bare producer loop %,.0f rec/s, toKafka %,.0f rec/s, "
                        + "ratio %.2f%n", round, bare, pipe, pipe / bare);
            }
            System.out.printf("KAFKA-BENCH median ratio (pipeline / bare, %d rounds, %,d records of %d B): ingest %.2f, "
                    + "produce %.2f%n", ROUNDS, RECORDS, PAYLOAD.length, median(ingestRatios), median(produceRatios));
        }
    }

    static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        Collections.sort(s);
        return s.get(s.size() / 2);
    }

    static Map<String, Object> consumerConfig(EmbeddedKafka kafka, String group) {
        Map<String, Object> c = kafka.consumerConfig(group);
        c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000); // what fromKafkaBatched's default batch size sets
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return c;
    }

    static double ingestBare(EmbeddedKafka kafka, String group) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerConfig(kafka, group),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of("ingest"));
            long count = 0;
            long sum = 0;
            long started = 0;
            while (count < RECORDS) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(100));
                if (records.isEmpty()) {
                    continue;
                }
                if (started == 0) {
                    started = System.nanoTime();
                }
                for (ConsumerRecord<byte[], byte[]> r : records) {
                    sum += r.value().length;
                    count++;
                }
                consumer.commitAsync();
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            assertEquals((long) RECORDS * PAYLOAD.length, sum);
            return RECORDS / seconds;
        }
    }

    static double ingestPipeline(EmbeddedKafka kafka, String group) throws InterruptedException {
        Scheduler loop = Schedulers.defaultScheduler();
        var source = Kafka.fromKafkaBatched("ingest", consumerConfig(kafka, group), KafkaSourceOptions.defaults(),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        source.withScheduler(loop);
        AtomicLong count = new AtomicLong();
        AtomicLong sum = new AtomicLong();
        AtomicLong started = new AtomicLong();
        CountDownLatch done = new CountDownLatch(1);
        source.map(batch -> {
            started.compareAndSet(0, System.nanoTime());
            long s = 0;
            for (int i = 0; i < batch.size(); i++) {
                s += batch.get(i).value().length;
            }
            count.addAndGet(batch.size());
            return s;
        }).sink(s -> {
            sum.addAndGet(s);
            if (count.get() >= RECORDS) {
                done.countDown();
            }
        });
        source.start();
        if (!done.await(120, TimeUnit.SECONDS)) {
            throw new AssertionError("the pipeline read " + count.get() + " of " + RECORDS);
        }
        long end = System.nanoTime();
        source.stop();
        assertEquals((long) RECORDS * PAYLOAD.length, sum.get());
        // Timed from the first batch's arrival, as the bare loop is from its first non-empty poll.
        return RECORDS / ((end - started.get()) / 1e9);
    }

    static Map<String, Object> producerConfig(EmbeddedKafka kafka) {
        Map<String, Object> c = kafka.producerConfig();
        c.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        c.put(ProducerConfig.BATCH_SIZE_CONFIG, 64 * 1024);
        return c;
    }

    static double produceBare(EmbeddedKafka kafka, String topic) throws InterruptedException {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerConfig(kafka),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            CountDownLatch acked = new CountDownLatch(RECORDS);
            long started = System.nanoTime();
            for (int i = 0; i < RECORDS; i++) {
                producer.send(new ProducerRecord<>(topic, PAYLOAD), (m, e) -> acked.countDown());
            }
            acked.await();
            return RECORDS / ((System.nanoTime() - started) / 1e9);
        }
    }

    static double producePipeline(EmbeddedKafka kafka, String topic) throws InterruptedException {
        List<byte[]> payloads = Collections.nCopies(RECORDS, PAYLOAD);
        Stream<byte[]> source = Stream.fromIterable(payloads);
        source.withScheduler(Schedulers.defaultScheduler());
        KafkaSink<byte[]> sink = Kafka.toKafka(source, producerConfig(kafka), v -> new ProducerRecord<>(topic, v),
                new ByteArraySerializer(), new ByteArraySerializer(), 8_192);
        AtomicLong count = new AtomicLong();
        CountDownLatch done = new CountDownLatch(1);
        sink.sink(v -> {
            if (count.incrementAndGet() == RECORDS) {
                done.countDown();
            }
        });
        long started = System.nanoTime();
        source.start();
        if (!done.await(120, TimeUnit.SECONDS)) {
            throw new AssertionError("toKafka acknowledged " + count.get() + " of " + RECORDS);
        }
        double rate = RECORDS / ((System.nanoTime() - started) / 1e9);
        sink.close();
        return rate;
    }
}
