package dev.streamz.frames.internal.kernels;

import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Arithmetic with null propagation, pandas' true division, and casts, against plain Java. */
class ArithCastTest {

    @Test
    void Q03_arithmeticPropagatesNullsAndDividesLikePandas() {
        SplittableRandom r = new SplittableRandom(3);
        for (int n : Cols.SIZES) {
            try (Arena a = Arena.ofConfined()) {
                double[] x = Cols.doubles(r, n);
                double[] y = Cols.doubles(r, n);
                long[] lx = Cols.longs(r, n, 7);
                long[] ly = Cols.longs(r, n, 7); // includes zeros: division by zero
                boolean[] v = Cols.valid(r, n, true);
                boolean[] w = Cols.valid(r, n, true);
                MemorySegment sx = Cols.f64(a, x);
                MemorySegment sy = Cols.f64(a, y);
                MemorySegment slx = Cols.i64(a, lx);
                MemorySegment sly = Cols.i64(a, ly);
                MemorySegment sv = Cols.bits(a, v);
                MemorySegment sw = Cols.bits(a, w);
                MemorySegment out = Cols.f64Out(a, n);
                MemorySegment outL = Cols.i64Out(a, n);
                MemorySegment outV = Cols.bitmap(a, n);
                for (ArithOp op : ArithOp.values()) {
                    Arith.apply(sx, sv, sy, sw, n, op, out, outV);
                    for (int i = 0; i < n; i++) {
                        assertEquals(v[i] && w[i], Cols.get(outV, i), op + " validity");
                        if (v[i] && w[i]) {
                            assertEquals(op.apply(x[i], y[i]), out.getAtIndex(Cols.DOUBLE_LE, i), 0.0, op + " i=" + i);
                        }
                    }
                    Arith.apply(sx, sv, n, op, 3.0, out, outV);
                    for (int i = 0; i < n; i++) {
                        assertEquals(v[i], Cols.get(outV, i));
                        if (v[i]) {
                            assertEquals(op.apply(x[i], 3.0), out.getAtIndex(Cols.DOUBLE_LE, i), 0.0, op + " scalar");
                        }
                    }
                    if (op != ArithOp.DIV) {
                        Arith.applyLong(slx, sv, sly, sw, n, op, outL, outV);
                        for (int i = 0; i < n; i++) {
                            if (v[i] && w[i]) {
                                assertEquals(op.apply(lx[i], ly[i]), outL.getAtIndex(Cols.LONG_LE, i), op + " long");
                            }
                        }
                        Arith.applyLong(slx, null, n, op, Long.MAX_VALUE, outL, outV);
                        for (int i = 0; i < n; i++) {
                            assertEquals(op.apply(lx[i], Long.MAX_VALUE), outL.getAtIndex(Cols.LONG_LE, i), "wraps");
                        }
                    }
                }
                Arith.divideLong(slx, sv, sly, sw, n, out, outV);
                for (int i = 0; i < n; i++) {
                    if (v[i] && w[i]) {
                        double e = ly[i] == 0 ? (lx[i] == 0 ? Double.NaN : lx[i] > 0 ? Double.POSITIVE_INFINITY
                                : Double.NEGATIVE_INFINITY) : (double) lx[i] / ly[i];
                        assertEquals(e, out.getAtIndex(Cols.DOUBLE_LE, i), 0.0, lx[i] + "/" + ly[i]);
                    }
                }
            }
        }
        try (Arena a = Arena.ofConfined()) {
            MemorySegment s = Cols.i64(a, new long[] {1});
            assertThrows(IllegalArgumentException.class,
                    () -> Arith.applyLong(s, null, s, null, 1, ArithOp.DIV, s, null));
        }
    }

    @Test
    void Q04_castsFollowNumpyAndMakeUnrepresentableValuesNull() {
        SplittableRandom r = new SplittableRandom(4);
        for (int n : Cols.SIZES) {
            try (Arena a = Arena.ofConfined()) {
                double[] x = Cols.doubles(r, n);
                if (n > 3) {
                    x[1] = 1e300;
                    x[2] = -0.7;
                    x[3] = Double.NEGATIVE_INFINITY;
                }
                long[] lx = Cols.longs(r, n, 1 << 20);
                if (n > 0) {
                    lx[0] = Long.MAX_VALUE;
                }
                int[] ix = new int[n];
                boolean[] b = Cols.valid(r, n, true);
                for (int i = 0; i < n; i++) {
                    ix[i] = (int) lx[i];
                }
                boolean[] v = Cols.valid(r, n, true);
                MemorySegment sv = Cols.bits(a, v);
                MemorySegment sx = Cols.f64(a, x);
                MemorySegment slx = Cols.i64(a, lx);
                MemorySegment six = Cols.i32(a, ix);
                MemorySegment sb = Cols.bits(a, b);
                MemorySegment outD = Cols.f64Out(a, n);
                MemorySegment outL = Cols.i64Out(a, n);
                MemorySegment outI = Cols.i64Out(a, n);
                MemorySegment outB = Cols.bitmap(a, n);
                MemorySegment outV = Cols.bitmap(a, n);

                Cast.float64ToInt64(sx, sv, n, outL, outV);
                for (int i = 0; i < n; i++) {
                    boolean fits = v[i] && !Double.isNaN(x[i]) && x[i] >= -9.223372036854775808E18
                            && x[i] < 9.223372036854775808E18;
                    assertEquals(fits, Cols.get(outV, i), "f64->i64 validity x=" + x[i]);
                    if (fits) {
                        assertEquals((long) x[i], outL.getAtIndex(Cols.LONG_LE, i));
                    }
                }
                Cast.int64ToFloat64(slx, sv, n, outD, outV);
                Cast.int32ToInt64(six, null, n, outI, null);
                for (int i = 0; i < n; i++) {
                    assertEquals(v[i], Cols.get(outV, i));
                    assertEquals((double) lx[i], outD.getAtIndex(Cols.DOUBLE_LE, i), 0.0);
                    assertEquals(ix[i], outI.getAtIndex(Cols.LONG_LE, i));
                }
                Cast.int32ToFloat64(six, null, n, outD, null);
                for (int i = 0; i < n; i++) {
                    assertEquals(ix[i], outD.getAtIndex(Cols.DOUBLE_LE, i), 0.0);
                }
                Cast.int64ToInt32(slx, null, n, outI, null);
                for (int i = 0; i < n; i++) {
                    assertEquals((int) lx[i], outI.getAtIndex(Cols.INT_LE, i));
                }
                Cast.float64ToBoolean(sx, null, n, outB, null);
                for (int i = 0; i < n; i++) {
                    assertEquals(x[i] != 0.0, Cols.get(outB, i), "NaN is true: x=" + x[i]);
                }
                Cast.int64ToBoolean(slx, null, n, outB, null);
                for (int i = 0; i < n; i++) {
                    assertEquals(lx[i] != 0, Cols.get(outB, i));
                }
                Cast.booleanToFloat64(sb, sv, n, outD, outV);
                Cast.booleanToInt64(sb, null, n, outL, null);
                for (int i = 0; i < n; i++) {
                    assertEquals(b[i] ? 1.0 : 0.0, outD.getAtIndex(Cols.DOUBLE_LE, i), 0.0);
                    assertEquals(b[i] ? 1L : 0L, outL.getAtIndex(Cols.LONG_LE, i));
                    assertEquals(v[i], Cols.get(outV, i));
                }
            }
        }
    }
}
