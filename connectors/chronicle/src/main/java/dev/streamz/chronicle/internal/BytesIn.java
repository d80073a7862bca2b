package dev.streamz.chronicle.internal;

import dev.streamz.chronicle.ExcerptIn;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.bytes.BytesStore;
import net.openhft.chronicle.core.UnsafeMemory;

import java.nio.BufferUnderflowException;

/**
 * The {@link ExcerptIn} flyweight over the bytes of the excerpt being read; one per replay.
 *
 * <p>When the whole payload lies in the memory-mapped chunk the tailer is on (the usual case), reads go
 * straight to that chunk at absolute offsets, with one bounds check of this class: a {@code Bytes} read
 * checks its position against its chunk and moves it on every call, which made a decode of eight longs
 * cost twice what the same reads cost in a bare tailer loop, and too large a method for the JIT to inline
 * into the replay's loop. When that chunk is in memory (always, for a mapped journal), a fixed-size read is a
 * bounds check and a load at the chunk's native address. Otherwise (a payload across chunks) reads go
 * through the {@code Bytes}.
 */
public final class BytesIn implements ExcerptIn {
    private static final UnsafeMemory MEMORY = UnsafeMemory.MEMORY;

    private Bytes<?> bytes;
    /** The store holding the whole payload, read at absolute offsets; null to read through {@link #bytes}. */
    private BytesStore<?, ?> store;
    /**
     * The native address of the payload's first byte when the store is in memory (a mapped chunk), else 0;
     * fixed reads (a long, an int) then read memory directly at {@code address + position}.
     */
    private long address;
    /** The store's offset of the payload's first byte. */
    private long start;
    /** The read position and the payload's length, relative to its first byte. */
    private long position;
    private long limit;

    /** @param b the excerpt's bytes, positioned at the payload */
    public void wrap(Bytes<?> b) {
        bytes = b;
        long p = b.readPosition();
        long l = b.readLimit();
        BytesStore<?, ?> s = b.bytesStore();
        position = 0;
        limit = l - p;
        if (s != null && s.inside(p, l - p)) {
            store = s;
            start = p;
            address = s.isDirectMemory() ? s.addressForRead(p) : 0;
        } else {
            store = null;
            address = 0;
        }
    }

    /**
     * Wraps {@code length} bytes of a direct store from {@code offset} on, whose address is {@code address}
     * (read straight from a mapped cycle file, without a {@code Bytes}).
     *
     * @param s the store
     * @param offset where the bytes start in the store
     * @param length how many
     * @param address the address of {@code offset}
     */
    public void wrapAt(BytesStore<?, ?> s, long offset, long length, long address) {
        bytes = null;
        store = s;
        start = offset;
        position = 0;
        limit = length;
        this.address = address;
    }

    /** Forgets the bytes, so a codec that kept this flyweight cannot read a later excerpt through it. */
    public void clear() {
        bytes = null;
        store = null;
        address = 0;
    }

    // The fixed-size reads are as small as they can be (a bounds check, a load, a store of the position),
    // so that a codec's decode of several fields stays small enough for the JIT to inline into the replay's
    // loop; every other case (a payload across mapped chunks, reading past the end) is a call to a method
    // of its own, which the hot path never reaches.

    @Override
    public long remaining() {
        return store != null ? limit - position : bytes.readRemaining();
    }

    @Override
    public byte readByte() {
        long a = address;
        long p = position;
        if (a != 0 && limit - p >= 1) {
            position = p + 1;
            return MEMORY.readByte(a + p);
        }
        return slowByte();
    }

    @Override
    public int readInt() {
        long a = address;
        long p = position;
        if (a != 0 && limit - p >= 4) {
            position = p + 4;
            return MEMORY.readInt(a + p);
        }
        return slowInt();
    }

    @Override
    public long readLong() {
        long a = address;
        long p = position;
        if (a != 0 && limit - p >= 8) {
            position = p + 8;
            return MEMORY.readLong(a + p);
        }
        return slowLong();
    }

    @Override
    public double readDouble() {
        long a = address;
        long p = position;
        if (a != 0 && limit - p >= 8) {
            position = p + 8;
            return MEMORY.readDouble(a + p);
        }
        return slowDouble();
    }

    /** Moves past {@code n} bytes of the payload in the store, after checking they are there. */
    private long take(int n) {
        long p = position;
        if (limit - p < n) {
            throw new BufferUnderflowException(); // what a Bytes read past its limit throws
        }
        position = p + n;
        return start + p;
    }

    private byte slowByte() {
        BytesStore<?, ?> s = store;
        return s != null ? s.readByte(take(1)) : bytes.readByte();
    }

    private int slowInt() {
        BytesStore<?, ?> s = store;
        return s != null ? s.readInt(take(4)) : bytes.readInt();
    }

    private long slowLong() {
        BytesStore<?, ?> s = store;
        return s != null ? s.readLong(take(8)) : bytes.readLong();
    }

    private double slowDouble() {
        BytesStore<?, ?> s = store;
        return s != null ? s.readDouble(take(8)) : bytes.readDouble();
    }

    @Override
    public void readBytes(byte[] dst, int offset, int length) {
        long left = remaining();
        if (length > left) {
            throw new IllegalArgumentException("readBytes: " + length + " bytes asked, " + left
                    + " left in the excerpt");
        }
        BytesStore<?, ?> s = store;
        if (s != null) {
            s.read(take(length), dst, offset, length);
        } else {
            bytes.read(dst, offset, length);
        }
    }

    /** The next byte, unsigned; the caller has checked that one is left. */
    private int nextUnsignedByte() {
        BytesStore<?, ?> s = store;
        return s != null ? s.readUnsignedByte(take(1)) : bytes.readUnsignedByte();
    }

    @Override
    public void readUtf8(StringBuilder dst) {
        // Standard UTF-8 decoding in place, no allocation; a malformed sequence becomes U+FFFD.
        while (remaining() > 0) {
            int c = nextUnsignedByte();
            if (c < 0x80) {
                dst.append((char) c);
                continue;
            }
            int extra = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : -1;
            if (extra < 0 || remaining() < extra) {
                dst.append('\uFFFD');
                continue;
            }
            int cp = c & (0x3F >> extra);
            boolean ok = true;
            for (int k = 0; k < extra; k++) {
                int cc = nextUnsignedByte();
                ok &= (cc & 0xC0) == 0x80;
                cp = (cp << 6) | (cc & 0x3F);
            }
            if (ok && Character.isValidCodePoint(cp)) {
                dst.appendCodePoint(cp);
            } else {
                dst.append('\uFFFD');
            }
        }
    }
}
