package dev.streamz.frames.internal;

import dev.streamz.frames.ColumnType;

/**
 * The layout of one frame's off-heap memory, written down in one place (Agrona's descriptor habit).
 *
 * <p>A frame of capacity {@code c} is ONE contiguous allocation, {@link BufferDescriptor#ALIGNMENT}-aligned,
 * holding every column's two buffers back to back in schema order:
 * <pre>
 *   offset 0                      column 0 validity   BufferDescriptor.validityBytes(c)
 *   + validityBytes(c)            column 0 values     BufferDescriptor.valueBytes(type0, c)
 *   + valueBytes(type0, c)        column 1 validity   ...
 *   ...                           column n-1 values
 * </pre>
 * Every buffer is padded to a multiple of {@link BufferDescriptor#ALIGNMENT}, so every buffer starts
 * 64-byte aligned (Arrow's recommendation, a full AVX-512 register, one cache line) and a vector load at
 * the last row never reads past the buffer. The row count, the holder count and the dictionary of a
 * category column live on the heap, in the {@code Frame} object: they are per-frame scalars that every
 * thread reads through the frame anyway, and keeping them off the buffers leaves the buffers exactly
 * Arrow's.
 */
public final class FrameDescriptor {
    private FrameDescriptor() {
    }

    /**
     * Offsets of every buffer: {@code [2 * i]} is column {@code i}'s validity bitmap, {@code [2 * i + 1]}
     * its values; the last element ({@code [2 * n]}) is the total size in bytes.
     *
     * @param types the column types in schema order
     * @param capacity rows
     * @return {@code 2 * types.length + 1} offsets, each a multiple of {@link BufferDescriptor#ALIGNMENT}
     */
    public static long[] offsets(ColumnType[] types, int capacity) {
        long[] offsets = new long[2 * types.length + 1];
        long at = 0;
        for (int i = 0; i < types.length; i++) {
            offsets[2 * i] = at;
            at += BufferDescriptor.validityBytes(capacity);
            offsets[2 * i + 1] = at;
            at += BufferDescriptor.valueBytes(types[i], capacity);
        }
        offsets[2 * types.length] = at;
        return offsets;
    }

    /**
     * Total bytes of one frame (the sum of its padded buffers); at least one alignment unit, so that a
     * frame without columns still has an address.
     *
     * @param types the column types in schema order
     * @param capacity rows
     * @return bytes to allocate, aligned to {@link BufferDescriptor#ALIGNMENT}
     */
    public static long totalBytes(ColumnType[] types, int capacity) {
        long[] offsets = offsets(types, capacity);
        return Math.max(BufferDescriptor.ALIGNMENT, offsets[offsets.length - 1]);
    }
}
