package dev.streamz.frames.internal;

import dev.streamz.frames.ColumnType;

/**
 * The layout of one column's off-heap buffers, written down in one place (Agrona's descriptor habit).
 *
 * <p>A column of capacity {@code c} owns two buffers, each starting on a {@link #ALIGNMENT}-byte boundary
 * and padded to a multiple of it, so a vector load never straddles the end and Arrow's 64-byte alignment
 * recommendation holds:
 * <pre>
 *   validity: ceil(c / 8) bytes, bit (i % 8) of byte (i / 8) set = row i present (Arrow's bitmap)
 *   values:   c * type.valueBytes() bytes, little-endian; BOOLEAN bit-packed like the validity bitmap
 * </pre>
 */
public final class BufferDescriptor {
    /** Alignment and padding of every buffer, in bytes (a cache line, and a full AVX-512 register). */
    public static final int ALIGNMENT = 64;

    private BufferDescriptor() {
    }

    /**
     * Bytes of a validity bitmap for {@code capacity} rows, padded to {@link #ALIGNMENT}.
     *
     * @param capacity rows
     * @return padded bitmap size in bytes
     */
    public static long validityBytes(int capacity) {
        return pad((capacity + 7L) >>> 3);
    }

    /**
     * Bytes of a values buffer of {@code type} for {@code capacity} rows, padded to {@link #ALIGNMENT}.
     *
     * @param type the column type
     * @param capacity rows
     * @return padded values size in bytes
     */
    public static long valueBytes(ColumnType type, int capacity) {
        return type.bitPacked() ? validityBytes(capacity) : pad((long) capacity * type.valueBytes());
    }

    /**
     * Rounds {@code bytes} up to a multiple of {@link #ALIGNMENT}.
     *
     * @param bytes a size
     * @return the padded size
     */
    public static long pad(long bytes) {
        return (bytes + ALIGNMENT - 1) & -ALIGNMENT;
    }
}
