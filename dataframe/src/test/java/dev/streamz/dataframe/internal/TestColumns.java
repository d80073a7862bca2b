package dev.streamz.dataframe.internal;

import dev.streamz.dataframe.StreamzCases;
import dev.streamz.frames.ColumnType;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.List;
import java.util.TreeSet;

/**
 * Builds off-heap columns (values buffer and validity bitmap, 64-byte aligned, little-endian) from the
 * recorded cases' JSON values, the way a frame lays them out.
 */
public final class TestColumns {
    private static final ValueLayout.OfDouble DOUBLE_LE = ValueLayout.JAVA_DOUBLE.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong LONG_LE = ValueLayout.JAVA_LONG.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfInt INT_LE = ValueLayout.JAVA_INT.withOrder(ByteOrder.LITTLE_ENDIAN);

    private TestColumns() {
    }

    /**
     * @param dtype a pandas dtype name from a case
     * @return the column type that holds it (strings become category codes)
     */
    public static ColumnType typeOf(String dtype) {
        return switch (dtype) {
            case "float64" -> ColumnType.FLOAT64;
            case "int64" -> ColumnType.INT64;
            case "bool" -> ColumnType.BOOLEAN;
            case "object", "category" -> ColumnType.CATEGORY;
            default -> throw new IllegalArgumentException("no column type for dtype " + dtype);
        };
    }

    /**
     * The sorted distinct strings of a column over every batch: category codes in this order sort like
     * the labels, as pandas sorts group keys.
     *
     * @param c the case
     * @param column the column
     * @return the dictionary
     */
    public static List<String> dictionary(StreamzCases.Case c, String column) {
        TreeSet<String> labels = new TreeSet<>();
        for (StreamzCases.Batch b : c.batches()) {
            for (Object v : b.columns().get(column)) {
                if (v != null) {
                    labels.add((String) v);
                }
            }
        }
        return List.copyOf(labels);
    }

    /**
     * Writes values into fresh off-heap buffers and points a slice at them.
     *
     * @param arena owns the buffers
     * @param type the column type
     * @param values JSON values (null = null; "NaN" = NaN)
     * @param dictionary category labels in code order (for CATEGORY)
     * @return the slice
     */
    public static Slice slice(Arena arena, ColumnType type, List<Object> values, List<String> dictionary) {
        int rows = values.size();
        MemorySegment v = arena.allocate(Math.max(64, ((long) rows * 8 + 63) & -64), 64);
        MemorySegment validity = null;
        for (int i = 0; i < rows; i++) {
            Object o = values.get(i);
            if (o == null) {
                if (validity == null) {
                    validity = arena.allocate(Math.max(64, ((rows + 7L) / 8 + 63) & -64), 64);
                    validity.fill((byte) 0xFF);
                }
                byte b = validity.get(ValueLayout.JAVA_BYTE, i >>> 3);
                validity.set(ValueLayout.JAVA_BYTE, i >>> 3, (byte) (b & ~(1 << (i & 7))));
                continue;
            }
            switch (type) {
                case FLOAT64 -> v.setAtIndex(DOUBLE_LE, i, "NaN".equals(o) ? Double.NaN : ((Number) o).doubleValue());
                case INT64, TIMESTAMP -> v.setAtIndex(LONG_LE, i, ((Number) o).longValue());
                case INT32 -> v.setAtIndex(INT_LE, i, ((Number) o).intValue());
                case CATEGORY -> v.setAtIndex(INT_LE, i, dictionary.indexOf((String) o));
                case BOOLEAN -> {
                    if ((Boolean) o) {
                        byte b = v.get(ValueLayout.JAVA_BYTE, i >>> 3);
                        v.set(ValueLayout.JAVA_BYTE, i >>> 3, (byte) (b | (1 << (i & 7))));
                    }
                }
            }
        }
        return new Slice().set(type, v, validity, rows);
    }

    /**
     * A column of one batch of a case.
     *
     * @param arena owns the buffers
     * @param c the case
     * @param b the batch
     * @param column the column name
     * @return the slice
     */
    public static Slice column(Arena arena, StreamzCases.Case c, StreamzCases.Batch b, String column) {
        String dtype = c.dtypes().get(column);
        if (dtype == null) {
            throw new IllegalArgumentException(c.id() + ": no column " + column);
        }
        ColumnType type = typeOf(dtype);
        return slice(arena, type, b.columns().get(column),
                type == ColumnType.CATEGORY ? dictionary(c, column) : List.of());
    }

    /**
     * The timestamp index of one batch.
     *
     * @param arena owns the buffers
     * @param b the batch
     * @return the slice
     */
    public static Slice index(Arena arena, StreamzCases.Batch b) {
        return slice(arena, ColumnType.TIMESTAMP, b.index(), List.of());
    }

    /**
     * @param out a float64 output buffer
     * @param rows its rows
     * @return its values
     */
    public static double[] doubles(MemorySegment out, int rows) {
        double[] d = new double[rows];
        for (int i = 0; i < rows; i++) {
            d[i] = out.getAtIndex(DOUBLE_LE, i);
        }
        return d;
    }

    /**
     * @param out an int64 output buffer
     * @param validity its validity bitmap
     * @param rows its rows
     * @return its values as doubles, NaN where null
     */
    public static double[] longsAsDoubles(MemorySegment out, MemorySegment validity, int rows) {
        double[] d = new double[rows];
        for (int i = 0; i < rows; i++) {
            boolean valid = (validity.get(ValueLayout.JAVA_BYTE, i >>> 3) >> (i & 7) & 1) != 0;
            d[i] = valid ? out.getAtIndex(LONG_LE, i) : Double.NaN;
        }
        return d;
    }
}
