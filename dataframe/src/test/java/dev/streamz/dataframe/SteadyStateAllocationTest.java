package dev.streamz.dataframe;

import dev.streamz.Stream;
import dev.streamz.frames.Frame;
import dev.streamz.frames.FrameBuilder;
import dev.streamz.frames.Schema;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The numeric paths allocate nothing per row in the steady state: a reduction, a row window, a rolling
 * max (whose output frame is reused), a cumulative sum, a 10-key group-by, and a filter + assign chain and a
 * series expression (compiled expressions, lent output frames; S07) over 4,096-row batches allocate less than
 * a byte per row in all (what remains is per batch: the boxed scalars; the group-by writes its updating
 * series into a reused frame).
 */
class SteadyStateAllocationTest {
    @Test
    void numericPathsAllocateNothingPerRow_S07() {
        Schema schema = Schema.builder().int64("k").float64("x").build();
        int rows = 4096;
        long[] k = new long[rows];
        double[] x = new double[rows];
        for (int i = 0; i < rows; i++) {
            k[i] = i % 10;
            x[i] = (i * 7919) % 1000 / 10.0;
        }
        Stream<Frame> source = Stream.create("alloc");
        StreamingDataFrame sdf = StreamingDataFrame.from(source, schema);
        double[] sink = new double[6];
        sdf.col("x").sum().sink(v -> sink[0] = v);
        sdf.col("x").window(1000).mean().sink(v -> sink[1] = v);
        sdf.col("x").rolling(100).max().frame().stream().sink(f -> sink[2] = f.rowCount());
        sdf.col("x").cumsum().frame().stream().sink(f -> sink[3] = f.rowCount());
        sdf.filter(Expr.col("x").gt(50.0).and(Expr.col("k").ne(3)))
                .assign("y", Expr.col("x").mul(2).add(Expr.col("k")).floordiv(3))
                .stream().sink(f -> sink[4] = f.rowCount());
        sdf.col("x").mul(sdf.col("k")).gt(100).frame().stream().sink(f -> sink[5] = f.rowCount());
        Object[] last = new Object[1];
        sdf.groupby("k").sum("x").stream().sink(g -> last[0] = g.rowCount());
        try (Frame f = FrameBuilder.of(schema, rows).column("k", k).column("x", x).build()) {
            for (int i = 0; i < 3000; i++) {
                source.emit(f); // warm up: rings and tables reach their size, the JIT compiles
            }
            com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            long tid = Thread.currentThread().threadId();
            int batches = 300;
            long before = mx.getThreadAllocatedBytes(tid);
            for (int i = 0; i < batches; i++) {
                source.emit(f);
            }
            long bytes = mx.getThreadAllocatedBytes(tid) - before;
            double perRow = (double) bytes / ((long) batches * rows);
            assertTrue(perRow < 1.0, "allocated " + bytes + " B over " + batches + " batches = " + perRow + " B/row");
            // Per batch: two boxed scalars and the core's emission bookkeeping, no per-group maps, no per-row objects.
            assertTrue(bytes / batches < 512, "allocated " + bytes / batches + " B per batch for 7 operations");
        }
        assertNotNull(last[0]);
        assertTrue(sink[2] == rows && sink[3] == rows && sink[5] == rows);
        assertTrue(sink[4] > 0 && sink[4] < rows, "the filter kept " + sink[4] + " rows");
    }

    /** Allocated bytes per row of the steady state, after warm-up, for batches of {@code rows} rows. */
    static double bytesPerRow(Stream<Frame> source, Frame f, int rows, int warmup, int batches) {
        for (int i = 0; i < warmup; i++) {
            source.emit(f);
        }
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().threadId();
        long before = mx.getThreadAllocatedBytes(tid);
        for (int i = 0; i < batches; i++) {
            source.emit(f);
        }
        return (double) (mx.getThreadAllocatedBytes(tid) - before) / ((long) batches * rows);
    }

    /**
     * U10: the aggregation paths this module adds allocate nothing per row either: a windowed group-by
     * min and max (per-group deques), a user aggregation with a mutable state in a row window (its Rows
     * views are reused; rows leave in pieces), the same per group in a window, a window's full() (a
     * reused output frame) and a rolling user aggregation (one call per row; the boxed result of a
     * state read in place does not escape once compiled), whole-frame reductions and group-bys of several
     * columns (reused output frames). What remains is per batch.
     */
    @Test
    void U10_aggregationPathsAllocateNothingPerRow() {
        Schema schema = Schema.builder().int64("k").float64("x").build();
        int rows = 4096;
        long[] k = new long[rows];
        double[] x = new double[rows];
        for (int i = 0; i < rows; i++) {
            k[i] = i % 10;
            x[i] = (i * 7919) % 1000 / 10.0;
        }
        Stream<Frame> source = Stream.create("alloc-agg");
        StreamingDataFrame sdf = StreamingDataFrame.from(source, schema);
        Object[] last = new Object[10];
        sdf.window(1000).groupby("k").max("x").stream().sink(m -> last[0] = m.rowCount());
        sdf.window(1000).groupby("k").min("x").stream().sink(m -> last[1] = m.rowCount());
        sdf.col("x").window(1000).aggregate(new TestAggregations.UserSum()).sink(v -> last[2] = v);
        sdf.window(1000).groupby("k").aggregate(new TestAggregations.UserSum(), "x").sink(m -> last[3] = m);
        sdf.window(1000).full().stream().sink(fr -> last[4] = fr.rowCount());
        sdf.col("x").rolling(100).aggregate(new TestAggregations.UserSum()).frame().stream().sink(fr -> last[5] = fr);
        sdf.sum().stream().sink(fr -> last[6] = fr.rowCount());
        sdf.window(1000).mean().stream().sink(fr -> last[7] = fr.rowCount());
        sdf.window(1000).groupby("k").cols("x").max().stream().sink(fr -> last[8] = fr.rowCount());
        sdf.groupby("k").all().sum().stream().sink(fr -> last[9] = fr.rowCount());
        try (Frame f = FrameBuilder.of(schema, rows).column("k", k).column("x", x).build()) {
            double perRow = bytesPerRow(source, f, rows, 3000, 300);
            assertTrue(perRow < 1.0, perRow + " B/row");
        }
        for (Object o : last) {
            assertNotNull(o);
        }
        assertTrue(last[4].equals(1000));
    }
}
