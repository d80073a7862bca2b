package dev.streamz.chronicle.internal;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.bytes.BytesStore;
import net.openhft.chronicle.core.UnsafeMemory;
import net.openhft.chronicle.wire.Wires;

/**
 * Reads on through a cycle file's mapped memory from the excerpt a tailer has just read, in Chronicle Wire's
 * binary layout: a 4-byte header (bit 31: not complete, bit 30: metadata, the low 30 bits: the length), then
 * that many bytes, the next header aligned to 4 bytes when the wire pads. It handles the plain case only: a
 * complete data excerpt wholly inside the mapped chunk, with metadata (Chronicle's index entries) skipped.
 * Everything else stops it, and the tailer takes over: the end of what is written (a zero header), an
 * excerpt being written or the end of the cycle (the not-complete bit), the edge of the chunk.
 *
 * <p>Data excerpts follow one another with consecutive Chronicle indexes within a cycle file, so the reader
 * knows each one's index. The header is read with acquire semantics, as Chronicle's tailer reads it, so an
 * excerpt's bytes are visible once its header says it is complete.
 */
public final class MappedScan {
    private static final UnsafeMemory MEMORY = UnsafeMemory.MEMORY;

    private BytesStore<?, ?> store;
    /** The address of the store's offset 0, so that offset {@code o} is at {@code base + o}. */
    private long base;
    /** The end of the mapped chunk (an offset). */
    private long end;
    /** Where the next header is looked for (an offset, not yet aligned). */
    private long next;
    private boolean padding;
    /** The current excerpt: its payload's offset, length and the offset after it. */
    private long payload;
    private long length;
    private long after;

    /**
     * Starts after the excerpt being read.
     *
     * @param excerpt the excerpt's bytes, inside its document context
     * @param padding whether the wire aligns headers to 4 bytes
     * @return false when the excerpt is not in mapped memory: then there is nothing to scan
     */
    public boolean start(Bytes<?> excerpt, boolean padding) {
        BytesStore<?, ?> s = excerpt.bytesStore();
        if (s == null || !s.isDirectMemory()) {
            return false;
        }
        long lo = s.start();
        store = s;
        base = s.addressForRead(lo) - lo;
        end = s.realCapacity();
        next = excerpt.readLimit();
        this.padding = padding;
        return true;
    }

    /**
     * Finds the next complete data excerpt, skipping metadata.
     *
     * @return false when the tailer must read what comes next
     */
    public boolean next() {
        long p = next;
        while (true) {
            long h = padding ? (p + 3) & ~3L : p;
            if (h + 4 > end) {
                return false;
            }
            int header = MEMORY.readVolatileInt(base + h);
            if (header == 0 || (header & Wires.NOT_COMPLETE) != 0) {
                return false;
            }
            long n = header & Wires.LENGTH_MASK;
            long e = h + 4 + n;
            if (e > end) {
                return false;
            }
            if ((header & Wires.META_DATA) == 0) {
                payload = h + 4;
                length = n;
                after = e;
                next = p; // consume() moves on
                return true;
            }
            p = e;
            next = p;
        }
    }

    /** Moves past the excerpt {@link #next()} found. */
    public void consume() {
        next = after;
    }

    /** @return the current excerpt's length in bytes */
    public long length() {
        return length;
    }

    /**
     * @param offset from the start of the current excerpt's payload, at most {@code length() - 8}
     * @return the long there
     */
    public long longAt(long offset) {
        return MEMORY.readLong(base + payload + offset);
    }

    /**
     * Checks the current excerpt's checksum (see {@link Checksums}): the 4 bytes after its first word
     * against that word and what follows them.
     *
     * @param checksums the reader's checksums
     * @return whether it matches; false also when the excerpt is too short to hold one
     */
    public boolean checksumMatches(Checksums checksums) {
        long sumAt = Journals.TIME_BYTES;
        long payloadAt = sumAt + Journals.CHECKSUM_BYTES;
        if (length < payloadAt) {
            return false;
        }
        long a = base + payload;
        return checksums.ofMemory(a, a + payloadAt, length - payloadAt) == MEMORY.readInt(a + sumAt);
    }

    /**
     * Wraps the current excerpt's payload from {@code offset} on.
     *
     * @param in the reader to wrap
     * @param offset from the start of the payload, at most {@code length()}
     */
    public void wrap(BytesIn in, long offset) {
        long o = payload + offset;
        in.wrapAt(store, o, length - offset, base + o);
    }

    /** Forgets the mapped memory: called when the scan stops, so that nothing holds an unmapped chunk. */
    public void clear() {
        store = null;
        base = 0;
        end = 0;
    }
}
