package dev.streamz.kafka;

import dev.streamz.Scheduler;
import dev.streamz.Schedulers;
import dev.streamz.StreamException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * What the Kafka test classes share: a real in-process broker per test class, an event loop whose reported
 * errors are collected (and cleared before each test), fresh topic and group names, quick source options,
 * and a bounded wait.
 */
abstract class KafkaFixture {
    static EmbeddedKafka kafka;
    static final List<StreamException> errors = new CopyOnWriteArrayList<>();
    static Scheduler loop;
    static final AtomicInteger names = new AtomicInteger();

    @BeforeAll
    static void startBroker() {
        kafka = EmbeddedKafka.start();
        loop = Schedulers.newEventLoop("kafka-test", errors::add);
    }

    @AfterAll
    static void stopBroker() {
        kafka.close();
    }

    @BeforeEach
    void clearErrors() {
        errors.clear();
    }

    static String fresh(String prefix) {
        return prefix + "-" + names.incrementAndGet();
    }

    static KafkaSourceOptions quick() {
        return KafkaSourceOptions.defaults().withPollInterval(Duration.ofMillis(20)).withStartTimeout(Duration.ofSeconds(20));
    }

    /** Waits (on real threads: the broker runs on its own) until {@code condition} holds, at most 30 s. */
    static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what + "; errors: " + errors);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    /** A batched source of string records on the shared loop. */
    static KafkaSource<List<ConsumerRecord<String, String>>> batched(String topic, String group, KafkaSourceOptions o) {
        KafkaSource<List<ConsumerRecord<String, String>>> s = Kafka.fromKafkaBatched(topic, kafka.consumerConfig(group),
                o, new StringDeserializer(), new StringDeserializer());
        s.withScheduler(loop);
        return s;
    }
}
