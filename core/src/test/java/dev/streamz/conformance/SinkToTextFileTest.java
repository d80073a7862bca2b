package dev.streamz.conformance;

import dev.streamz.Sink;
import dev.streamz.Stream;
import dev.streamz.StreamException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * B21 / B22: {@code sinkToTextFile}.
 *
 * <p>DELIBERATE DIFFERENCE: streamz writes {@code x + end}, so a non-string element is an error there; we
 * write {@code String.valueOf(x) + end}. We also flush after each element, so the file is current
 * without an explicit flush.
 */
class SinkToTextFileTest {

    @Test
    void B21_writesEachElementAndEnd_appendingByDefault(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("out.txt");
        Files.writeString(f, "before\n");
        Stream<Integer> s = Stream.create();
        Sink<Integer> sink = s.map(x -> x).sinkToTextFile(f);
        s.emit(0);
        s.emit(1);
        assertEquals("before\n0\n1\n", Files.readString(f), "appended and flushed per element");
        sink.destroy();
        s.emit(2);
        assertEquals("before\n0\n1\n", Files.readString(f), "a destroyed sink receives nothing");
    }

    @Test
    void B21_customEnd(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("out.txt");
        Stream<Integer> s = Stream.create();
        Sink<Integer> sink = s.sinkToTextFile(f, ";", true);
        s.emit(1);
        s.emit(2);
        sink.destroy();
        assertEquals("1;2;", Files.readString(f));
    }

    @Test
    void B21_closedOnDestroy_writingAfterwardsIsAnError(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("out.txt");
        Stream<String> s = Stream.create();
        Sink<String> sink = s.sinkToTextFile(f, "\n", false);
        s.emit("a");
        sink.destroy();
        sink.destroy(); // idempotent
        StreamException e = assertThrows(StreamException.class, () -> sink.node().update("b", List.of(), s));
        assertTrue(e.getMessage().contains("is closed"), e.getMessage());
        assertEquals("a\n", Files.readString(f));
        Files.delete(f); // closed: nothing holds the file any more
    }

    @Test
    void B21_utf8(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("out.txt");
        Stream<String> s = Stream.create();
        Sink<String> sink = s.sinkToTextFile(f, "\n", false);
        s.emit("été ✓");
        sink.destroy();
        assertArrayEquals("été ✓\n".getBytes(StandardCharsets.UTF_8), Files.readAllBytes(f));
    }

    @Test
    void B22_truncateMode(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("out.txt");
        Files.writeString(f, "old content\n");
        Stream<String> s = Stream.create();
        Sink<String> sink = s.sinkToTextFile(f, "\n", false);
        s.emit("a");
        s.emit("b");
        sink.destroy();
        assertEquals("a\nb\n", Files.readString(f));
    }

    @Test
    void B21_nonStringElementsAreWrittenWithValueOf(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("out.txt");
        Stream<Object> s = Stream.create();
        Sink<Object> sink = s.sinkToTextFile(f, "\n", false);
        s.emit(List.of(1, 2));
        s.emit(null);
        sink.destroy();
        assertEquals("[1, 2]\nnull\n", Files.readString(f));
    }
}
