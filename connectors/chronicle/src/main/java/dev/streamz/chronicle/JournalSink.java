package dev.streamz.chronicle;

import dev.streamz.Stream;
import dev.streamz.StreamException;
import dev.streamz.chronicle.internal.BytesOut;
import dev.streamz.chronicle.internal.Checksums;
import dev.streamz.chronicle.internal.Journals;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * A sink that appends every element to a Chronicle Queue journal, as one excerpt holding its append time
 * and the codec's payload. Made by {@link Chronicle#sinkToChronicle(Stream, Path, ExcerptCodec, JournalOptions)}.
 *
 * <p>The append happens on the thread that delivers the element, before {@code update} returns, so an
 * element the sink accepted is in the journal (in the page cache at least; see {@link Durability}).
 * Appends from several threads are serialized. A codec that throws fails the emission with a
 * {@link StreamException} naming this node; nothing is appended for that element.
 * {@link #destroy()} (or {@link #close()}) detaches the sink and closes the journal cleanly; it is
 * idempotent.
 *
 * @param <T> the element type
 */
public final class JournalSink<T> extends Stream<T> implements AutoCloseable {
    private final Path dir;
    private final ExcerptCodec<? super T> codec;
    private final Durability durability;
    private final LongSupplier clock;
    private final SingleChronicleQueue queue;
    private final ExcerptAppender appender;
    private final BytesOut out = new BytesOut();
    /** Null when the journal is written without checksums. */
    private final Checksums checksums;
    private long appended;
    private long lastIndex = -1;
    private boolean closed;

    JournalSink(Stream<? extends T> upstream, Path dir, ExcerptCodec<? super T> codec, JournalOptions options) {
        super("sink_to_chronicle", Map.of("dir", dir.toString(), "codec", codec.name(),
                "roll_cycle", options.rollCycle().name(), "durability", options.durability().name()));
        this.dir = dir;
        this.codec = codec;
        this.durability = options.durability();
        this.clock = options.clock();
        this.checksums = options.checksum() ? new Checksums() : null;
        this.queue = Journals.openForAppend(dir, options);
        ExcerptAppender a;
        try {
            a = queue.createAppender();
            // Appends are serialized by this sink's lock, so any thread may use the appender.
            a.singleThreadedCheckDisabled(true);
        } catch (RuntimeException e) {
            queue.close();
            throw e;
        }
        this.appender = a;
        upstream.connect(this);
    }

    @Override
    @SuppressWarnings("unchecked")
    public synchronized void update(Object x, List<Map<String, Object>> metadata, Stream<?> from) {
        if (closed) {
            throw new StreamException(this, "the journal " + dir + " was closed (the sink was destroyed)", null);
        }
        long time = clock.getAsLong();
        try (DocumentContext dc = appender.writingDocument()) {
            Bytes<?> b = dc.wire().bytes();
            boolean sum = checksums != null && time >= 0 && time <= Journals.TIME_MASK;
            long wordAt = b.writePosition();
            b.writeLong(sum ? time | Journals.CHECKSUM_FLAG : time);
            if (sum) {
                b.writeInt(0); // filled in below, once the payload is written
            }
            out.wrap(b);
            try {
                codec.encode((T) x, out);
                if (sum) {
                    long payloadAt = wordAt + Journals.TIME_BYTES + Journals.CHECKSUM_BYTES;
                    b.writeInt(wordAt + Journals.TIME_BYTES, checksums.of(b, wordAt, payloadAt, b.writePosition()));
                }
            } catch (RuntimeException e) {
                dc.rollbackOnClose();
                throw new StreamException(this, "codec '" + codec.name() + "' failed to encode an element for "
                        + dir, e);
            } finally {
                out.clear();
            }
        }
        lastIndex = appender.lastIndexAppended();
        appended++;
        if (durability == Durability.SYNC_EACH) {
            appender.sync();
        }
    }

    /**
     * Returns the Chronicle index of the last excerpt this sink appended, or -1.
     *
     * @return the Chronicle index of the last excerpt this sink appended, or -1
     */
    public synchronized long lastIndex() {
        return lastIndex;
    }

    /**
     * Returns how many excerpts this sink appended.
     *
     * @return how many excerpts this sink appended
     */
    public synchronized long appended() {
        return appended;
    }

    /**
     * Returns the journal's directory.
     *
     * @return the journal's directory
     */
    public Path dir() {
        return dir;
    }

    /** Detaches the sink and closes the journal (forcing it to the device first with {@link Durability#SYNC_ON_CLOSE}). */
    @Override
    public void destroy() {
        super.destroy();
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            try {
                if (durability != Durability.PAGE_CACHE && appended > 0) {
                    appender.sync();
                }
            } finally {
                appender.close();
                queue.close();
            }
        }
    }

    /** Same as {@link #destroy()}. */
    @Override
    public void close() {
        destroy();
    }
}
