package dev.streamz.frames.internal.kernels;

import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Bitmap logic, comparisons and selection vectors against plain Java references. */
class BitmapsCompareTest {

    @Test
    void Q01_bitmapLogicAndKleeneMatchTheReference() {
        SplittableRandom r = new SplittableRandom(1);
        for (int n : Cols.SIZES) {
            try (Arena a = Arena.ofConfined()) {
                boolean[] x = Cols.valid(r, n, true);
                boolean[] y = Cols.valid(r, n, true);
                boolean[] xv = Cols.valid(r, n, true);
                boolean[] yv = Cols.valid(r, n, true);
                MemorySegment bx = Cols.bits(a, x);
                MemorySegment by = Cols.bits(a, y);
                MemorySegment bxv = Cols.bits(a, xv);
                MemorySegment byv = Cols.bits(a, yv);
                MemorySegment out = Cols.bitmap(a, n);
                MemorySegment outV = Cols.bitmap(a, n);
                int cx = 0;
                for (boolean b : x) {
                    cx += b ? 1 : 0;
                }
                assertEquals(cx, Bitmaps.count(bx, n), "count n=" + n);
                assertEquals(n, Bitmaps.count(null, n));
                Bitmaps.and(bx, by, out, n);
                for (int i = 0; i < n; i++) {
                    assertEquals(x[i] && y[i], Cols.get(out, i), "and n=" + n + " i=" + i);
                }
                Bitmaps.or(bx, by, out, n);
                for (int i = 0; i < n; i++) {
                    assertEquals(x[i] || y[i], Cols.get(out, i));
                }
                Bitmaps.xor(bx, by, out, n);
                for (int i = 0; i < n; i++) {
                    assertEquals(x[i] ^ y[i], Cols.get(out, i));
                }
                Bitmaps.andNot(bx, by, out, n);
                for (int i = 0; i < n; i++) {
                    assertEquals(x[i] && !y[i], Cols.get(out, i));
                }
                Bitmaps.not(bx, out, n);
                for (int i = 0; i < n; i++) {
                    assertEquals(!x[i], Cols.get(out, i));
                }
                // padding past n stays clear, so a count over the whole word is exact
                assertEquals(n - cx, Bitmaps.count(out, n));
                Bitmaps.not(null, out, n);
                assertEquals(0, Bitmaps.count(out, n));

                Bitmaps.kleeneAnd(bx, bxv, by, byv, out, outV, n);
                for (int i = 0; i < n; i++) {
                    Boolean e = kleeneAnd(xv[i] ? x[i] : null, yv[i] ? y[i] : null);
                    assertEquals(e != null, Cols.get(outV, i), "kleeneAnd validity i=" + i);
                    if (e != null) {
                        assertEquals(e, Cols.get(out, i), "kleeneAnd i=" + i);
                    }
                }
                Bitmaps.kleeneOr(bx, bxv, by, byv, out, outV, n);
                for (int i = 0; i < n; i++) {
                    Boolean e = kleeneOr(xv[i] ? x[i] : null, yv[i] ? y[i] : null);
                    assertEquals(e != null, Cols.get(outV, i), "kleeneOr validity i=" + i);
                    if (e != null) {
                        assertEquals(e, Cols.get(out, i), "kleeneOr i=" + i);
                    }
                }
            }
        }
    }

    private static Boolean kleeneAnd(Boolean a, Boolean b) {
        if (Boolean.FALSE.equals(a) || Boolean.FALSE.equals(b)) {
            return false;
        }
        return a == null || b == null ? null : true;
    }

    private static Boolean kleeneOr(Boolean a, Boolean b) {
        if (Boolean.TRUE.equals(a) || Boolean.TRUE.equals(b)) {
            return true;
        }
        return a == null || b == null ? null : false;
    }

    @Test
    void Q02_comparisonsAndSelectionMatchTheReference() {
        SplittableRandom r = new SplittableRandom(2);
        for (int n : Cols.SIZES) {
            for (boolean nulls : new boolean[] {false, true}) {
                try (Arena a = Arena.ofConfined()) {
                    double[] x = Cols.doubles(r, n);
                    double[] y = Cols.doubles(r, n);
                    long[] lx = Cols.longs(r, n, 9);
                    long[] ly = Cols.longs(r, n, 9);
                    int[] ix = new int[n];
                    for (int i = 0; i < n; i++) {
                        ix[i] = (int) lx[i];
                    }
                    boolean[] v = Cols.valid(r, n, nulls);
                    boolean[] w = Cols.valid(r, n, nulls);
                    MemorySegment sx = Cols.f64(a, x);
                    MemorySegment sy = Cols.f64(a, y);
                    MemorySegment slx = Cols.i64(a, lx);
                    MemorySegment sly = Cols.i64(a, ly);
                    MemorySegment six = Cols.i32(a, ix);
                    MemorySegment sv = nulls ? Cols.bits(a, v) : null;
                    MemorySegment sw = nulls ? Cols.bits(a, w) : null;
                    MemorySegment out = Cols.bitmap(a, n);
                    MemorySegment outV = Cols.bitmap(a, n);
                    int[] sel = new int[n];
                    for (CmpOp op : CmpOp.values()) {
                        String at = op + " n=" + n + " nulls=" + nulls;
                        Compare.compare(sx, sv, n, op, 1.0, out, outV);
                        for (int i = 0; i < n; i++) {
                            assertEquals(v[i], Cols.get(outV, i), at);
                            if (v[i]) {
                                assertEquals(ref(op, x[i], 1.0), Cols.get(out, i), at + " i=" + i + " x=" + x[i]);
                            }
                        }
                        Compare.compare(sx, sv, sy, sw, n, op, out, outV);
                        for (int i = 0; i < n; i++) {
                            assertEquals(v[i] && w[i], Cols.get(outV, i), at);
                            if (v[i] && w[i]) {
                                assertEquals(ref(op, x[i], y[i]), Cols.get(out, i), at + " cc i=" + i);
                            }
                        }
                        Compare.compareLong(slx, sv, n, op, 1L, out, outV);
                        for (int i = 0; i < n; i++) {
                            if (v[i]) {
                                assertEquals(ref(op, lx[i], 1L), Cols.get(out, i), at + " long i=" + i);
                            }
                        }
                        Compare.compareLong(slx, sv, sly, sw, n, op, out, outV);
                        for (int i = 0; i < n; i++) {
                            assertEquals(v[i] && w[i], Cols.get(outV, i), at);
                            if (v[i] && w[i]) {
                                assertEquals(ref(op, lx[i], ly[i]), Cols.get(out, i), at + " long cc i=" + i);
                            }
                        }
                        Compare.compareInt(six, sv, n, op, -1, out, outV);
                        for (int i = 0; i < n; i++) {
                            if (v[i]) {
                                assertEquals(ref(op, ix[i], -1), Cols.get(out, i), at + " int i=" + i);
                            }
                        }
                        int[] expected = java.util.stream.IntStream.range(0, n)
                                .filter(i -> v[i] && ref(op, x[i], 1.0)).toArray();
                        int c = Compare.select(sx, sv, n, op, 1.0, sel);
                        assertArrayEquals(expected, java.util.Arrays.copyOf(sel, c), at + " select");
                        Compare.compare(sx, sv, n, op, 1.0, out, null);
                        c = Bitmaps.toSelection(out, sv, n, sel);
                        assertArrayEquals(expected, java.util.Arrays.copyOf(sel, c), at + " toSelection");
                        int[] expectedL = java.util.stream.IntStream.range(0, n)
                                .filter(i -> v[i] && ref(op, lx[i], 0L)).toArray();
                        c = Compare.selectLong(slx, sv, n, op, 0L, sel);
                        assertArrayEquals(expectedL, java.util.Arrays.copyOf(sel, c), at + " selectLong");
                    }
                }
            }
        }
    }

    /** numpy: every comparison with NaN is false except != (written out, not through CmpOp.test). */
    static boolean ref(CmpOp op, double a, double b) {
        return switch (op) {
            case EQ -> a == b;
            case NE -> a != b;
            case LT -> a < b;
            case LE -> a <= b;
            case GT -> a > b;
            case GE -> a >= b;
        };
    }

    static boolean ref(CmpOp op, long a, long b) {
        return switch (op) {
            case EQ -> a == b;
            case NE -> a != b;
            case LT -> a < b;
            case LE -> a <= b;
            case GT -> a > b;
            case GE -> a >= b;
        };
    }
}
