package dev.streamz.chronicle.internal;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.core.UnsafeMemory;

import java.util.zip.CRC32C;

/**
 * The optional payload checksum of an excerpt: CRC32C (a JDK intrinsic) over the excerpt's first word (the
 * flagged append time) and its payload, stored in the 4 bytes between them. One instance per writer or
 * reader, confined to its thread: it reuses its {@link CRC32C} and a small scratch array, so a checksum
 * allocates nothing.
 */
public final class Checksums {
    private final CRC32C crc = new CRC32C();
    private final byte[] scratch = new byte[4096];

    /**
     * Computes the checksum of {@code [wordAt, wordAt + 8)} and {@code [payloadAt, end)} of {@code b}, read
     * at those absolute offsets (the position of {@code b} does not move).
     *
     * @param b the excerpt's bytes
     * @param wordAt where the flagged time is
     * @param payloadAt where the payload starts
     * @param end where it ends
     * @return the CRC32C
     */
    public int of(Bytes<?> b, long wordAt, long payloadAt, long end) {
        crc.reset();
        update(b, wordAt, wordAt + Journals.TIME_BYTES);
        update(b, payloadAt, end);
        return (int) crc.getValue();
    }

    /**
     * Reads the checksum that follows an excerpt's flagged first word (just read from {@code b}) and checks
     * it against that word and the payload up to the read limit. Leaves {@code b} at the payload.
     *
     * @param b the excerpt's bytes, positioned after the first word
     * @return whether the checksum matches
     */
    public boolean verify(Bytes<?> b) {
        if (b.readRemaining() < Journals.CHECKSUM_BYTES) {
            return false;
        }
        long wordAt = b.readPosition() - Journals.TIME_BYTES;
        int stored = b.readInt();
        return of(b, wordAt, b.readPosition(), b.readLimit()) == stored;
    }

    /**
     * The same over memory: the checksum of the 8 bytes at {@code wordAddress} and the {@code payloadLength}
     * bytes at {@code payloadAddress} (an excerpt read straight from a mapped cycle file).
     *
     * @param wordAddress where the flagged time is
     * @param payloadAddress where the payload starts
     * @param payloadLength its length
     * @return the CRC32C
     */
    public int ofMemory(long wordAddress, long payloadAddress, long payloadLength) {
        crc.reset();
        update(wordAddress, Journals.TIME_BYTES);
        update(payloadAddress, payloadLength);
        return (int) crc.getValue();
    }

    private void update(long address, long length) {
        byte[] s = scratch;
        for (long done = 0; done < length; ) {
            int n = (int) Math.min(s.length, length - done);
            UnsafeMemory.MEMORY.readBytes(address + done, s, 0, n);
            crc.update(s, 0, n);
            done += n;
        }
    }

    private void update(Bytes<?> b, long from, long to) {
        byte[] s = scratch;
        for (long at = from; at < to; ) {
            int n = (int) Math.min(s.length, to - at);
            b.read(at, s, 0, n);
            crc.update(s, 0, n);
            at += n;
        }
    }
}
