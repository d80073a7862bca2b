package dev.streamz.benchmarks;

import dev.streamz.frames.internal.kernels.Bitmaps;
import dev.streamz.frames.internal.kernels.CmpOp;
import dev.streamz.frames.internal.kernels.Compare;
import dev.streamz.frames.internal.kernels.Reduce;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.Float8Vector;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import tech.tablesaw.api.DoubleColumn;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Filter + sum over a float64 column ({@code sum of x where x > 0.5}, x uniform in [0, 1): half the rows
 * qualify, at random, so a branchy loop mispredicts), on one core, {@code rows} per operation: 64 K rows
 * (512 KB, L2-resident) and 32 M rows (256 MB, DRAM-resident). Scores are nanoseconds per operation; divide
 * {@code rows} by it for rows per second. Peers in the same run:
 * <ul>
 *   <li>{@code ours*}: the frame kernels ({@code Reduce.sumWhere}, fused, Vector API) without and with a
 *   validity bitmap, and {@code select + sumSelected} through an int[] selection vector;</li>
 *   <li>{@code handArray}: a hand-written loop over {@code double[]} (branch-free ternary);
 *   {@code handSegment}: the same loop over a {@code MemorySegment} (what C2 makes of plain code, the
 *   alternative to the Vector API); {@code handSegment4}: four accumulators, C2's best chance;</li>
 *   <li>{@code arrow}: Apache Arrow Java {@code Float8Vector} with its null check; {@code tablesaw}:
 *   {@code col.where(col.isGreaterThan(t)).sum()};</li>
 *   <li>{@code bandwidth*}: the machine's single-core read bandwidth, a streaming long sum over the same
 *   number of bytes ({@code long[]}, and a {@code MemorySegment} with LongVector lanes).</li>
 *   <li>{@code compareBitmap*}: the comparison into a result bitmap, Vector API vs a scalar loop.</li>
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx8g", "--add-opens=java.base/java.nio=org.apache.arrow.memory.core,ALL-UNNAMED"})
public class FilterSumBench {
    static final double T = 0.5;
    static final ValueLayout.OfDouble DOUBLE_LE = ValueLayout.JAVA_DOUBLE_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfLong LONG_LE = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final VectorSpecies<Long> J = LongVector.SPECIES_PREFERRED;

    static double[] data(int rows) {
        SplittableRandom r = new SplittableRandom(42);
        double[] d = new double[rows];
        for (int i = 0; i < rows; i++) {
            d[i] = r.nextDouble();
        }
        return d;
    }

    /** The rows per operation, shared by every state. */
    @State(Scope.Benchmark)
    public static class Rows {
        @Param({"65536", "33554432"})
        public int rows;
    }

    /** A double[] column. */
    @State(Scope.Benchmark)
    public static class ArrayData {
        double[] values;

        @Setup(Level.Trial)
        public void setup(Rows r) {
            values = data(r.rows);
        }
    }

    /** A long[] of the same bytes, for the bandwidth probe. */
    @State(Scope.Benchmark)
    public static class LongData {
        long[] longs;

        @Setup(Level.Trial)
        public void setup(Rows r) {
            longs = new long[r.rows];
            for (int i = 0; i < longs.length; i++) {
                longs[i] = i;
            }
        }
    }

    /** An off-heap column laid out like a frame's (64-byte aligned), with an all-set validity bitmap. */
    @State(Scope.Benchmark)
    public static class SegData {
        Arena arena;
        MemorySegment values;
        MemorySegment validity;
        MemorySegment outBits;
        int[] sel;
        int rows;

        @Setup(Level.Trial)
        public void setup(Rows r) {
            rows = r.rows;
            arena = Arena.ofShared();
            values = arena.allocate((long) rows * 8, 64);
            MemorySegment.copy(data(rows), 0, values, DOUBLE_LE, 0, rows);
            validity = arena.allocate((rows + 7) / 8 + 64, 64);
            Bitmaps.fill(validity, rows, true);
            outBits = arena.allocate((rows + 7) / 8 + 64, 64);
            sel = new int[rows];
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            arena.close();
        }
    }

    /** An Arrow Float8Vector. */
    @State(Scope.Benchmark)
    public static class ArrowData {
        RootAllocator allocator;
        Float8Vector vector;

        @Setup(Level.Trial)
        public void setup(Rows r) {
            allocator = new RootAllocator();
            vector = new Float8Vector("x", allocator);
            vector.allocateNew(r.rows);
            double[] d = data(r.rows);
            for (int i = 0; i < d.length; i++) {
                vector.set(i, d[i]);
            }
            vector.setValueCount(d.length);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            vector.close();
            allocator.close();
        }
    }

    /** A Tablesaw DoubleColumn. */
    @State(Scope.Benchmark)
    public static class SawData {
        DoubleColumn column;

        @Setup(Level.Trial)
        public void setup(Rows r) {
            column = DoubleColumn.create("x", data(r.rows));
        }
    }

    @Benchmark
    public double ours(SegData s) {
        return Reduce.sumWhere(s.values, null, s.rows, CmpOp.GT, T);
    }

    @Benchmark
    public double oursWithValidity(SegData s) {
        return Reduce.sumWhere(s.values, s.validity, s.rows, CmpOp.GT, T);
    }

    @Benchmark
    public double oursSelectThenSum(SegData s) {
        int n = Compare.select(s.values, s.validity, s.rows, CmpOp.GT, T, s.sel);
        return Reduce.sumSelected(s.values, s.sel, n);
    }

    @Benchmark
    public double handArray(ArrayData a) {
        double[] v = a.values;
        double s = 0;
        for (int i = 0; i < v.length; i++) {
            double x = v[i];
            s += x > T ? x : 0.0;
        }
        return s;
    }

    @Benchmark
    public double handSegment(SegData d) {
        MemorySegment v = d.values;
        double s = 0;
        for (int i = 0, n = d.rows; i < n; i++) {
            double x = v.getAtIndex(DOUBLE_LE, i);
            s += x > T ? x : 0.0;
        }
        return s;
    }

    @Benchmark
    public double handSegment4(SegData d) {
        MemorySegment v = d.values;
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int n = d.rows;
        for (int i = 0; i + 3 < n; i += 4) {
            double x0 = v.getAtIndex(DOUBLE_LE, i);
            double x1 = v.getAtIndex(DOUBLE_LE, i + 1);
            double x2 = v.getAtIndex(DOUBLE_LE, i + 2);
            double x3 = v.getAtIndex(DOUBLE_LE, i + 3);
            s0 += x0 > T ? x0 : 0.0;
            s1 += x1 > T ? x1 : 0.0;
            s2 += x2 > T ? x2 : 0.0;
            s3 += x3 > T ? x3 : 0.0;
        }
        return (s0 + s1) + (s2 + s3);
    }

    @Benchmark
    public double arrow(ArrowData a) {
        Float8Vector v = a.vector;
        double s = 0;
        for (int i = 0, n = v.getValueCount(); i < n; i++) {
            if (!v.isNull(i)) {
                double x = v.get(i);
                s += x > T ? x : 0.0;
            }
        }
        return s;
    }

    @Benchmark
    public double tablesaw(SawData t) {
        return t.column.where(t.column.isGreaterThan(T)).sum();
    }

    @Benchmark
    public long bandwidthLongArray(LongData l) {
        long[] v = l.longs;
        long s = 0;
        for (int i = 0; i < v.length; i++) {
            s += v[i];
        }
        return s;
    }

    @Benchmark
    public long bandwidthSegmentVector(SegData d) {
        MemorySegment v = d.values;
        LongVector a0 = LongVector.zero(J);
        LongVector a1 = LongVector.zero(J);
        long bytes = (long) d.rows * 8;
        long step = J.vectorByteSize();
        long at = 0;
        for (; at + 2 * step <= bytes; at += 2 * step) {
            a0 = a0.add(LongVector.fromMemorySegment(J, v, at, ByteOrder.LITTLE_ENDIAN));
            a1 = a1.add(LongVector.fromMemorySegment(J, v, at + step, ByteOrder.LITTLE_ENDIAN));
        }
        long s = a0.add(a1).reduceLanes(VectorOperators.ADD);
        for (; at < bytes; at += 8) {
            s += v.get(LONG_LE, at);
        }
        return s;
    }

    @Benchmark
    public MemorySegment compareBitmapOurs(SegData s) {
        Compare.compare(s.values, null, s.rows, CmpOp.GT, T, s.outBits, null);
        return s.outBits;
    }

    @Benchmark
    public MemorySegment compareBitmapScalar(SegData s) {
        MemorySegment v = s.values;
        MemorySegment out = s.outBits;
        int words = s.rows >>> 6;
        for (int w = 0; w < words; w++) {
            long bits = 0;
            int base = w << 6;
            for (int k = 0; k < 64; k++) {
                bits |= (v.getAtIndex(DOUBLE_LE, base + k) > T ? 1L : 0L) << k;
            }
            out.setAtIndex(LONG_LE, w, bits);
        }
        return out;
    }
}
