package dev.streamz.frames.internal.kernels;

import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reductions and cumulative operations with pandas' skip-NaN/null rules, against plain Java. */
class ReduceCumulativeTest {

    static void close(double expected, double actual, String what) {
        if (Double.isNaN(expected)) {
            assertTrue(Double.isNaN(actual), what + ": expected NaN, got " + actual);
        } else {
            assertEquals(expected, actual, 1e-9 * Math.max(1.0, Math.abs(expected)), what);
        }
    }

    @Test
    void Q05_reductionsSkipNullAndNaNLikePandas() {
        SplittableRandom r = new SplittableRandom(5);
        for (int n : Cols.SIZES) {
            for (int variant = 0; variant < 3; variant++) {
                try (Arena a = Arena.ofConfined()) {
                    double[] x = Cols.doubles(r, n);
                    boolean[] v = Cols.valid(r, n, variant > 0);
                    if (variant == 2) {
                        java.util.Arrays.fill(v, false); // all null
                    }
                    MemorySegment sx = Cols.f64(a, x);
                    MemorySegment sv = variant > 0 ? Cols.bits(a, v) : null;
                    double sum = 0;
                    int count = 0;
                    double min = Double.POSITIVE_INFINITY;
                    double max = Double.NEGATIVE_INFINITY;
                    for (int i = 0; i < n; i++) {
                        if (v[i] && !Double.isNaN(x[i])) {
                            sum += x[i];
                            count++;
                            min = Math.min(min, x[i]);
                            max = Math.max(max, x[i]);
                        }
                    }
                    double mean = count == 0 ? Double.NaN : sum / count;
                    double m2 = 0;
                    for (int i = 0; i < n; i++) {
                        if (v[i] && !Double.isNaN(x[i])) {
                            m2 += (x[i] - mean) * (x[i] - mean);
                        }
                    }
                    String at = "n=" + n + " variant=" + variant;
                    close(sum, Reduce.sum(sx, sv, n), "sum " + at);
                    assertEquals(count, Reduce.count(sx, sv, n), "count " + at);
                    close(mean, Reduce.mean(sx, sv, n), "mean " + at);
                    close(count == 0 ? Double.NaN : min, Reduce.min(sx, sv, n), "min " + at);
                    close(count == 0 ? Double.NaN : max, Reduce.max(sx, sv, n), "max " + at);
                    for (int ddof = 0; ddof <= 2; ddof++) {
                        double var = count - ddof <= 0 ? Double.NaN : m2 / (count - ddof);
                        close(var, Reduce.var(sx, sv, n, ddof), "var ddof=" + ddof + " " + at);
                        close(Math.sqrt(var), Reduce.std(sx, sv, n, ddof), "std ddof=" + ddof + " " + at);
                    }
                    // sumWhere == the sum over the selection
                    double sw = 0;
                    for (int i = 0; i < n; i++) {
                        if (v[i] && !Double.isNaN(x[i]) && x[i] >= 0.0) {
                            sw += x[i];
                        }
                    }
                    close(sw, Reduce.sumWhere(sx, sv, n, CmpOp.GE, 0.0), "sumWhere " + at);
                    int[] sel = new int[n];
                    int c = Compare.select(sx, sv, n, CmpOp.GE, 0.0, sel);
                    close(sw, Reduce.sumSelected(sx, sel, c), "sumSelected " + at);
                    // every operator (one specialised loop each), a threshold the data hits exactly, and NaN;
                    // != admits NaN values, which skipna then drops
                    for (CmpOp op : CmpOp.values()) {
                        for (double th : new double[] {1.0, Double.NaN}) {
                            double want = 0;
                            for (int i = 0; i < n; i++) {
                                if (v[i] && !Double.isNaN(x[i]) && op.test(x[i], th)) {
                                    want += x[i];
                                }
                            }
                            close(want, Reduce.sumWhere(sx, sv, n, op, th), "sumWhere " + op + " " + th + " " + at);
                        }
                    }

                    long[] lx = Cols.longs(r, n, 1000);
                    MemorySegment slx = Cols.i64(a, lx);
                    long lsum = 0;
                    int lcount = 0;
                    long lmin = Long.MAX_VALUE;
                    long lmax = Long.MIN_VALUE;
                    for (int i = 0; i < n; i++) {
                        if (v[i]) {
                            lsum += lx[i];
                            lcount++;
                            lmin = Math.min(lmin, lx[i]);
                            lmax = Math.max(lmax, lx[i]);
                        }
                    }
                    assertEquals(lsum, Reduce.sumLong(slx, sv, n), "sumLong " + at);
                    assertEquals(lmin, Reduce.minLong(slx, sv, n), "minLong " + at);
                    assertEquals(lmax, Reduce.maxLong(slx, sv, n), "maxLong " + at);
                    double lmean = lcount == 0 ? Double.NaN : (double) lsum / lcount;
                    close(lmean, Reduce.meanLong(slx, sv, n), "meanLong " + at);
                    double lm2 = 0;
                    for (int i = 0; i < n; i++) {
                        if (v[i]) {
                            lm2 += (lx[i] - lmean) * (lx[i] - lmean);
                        }
                    }
                    close(lcount - 1 <= 0 ? Double.NaN : lm2 / (lcount - 1), Reduce.varLong(slx, sv, n, 1),
                            "varLong " + at);
                }
            }
        }
    }

    @Test
    void Q05_twoPassVarianceKeepsItsDigitsForALargeMean() {
        try (Arena a = Arena.ofConfined()) {
            double[] x = new double[1000];
            for (int i = 0; i < x.length; i++) {
                x[i] = 1e9 + (i % 2); // var = 0.25 (ddof 0); sum(x²) − n·mean² would lose it entirely
            }
            assertEquals(0.25, Reduce.var(Cols.f64(a, x), null, x.length, 0), 1e-9);
        }
    }

    @Test
    void Q06_cumulativeCarriesAcrossFramesAndKeepsNullAndNaNInPlace() {
        SplittableRandom r = new SplittableRandom(6);
        for (Cumulative.Kind kind : Cumulative.Kind.values()) {
            Cumulative c = new Cumulative(kind);
            double acc = switch (kind) {
                case SUM -> 0.0;
                case PROD -> 1.0;
                case MIN -> Double.POSITIVE_INFINITY;
                case MAX -> Double.NEGATIVE_INFINITY;
            };
            for (int n : Cols.SIZES) {
                try (Arena a = Arena.ofConfined()) {
                    double[] x = Cols.doubles(r, n);
                    if (kind == Cumulative.Kind.PROD) {
                        for (int i = 0; i < n; i++) {
                            x[i] = Double.isNaN(x[i]) ? x[i] : 1.0 + x[i] / 10000.0;
                        }
                    }
                    boolean[] v = Cols.valid(r, n, true);
                    MemorySegment out = Cols.f64Out(a, n);
                    MemorySegment outV = Cols.bitmap(a, n);
                    c.apply(Cols.f64(a, x), Cols.bits(a, v), n, out, outV);
                    for (int i = 0; i < n; i++) {
                        assertEquals(v[i], Cols.get(outV, i));
                        if (!v[i]) {
                            continue;
                        }
                        if (Double.isNaN(x[i])) {
                            assertTrue(Double.isNaN(out.getAtIndex(Cols.DOUBLE_LE, i)), kind + ": NaN stays NaN");
                            continue;
                        }
                        acc = switch (kind) {
                            case SUM -> acc + x[i];
                            case PROD -> acc * x[i];
                            case MIN -> Math.min(acc, x[i]);
                            case MAX -> Math.max(acc, x[i]);
                        };
                        close(acc, out.getAtIndex(Cols.DOUBLE_LE, i), kind + " n=" + n + " i=" + i);
                    }
                }
            }
            close(acc, c.value(), kind + " value()");
            c.reset();
            assertEquals(kind == Cumulative.Kind.SUM ? 0.0 : kind == Cumulative.Kind.PROD ? 1.0 : Double.NaN,
                    c.value(), 0.0);
        }
    }
}
