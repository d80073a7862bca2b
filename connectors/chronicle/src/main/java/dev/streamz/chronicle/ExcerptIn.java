package dev.streamz.chronicle;

/**
 * The payload of one journal excerpt, read in place: a flyweight over the journal's memory-mapped bytes,
 * valid only during {@link ExcerptCodec#decode(ExcerptIn)}. Reads are little-endian and advance a read
 * position; reading past the end throws.
 *
 * <p>One instance is reused for every excerpt of a replay, so reading allocates nothing.
 */
public interface ExcerptIn {
    /**
     * Returns how many payload bytes are left to read.
     *
     * @return how many payload bytes are left to read
     */
    long remaining();

    /**
     * Returns the next byte.
     *
     * @return the next byte
     */
    byte readByte();

    /**
     * Returns the next 4 bytes as an {@code int}.
     *
     * @return the next 4 bytes as an {@code int}
     */
    int readInt();

    /**
     * Returns the next 8 bytes as a {@code long}.
     *
     * @return the next 8 bytes as a {@code long}
     */
    long readLong();

    /**
     * Returns the next 8 bytes as a {@code double}.
     *
     * @return the next 8 bytes as a {@code double}
     */
    double readDouble();

    /**
     * Copies the next {@code length} bytes into {@code dst}.
     *
     * @param dst the destination
     * @param offset where in {@code dst} to start
     * @param length how many bytes, at most {@link #remaining()}
     */
    void readBytes(byte[] dst, int offset, int length);

    /**
     * Appends the rest of the payload, decoded as UTF-8, to {@code dst}.
     *
     * @param dst the destination, typically a reused {@code StringBuilder}
     */
    void readUtf8(StringBuilder dst);
}
