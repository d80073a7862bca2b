package dev.streamz.chronicle.internal;

import dev.streamz.chronicle.ExcerptIn;
import net.openhft.chronicle.bytes.Bytes;

/** The {@link ExcerptIn} flyweight over the bytes of the excerpt being read; one per replay. */
public final class BytesIn implements ExcerptIn {
    private Bytes<?> bytes;

    /** @param b the excerpt's bytes, positioned at the payload */
    public void wrap(Bytes<?> b) {
        bytes = b;
    }

    /** Forgets the bytes, so a codec that kept this flyweight cannot read a later excerpt through it. */
    public void clear() {
        bytes = null;
    }

    @Override
    public long remaining() {
        return bytes.readRemaining();
    }

    @Override
    public byte readByte() {
        return bytes.readByte();
    }

    @Override
    public int readInt() {
        return bytes.readInt();
    }

    @Override
    public long readLong() {
        return bytes.readLong();
    }

    @Override
    public double readDouble() {
        return bytes.readDouble();
    }

    @Override
    public void readBytes(byte[] dst, int offset, int length) {
        if (length > bytes.readRemaining()) {
            throw new IllegalArgumentException("readBytes: " + length + " bytes asked, " + bytes.readRemaining()
                    + " left in the excerpt");
        }
        bytes.read(dst, offset, length);
    }

    @Override
    public void readUtf8(StringBuilder dst) {
        bytes.parseUtf8(dst, true, (int) bytes.readRemaining());
    }
}
