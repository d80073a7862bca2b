package dev.streamz.internal.sources;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Map;

/**
 * {@code fromTextFile} (I06-I08): tails a UTF-8 text file. Each poll opens the file, reads the bytes
 * appended since the last offset and splits them on the delimiter; each element is one line
 * <em>including</em> its delimiter, and a trailing partial line waits for its delimiter (a delimiter or
 * a multi-byte character split across reads is handled: splitting happens on bytes, decoding on whole
 * lines). Lines are emitted one at a time with back pressure; when nothing new is there the source
 * polls again after the poll interval.
 *
 * <p>The file must exist when the source starts ({@code start()} throws otherwise). If it disappears
 * later, the error is reported and the source stops; if it shrinks (truncated), reading restarts at its
 * beginning. A restart continues from the last offset. With {@code fromEnd}, the content present at the
 * first start is skipped.
 */
public final class TextFileSource extends ScheduledSource<String> {
    private static final int CHUNK = 64 * 1024;
    /** How much one poll reads at most before it emits what it has. */
    private static final int MAX_PER_POLL = 16 * CHUNK;

    private final Path path;
    private final Duration pollInterval;
    private final byte[] delimiter;
    private final boolean fromEnd;

    // Read and written on the scheduler only (and in prepare() before the first run).
    private long offset;
    private boolean positioned;
    private final ByteBuf pending = new ByteBuf();
    private int scanned;
    private final ArrayDeque<String> lines = new ArrayDeque<>();
    private final ByteBuffer chunk = ByteBuffer.allocate(CHUNK);

    /**
     * @param path the file
     * @param pollInterval wait between polls that found nothing new
     * @param delimiter the line delimiter, not empty
     * @param fromEnd skip the content present at the first start
     */
    public TextFileSource(Path path, Duration pollInterval, String delimiter, boolean fromEnd) {
        super("from_textfile", Map.of("path", path, "poll_interval", pollInterval, "delimiter", delimiter,
                "from_end", fromEnd));
        this.path = path;
        this.pollInterval = pollInterval;
        this.delimiter = delimiter.getBytes(StandardCharsets.UTF_8);
        this.fromEnd = fromEnd;
    }

    @Override
    void prepare() {
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw new IllegalArgumentException("fromTextFile: " + path + " does not exist or is not a readable file");
        }
        if (!positioned) {
            if (fromEnd) {
                try {
                    offset = Files.size(path);
                } catch (IOException e) {
                    throw new IllegalArgumentException("fromTextFile: cannot read the size of " + path, e);
                }
            }
            positioned = true;
        }
    }

    @Override
    Object next() throws IOException {
        if (lines.isEmpty()) {
            read();
        }
        String line = lines.poll();
        return line == null ? IDLE : line;
    }

    private void read() throws IOException {
        try (SeekableByteChannel ch = Files.newByteChannel(path, StandardOpenOption.READ)) {
            if (ch.size() < offset) { // truncated: start again at the beginning
                offset = 0;
                pending.clear();
                scanned = 0;
            }
            ch.position(offset);
            int total = 0;
            while (total < MAX_PER_POLL) {
                chunk.clear();
                int n = ch.read(chunk);
                if (n <= 0) {
                    break;
                }
                offset += n;
                total += n;
                pending.append(chunk.array(), 0, n);
                split();
                if (!lines.isEmpty() && n < CHUNK) {
                    break;
                }
            }
        }
    }

    private void split() {
        int at;
        while ((at = pending.indexOf(delimiter, scanned)) >= 0) {
            lines.add(new String(pending.take(at + delimiter.length), StandardCharsets.UTF_8));
            scanned = 0;
        }
        // The end of the buffer may hold the start of a delimiter: rescan those bytes next time.
        scanned = Math.max(0, pending.size() - delimiter.length + 1);
    }

    @Override
    Duration idleDelay() {
        return pollInterval;
    }

    @Override
    String failureDetail() {
        return "fromTextFile: cannot read " + path;
    }
}
