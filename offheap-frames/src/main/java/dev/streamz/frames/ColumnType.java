package dev.streamz.frames;

/**
 * The type of one column of a {@link dev.streamz.frames} frame, and how its values are laid out off the heap.
 *
 * <p>Every layout is Apache Arrow's, so a column can be handed to Arrow tools without a copy: fixed-width
 * values are little-endian and packed; booleans are bit-packed, least significant bit first; a category
 * column stores int32 codes into a dictionary of strings. Nulls live in a separate validity bitmap (bit set =
 * value present), so a float64 NaN is a value, distinct from null.
 */
public enum ColumnType {
    /** 32-bit signed integers. */
    INT32(4),
    /** 64-bit signed integers. */
    INT64(8),
    /** IEEE-754 doubles; NaN is a value, not a null. */
    FLOAT64(8),
    /** Booleans, bit-packed: bit {@code i % 8} of byte {@code i / 8}. */
    BOOLEAN(0),
    /** Instants as 64-bit nanoseconds since the epoch, UTC. */
    TIMESTAMP(8),
    /** Dictionary-encoded strings: int32 codes into the column's dictionary. */
    CATEGORY(4);

    private final int valueBytes;

    ColumnType(int valueBytes) {
        this.valueBytes = valueBytes;
    }

    /**
     * Bytes per value in the values buffer, or 0 for {@link #BOOLEAN}, whose values are bit-packed.
     *
     * @return the width of one value in bytes, 0 when bit-packed
     */
    public int valueBytes() {
        return valueBytes;
    }

    /**
     * Whether values are bit-packed (one bit per row) rather than a whole number of bytes per row.
     *
     * @return true for {@link #BOOLEAN}
     */
    public boolean bitPacked() {
        return valueBytes == 0;
    }
}
