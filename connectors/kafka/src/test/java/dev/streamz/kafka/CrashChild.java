package dev.streamz.kafka;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The consumer pipeline that {@link KafkaCrashTest} runs in a child JVM and kills: fromKafkaBatched → a
 * sink appending each batch's values to a file (one unbuffered write per batch, so what was written
 * survives a SIGKILL), releasing the batch once written.
 */
public final class CrashChild {
    /** Batch size of the child's source. */
    static final int BATCH = 100;
    /** The child's bound on uncommitted batches. */
    static final int MAX_UNCOMMITTED = 8;

    private CrashChild() {
    }

    /**
     * @param args bootstrap servers, topic, group, output file
     * @throws Exception never returns normally
     */
    public static void main(String[] args) throws Exception {
        Map<String, Object> c = new HashMap<>();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]);
        c.put(ConsumerConfig.GROUP_ID_CONFIG, args[2]);
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // Static membership: the restarted process takes the killed one's place without waiting for its
        // session to expire.
        c.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, "crash-child");
        c.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000);
        KafkaSourceOptions o = KafkaSourceOptions.defaults().withPollInterval(Duration.ofMillis(20))
                .withMaxBatchSize(BATCH).withMaxUncommittedBatches(MAX_UNCOMMITTED);
        var source = Kafka.fromKafkaBatched(args[1], c, o, new StringDeserializer(), new StringDeserializer());
        FileChannel out = FileChannel.open(Path.of(args[3]), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
        source.sink(batch -> {
            StringBuilder sb = new StringBuilder();
            for (ConsumerRecord<String, String> r : batch) {
                sb.append(r.value()).append('\n');
            }
            try {
                ByteBuffer buf = ByteBuffer.wrap(sb.toString().getBytes(StandardCharsets.UTF_8));
                while (buf.hasRemaining()) {
                    out.write(buf);
                }
                Thread.sleep(3); // a slow sink, so that the parent can kill it mid-stream
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        source.start();
        System.out.println("started");
        Thread.sleep(Long.MAX_VALUE);
    }
}
