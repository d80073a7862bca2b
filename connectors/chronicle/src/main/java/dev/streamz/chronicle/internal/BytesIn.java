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
        // Standard UTF-8 decoding in place, no allocation; a malformed sequence becomes U+FFFD.
        Bytes<?> b = bytes;
        while (b.readRemaining() > 0) {
            int c = b.readUnsignedByte();
            if (c < 0x80) {
                dst.append((char) c);
                continue;
            }
            int extra = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : -1;
            if (extra < 0 || b.readRemaining() < extra) {
                dst.append('\uFFFD');
                continue;
            }
            int cp = c & (0x3F >> extra);
            boolean ok = true;
            for (int k = 0; k < extra; k++) {
                int cc = b.readUnsignedByte();
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
