package dev.streamz.kafka;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Crash, nothing lost: a consumer pipeline in a child JVM ({@link CrashChild}) is killed with SIGKILL
 * mid-stream at a seeded point, then restarted; the union of what its sink wrote covers every record, and
 * the duplicates are bounded by what can be uncommitted at the kill.
 */
class KafkaCrashTest {
    static final int N = 20_000;
    static EmbeddedKafka kafka;

    @BeforeAll
    static void startBroker() {
        kafka = EmbeddedKafka.start();
    }

    @AfterAll
    static void stopBroker() {
        kafka.close();
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {11, 42})
    void aKilledConsumerRestartsWithoutLosingARecord(long seed, @TempDir Path dir) throws Exception {
        String topic = "crash-" + seed;
        kafka.createTopic(topic, 2);
        try (KafkaProducer<String, String> p = new KafkaProducer<>(kafka.producerConfig(), new StringSerializer(),
                new StringSerializer())) {
            for (int i = 0; i < N; i++) {
                p.send(new ProducerRecord<>(topic, i % 2, null, Integer.toString(i)));
            }
        }
        int killAt = new Random(seed).nextInt(2_000, N - 4_000);
        Path file = dir.resolve("sink.txt");
        Process first = child(topic, file, dir.resolve("child-1.log"));
        int linesAtKill = waitForLines(file, killAt, first);
        first.destroyForcibly(); // SIGKILL: no shutdown hook, no final commit
        first.waitFor();
        assertTrue(linesAtKill < N, "the child finished before the kill point: nothing was tested");

        Process second = child(topic, file, dir.resolve("child-2.log"));
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (distinct(file).size() < N) {
                assertTrue(second.isAlive(), "the restarted child died: " + Files.readString(dir.resolve("child-2.log")));
                assertTrue(System.nanoTime() < deadline, "the restarted child did not read everything: "
                        + distinct(file).size() + " of " + N);
                Thread.sleep(20);
            }
        } finally {
            second.destroyForcibly();
            second.waitFor();
        }
        List<String> lines = lines(file);
        Set<String> all = new HashSet<>(lines);
        for (int i = 0; i < N; i++) {
            assertTrue(all.contains(Integer.toString(i)), "record " + i + " lost");
        }
        int duplicates = lines.size() - all.size();
        // Read again after the kill: at most the uncommitted batches (plus one poll, and a commit in flight).
        int bound = 2 * (CrashChild.MAX_UNCOMMITTED + 2) * CrashChild.BATCH;
        System.out.printf("KAFKA-CRASH seed %d: killed at %d lines, %d lines in all, %d duplicates (bound %d)%n",
                seed, linesAtKill, lines.size(), duplicates, bound);
        assertTrue(duplicates <= bound, duplicates + " duplicates, more than the bound " + bound
                + " (killed at " + linesAtKill + " lines)");
    }

    private static Process child(String topic, Path file, Path log) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx128m", "-cp", System.getProperty("java.class.path"),
                CrashChild.class.getName(), kafka.bootstrapServers(), topic, "crash-group-" + topic, file.toString()));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static int waitForLines(Path file, int n, Process p) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            int count = Files.exists(file) ? lines(file).size() : 0;
            if (count >= n) {
                return count;
            }
            assertTrue(p.isAlive(), "the child died before the kill point");
            assertTrue(System.nanoTime() < deadline, "the child wrote only " + count + " lines");
            Thread.sleep(2);
        }
    }

    private static List<String> lines(Path file) throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        String text = Files.readString(file, StandardCharsets.UTF_8);
        List<String> out = new ArrayList<>(text.lines().toList());
        if (!text.isEmpty() && !text.endsWith("\n")) {
            out.removeLast(); // a write the kill cut short
        }
        return out;
    }

    private static Set<String> distinct(Path file) throws IOException {
        return new HashSet<>(lines(file));
    }
}
