package dev.streamz.internal.sources;

import dev.streamz.Scheduler;
import dev.streamz.StreamException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

/**
 * {@code fromTextFile} (I06-I08, I18, I19): tails a UTF-8 text file the way {@code tail -F} does. The file
 * stays open between polls; each poll reads the bytes appended since the last one and splits them on
 * the delimiter; each element is one line <em>including</em> its delimiter, and a trailing partial line
 * waits for its delimiter (a delimiter or a multi-byte character split across reads is handled: splitting
 * happens on bytes, decoding on whole lines). Lines are emitted one at a time with back pressure; when
 * nothing new is there the source polls again after the poll interval.
 *
 * <p><b>Rotation and truncation</b> (I19). When the path names another file (its file key changed: a
 * rename and create, as {@code logrotate} does), the open file is read to its end first, lines appended to
 * it meanwhile included, and then the new file is read from its beginning. When the file shrank, or the
 * bytes just before the read position changed (a truncate and rewrite between two polls), reading
 * restarts at its beginning. A last line without delimiter in a rotated or truncated file is emitted as
 * it is.
 *
 * <p><b>Limits</b> (I18). A line longer than the maximum (delimiter included) is reported to the error
 * handler with the file and its offset, and skipped; the following lines are kept. Memory stays bounded
 * by the maximum plus one read chunk.
 *
 * <p>The file must exist when the source starts ({@code start()} throws otherwise). If the path stays
 * missing for ten poll intervals (after the open file was read to its end) the error is reported and the
 * source stops. A restart continues from the last offset if the path still names the same file. With
 * {@code fromEnd}, the content present at the first start is skipped. An error (an
 * {@code OutOfMemoryError} included) is reported and moves the source to its failed state.
 */
public final class TextFileSource extends ScheduledSource<String> {
    private static final int CHUNK = 64 * 1024;
    /** How much one poll reads at most before it emits what it has. */
    private static final int MAX_PER_POLL = 16 * CHUNK;
    /** How many bytes before the read position are compared to detect a rewrite. */
    private static final int FINGERPRINT = 64;
    /** Polls the path may stay missing before the source gives up. */
    private static final int MISSING_POLLS = 10;

    private final Path path;
    private final Duration pollInterval;
    private final byte[] delimiter;
    private final boolean fromEnd;
    private final int maxLineBytes;

    // Read and written on the scheduler only (and in prepare() before the first run).
    private FileChannel ch;
    private Object key;
    private long offset;
    private boolean positioned;
    private ByteBuf pending = new ByteBuf();
    private int scanned;
    /** Skipping the rest of an over-long line: bytes are dropped until the next delimiter. */
    private boolean skipping;
    private int missingPolls;
    private final byte[] seen = new byte[FINGERPRINT];
    private int seenLen;
    private final ArrayDeque<String> lines = new ArrayDeque<>();
    private final ByteBuffer chunk = ByteBuffer.allocate(CHUNK);
    private final ByteBuffer check = ByteBuffer.allocate(FINGERPRINT);

    /**
     * @param path the file
     * @param pollInterval wait between polls that found nothing new
     * @param delimiter the line delimiter, not empty
     * @param fromEnd skip the content present at the first start
     * @param maxLineBytes the longest line emitted, delimiter included; longer ones are reported and skipped
     */
    public TextFileSource(Path path, Duration pollInterval, String delimiter, boolean fromEnd, int maxLineBytes) {
        super("from_textfile", Map.of("path", path, "poll_interval", pollInterval, "delimiter", delimiter,
                "from_end", fromEnd, "max_line_bytes", maxLineBytes));
        this.path = path;
        this.pollInterval = pollInterval;
        this.delimiter = delimiter.getBytes(StandardCharsets.UTF_8);
        this.fromEnd = fromEnd;
        this.maxLineBytes = maxLineBytes;
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
                    key = Files.readAttributes(path, BasicFileAttributes.class).fileKey();
                } catch (IOException e) {
                    throw new IllegalArgumentException("fromTextFile: cannot read the size of " + path, e);
                }
            }
            positioned = true;
        }
    }

    @Override
    void begin() {
        closeChannel(); // reopened by the first poll, which checks whether the path still names the same file
        missingPolls = 0;
    }

    @Override
    void stopped() {
        Scheduler s = runScheduler();
        if (s != null) {
            s.execute(() -> {
                if (isStopped()) {
                    closeChannel();
                }
            });
        }
    }

    @Override
    void released() {
        closeChannel();
        lines.clear();
        pending = new ByteBuf(); // a failed run may have held a large buffer
        scanned = 0;
    }

    @Override
    Object next() throws IOException {
        if (lines.isEmpty()) {
            Object more = read();
            if (more == AGAIN && lines.isEmpty()) {
                return AGAIN;
            }
        }
        String line = lines.poll();
        return line == null ? IDLE : line;
    }

    /** @return {@link #AGAIN} if a full poll's worth was read (more may be waiting), else null */
    private Object read() throws IOException {
        if (ch == null && !open()) {
            return null;
        }
        // Same file: did it shrink, or were the bytes before our position rewritten?
        if (ch.size() < offset || !unchanged()) {
            restart();
        }
        int n = readAvailable();
        if (n >= MAX_PER_POLL) {
            return AGAIN;
        }
        if (n > 0) {
            return null;
        }
        // At the end of the open file: has the path moved on to another file?
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(path, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            missing(e);
            return null;
        }
        missingPolls = 0;
        if (!Objects.equals(a.fileKey(), key) || a.fileKey() == null && a.size() < offset) {
            // Rotated: the old file is read to its end (lines appended since the check above included)
            // before the new one is opened.
            if (readAvailable() > 0) {
                return null;
            }
            flushPartial();
            closeChannel();
            offset = 0;
            seenLen = 0;
            if (open()) {
                return readAvailable() >= MAX_PER_POLL ? AGAIN : null;
            }
        }
        return null;
    }

    private boolean open() throws IOException {
        FileChannel c;
        try {
            c = FileChannel.open(path, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            missing(e);
            return false;
        }
        missingPolls = 0;
        Object k = Files.readAttributes(path, BasicFileAttributes.class).fileKey();
        if (key != null && !key.equals(k)) { // replaced while stopped: the new file starts at its beginning
            offset = 0;
            seenLen = 0;
            pending.clear();
            scanned = 0;
            skipping = false;
        }
        ch = c;
        key = k;
        return true;
    }

    private void missing(NoSuchFileException e) throws IOException {
        if (++missingPolls >= MISSING_POLLS) {
            throw new IOException("fromTextFile: " + path + " has been missing for " + MISSING_POLLS
                    + " polls", e);
        }
    }

    private boolean unchanged() throws IOException {
        if (seenLen == 0) {
            return true;
        }
        check.clear().limit(seenLen);
        long at = offset - seenLen;
        while (check.hasRemaining()) {
            int n = ch.read(check, at + check.position());
            if (n < 0) {
                return false;
            }
        }
        return Arrays.equals(check.array(), 0, seenLen, seen, 0, seenLen);
    }

    private void restart() {
        flushPartial();
        offset = 0;
        seenLen = 0;
    }

    /** Emits a partial last line as it is (its file was rotated or truncated) and resets the line state. */
    private void flushPartial() {
        if (pending.size() > 0 && !skipping) {
            lines.add(new String(pending.takeAll(), StandardCharsets.UTF_8));
        }
        pending.clear();
        scanned = 0;
        skipping = false;
    }

    /** Reads up to one poll's worth from the open file at the offset; @return the bytes read */
    private int readAvailable() throws IOException {
        int total = 0;
        while (total < MAX_PER_POLL) {
            chunk.clear();
            int n = ch.read(chunk, offset);
            if (n <= 0) {
                break;
            }
            remember(chunk.array(), n);
            offset += n;
            total += n;
            pending.append(chunk.array(), 0, n);
            split();
            if (!lines.isEmpty() && n < CHUNK) {
                break;
            }
        }
        return total;
    }

    /** Keeps the last bytes read, to detect a rewrite of what was already read. */
    private void remember(byte[] b, int n) {
        if (n >= FINGERPRINT) {
            System.arraycopy(b, n - FINGERPRINT, seen, 0, FINGERPRINT);
            seenLen = FINGERPRINT;
            return;
        }
        int keep = Math.min(seenLen, FINGERPRINT - n);
        System.arraycopy(seen, seenLen - keep, seen, 0, keep);
        System.arraycopy(b, 0, seen, keep, n);
        seenLen = keep + n;
    }

    private void split() {
        int at;
        while ((at = pending.indexOf(delimiter, scanned)) >= 0) {
            int len = at + delimiter.length;
            if (skipping) {
                pending.drop(len);
                skipping = false;
            } else if (len > maxLineBytes) {
                pending.drop(len);
                tooLong(len);
            } else {
                lines.add(new String(pending.take(len), StandardCharsets.UTF_8));
            }
            scanned = 0;
        }
        if (!skipping && pending.size() > maxLineBytes) {
            tooLong(pending.size());
            skipping = true;
        }
        if (skipping && pending.size() >= delimiter.length) {
            // Keep only what may be the start of the delimiter; the rest of the long line is dropped.
            pending.drop(pending.size() - delimiter.length + 1);
            if (pending.capacity() > CHUNK * 2) {
                byte[] tail = pending.takeAll();
                pending = new ByteBuf();
                pending.append(tail, 0, tail.length);
            }
        }
        // The end of the buffer may hold the start of a delimiter: rescan those bytes next time.
        scanned = Math.max(0, pending.size() - delimiter.length + 1);
    }

    private void tooLong(long seenBytes) {
        Scheduler s = runScheduler();
        if (s != null) {
            s.reportError(new StreamException(this, "fromTextFile: a line in " + path + " ending before offset "
                    + offset + " is longer than the maximum of " + maxLineBytes + " bytes (" + seenBytes
                    + " bytes or more); skipped", null));
        }
    }

    private void closeChannel() {
        FileChannel c = ch;
        ch = null;
        if (c != null) {
            try {
                c.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
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
