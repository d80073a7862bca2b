package dev.streamz.frames.internal.kernels;

import dev.streamz.frames.ColumnType;
import dev.streamz.frames.internal.BufferDescriptor;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.SplittableRandom;

/** Test columns in off-heap memory laid out like a frame's, and seeded random data with nulls and NaN. */
final class Cols {
    static final ValueLayout.OfDouble DOUBLE_LE = ValueLayout.JAVA_DOUBLE_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfLong LONG_LE = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfInt INT_LE = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    /** Row counts that hit every tail case: empty, one row, a word boundary either side, several words. */
    static final int[] SIZES = {0, 1, 2, 7, 63, 64, 65, 127, 128, 129, 1000, 4099};

    private Cols() {
    }

    static MemorySegment f64(Arena a, double[] v) {
        MemorySegment s = a.allocate(BufferDescriptor.valueBytes(ColumnType.FLOAT64, Math.max(v.length, 1)), 64);
        MemorySegment.copy(v, 0, s, DOUBLE_LE, 0, v.length);
        return s;
    }

    static MemorySegment i64(Arena a, long[] v) {
        MemorySegment s = a.allocate(BufferDescriptor.valueBytes(ColumnType.INT64, Math.max(v.length, 1)), 64);
        MemorySegment.copy(v, 0, s, LONG_LE, 0, v.length);
        return s;
    }

    static MemorySegment i32(Arena a, int[] v) {
        MemorySegment s = a.allocate(BufferDescriptor.valueBytes(ColumnType.INT32, Math.max(v.length, 1)), 64);
        MemorySegment.copy(v, 0, s, INT_LE, 0, v.length);
        return s;
    }

    static MemorySegment bits(Arena a, boolean[] v) {
        MemorySegment s = a.allocate(BufferDescriptor.validityBytes(Math.max(v.length, 1)), 64);
        for (int i = 0; i < v.length; i++) {
            Bitmaps.set(s, i, v[i]);
        }
        return s;
    }

    static MemorySegment bitmap(Arena a, int rows) {
        return a.allocate(BufferDescriptor.validityBytes(Math.max(rows, 1)), 64);
    }

    static MemorySegment f64Out(Arena a, int rows) {
        return a.allocate(BufferDescriptor.valueBytes(ColumnType.FLOAT64, Math.max(rows, 1)), 64);
    }

    static MemorySegment i64Out(Arena a, int rows) {
        return a.allocate(BufferDescriptor.valueBytes(ColumnType.INT64, Math.max(rows, 1)), 64);
    }

    /** Doubles in [-100, 100) with about 10% NaN and a few repeats (so ties and equality occur). */
    static double[] doubles(SplittableRandom r, int n) {
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            int kind = r.nextInt(10);
            d[i] = kind == 0 ? Double.NaN : kind == 1 ? (double) r.nextInt(5) : r.nextDouble(-100, 100);
        }
        return d;
    }

    static long[] longs(SplittableRandom r, int n, int range) {
        long[] d = new long[n];
        for (int i = 0; i < n; i++) {
            d[i] = r.nextInt(range) - range / 2;
        }
        return d;
    }

    /** Validity with about 15% nulls (false), or all true when {@code nulls} is false. */
    static boolean[] valid(SplittableRandom r, int n, boolean nulls) {
        boolean[] v = new boolean[n];
        for (int i = 0; i < n; i++) {
            v[i] = !nulls || r.nextInt(100) >= 15;
        }
        return v;
    }

    static boolean get(MemorySegment bits, int i) {
        return Bitmaps.get(bits, i);
    }
}
