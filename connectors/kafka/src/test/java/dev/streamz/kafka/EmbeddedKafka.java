package dev.streamz.kafka;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Time;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Kafka broker in this JVM: KRaft combined mode (one node is broker and controller), listening on
 * free loopback ports, with its logs in a temporary folder that {@link #close()} deletes. Memory settings
 * are small (the log cleaner's dedupe buffer is the big default), so a broker costs about 200 MB and starts
 * in a couple of seconds. Tests start one per test class.
 *
 * <p>It uses the broker jars ({@code kafka_2.13}, {@code kafka-server}, {@code kafka-server-common}),
 * which are test dependencies only: the connector itself needs nothing but {@code kafka-clients}.
 */
public final class EmbeddedKafka implements AutoCloseable {
    private final Path dir;
    private final KafkaRaftServer server;
    private final String bootstrap;

    private EmbeddedKafka(Path dir, KafkaRaftServer server, String bootstrap) {
        this.dir = dir;
        this.server = server;
        this.bootstrap = bootstrap;
    }

    /**
     * Formats a fresh log folder and starts a broker on it.
     *
     * @return the running broker
     */
    public static EmbeddedKafka start() {
        try {
            Path dir = Files.createTempDirectory("streamz-kafka-");
            int brokerPort = freePort();
            int controllerPort = freePort();
            Properties p = new Properties();
            p.put("process.roles", "broker,controller");
            p.put("node.id", "1");
            p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
            p.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
            p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
            p.put("controller.listener.names", "CONTROLLER");
            p.put("inter.broker.listener.name", "PLAINTEXT");
            p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
            p.put("log.dirs", dir.resolve("logs").toString());
            p.put("auto.create.topics.enable", "false");
            p.put("offsets.topic.replication.factor", "1");
            p.put("offsets.topic.num.partitions", "1");
            p.put("transaction.state.log.replication.factor", "1");
            p.put("transaction.state.log.min.isr", "1");
            p.put("share.coordinator.state.topic.replication.factor", "1");
            p.put("share.coordinator.state.topic.min.isr", "1");
            p.put("group.initial.rebalance.delay.ms", "0");
            // Small memory: the cleaner's dedupe buffer defaults to 128 MB; few threads.
            p.put("log.cleaner.dedupe.buffer.size", String.valueOf(2 * 1024 * 1024));
            p.put("log.cleaner.threads", "1");
            p.put("num.network.threads", "2");
            p.put("num.io.threads", "2");
            p.put("background.threads", "2");
            p.put("num.recovery.threads.per.data.dir", "1");
            p.put("num.replica.fetchers", "1");
            p.put("log.segment.bytes", String.valueOf(64 * 1024 * 1024));
            Path config = dir.resolve("server.properties");
            try (Writer w = Files.newBufferedWriter(config, StandardCharsets.UTF_8)) {
                p.store(w, "streamz EmbeddedKafka");
            }
            ByteArrayOutputStream formatOut = new ByteArrayOutputStream();
            int rc = StorageTool.execute(new String[] {"format", "-t", Uuid.randomUuid().toString(), "-c",
                    config.toString(), "--ignore-formatted"}, new PrintStream(formatOut, true, StandardCharsets.UTF_8));
            if (rc != 0) {
                throw new IllegalStateException("kafka storage format failed (" + rc + "): "
                        + formatOut.toString(StandardCharsets.UTF_8));
            }
            KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(p, false), Time.SYSTEM);
            server.startup();
            EmbeddedKafka k = new EmbeddedKafka(dir, server, "127.0.0.1:" + brokerPort);
            k.awaitReady();
            return k;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private void awaitReady() {
        try (Admin admin = admin()) {
            admin.describeCluster().nodes().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            close();
            throw new IllegalStateException("embedded kafka did not become ready at " + bootstrap, e);
        }
    }

    /** @return {@code host:port} of the broker's listener */
    public String bootstrapServers() {
        return bootstrap;
    }

    /** @return an admin client; close it */
    public Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000));
    }

    /**
     * Creates a topic and waits until it exists.
     *
     * @param name the topic
     * @param partitions how many partitions
     */
    public void createTopic(String name, int partitions) {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create topic " + name, e);
        }
    }

    /**
     * @param group a consumer group
     * @param topic its topic
     * @return the group's committed offset per partition of {@code topic} (absent: nothing committed)
     */
    public Map<Integer, Long> committed(String group, String topic) {
        try (Admin admin = admin()) {
            Map<TopicPartition, OffsetAndMetadata> all = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
            Map<Integer, Long> out = new HashMap<>();
            all.forEach((tp, om) -> {
                if (tp.topic().equals(topic) && om != null) {
                    out.put(tp.partition(), om.offset());
                }
            });
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("cannot read offsets of group " + group, e);
        }
    }

    /** @return producer settings for this broker (byte[] keys and values unless overridden) */
    public Map<String, Object> producerConfig() {
        Map<String, Object> c = new HashMap<>();
        c.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        c.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        c.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        c.put(ProducerConfig.ACKS_CONFIG, "all");
        c.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        return c;
    }

    /**
     * @param group the consumer group
     * @return consumer settings for this broker: the group, reading from the earliest offset
     */
    public Map<String, Object> consumerConfig(String group) {
        Map<String, Object> c = new HashMap<>();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        c.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return c;
    }

    /**
     * Writes {@code values} as strings to {@code topic}, keyed {@code key + i} when {@code key} is set, and
     * waits for every acknowledgement.
     *
     * @param topic the topic
     * @param partition the partition, or {@code null} to let the key decide
     * @param values the values
     */
    public void produceStrings(String topic, Integer partition, List<String> values) {
        Map<String, Object> c = producerConfig();
        c.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        c.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> p = new KafkaProducer<>(c)) {
            for (String v : values) {
                p.send(new ProducerRecord<>(topic, partition, null, v));
            }
            p.flush();
        }
    }

    /**
     * Reads partition 0 of {@code topic} from its beginning with a plain consumer, until {@code expected}
     * values or 20 s.
     *
     * @param topic the topic
     * @param expected how many values to wait for
     * @return the values, as strings, in offset order
     */
    public List<String> readValues(String topic, int expected) {
        Map<String, Object> c = consumerConfig("reader-" + Uuid.randomUuid());
        try (org.apache.kafka.clients.consumer.KafkaConsumer<String, String> consumer =
                     new org.apache.kafka.clients.consumer.KafkaConsumer<>(c,
                             new org.apache.kafka.common.serialization.StringDeserializer(),
                             new org.apache.kafka.common.serialization.StringDeserializer())) {
            TopicPartition tp = new TopicPartition(topic, 0);
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            List<String> out = new java.util.ArrayList<>();
            long deadline = System.nanoTime() + java.time.Duration.ofSeconds(20).toNanos();
            while (out.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(java.time.Duration.ofMillis(100)).forEach(r -> out.add(r.value()));
            }
            return out;
        }
    }

    /** Stops the broker and deletes its files. */
    @Override
    public void close() {
        try {
            server.shutdown();
            server.awaitShutdown();
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            } catch (IOException ignored) {
                // a temp folder left behind is harmless
            }
        }
    }
}
