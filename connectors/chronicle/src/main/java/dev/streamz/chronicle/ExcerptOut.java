package dev.streamz.chronicle;

/**
 * The payload of one journal excerpt being written: a flyweight over the journal's memory-mapped bytes,
 * valid only during {@link ExcerptCodec#encode(Object, ExcerptOut)}. Writes are little-endian.
 *
 * <p>One instance is reused for every excerpt a sink appends, so writing allocates nothing.
 */
public interface ExcerptOut {
    /**
     * Writes the byte to write.
     *
     * @param b the byte to write
     */
    void writeByte(byte b);

    /**
     * Writes the {@code int} to write (4 bytes).
     *
     * @param v the {@code int} to write (4 bytes)
     */
    void writeInt(int v);

    /**
     * Writes the {@code long} to write (8 bytes).
     *
     * @param v the {@code long} to write (8 bytes)
     */
    void writeLong(long v);

    /**
     * Writes the {@code double} to write (8 bytes).
     *
     * @param v the {@code double} to write (8 bytes)
     */
    void writeDouble(double v);

    /**
     * Writes {@code length} bytes of {@code src}.
     *
     * @param src the bytes
     * @param offset where in {@code src} to start
     * @param length how many
     */
    void writeBytes(byte[] src, int offset, int length);

    /**
     * Writes written as UTF-8, without a length prefix (the excerpt's end delimits it).
     *
     * @param text written as UTF-8, without a length prefix (the excerpt's end delimits it)
     */
    void writeUtf8(CharSequence text);
}
