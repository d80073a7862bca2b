package dev.streamz.internal.sources;

import dev.streamz.Stream;
import dev.streamz.internal.NodeFigures;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;

/**
 * {@code sinkToTextFile} (B21, B22): writes {@code String.valueOf(x) + end} for each element, in UTF-8,
 * and flushes after each element so the file is always up to date. The file is opened when the sink is
 * built (appending or truncating) and closed by {@link #destroy()}; an element that arrives after that
 * is an error.
 *
 * @param <T> element type
 */
public final class TextFileSink<T> extends Stream<T> implements NodeFigures {
    private final Path path;
    private final String end;
    private final Writer writer;
    private long in; // guarded by this, as update is
    private boolean closed;

    /**
     * Opens the file, then attaches the sink (a file that cannot be opened leaves the graph as it was).
     *
     * @param upstream the stream to write
     * @param path the file, created if missing
     * @param end written after each element
     * @param append append to the file, else truncate it
     * @throws IllegalArgumentException if the file cannot be opened
     */
    public TextFileSink(Stream<T> upstream, Path path, String end, boolean append) {
        this.path = path;
        this.end = end;
        try {
            this.writer = append
                    ? Files.newBufferedWriter(path, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                            StandardOpenOption.WRITE, StandardOpenOption.APPEND)
                    : Files.newBufferedWriter(path, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                            StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("sinkToTextFile: cannot open " + path + " for writing: " + e, e);
        }
        super("sink_to_textfile", Map.of("path", path, "end", end, "append", append), upstream);
    }

    /**
     * Writes the element and its end marker, then flushes.
     *
     * @throws dev.streamz.StreamException if the file is closed or the write fails
     */
    @Override
    public synchronized void update(Object x, List<Map<String, Object>> metadata, Stream<?> from) {
        in++;
        if (closed) {
            throw badElement("sink_to_textfile: " + path + " is closed (the sink was destroyed)", null);
        }
        try {
            writer.write(String.valueOf(x));
            writer.write(end);
            writer.flush();
        } catch (IOException e) {
            throw badElement("sink_to_textfile: cannot write to " + path, e);
        }
    }

    /** Detaches the sink, then flushes and closes the file. Idempotent. */
    @Override
    public synchronized void destroy() {
        super.destroy();
        if (!closed) {
            closed = true;
            try {
                writer.close();
            } catch (IOException ignored) {
                // nothing more to do with a file we are letting go of
            }
        }
    }

    @Override
    public synchronized long elementsIn() {
        return in;
    }

    @Override
    public long elementsOut() {
        return 0; // a sink emits nothing
    }
}
