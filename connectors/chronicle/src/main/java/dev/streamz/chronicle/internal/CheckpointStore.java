package dev.streamz.chronicle.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The durable checkpoint of a named replay: one memory-mapped file of 16 bytes, the committed index and
 * its complement. A store into a mapping is in the page cache as soon as it is made, so it survives the
 * process being killed; the complement tells a valid record from a file that was never written. One
 * 8-byte aligned store cannot tear, and the index is written before its complement, so a reader sees
 * either the old pair or the new one (a half-updated pair fails the check and counts as the old value is
 * lost, which only re-reads excerpts: at-least-once).
 */
public final class CheckpointStore implements AutoCloseable {
    /** The suffix of checkpoint files. */
    public static final String SUFFIX = ".streamz-checkpoint";
    /** No committed excerpt yet. */
    public static final long NONE = Long.MIN_VALUE;

    private final Path file;
    private final FileChannel channel;
    private final MappedByteBuffer map;

    /**
     * Opens (creating) the checkpoint file.
     *
     * @param dir the directory
     * @param name the replay's name
     */
    public CheckpointStore(Path dir, String name) {
        this.file = dir.resolve(name + SUFFIX);
        try {
            Files.createDirectories(dir);
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            map = channel.map(FileChannel.MapMode.READ_WRITE, 0, 16);
            map.order(ByteOrder.LITTLE_ENDIAN);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the checkpoint file " + file + ": " + e.getMessage(), e);
        }
    }

    /** @return the file */
    public Path file() {
        return file;
    }

    /** @return the committed index, or {@link #NONE} */
    public synchronized long read() {
        long index = map.getLong(0);
        long check = map.getLong(8);
        return check == ~index && !(index == 0 && check == 0) ? index : NONE;
    }

    /** @param index the committed index */
    public synchronized void write(long index) {
        map.putLong(0, index);
        map.putLong(8, ~index);
    }

    /** Forgets the checkpoint. */
    public synchronized void clear() {
        map.putLong(0, 0);
        map.putLong(8, 0);
    }

    @Override
    public synchronized void close() {
        try {
            map.force();
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the checkpoint file " + file + ": " + e.getMessage(), e);
        }
    }
}
