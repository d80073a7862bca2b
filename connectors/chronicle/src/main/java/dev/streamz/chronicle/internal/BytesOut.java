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
        bytes.appendUtf8(text);
    }
}
