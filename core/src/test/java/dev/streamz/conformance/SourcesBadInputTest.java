package dev.streamz.conformance;

import dev.streamz.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad arguments to the source factories and sinkToTextFile: each message names the factory and argument. */
class SourcesBadInputTest {
    private static final Duration POLL = Duration.ofMillis(10);

    /** The null policy: a null argument is a NullPointerException, any other bad value an IllegalArgumentException. */
    private static void rejects(Executable call, String prefix) {
        boolean isNull = prefix.endsWith("must not be null") || prefix.endsWith(" is null");
        Class<? extends RuntimeException> type = isNull ? NullPointerException.class : IllegalArgumentException.class;
        RuntimeException e = assertThrows(type, call);
        assertTrue(e.getMessage().startsWith(prefix), "message should start with '" + prefix + "' but was: "
                + e.getMessage());
    }

    @Test
    void iterableAndIterator() {
        rejects(() -> Stream.fromIterable(null), "fromIterable: iterable must not be null");
        rejects(() -> Stream.fromIterator((Iterator<Object>) null), "fromIterator: iterator must not be null");
    }

    @Test
    void periodic() {
        Supplier<Integer> one = () -> 1;
        rejects(() -> Stream.fromPeriodic(null, POLL), "fromPeriodic: callback must not be null");
        rejects(() -> Stream.fromPeriodic(one, (Duration) null), "fromPeriodic: interval must not be null");
        rejects(() -> Stream.fromPeriodic(one, Duration.ZERO), "fromPeriodic: interval must be positive");
        rejects(() -> Stream.fromPeriodic(one, Duration.ofMillis(-5)), "fromPeriodic: interval must be positive");
        rejects(() -> Stream.fromPeriodic(one, "soon"), "fromPeriodic: interval: expected a duration");
        rejects(() -> Stream.fromPeriodic(one, "0ms"), "fromPeriodic: interval must be positive");
        rejects(() -> Stream.fromPeriodic(one, (String) null), "fromPeriodic: interval must not be null");
    }

    @Test
    void textFile(@TempDir Path dir) {
        Path f = dir.resolve("f.txt");
        rejects(() -> Stream.fromTextFile(null), "fromTextFile: path must not be null");
        rejects(() -> Stream.fromTextFile(f, Duration.ZERO, "\n", false), "fromTextFile: pollInterval must be positive");
        rejects(() -> Stream.fromTextFile(f, (Duration) null, "\n", false), "fromTextFile: pollInterval must not be null");
        rejects(() -> Stream.fromTextFile(f, POLL, "", false), "fromTextFile: delimiter must not be empty");
        rejects(() -> Stream.fromTextFile(f, POLL, null, false), "fromTextFile: delimiter must not be null");
        rejects(() -> Stream.fromTextFile(f, "often", "\n", false), "fromTextFile: pollInterval: expected a duration");
    }

    @Test
    void filenames(@TempDir Path dir) {
        rejects(() -> Stream.filenames(null), "filenames: globOrDir must not be null");
        rejects(() -> Stream.filenames(""), "filenames: globOrDir must not be empty");
        rejects(() -> Stream.filenames(dir.toString(), Duration.ZERO), "filenames: pollInterval must be positive");
        rejects(() -> Stream.filenames(dir + "/[x", POLL), "filenames: malformed glob");
    }

    @Test
    void process() {
        rejects(() -> Stream.fromProcess((List<String>) null), "fromProcess: command must not be null");
        rejects(() -> Stream.fromProcess(List.of()), "fromProcess: command must name a program");
        rejects(() -> Stream.fromProcess(List.of("")), "fromProcess: command must name a program");
        rejects(() -> Stream.fromProcess(Arrays.asList("sh", null)), "fromProcess: command: argument 1 is null");
        rejects(() -> Stream.fromProcess((String) null), "fromProcess: command must not be null");
        rejects(() -> Stream.fromProcess(""), "fromProcess: command must not be empty");
        rejects(() -> Stream.fromProcess("echo \"unterminated"), "fromProcess: unterminated \"");
    }

    @Test
    void tcp() {
        rejects(() -> Stream.fromTcp(-1), "fromTcp: port must be between 0 and 65535");
        rejects(() -> Stream.fromTcp(65536), "fromTcp: port must be between 0 and 65535");
        rejects(() -> Stream.fromTcp(0, (byte) '\n', null, 10), "fromTcp: bindAddress must not be null");
        rejects(() -> Stream.fromTcp(0, (byte) '\n', " ", 10), "fromTcp: bindAddress must not be blank");
        rejects(() -> Stream.fromTcp(0, (byte) '\n', "127.0.0.1", 0), "fromTcp: maxFrameBytes must be positive");
    }

    @Test
    void http() {
        rejects(() -> Stream.fromHttpServer(-1, "/.*"), "fromHttpServer: port must be between 0 and 65535");
        rejects(() -> Stream.fromHttpServer(0, null), "fromHttpServer: pathRegex must not be null");
        rejects(() -> Stream.fromHttpServer(0, "/(unclosed"), "fromHttpServer: pathRegex: malformed regular expression");
        rejects(() -> Stream.fromHttpServer(0, "/.*", null, 10), "fromHttpServer: bindAddress must not be null");
        rejects(() -> Stream.fromHttpServer(0, "/.*", "127.0.0.1", -3), "fromHttpServer: maxBodyBytes must be positive");
    }

    @Test
    void queue() {
        BlockingQueue<String> q = new LinkedBlockingQueue<>();
        rejects(() -> Stream.fromQueue(null), "fromQueue: queue must not be null");
        rejects(() -> Stream.fromQueue(q, Duration.ZERO), "fromQueue: pollInterval must be positive");
        rejects(() -> Stream.fromQueue(q, "-1ms"), "fromQueue: pollInterval: expected a duration");
    }

    @Test
    void sinkToTextFile(@TempDir Path dir) {
        Stream<Integer> s = Stream.create();
        rejects(() -> s.sinkToTextFile(null), "sinkToTextFile: path must not be null");
        rejects(() -> s.sinkToTextFile(dir.resolve("f"), null, true), "sinkToTextFile: end must not be null");
        rejects(() -> s.sinkToTextFile(dir), "sinkToTextFile: cannot open " + dir);
        rejects(() -> s.sinkToTextFile(dir.resolve("no/such/dir/f.txt"), "\n", false), "sinkToTextFile: cannot open");
        assertEquals(List.of(), s.downstreams(), "a sink that could not open its file is not left attached");
    }
}
