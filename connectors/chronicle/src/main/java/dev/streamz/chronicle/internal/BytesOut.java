package dev.streamz.chronicle.internal;

import dev.streamz.chronicle.ExcerptOut;
import net.openhft.chronicle.bytes.Bytes;

/** The {@link ExcerptOut} flyweight over the bytes of the excerpt being written; one per sink. */
public final class BytesOut implements ExcerptOut {
    private Bytes<?> bytes;

    /** @param b the excerpt's bytes, positioned after the append time */
    public void wrap(Bytes<?> b) {
        bytes = b;
    }

    /** Forgets the bytes once the excerpt is written. */
    public void clear() {
        bytes = null;
    }

    @Override
    public void writeByte(byte b) {
        bytes.writeByte(b);
    }

    @Override
    public void writeInt(int v) {
        bytes.writeInt(v);
    }

    @Override
    public void writeLong(long v) {
        bytes.writeLong(v);
    }

    @Override
    public void writeDouble(double v) {
        bytes.writeDouble(v);
    }

    @Override
    public void writeBytes(byte[] src, int offset, int length) {
        bytes.write(src, offset, length);
    }

    @Override
    public void writeUtf8(CharSequence text) {
        // Standard UTF-8 (a surrogate pair is one 4-byte sequence), written in place with no allocation;
        // Chronicle's appendUtf8 would encode each half of a pair on its own.
        Bytes<?> b = bytes;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                b.writeByte((byte) c);
            } else if (c < 0x800) {
                b.writeByte((byte) (0xC0 | (c >> 6)));
                b.writeByte((byte) (0x80 | (c & 0x3F)));
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, text.charAt(++i));
                b.writeByte((byte) (0xF0 | (cp >> 18)));
                b.writeByte((byte) (0x80 | ((cp >> 12) & 0x3F)));
                b.writeByte((byte) (0x80 | ((cp >> 6) & 0x3F)));
                b.writeByte((byte) (0x80 | (cp & 0x3F)));
            } else if (Character.isSurrogate(c)) {
                b.writeByte((byte) '?'); // a lone surrogate, as String.getBytes(UTF_8) writes it
            } else {
                b.writeByte((byte) (0xE0 | (c >> 12)));
                b.writeByte((byte) (0x80 | ((c >> 6) & 0x3F)));
                b.writeByte((byte) (0x80 | (c & 0x3F)));
            }
        }
    }
}
