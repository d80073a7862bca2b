package dev.streamz.benchmarks;

import dev.streamz.frames.internal.kernels.GroupBy;
import org.agrona.collections.Long2LongHashMap;
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
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.Table;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import static tech.tablesaw.aggregate.AggregateFunctions.sum;

/**
 * Group-by sum of a float64 column by an int64 key column, {@value #ROWS} rows per operation, keys drawn
 * uniformly from {@code keys} distinct random int64 values (10, 1 K, 1 M: the table in L1, in L2, in DRAM).
 * Every operation starts from an empty aggregation (clear, not reallocate). Scores are nanoseconds per
 * operation. Peers in the same run:
 * <ul>
 *   <li>{@code ours}: {@code GroupBy} (add-only, sum/count/size kept) over the off-heap key and value columns;</li>
 *   <li>{@code handOpenAddressing}: a hand-written loop over a primitive open-addressing map (long[] keys,
 *   double[] sums, linear probing) over {@code long[]}/{@code double[]};</li>
 *   <li>{@code agrona}: Agrona's {@code Long2LongHashMap} from key to a dense group id, sums in a double[];</li>
 *   <li>{@code tablesaw}: {@code table.summarize("v", sum).by("k")}.</li>
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "-Xmx8g")
@State(Scope.Benchmark)
public class GroupBySumBench {
    static final int ROWS = 4 * 1024 * 1024;
    static final ValueLayout.OfDouble DOUBLE_LE = ValueLayout.JAVA_DOUBLE_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfLong LONG_LE = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    @Param({"10", "1000", "1000000"})
    public int keys;

    long[] k;
    double[] v;
    Arena arena;
    MemorySegment ks;
    MemorySegment vs;
    GroupBy ours;
    long[] hKeys;
    double[] hSums;
    boolean[] hUsed;
    Long2LongHashMap agronaMap;
    double[] agronaSums;
    Table table;

    @Setup(Level.Trial)
    public void setup() {
        SplittableRandom r = new SplittableRandom(7);
        long[] distinct = new long[keys];
        for (int i = 0; i < keys; i++) {
            distinct[i] = r.nextLong();
        }
        k = new long[ROWS];
        v = new double[ROWS];
        for (int i = 0; i < ROWS; i++) {
            k[i] = distinct[r.nextInt(keys)];
            v[i] = r.nextDouble();
        }
        arena = Arena.ofShared();
        ks = arena.allocate((long) ROWS * 8, 64);
        vs = arena.allocate((long) ROWS * 8, 64);
        MemorySegment.copy(k, 0, ks, LONG_LE, 0, ROWS);
        MemorySegment.copy(v, 0, vs, DOUBLE_LE, 0, ROWS);
        ours = new GroupBy(false, keys, false, false, 0);
        int slots = Integer.highestOneBit(keys * 2 - 1) << 1;
        hKeys = new long[slots];
        hSums = new double[slots];
        hUsed = new boolean[slots];
        agronaMap = new Long2LongHashMap(keys * 2, 0.5f, -1L);
        agronaSums = new double[keys];
        table = Table.create("t", LongColumn.create("k", k), DoubleColumn.create("v", v));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        arena.close();
    }

    @Benchmark
    public double ours() {
        GroupBy g = ours;
        g.clear();
        g.add(ks, null, vs, null, ROWS);
        return g.sum(0);
    }

    @Benchmark
    public double handOpenAddressing() {
        long[] hk = hKeys;
        double[] hs = hSums;
        boolean[] hu = hUsed;
        Arrays.fill(hu, false);
        Arrays.fill(hs, 0.0);
        int mask = hk.length - 1;
        int shift = 64 - Integer.numberOfTrailingZeros(hk.length);
        long[] kk = k;
        double[] vv = v;
        for (int i = 0; i < kk.length; i++) {
            long key = kk[i];
            int s = (int) ((key * 0x9E3779B97F4A7C15L) >>> shift);
            while (hu[s] && hk[s] != key) {
                s = (s + 1) & mask;
            }
            hu[s] = true;
            hk[s] = key;
            hs[s] += vv[i];
        }
        return hs[0];
    }

    @Benchmark
    public double agrona() {
        Long2LongHashMap m = agronaMap;
        m.clear();
        double[] sums = agronaSums;
        Arrays.fill(sums, 0.0);
        long[] kk = k;
        double[] vv = v;
        int n = 0;
        for (int i = 0; i < kk.length; i++) {
            long g = m.get(kk[i]);
            if (g < 0) {
                g = n++;
                m.put(kk[i], g);
            }
            sums[(int) g] += vv[i];
        }
        return sums[0];
    }

    @Benchmark
    public Table tablesaw() {
        return table.summarize("v", sum).by("k");
    }
}
