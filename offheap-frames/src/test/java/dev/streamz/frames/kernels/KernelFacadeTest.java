package dev.streamz.frames.kernels;

import dev.streamz.frames.Column;
import dev.streamz.frames.Frame;
import dev.streamz.frames.FramePool;
import dev.streamz.frames.Schema;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The public kernels over frames: results against plain Java, clear errors, no allocation per frame. */
class KernelFacadeTest {
    static final Schema TRADES = Schema.builder().int64("user").category("sym").float64("price").timestamp("ts")
            .float64("out").float64("out2").bool("flag").int64("qty").build();

    /** Fills a frame with {@code n} random rows: about 10% null prices and 5% NaN. */
    static Frame fill(Frame f, SplittableRandom r, int n, long[] clock) {
        f.setRowCount(n);
        Column user = f.column("user");
        Column sym = f.column("sym");
        Column price = f.column("price");
        Column ts = f.column("ts");
        Column qty = f.column("qty");
        for (int i = 0; i < n; i++) {
            user.setLong(i, r.nextInt(7));
            sym.setString(i, "S" + r.nextInt(5));
            int kind = r.nextInt(20);
            if (kind < 2) {
                price.setNull(i);
            } else if (kind == 2) {
                price.setDouble(i, Double.NaN);
            } else {
                price.setDouble(i, r.nextInt(1000) / 10.0);
            }
            clock[0] += r.nextInt(3) * 1_000_000L;
            ts.setTimestamp(i, clock[0]);
            qty.setLong(i, r.nextInt(100) - 10);
            f.column("out").setDouble(i, 0);
            f.column("out2").setDouble(i, 0);
            f.column("flag").setBoolean(i, false);
        }
        return f;
    }

    static List<Double> present(Column c) {
        List<Double> l = new ArrayList<>();
        for (int i = 0; i < c.rowCount(); i++) {
            if (!c.isNull(i) && !Double.isNaN(c.getDouble(i))) {
                l.add(c.getDouble(i));
            }
        }
        return l;
    }

    @Test
    void Q12_reductionsSelectionAndColumnOpsOverFramesMatchPlainJava() {
        SplittableRandom r = new SplittableRandom(12);
        for (int n : new int[] {1, 63, 64, 65, 500}) {
            try (Frame f = fill(Frame.allocate(TRADES, 500), r, n, new long[1])) {
                Column price = f.column("price");
                List<Double> p = present(price);
                double sum = p.stream().mapToDouble(Double::doubleValue).sum();
                assertEquals(sum, Reductions.sum(price), 1e-9);
                assertEquals(p.size(), Reductions.count(price));
                assertEquals(n, Reductions.size(price));
                assertEquals(p.isEmpty() ? Double.NaN : sum / p.size(), Reductions.mean(price), 1e-9);
                double big = p.stream().mapToDouble(Double::doubleValue).filter(x -> x > 50).sum();
                assertEquals(big, Reductions.sumWhere(price, Comparison.GT, 50.0), 1e-9);
                Selection sel = new Selection(500).filter(price, Comparison.GT, 50.0);
                assertEquals(p.stream().filter(x -> x > 50).count(), sel.count());
                assertEquals(big, sel.sum(price), 1e-9);
                long qsum = 0;
                for (int i = 0; i < n; i++) {
                    qsum += f.column("qty").getLong(i);
                }
                assertEquals(qsum, Reductions.sumLong(f.column("qty")));

                ColumnOps.compare(price, Comparison.GT, 50.0, f.column("flag"));
                assertEquals(sel.count(), new Selection(500).filter(f.column("flag")).count());
                for (int i = 0; i < n; i++) {
                    assertEquals(price.isNull(i), f.column("flag").isNull(i), "null propagates");
                }
                ColumnOps.arithmetic(price, Arithmetic.MUL, 2.0, f.column("out"));
                ColumnOps.arithmetic(f.column("out"), Arithmetic.SUB, price, f.column("out2"));
                ColumnOps.cast(f.column("qty"), f.column("out"));
                for (int i = 0; i < n; i++) {
                    if (!price.isNull(i) && !Double.isNaN(price.getDouble(i))) {
                        assertEquals(price.getDouble(i), f.column("out2").getDouble(i), 1e-12);
                    }
                    assertEquals((double) f.column("qty").getLong(i), f.column("out").getDouble(i), 0.0);
                }
                ColumnOps.not(f.column("flag"), f.column("flag"));
                assertEquals(n - sel.count() - (n - Reductions.count(f.column("flag"))),
                        new Selection(500).filter(f.column("flag")).count());
            }
        }
        try (Frame f = fill(Frame.allocate(TRADES, 10), r, 10, new long[1])) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Reductions.sum(f.column("sym")));
            assertTrue(e.getMessage().contains("'sym'") && e.getMessage().contains("CATEGORY"), e.getMessage());
            assertThrows(NullPointerException.class, () -> Reductions.sumWhere(f.column("price"), null, 1));
            IllegalArgumentException cast = assertThrows(IllegalArgumentException.class,
                    () -> ColumnOps.cast(f.column("sym"), f.column("out")));
            assertTrue(cast.getMessage().contains("no cast from CATEGORY"), cast.getMessage());
            try (Frame other = Frame.allocate(TRADES, 10)) {
                IllegalArgumentException rows = assertThrows(IllegalArgumentException.class,
                        () -> ColumnOps.arithmetic(f.column("price"), Arithmetic.ADD, 1.0, other.column("out")));
                assertTrue(rows.getMessage().contains("row count"), rows.getMessage());
            }
        }
    }

    @Test
    void Q13_groupByAggregatorOverAWindowOfFramesByInt64AndCategoryKeys() {
        SplittableRandom r = new SplittableRandom(13);
        GroupByAggregator byUser = GroupByAggregator.builder("user", "price").window(3).build();
        GroupByAggregator bySym = GroupByAggregator.builder("sym", "price").window(3).build();
        ArrayDeque<Frame> window = new ArrayDeque<>();
        long[] clock = {0};
        // category keys need one dictionary: the frames of one pool share it
        FramePool pool = FramePool.builder(TRADES).frameCapacity(200).frames(4).build();
        for (int step = 0; step < 8; step++) {
            Frame f = fill(pool.acquire(), r, 1 + r.nextInt(200), clock);
            if (window.size() == 3) {
                Frame old = window.removeFirst();
                byUser.remove(old);
                bySym.remove(old);
                old.release();
            }
            byUser.add(f);
            bySym.add(f);
            window.addLast(f);
            int[] order = new int[byUser.groups()];
            int live = byUser.sortedGroups(order);
            for (int i = 0; i < live; i++) {
                long key = byUser.key(order[i]);
                if (i > 0) {
                    assertTrue(byUser.key(order[i - 1]) < key, "key order");
                }
                double sum = 0;
                double max = Double.NEGATIVE_INFINITY;
                long size = 0;
                for (Frame w : window) {
                    for (int j = 0; j < w.rowCount(); j++) {
                        if (w.column("user").getLong(j) == key) {
                            size++;
                            Column p = w.column("price");
                            if (!p.isNull(j) && !Double.isNaN(p.getDouble(j))) {
                                sum += p.getDouble(j);
                                max = Math.max(max, p.getDouble(j));
                            }
                        }
                    }
                }
                assertEquals(size, byUser.size(order[i]), "size of user " + key);
                assertEquals(sum, byUser.sum(order[i]), 1e-6, "sum of user " + key);
                assertEquals(max, byUser.max(order[i]), 0.0, "max of user " + key);
            }
            int[] sorder = new int[bySym.groups()];
            int slive = bySym.sortedGroups(sorder);
            for (int i = 0; i < slive; i++) {
                String sym = bySym.keyString(sorder[i]);
                long size = 0;
                for (Frame w : window) {
                    for (int j = 0; j < w.rowCount(); j++) {
                        size += w.column("sym").getString(j).equals(sym) ? 1 : 0;
                    }
                }
                assertEquals(size, bySym.size(sorder[i]), "size of " + sym);
            }
        }
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> byUser.keyString(0));
        assertTrue(e.getMessage().contains("use key(g)"), e.getMessage());
        try (Frame alone = fill(Frame.allocate(TRADES, 10), r, 10, clock)) {
            IllegalArgumentException other = assertThrows(IllegalArgumentException.class, () -> bySym.add(alone));
            assertTrue(other.getMessage().contains("share one dictionary"), other.getMessage());
        }
        window.forEach(Frame::release);
        pool.close();
    }

    @Test
    void Q14_rollingWindowAndCumulativeColumnAcrossFrames() {
        SplittableRandom r = new SplittableRandom(14);
        RollingWindow mean3 = RollingWindow.rows("price", 3, 2).output(RollingWindow.Stat.MEAN, "out")
                .output(RollingWindow.Stat.MAX, "out2");
        RollingWindow timed = RollingWindow.time("price", "ts", Duration.ofMillis(3), 1, 1, 1000);
        timed.output(RollingWindow.Stat.COUNT, "out2");
        CumulativeColumn cum = CumulativeColumn.sum();
        List<Double> all = new ArrayList<>();
        List<Long> times = new ArrayList<>();
        double running = 0;
        long[] clock = {0};
        for (int step = 0; step < 6; step++) {
            try (Frame f = fill(Frame.allocate(TRADES, 100), r, 1 + r.nextInt(100), clock)) {
                Column p = f.column("price");
                mean3.apply(f);
                for (int i = 0; i < f.rowCount(); i++) {
                    all.add(p.isNull(i) ? Double.NaN : p.getDouble(i));
                    List<Double> w = new ArrayList<>();
                    for (int j = Math.max(0, all.size() - 3); j < all.size(); j++) {
                        if (!Double.isNaN(all.get(j))) {
                            w.add(all.get(j));
                        }
                    }
                    double mean = w.size() < 2 ? Double.NaN
                            : w.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
                    double max = w.size() < 2 ? Double.NaN
                            : w.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
                    assertEquals(mean, f.column("out").getDouble(i), 1e-9, "mean3 row " + all.size());
                    assertEquals(max, f.column("out2").getDouble(i), 0.0, "max3 row " + all.size());
                }
                timed.apply(f);
                for (int i = 0; i < f.rowCount(); i++) {
                    times.add(f.column("ts").getLong(i));
                    int base = all.size() - f.rowCount();
                    long t = f.column("ts").getLong(i);
                    int c = 0;
                    for (int j = 0; j <= base + i; j++) {
                        c += times.get(j) > t - 3_000_000L && !Double.isNaN(all.get(j)) ? 1 : 0;
                    }
                    assertEquals(c == 0 ? Double.NaN : c, f.column("out2").getDouble(i), 0.0, "time count");
                }
                cum.apply(p, f.column("out"));
                for (int i = 0; i < f.rowCount(); i++) {
                    if (!p.isNull(i) && !Double.isNaN(p.getDouble(i))) {
                        running += p.getDouble(i);
                        assertEquals(running, f.column("out").getDouble(i), 1e-6);
                    }
                }
            }
        }
        assertEquals(running, cum.value(), 1e-6);
        try (Frame f = Frame.allocate(TRADES, 4)) {
            RollingWindow bad = RollingWindow.rows("sym", 3, 1);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> bad.apply(f));
            assertTrue(e.getMessage().contains("'sym'"), e.getMessage());
            RollingWindow missing = RollingWindow.rows("nope", 3, 1);
            assertTrue(assertThrows(IllegalArgumentException.class, () -> missing.apply(f)).getMessage()
                    .contains("lacks column 'nope'"));
        }
    }

    @Test
    void Q15_theFacadeAllocatesNothingPerFrameInSteadyState() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        SplittableRandom r = new SplittableRandom(15);
        Frame[] frames = new Frame[4];
        long[] clock = {0};
        for (int i = 0; i < frames.length; i++) {
            frames[i] = fill(Frame.allocate(TRADES, 1000), r, 1000, clock);
        }
        // timestamps must not go backwards when the frames are replayed: one window per round
        Selection sel = new Selection(1000);
        GroupByAggregator g = GroupByAggregator.builder("user", "price").window(2).build();
        GroupByAggregator gs = GroupByAggregator.builder("qty", "price").sumsOnly().build();
        RollingWindow roll = RollingWindow.rows("price", 10, 1).output(RollingWindow.Stat.STD, "out")
                .output(RollingWindow.Stat.MIN, "out2");
        CumulativeColumn cum = CumulativeColumn.max();
        double[] sink = new double[1];
        Runnable round = () -> {
            g.clear();
            for (int i = 0; i < frames.length; i++) {
                Frame f = frames[i];
                Column p = f.column("price");
                sink[0] += Reductions.sum(p) + Reductions.var(p, 1) + Reductions.min(f.column("qty"));
                sink[0] += sel.filter(p, Comparison.LE, 20.0).sum(p);
                sink[0] += Reductions.sumWhere(p, Comparison.GT, 20.0);
                ColumnOps.compare(p, Comparison.GT, 3.0, f.column("flag"));
                ColumnOps.arithmetic(p, Arithmetic.DIV, p, f.column("out"));
                if (i >= 2) {
                    g.remove(frames[i - 2]);
                }
                g.add(f);
                gs.add(f);
                sink[0] += g.max(0) + g.std(0, 1) + gs.sum(0);
                roll.apply(f);
                cum.apply(p, f.column("out2"));
            }
        };
        long best = Long.MAX_VALUE;
        for (int k = 0; k < 40 && best > 0; k++) {
            long before = threads.getThreadAllocatedBytes(Thread.currentThread().threadId());
            for (int j = 0; j < 250; j++) {
                round.run();
            }
            best = Math.min(best, threads.getThreadAllocatedBytes(Thread.currentThread().threadId()) - before);
        }
        assertFalse(Double.isInfinite(sink[0]) && sink[0] > 0 && sink[0] < 0);
        assertTrue(best < 1000, "1000 frames through the façade allocated " + best + " bytes at best");
        for (Frame f : frames) {
            f.release();
        }
    }
}
