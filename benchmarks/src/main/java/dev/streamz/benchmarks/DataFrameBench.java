package dev.streamz.benchmarks;

import dev.streamz.Stream;
import dev.streamz.dataframe.Expr;
import dev.streamz.dataframe.StreamingDataFrame;
import dev.streamz.frames.Frame;
import dev.streamz.frames.Schema;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * The streaming DataFrame's pipelines, rows per second, batches of {@code batch} rows (1 K and 64 K), each
 * against a hand-written Java loop over the same off-heap columns doing the same work, in the same run:
 * <ul>
 *   <li>{@code groupbySum}: {@code sdf.groupby("key").sum("x")} over all time ({@value #KEYS} int64 keys),
 *       the per-key sums, sorted by key, after every batch; the hand loop keeps an open-addressing table
 *       and sorts its keys after every batch;</li>
 *   <li>{@code windowMean}: {@code sdf.col("x").window(}{@value #WINDOW}{@code ).mean()}, the mean of the
 *       last {@value #WINDOW} rows after every batch; the hand loop keeps a ring of the last rows and a
 *       running sum and count (and, like ours, skips the rows of a batch longer than the window that can
 *       never be in it);</li>
 *   <li>{@code rollingMax}: {@code sdf.col("y").rolling(}{@value #ROLLING}{@code ).max()}, one float64
 *       output row per input row (lent frames); the hand loop keeps a monotonic deque and writes the same
 *       off-heap output column;</li>
 *   <li>{@code filterAssign}: {@code sdf.filter(col("x").gt(0.0)).assign("z", col("x").mul(col("y")))}, a
 *       new frame of the kept rows with the new column per batch (lent frames); the hand loop is one fused
 *       pass that copies each kept row's key, x and y into an off-heap output frame and writes z = x * y,
 *       with validity bits.</li>
 * </ul>
 * Both sides follow pandas' rules: NaN and null values are skipped. The data has neither, so the figures
 * are those of the common case; the checks still run. Every operation is {@value #ROWS_PER_OP} rows
 * ({@code 65536 / batch} emissions), so the JMH score is rows per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DataFrameBench {
    static final int ROWS_PER_OP = 65_536;
    static final int DATA_ROWS = 4 * ROWS_PER_OP;
    static final int KEYS = 100;
    static final int WINDOW = 10_000;
    static final int ROLLING = 100;
    static final Schema SCHEMA = Schema.builder().int64("key").float64("x").float64("y").build();
    static final ValueLayout.OfDouble DOUBLE_LE = ValueLayout.JAVA_DOUBLE.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfLong LONG_LE = ValueLayout.JAVA_LONG.withOrder(ByteOrder.LITTLE_ENDIAN);

    @Param({"1024", "65536"})
    public int batch;

    private Frame[] frames;
    private int cursor;

    private Stream<Frame> groupbySource;
    private Stream<Frame> windowSource;
    private Stream<Frame> rollingSource;
    private Stream<Frame> filterSource;
    private double lastGroups;
    private double lastMean;
    private double lastMax;
    private double lastFiltered;

    private final HandGroupBySum handGroupBy = new HandGroupBySum();
    private final HandWindowMean handWindow = new HandWindowMean(WINDOW);
    private HandRollingMax handRolling;
    private HandFilterAssign handFilter;

    @Setup(Level.Trial)
    public void setUp() {
        SplittableRandom r = new SplittableRandom(7);
        frames = new Frame[DATA_ROWS / batch];
        for (int f = 0; f < frames.length; f++) {
            Frame frame = Frame.allocate("batch" + f, SCHEMA, batch);
            MemorySegment k = frame.column(0).values();
            MemorySegment x = frame.column(1).values();
            MemorySegment y = frame.column(2).values();
            for (int i = 0; i < batch; i++) {
                k.setAtIndex(LONG_LE, i, 1000 + r.nextInt(KEYS));
                x.setAtIndex(DOUBLE_LE, i, r.nextDouble() * 100 - 20);
                y.setAtIndex(DOUBLE_LE, i, r.nextDouble() * 100);
            }
            for (int c = 0; c < 3; c++) {
                frame.column(c).validity().fill((byte) 0xFF);
            }
            frame.setRowCount(batch);
            frames[f] = frame;
        }

        groupbySource = Stream.create("groupby");
        StreamingDataFrame.from(groupbySource, SCHEMA).groupby("key").sum("x").stream()
                .sink(f -> lastGroups = f.column(1).values().getAtIndex(DOUBLE_LE, f.rowCount() - 1));

        windowSource = Stream.create("window");
        StreamingDataFrame.from(windowSource, SCHEMA).col("x").window(WINDOW).mean().sink(m -> lastMean = m);

        rollingSource = Stream.create("rolling");
        StreamingDataFrame.from(rollingSource, SCHEMA).col("y").rolling(ROLLING).max().frame().stream()
                .sink(f -> lastMax = f.column(0).values().getAtIndex(DOUBLE_LE, f.rowCount() - 1));

        filterSource = Stream.create("filter");
        StreamingDataFrame.from(filterSource, SCHEMA).filter(Expr.col("x").gt(0.0))
                .assign("z", Expr.col("x").mul(Expr.col("y"))).stream()
                .sink(f -> lastFiltered = f.column(3).values().getAtIndex(DOUBLE_LE, f.rowCount() - 1));

        handRolling = new HandRollingMax(ROLLING, batch);
        handFilter = new HandFilterAssign(batch);
    }

    @TearDown(Level.Trial)
    public void tearDown(Blackhole bh) {
        bh.consume(lastGroups);
        bh.consume(lastMean);
        bh.consume(lastMax);
        bh.consume(lastFiltered);
        handRolling.close();
        handFilter.close();
        for (Frame f : frames) {
            f.release();
        }
    }

    private Frame next() {
        Frame f = frames[cursor];
        cursor = cursor + 1 == frames.length ? 0 : cursor + 1;
        return f;
    }

    @Benchmark
    @OperationsPerInvocation(ROWS_PER_OP)
    public void groupbySumOurs() {
        for (int i = ROWS_PER_OP / batch; i > 0; i--) {
            groupbySource.emit(next());
        }
    }

    @Benchmark
    @OperationsPerInvocation(ROWS_PER_OP)
    public void groupbySumHand(Blackhole bh) {
        for (int i = ROWS_PER_OP / batch; i > 0; i--) {
            handGroupBy.onBatch(next());
            bh.consume(handGroupBy.sortedSums);
        }
    }

    @Benchmark
    @OperationsPerInvocation(ROWS_PER_OP)
    public void windowMeanOurs() {
        for (int i = ROWS_PER_OP / batch; i > 0; i--) {
            windowSource.emit(next());
        }
    }

    @Benchmark
    @OperationsPerInvocation(ROWS_PER_OP)
    public void windowMeanHand(Blackhole bh) {
        for (int i = ROWS_PER_OP / batch; i > 0; i--) {
            bh.consume(handWindow.onBatch(next()));
        }
    }

    @Benchmark
    @OperationsPerInvocation(ROWS_PER_OP)
    public void rollingMaxOurs() {
        for (int i = ROWS_PER_OP / batch; i > 0; i--) {
            rollingSource.emit(next());
        }
    }

    @Benchmark
    @OperationsPerInvocation(ROWS_PER_OP)
    public void rollingMaxHand(Blackhole bh) {
        for (int i = ROWS_PER_OP / batch; i > 0; i--) {
            bh.consume(handRolling.onBatch(next()));
        }
    }

    @Benchmark
    @OperationsPerInvocation(ROWS_PER_OP)
    public void filterAssignOurs() {
        for (int i = ROWS_PER_OP / batch; i > 0; i--) {
            filterSource.emit(next());
        }
    }

    @Benchmark
    @OperationsPerInvocation(ROWS_PER_OP)
    public void filterAssignHand(Blackhole bh) {
        for (int i = ROWS_PER_OP / batch; i > 0; i--) {
            bh.consume(handFilter.onBatch(next()));
        }
    }

    /** True when row {@code i}'s validity bit is clear. */
    static boolean isNull(MemorySegment validity, int i) {
        return (validity.get(ValueLayout.JAVA_BYTE, i >>> 3) >> (i & 7) & 1) == 0;
    }

    /** All-time per-key sums: open addressing (linear probing), keys sorted after every batch. */
    static final class HandGroupBySum {
        long[] slotKeys = new long[256];
        double[] slotSums = new double[256];
        boolean[] used = new boolean[256];
        int groups;
        long[] sortedKeys = new long[256];
        double[] sortedSums = new double[256];

        void onBatch(Frame f) {
            int n = f.rowCount();
            MemorySegment k = f.column(0).values();
            MemorySegment kv = f.column(0).validity();
            MemorySegment x = f.column(1).values();
            MemorySegment xv = f.column(1).validity();
            int mask = slotKeys.length - 1;
            for (int i = 0; i < n; i++) {
                if (isNull(kv, i)) {
                    continue;
                }
                long key = k.getAtIndex(LONG_LE, i);
                long h = key * 0x9E3779B97F4A7C15L;
                int s = (int) (h ^ (h >>> 32)) & mask;
                while (used[s] && slotKeys[s] != key) {
                    s = (s + 1) & mask;
                }
                if (!used[s]) {
                    used[s] = true;
                    slotKeys[s] = key;
                    groups++; // KEYS stays far below the table's size: no rehash needed here
                }
                double d = x.getAtIndex(DOUBLE_LE, i);
                if (!isNull(xv, i) && d == d) {
                    slotSums[s] += d;
                }
            }
            int g = 0;
            for (int s = 0; s < used.length; s++) {
                if (used[s]) {
                    sortedKeys[g++] = slotKeys[s];
                }
            }
            Arrays.sort(sortedKeys, 0, g);
            for (int i = 0; i < g; i++) {
                long key = sortedKeys[i];
                long h = key * 0x9E3779B97F4A7C15L;
                int s = (int) (h ^ (h >>> 32)) & mask;
                while (slotKeys[s] != key) {
                    s = (s + 1) & mask;
                }
                sortedSums[i] = slotSums[s];
            }
        }
    }

    /** The mean of the last {@code n} rows: a ring of values (NaN for missing), a running sum and count. */
    static final class HandWindowMean {
        final double[] ring;
        long seen;
        double sum;
        long count;

        HandWindowMean(int n) {
            ring = new double[n];
        }

        double onBatch(Frame f) {
            int rows = f.rowCount();
            MemorySegment x = f.column(1).values();
            MemorySegment xv = f.column(1).validity();
            double[] r = ring;
            int n = r.length;
            int from = 0;
            if (rows >= n) {
                // Only the batch's last n rows can be in the window: start afresh from them.
                from = rows - n;
                seen = 0;
                sum = 0;
                count = 0;
            }
            int at = (int) (seen % n);
            for (int i = from; i < rows; i++) {
                if (seen >= n) {
                    double old = r[at];
                    if (old == old) {
                        sum -= old;
                        count--;
                    }
                }
                double d = isNull(xv, i) ? Double.NaN : x.getAtIndex(DOUBLE_LE, i);
                r[at] = d;
                if (d == d) {
                    sum += d;
                    count++;
                }
                seen++;
                if (++at == n) {
                    at = 0;
                }
            }
            return count == 0 ? Double.NaN : sum / count;
        }
    }

    /**
     * Rolling maximum of the last {@code n} rows per row (NaN until {@code n} present values, pandas'
     * min_periods): a ring of presence flags for the count and a monotonic deque of (row, value), written
     * to an off-heap float64 column of its own.
     */
    static final class HandRollingMax {
        final int n;
        final boolean[] present;
        final long[] dqRow;
        final double[] dqVal;
        int head;
        int size;
        long row;
        int at;
        int count;
        final Arena arena = Arena.ofConfined();
        final MemorySegment out;

        HandRollingMax(int n, int batch) {
            this.n = n;
            present = new boolean[n];
            dqRow = new long[Integer.highestOneBit(n) << 1];
            dqVal = new double[dqRow.length];
            out = arena.allocate(8L * batch, 64);
        }

        MemorySegment onBatch(Frame f) {
            int rows = f.rowCount();
            MemorySegment y = f.column(2).values();
            MemorySegment yv = f.column(2).validity();
            int mask = dqRow.length - 1;
            for (int i = 0; i < rows; i++) {
                if (row >= n && present[at]) {
                    count--;
                }
                double d = isNull(yv, i) ? Double.NaN : y.getAtIndex(DOUBLE_LE, i);
                boolean p = d == d;
                present[at] = p;
                if (p) {
                    count++;
                    while (size > 0 && dqVal[(head + size - 1) & mask] <= d) {
                        size--;
                    }
                    dqRow[(head + size) & mask] = row;
                    dqVal[(head + size) & mask] = d;
                    size++;
                }
                long firstKept = row - n + 1;
                while (size > 0 && dqRow[head] < firstKept) {
                    head = (head + 1) & mask;
                    size--;
                }
                out.setAtIndex(DOUBLE_LE, i, count < n ? Double.NaN : dqVal[head]);
                row++;
                if (++at == n) {
                    at = 0;
                }
            }
            return out;
        }

        void close() {
            arena.close();
        }
    }

    /**
     * The rows with x &gt; 0 (present, not NaN), with z = x * y: one fused pass into an off-heap output frame
     * (key, x, y, z), validity bitmaps cleared per batch and set per kept row (z is null where y is).
     */
    static final class HandFilterAssign {
        static final Schema OUT = Schema.builder().int64("key").float64("x").float64("y").float64("z").build();
        final Frame out;

        HandFilterAssign(int batch) {
            out = Frame.allocate("hand", OUT, batch);
        }

        Frame onBatch(Frame f) {
            int rows = f.rowCount();
            MemorySegment k = f.column(0).values();
            MemorySegment kv = f.column(0).validity();
            MemorySegment x = f.column(1).values();
            MemorySegment xv = f.column(1).validity();
            MemorySegment y = f.column(2).values();
            MemorySegment yv = f.column(2).validity();
            MemorySegment ok = out.column(0).values();
            MemorySegment okv = out.column(0).validity();
            MemorySegment ox = out.column(1).values();
            MemorySegment oxv = out.column(1).validity();
            MemorySegment oy = out.column(2).values();
            MemorySegment oyv = out.column(2).validity();
            MemorySegment oz = out.column(3).values();
            MemorySegment ozv = out.column(3).validity();
            long bytes = (rows + 7) / 8;
            okv.asSlice(0, bytes).fill((byte) 0);
            oxv.asSlice(0, bytes).fill((byte) 0);
            oyv.asSlice(0, bytes).fill((byte) 0);
            ozv.asSlice(0, bytes).fill((byte) 0);
            int j = 0;
            for (int i = 0; i < rows; i++) {
                double xi = x.getAtIndex(DOUBLE_LE, i);
                if (isNull(xv, i) || !(xi > 0)) {
                    continue;
                }
                double yi = y.getAtIndex(DOUBLE_LE, i);
                ok.setAtIndex(LONG_LE, j, k.getAtIndex(LONG_LE, i));
                ox.setAtIndex(DOUBLE_LE, j, xi);
                oy.setAtIndex(DOUBLE_LE, j, yi);
                oz.setAtIndex(DOUBLE_LE, j, xi * yi);
                byte bit = (byte) (1 << (j & 7));
                int at = j >>> 3;
                boolean yNull = isNull(yv, i);
                if (!isNull(kv, i)) {
                    okv.set(ValueLayout.JAVA_BYTE, at, (byte) (okv.get(ValueLayout.JAVA_BYTE, at) | bit));
                }
                oxv.set(ValueLayout.JAVA_BYTE, at, (byte) (oxv.get(ValueLayout.JAVA_BYTE, at) | bit));
                if (!yNull) {
                    oyv.set(ValueLayout.JAVA_BYTE, at, (byte) (oyv.get(ValueLayout.JAVA_BYTE, at) | bit));
                    ozv.set(ValueLayout.JAVA_BYTE, at, (byte) (ozv.get(ValueLayout.JAVA_BYTE, at) | bit));
                }
                j++;
            }
            out.setRowCount(j);
            return out;
        }

        void close() {
            out.release();
        }
    }
}
