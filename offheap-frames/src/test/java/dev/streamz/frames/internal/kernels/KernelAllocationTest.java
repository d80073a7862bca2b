package dev.streamz.frames.internal.kernels;

import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.management.ManagementFactory;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Steady state allocates nothing: once the JIT has compiled the kernels (vector masks and shuffles scalar
 * replaced), a frame through every kernel costs 0 bytes on the calling thread.
 */
class KernelAllocationTest {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    @Test
    void Q10_everyKernelAllocatesNothingPerFrameInSteadyState() {
        int n = 1000;
        SplittableRandom r = new SplittableRandom(10);
        try (Arena a = Arena.ofConfined()) {
            double[] x = Cols.doubles(r, n);
            long[] k = Cols.longs(r, n, 50);
            boolean[] v = Cols.valid(r, n, true);
            MemorySegment sx = Cols.f64(a, x);
            MemorySegment sk = Cols.i64(a, k);
            MemorySegment sv = Cols.bits(a, v);
            MemorySegment out = Cols.f64Out(a, n);
            MemorySegment outL = Cols.i64Out(a, n);
            MemorySegment bits = Cols.bitmap(a, n);
            MemorySegment outV = Cols.bitmap(a, n);
            int[] sel = new int[n];
            MemorySegment[] rollOut = new MemorySegment[RollingStat.COUNT_OF_STATS];
            for (int i = 0; i < rollOut.length; i++) {
                rollOut[i] = Cols.f64Out(a, n);
            }
            MemorySegment ts = Cols.i64Out(a, n);
            Cumulative cum = new Cumulative(Cumulative.Kind.SUM);
            GroupBy g = new GroupBy(false, 64, true, true, 2);
            Rolling roll = Rolling.rows(50, 10, 1);
            Rolling timed = Rolling.time(100, 1, 1, n);
            long[] clock = {0};
            Runnable frame = () -> {
                double s = 0;
                Compare.compare(sx, sv, n, CmpOp.GT, 0.0, bits, outV);
                Compare.compareLong(sk, sv, n, CmpOp.LE, 3L, bits, outV);
                int c = Compare.select(sx, sv, n, CmpOp.LT, 10.0, sel);
                s += Reduce.sumSelected(sx, sel, c);
                s += Reduce.sumWhere(sx, sv, n, CmpOp.GE, 1.0);
                s += Reduce.sum(sx, sv, n) + Reduce.mean(sx, sv, n) + Reduce.var(sx, sv, n, 1);
                s += Reduce.min(sx, sv, n) + Reduce.max(sx, sv, n) + Reduce.count(sx, sv, n);
                s += Reduce.sumLong(sk, sv, n);
                Bitmaps.and(sv, bits, outV, n);
                Bitmaps.kleeneOr(bits, sv, bits, null, bits, outV, n);
                Arith.apply(sx, sv, sx, null, n, ArithOp.MUL, out, outV);
                Arith.divideLong(sk, sv, sk, null, n, out, outV);
                Cast.float64ToInt64(sx, sv, n, outL, outV);
                cum.apply(sx, sv, n, out, outV);
                if (g.groups() > 0) {
                    g.remove(sk, sv, sx, sv, n);
                }
                g.add(sk, sv, sx, sv, n);
                s += g.min(0) + g.var(0, 1) + g.sum(1);
                roll.apply(sx, sv, n, rollOut);
                for (int i = 0; i < n; i++) {
                    ts.setAtIndex(Cols.LONG_LE, i, clock[0]++);
                }
                timed.applyTimed(ts, sx, sv, n, rollOut);
                if (s == 42.4242) {
                    throw new AssertionError("unreachable: keeps s alive");
                }
            };
            long best = Long.MAX_VALUE;
            for (int round = 0; round < 40 && best > 0; round++) {
                long before = THREADS.getThreadAllocatedBytes(Thread.currentThread().threadId());
                for (int i = 0; i < 1000; i++) {
                    frame.run();
                }
                best = Math.min(best, THREADS.getThreadAllocatedBytes(Thread.currentThread().threadId()) - before);
            }
            // 1000 frames: anything per frame would show as >= 16 000 bytes
            assertTrue(best < 1000, "1000 frames through every kernel allocated " + best + " bytes at best");
        }
    }
}
