package dev.streamz.frames.internal.kernels;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Reductions over one column with pandas' {@code skipna=True} rules: null rows and (float64) NaN values are
 * skipped; {@code sum} of nothing is 0 ({@code min_count=0}); {@code mean}, {@code min}, {@code max} of
 * nothing are NaN; {@code count} counts the rows that are neither null nor NaN; {@code size} is the row count.
 *
 * <p>Float64 sums add in lanes (a vector of partial sums, reduced at the end), so the last bits may differ
 * from a left-to-right loop, as numpy's pairwise summation does. {@code var}/{@code std} use two passes (mean,
 * then the sum of squared deviations from it), which is exact to rounding where the one-pass
 * {@code sum(x²) − n·mean²} loses every digit for data with a large mean; the column is in memory, so the
 * second pass costs one more read of it. Int64 sums are exact in long arithmetic and wrap on overflow, like
 * numpy's int64.
 */
final class ReduceLanes {
    static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    static final VectorSpecies<Long> J = LongVector.SPECIES_PREFERRED;
    static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
    static final ValueLayout.OfDouble DOUBLE_LE = Layouts.DOUBLE_LE;
    static final ValueLayout.OfLong LONG_LE = Layouts.LONG_LE;

    private ReduceLanes() {
    }

    private static boolean ok(MemorySegment validity, int i, double x) {
        return Bitmaps.get(validity, i) && x == x;
    }

    /**
     * Sum of the non-null, non-NaN float64 values.
     *
     * @param values values
     * @param validity validity or null
     * @param rows rows
     * @return the sum, 0 when there is none
     */
    public static double sum(MemorySegment values, MemorySegment validity, int rows) {
        DoubleVector acc0 = DoubleVector.zero(D);
        DoubleVector acc1 = DoubleVector.zero(D);
        int full = rows >>> 6;
        int l = D.length();
        for (int w = 0; w < full; w++) {
            long bits = Bitmaps.word(validity, w);
            long base = (long) w << 9;
            for (int k = 0; k < 64; k += 2 * l) {
                DoubleVector x = DoubleVector.fromMemorySegment(D, values, base + ((long) k << 3), LE);
                DoubleVector y = DoubleVector.fromMemorySegment(D, values, base + ((long) (k + l) << 3), LE);
                acc0 = acc0.add(x, VectorMask.fromLong(D, bits >>> k).and(x.eq(x)));
                acc1 = acc1.add(y, VectorMask.fromLong(D, bits >>> (k + l)).and(y.eq(y)));
            }
        }
        double s = acc0.add(acc1).reduceLanes(VectorOperators.ADD);
        for (int i = full << 6; i < rows; i++) {
            double x = values.getAtIndex(DOUBLE_LE, i);
            s += ok(validity, i, x) ? x : 0.0;
        }
        return s;
    }

    /**
     * Filter and sum fused: the sum of the non-null, non-NaN float64 values for which {@code value op scalar}
     * holds. No selection vector is built: the comparison's lane mask feeds the masked add directly.
     *
     * <p>The operator is dispatched once per call to a loop specialised for it, so each vector costs one
     * lane compare (two for {@code !=}) and, with a validity bitmap, one mask AND: a loop shared by all six
     * operators needed three compares plus mask logic per vector and could not keep up with memory. The
     * ordered compares ({@code == < <= > >=}) are already false for NaN on either side, so only {@code !=}
     * needs the extra {@code x == x}. Four independent accumulators keep the adds off one dependency chain.
     *
     * @param values values
     * @param validity validity or null
     * @param rows rows
     * @param op the operator
     * @param scalar the right operand
     * @return the sum, 0 when no row qualifies
     */
    public static double sumWhere(MemorySegment values, MemorySegment validity, int rows, CmpOp op,
            double scalar) {
        int full = rows >>> 6;
        double s = switch (op) {
            case EQ -> eq(values, validity, full, scalar);
            case NE -> ne(values, validity, full, scalar);
            case LT -> lt(values, validity, full, scalar);
            case LE -> le(values, validity, full, scalar);
            case GT -> gt(values, validity, full, scalar);
            case GE -> ge(values, validity, full, scalar);
        };
        for (int i = full << 6; i < rows; i++) {
            double x = values.getAtIndex(DOUBLE_LE, i);
            s += ok(validity, i, x) && op.test(x, scalar) ? x : 0.0;
        }
        return s;
    }
    /** The sum where {@code x == t}, over the first {@code full * 64} rows; see {@link #sumWhere}. */
    private static double eq(MemorySegment v, MemorySegment validity, int full, double scalar) {
        DoubleVector t = DoubleVector.broadcast(D, scalar); // here, not passed in: a vector argument is boxed
        DoubleVector a0 = DoubleVector.zero(D);
        DoubleVector a1 = DoubleVector.zero(D);
        DoubleVector a2 = DoubleVector.zero(D);
        DoubleVector a3 = DoubleVector.zero(D);
        int l = D.length();
        int n = full << 6;
        if (validity == null) {
            for (int i = 0; i < n; i += 4 * l) {
                long at = (long) i << 3;
                DoubleVector x0 = DoubleVector.fromMemorySegment(D, v, at, LE);
                DoubleVector x1 = DoubleVector.fromMemorySegment(D, v, at + ((long) l << 3), LE);
                DoubleVector x2 = DoubleVector.fromMemorySegment(D, v, at + ((long) (2 * l) << 3), LE);
                DoubleVector x3 = DoubleVector.fromMemorySegment(D, v, at + ((long) (3 * l) << 3), LE);
                a0 = a0.add(x0, x0.compare(VectorOperators.EQ, t));
                a1 = a1.add(x1, x1.compare(VectorOperators.EQ, t));
                a2 = a2.add(x2, x2.compare(VectorOperators.EQ, t));
                a3 = a3.add(x3, x3.compare(VectorOperators.EQ, t));
            }
        } else {
            for (int w = 0; w < full; w++) {
                long bits = Bitmaps.word(validity, w);
                long base = (long) w << 9;
                for (int k = 0; k < 64; k += 4 * l) {
                    long at = base + ((long) k << 3);
                    long b = bits >>> k;
                    VectorMask<Double> valid0 = VectorMask.fromLong(D, b);
                    VectorMask<Double> valid1 = VectorMask.fromLong(D, b >>> l);
                    VectorMask<Double> valid2 = VectorMask.fromLong(D, b >>> (2 * l));
                    VectorMask<Double> valid3 = VectorMask.fromLong(D, b >>> (3 * l));
                    DoubleVector x0 = DoubleVector.fromMemorySegment(D, v, at, LE);
                    DoubleVector x1 = DoubleVector.fromMemorySegment(D, v, at + ((long) l << 3), LE);
                    DoubleVector x2 = DoubleVector.fromMemorySegment(D, v, at + ((long) (2 * l) << 3), LE);
                    DoubleVector x3 = DoubleVector.fromMemorySegment(D, v, at + ((long) (3 * l) << 3), LE);
                    a0 = a0.add(x0, x0.compare(VectorOperators.EQ, t).and(valid0));
                    a1 = a1.add(x1, x1.compare(VectorOperators.EQ, t).and(valid1));
                    a2 = a2.add(x2, x2.compare(VectorOperators.EQ, t).and(valid2));
                    a3 = a3.add(x3, x3.compare(VectorOperators.EQ, t).and(valid3));
                }
            }
        }
        return a0.add(a1).add(a2.add(a3)).reduceLanes(VectorOperators.ADD);
    }

    /** The sum where {@code x != t} and x is not NaN, over the first {@code full * 64} rows; see {@link #sumWhere}. */
    private static double ne(MemorySegment v, MemorySegment validity, int full, double scalar) {
        DoubleVector t = DoubleVector.broadcast(D, scalar); // here, not passed in: a vector argument is boxed
        DoubleVector a0 = DoubleVector.zero(D);
        DoubleVector a1 = DoubleVector.zero(D);
        DoubleVector a2 = DoubleVector.zero(D);
        DoubleVector a3 = DoubleVector.zero(D);
        int l = D.length();
        int n = full << 6;
        if (validity == null) {
            for (int i = 0; i < n; i += 4 * l) {
                long at = (long) i << 3;
                DoubleVector x0 = DoubleVector.fromMemorySegment(D, v, at, LE);
                DoubleVector x1 = DoubleVector.fromMemorySegment(D, v, at + ((long) l << 3), LE);
                DoubleVector x2 = DoubleVector.fromMemorySegment(D, v, at + ((long) (2 * l) << 3), LE);
                DoubleVector x3 = DoubleVector.fromMemorySegment(D, v, at + ((long) (3 * l) << 3), LE);
                a0 = a0.add(x0, x0.compare(VectorOperators.NE, t).and(x0.eq(x0)));
                a1 = a1.add(x1, x1.compare(VectorOperators.NE, t).and(x1.eq(x1)));
                a2 = a2.add(x2, x2.compare(VectorOperators.NE, t).and(x2.eq(x2)));
                a3 = a3.add(x3, x3.compare(VectorOperators.NE, t).and(x3.eq(x3)));
            }
        } else {
            for (int w = 0; w < full; w++) {
                long bits = Bitmaps.word(validity, w);
                long base = (long) w << 9;
                for (int k = 0; k < 64; k += 4 * l) {
                    long at = base + ((long) k << 3);
                    long b = bits >>> k;
                    VectorMask<Double> valid0 = VectorMask.fromLong(D, b);
                    VectorMask<Double> valid1 = VectorMask.fromLong(D, b >>> l);
                    VectorMask<Double> valid2 = VectorMask.fromLong(D, b >>> (2 * l));
                    VectorMask<Double> valid3 = VectorMask.fromLong(D, b >>> (3 * l));
                    DoubleVector x0 = DoubleVector.fromMemorySegment(D, v, at, LE);
                    DoubleVector x1 = DoubleVector.fromMemorySegment(D, v, at + ((long) l << 3), LE);
                    DoubleVector x2 = DoubleVector.fromMemorySegment(D, v, at + ((long) (2 * l) << 3), LE);
                    DoubleVector x3 = DoubleVector.fromMemorySegment(D, v, at + ((long) (3 * l) << 3), LE);
                    a0 = a0.add(x0, x0.compare(VectorOperators.NE, t).and(x0.eq(x0)).and(valid0));
                    a1 = a1.add(x1, x1.compare(VectorOperators.NE, t).and(x1.eq(x1)).and(valid1));
                    a2 = a2.add(x2, x2.compare(VectorOperators.NE, t).and(x2.eq(x2)).and(valid2));
                    a3 = a3.add(x3, x3.compare(VectorOperators.NE, t).and(x3.eq(x3)).and(valid3));
                }
            }
        }
        return a0.add(a1).add(a2.add(a3)).reduceLanes(VectorOperators.ADD);
    }

    /** The sum where {@code x < t}, over the first {@code full * 64} rows; see {@link #sumWhere}. */
    private static double lt(MemorySegment v, MemorySegment validity, int full, double scalar) {
        DoubleVector t = DoubleVector.broadcast(D, scalar); // here, not passed in: a vector argument is boxed
        DoubleVector a0 = DoubleVector.zero(D);
        DoubleVector a1 = DoubleVector.zero(D);
        DoubleVector a2 = DoubleVector.zero(D);
        DoubleVector a3 = DoubleVector.zero(D);
        int l = D.length();
        int n = full << 6;
        if (validity == null) {
            for (int i = 0; i < n; i += 4 * l) {
                long at = (long) i << 3;
                DoubleVector x0 = DoubleVector.fromMemorySegment(D, v, at, LE);
                DoubleVector x1 = DoubleVector.fromMemorySegment(D, v, at + ((long) l << 3), LE);
                DoubleVector x2 = DoubleVector.fromMemorySegment(D, v, at + ((long) (2 * l) << 3), LE);
                DoubleVector x3 = DoubleVector.fromMemorySegment(D, v, at + ((long) (3 * l) << 3), LE);
                a0 = a0.add(x0, x0.compare(VectorOperators.LT, t));
                a1 = a1.add(x1, x1.compare(VectorOperators.LT, t));
                a2 = a2.add(x2, x2.compare(VectorOperators.LT, t));
                a3 = a3.add(x3, x3.compare(VectorOperators.LT, t));
            }
        } else {
            for (int w = 0; w < full; w++) {
                long bits = Bitmaps.word(validity, w);
                long base = (long) w << 9;
                for (int k = 0; k < 64; k += 4 * l) {
                    long at = base + ((long) k << 3);
                    long b = bits >>> k;
                    VectorMask<Double> valid0 = VectorMask.fromLong(D, b);
                    VectorMask<Double> valid1 = VectorMask.fromLong(D, b >>> l);
                    VectorMask<Double> valid2 = VectorMask.fromLong(D, b >>> (2 * l));
                    VectorMask<Double> valid3 = VectorMask.fromLong(D, b >>> (3 * l));
                    DoubleVector x0 = DoubleVector.fromMemorySegment(D, v, at, LE);
                    DoubleVector x1 = DoubleVector.fromMemorySegment(D, v, at + ((long) l << 3), LE);
                    DoubleVector x2 = DoubleVector.fromMemorySegment(D, v, at + ((long) (2 * l) << 3), LE);
                    DoubleVector x3 = DoubleVector.fromMemorySegment(D, v, at + ((long) (3 * l) << 3), LE);
                    a0 = a0.add(x0, x0.compare(VectorOperators.LT, t).and(valid0));
                    a1 = a1.add(x1, x1.compare(VectorOperators.LT, t).and(valid1));
                    a2 = a2.add(x2, x2.compare(VectorOperators.LT, t).and(valid2));
                    a3 = a3.add(x3, x3.compare(VectorOperators.LT, t).and(valid3));
                }
            }
        }
        return a0.add(a1).add(a2.add(a3)).reduceLanes(VectorOperators.ADD);
    }

    /** The sum where {@code x <= t}, over the first {@code full * 64} rows; see {@link #sumWhere}. */
    private static double le(MemorySegment v, MemorySegment validity, int full, double scalar) {
        DoubleVector t = DoubleVector.broadcast(D, scalar); // here, not passed in: a vector argument is boxed
        DoubleVector a0 = DoubleVector.zero(D);
        DoubleVector a1 = DoubleVector.zero(D);
        DoubleVector a2 = DoubleVector.zero(D);
        DoubleVector a3 = DoubleVector.zero(D);
        int l = D.length();
        int n = full << 6;
        if (validity == null) {
            for (int i = 0; i < n; i += 4 * l) {
                long at = (long) i << 3;
                DoubleVector x0 = DoubleVector.fromMemorySegment(D, v, at, LE);
                DoubleVector x1 = DoubleVector.fromMemorySegment(D, v, at + ((long) l << 3), LE);
                DoubleVector x2 = DoubleVector.fromMemorySegment(D, v, at + ((long) (2 * l) << 3), LE);
                DoubleVector x3 = DoubleVector.fromMemorySegment(D, v, at + ((long) (3 * l) << 3), LE);
                a0 = a0.add(x0, x0.compare(VectorOperators.LE, t));
                a1 = a1.add(x1, x1.compare(VectorOperators.LE, t));
                a2 = a2.add(x2, x2.compare(VectorOperators.LE, t));
                a3 = a3.add(x3, x3.compare(VectorOperators.LE, t));
            }
        } else {
            for (int w = 0; w < full; w++) {
                long bits = Bitmaps.word(validity, w);
                long base = (long) w << 9;
                for (int k = 0; k < 64; k += 4 * l) {
                    long at = base + ((long) k << 3);
                    long b = bits >>> k;
                    VectorMask<Double> valid0 = VectorMask.fromLong(D, b);
                    VectorMask<Double> valid1 = VectorMask.fromLong(D, b >>> l);
                    VectorMask<Double> valid2 = VectorMask.fromLong(D, b >>> (2 * l));
                    VectorMask<Double> valid3 = VectorMask.fromLong(D, b >>> (3 * l));
                    DoubleVector x0 = DoubleVector.fromMemorySegment(D, v, at, LE);
                    DoubleVector x1 = DoubleVector.fromMemorySegment(D, v, at + ((long) l << 3), LE);
                    DoubleVector x2 = DoubleVector.fromMemorySegment(D, v, at + ((long) (2 * l) << 3), LE);
                    DoubleVector x3 = DoubleVector.fromMemorySegment(D, v, at + ((long) (3 * l) << 3), LE);
                    a0 = a0.add(x0, x0.compare(VectorOperators.LE, t).and(valid0));
                    a1 = a1.add(x1, x1.compare(VectorOperators.LE, t).and(valid1));
                    a2 = a2.add(x2, x2.compare(VectorOperators.LE, t).and(valid2));
                    a3 = a3.add(x3, x3.compare(VectorOperators.LE, t).and(valid3));
                }
            }
        }
        return a0.add(a1).add(a2.add(a3)).reduceLanes(VectorOperators.ADD);
    }

    /** The sum where {@code x > t}, over the first {@code full * 64} rows; see {@link #sumWhere}. */
    private static double gt(MemorySegment v, MemorySegment validity, int full, double scalar) {
        DoubleVector t = DoubleVector.broadcast(D, scalar); // here, not passed in: a vector argument is boxed
        DoubleVector a0 = DoubleVector.zero(D);
        DoubleVector a1 = DoubleVector.zero(D);
        DoubleVector a2 = DoubleVector.zero(D);
        DoubleVector a3 = DoubleVector.zero(D);
        int l = D.length();
        int n = full << 6;
        if (validity == null) {
            for (int i = 0; i < n; i += 4 * l) {
                long at = (long) i << 3;
                DoubleVector x0 = DoubleVector.fromMemorySegment(D, v, at, LE);
                DoubleVector x1 = DoubleVector.fromMemorySegment(D, v, at + ((long) l << 3), LE);
                DoubleVector x2 = DoubleVector.fromMemorySegment(D, v, at + ((long) (2 * l) << 3), LE);
                DoubleVector x3 = DoubleVector.fromMemorySegment(D, v, at + ((long) (3 * l) << 3), LE);
                a0 = a0.add(x0, x0.compare(VectorOperators.GT, t));
                a1 = a1.add(x1, x1.compare(VectorOperators.GT, t));
                a2 = a2.add(x2, x2.compare(VectorOperators.GT, t));
                a3 = a3.add(x3, x3.compare(VectorOperators.GT, t));
            }
        } else {
            for (int w = 0; w < full; w++) {
                long bits = Bitmaps.word(validity, w);
                long base = (long) w << 9;
                for (int k = 0; k < 64; k += 4 * l) {
                    long at = base + ((long) k << 3);
                    long b = bits >>> k;
                    VectorMask<Double> valid0 = VectorMask.fromLong(D, b);
                    VectorMask<Double> valid1 = VectorMask.fromLong(D, b >>> l);
                    VectorMask<Double> valid2 = VectorMask.fromLong(D, b >>> (2 * l));
                    VectorMask<Double> valid3 = VectorMask.fromLong(D, b >>> (3 * l));
                    DoubleVector x0 = DoubleVector.fromMemorySegment(D, v, at, LE);
                    DoubleVector x1 = DoubleVector.fromMemorySegment(D, v, at + ((long) l << 3), LE);
                    DoubleVector x2 = DoubleVector.fromMemorySegment(D, v, at + ((long) (2 * l) << 3), LE);
                    DoubleVector x3 = DoubleVector.fromMemorySegment(D, v, at + ((long) (3 * l) << 3), LE);
                    a0 = a0.add(x0, x0.compare(VectorOperators.GT, t).and(valid0));
                    a1 = a1.add(x1, x1.compare(VectorOperators.GT, t).and(valid1));
                    a2 = a2.add(x2, x2.compare(VectorOperators.GT, t).and(valid2));
                    a3 = a3.add(x3, x3.compare(VectorOperators.GT, t).and(valid3));
                }
            }
        }
        return a0.add(a1).add(a2.add(a3)).reduceLanes(VectorOperators.ADD);
    }

    /** The sum where {@code x >= t}, over the first {@code full * 64} rows; see {@link #sumWhere}. */
    private static double ge(MemorySegment v, MemorySegment validity, int full, double scalar) {
        DoubleVector t = DoubleVector.broadcast(D, scalar); // here, not passed in: a vector argument is boxed
        DoubleVector a0 = DoubleVector.zero(D);
        DoubleVector a1 = DoubleVector.zero(D);
        DoubleVector a2 = DoubleVector.zero(D);
        DoubleVector a3 = DoubleVector.zero(D);
        int l = D.length();
        int n = full << 6;
        if (validity == null) {
            for (int i = 0; i < n; i += 4 * l) {
                long at = (long) i << 3;
                DoubleVector x0 = DoubleVector.fromMemorySegment(D, v, at, LE);
                DoubleVector x1 = DoubleVector.fromMemorySegment(D, v, at + ((long) l << 3), LE);
                DoubleVector x2 = DoubleVector.fromMemorySegment(D, v, at + ((long) (2 * l) << 3), LE);
                DoubleVector x3 = DoubleVector.fromMemorySegment(D, v, at + ((long) (3 * l) << 3), LE);
                a0 = a0.add(x0, x0.compare(VectorOperators.GE, t));
                a1 = a1.add(x1, x1.compare(VectorOperators.GE, t));
                a2 = a2.add(x2, x2.compare(VectorOperators.GE, t));
                a3 = a3.add(x3, x3.compare(VectorOperators.GE, t));
            }
        } else {
            for (int w = 0; w < full; w++) {
                long bits = Bitmaps.word(validity, w);
                long base = (long) w << 9;
                for (int k = 0; k < 64; k += 4 * l) {
                    long at = base + ((long) k << 3);
                    long b = bits >>> k;
                    VectorMask<Double> valid0 = VectorMask.fromLong(D, b);
                    VectorMask<Double> valid1 = VectorMask.fromLong(D, b >>> l);
                    VectorMask<Double> valid2 = VectorMask.fromLong(D, b >>> (2 * l));
                    VectorMask<Double> valid3 = VectorMask.fromLong(D, b >>> (3 * l));
                    DoubleVector x0 = DoubleVector.fromMemorySegment(D, v, at, LE);
                    DoubleVector x1 = DoubleVector.fromMemorySegment(D, v, at + ((long) l << 3), LE);
                    DoubleVector x2 = DoubleVector.fromMemorySegment(D, v, at + ((long) (2 * l) << 3), LE);
                    DoubleVector x3 = DoubleVector.fromMemorySegment(D, v, at + ((long) (3 * l) << 3), LE);
                    a0 = a0.add(x0, x0.compare(VectorOperators.GE, t).and(valid0));
                    a1 = a1.add(x1, x1.compare(VectorOperators.GE, t).and(valid1));
                    a2 = a2.add(x2, x2.compare(VectorOperators.GE, t).and(valid2));
                    a3 = a3.add(x3, x3.compare(VectorOperators.GE, t).and(valid3));
                }
            }
        }
        return a0.add(a1).add(a2.add(a3)).reduceLanes(VectorOperators.ADD);
    }

    /**
     * Sum of the float64 values at the selected rows (skipping NaN), e.g. after {@link Compare#select}.
     *
     * @param values values
     * @param sel row indices
     * @param count how many indices of {@code sel} to use
     * @return the sum
     */
    public static double sumSelected(MemorySegment values, int[] sel, int count) {
        double s0 = 0;
        double s1 = 0;
        int i = 0;
        for (; i + 1 < count; i += 2) {
            double x = values.getAtIndex(DOUBLE_LE, sel[i]);
            double y = values.getAtIndex(DOUBLE_LE, sel[i + 1]);
            s0 += x == x ? x : 0.0;
            s1 += y == y ? y : 0.0;
        }
        if (i < count) {
            double x = values.getAtIndex(DOUBLE_LE, sel[i]);
            s0 += x == x ? x : 0.0;
        }
        return s0 + s1;
    }

    /**
     * Rows that are neither null nor NaN.
     *
     * @param values values
     * @param validity validity or null
     * @param rows rows
     * @return pandas' {@code count()}
     */
    public static int count(MemorySegment values, MemorySegment validity, int rows) {
        int c = 0;
        int full = rows >>> 6;
        int l = D.length();
        for (int w = 0; w < full; w++) {
            long bits = Bitmaps.word(validity, w);
            long base = (long) w << 9;
            long nan = 0;
            for (int k = 0; k < 64; k += l) {
                DoubleVector x = DoubleVector.fromMemorySegment(D, values, base + ((long) k << 3), LE);
                nan |= x.eq(x).not().toLong() << k;
            }
            c += Long.bitCount(bits & ~nan);
        }
        for (int i = full << 6; i < rows; i++) {
            c += ok(validity, i, values.getAtIndex(DOUBLE_LE, i)) ? 1 : 0;
        }
        return c;
    }

    /**
     * Mean of the non-null, non-NaN values.
     *
     * @param values values
     * @param validity validity or null
     * @param rows rows
     * @return the mean, NaN when there is none
     */
    public static double mean(MemorySegment values, MemorySegment validity, int rows) {
        int n = count(values, validity, rows);
        return n == 0 ? Double.NaN : sum(values, validity, rows) / n;
    }

    /**
     * Minimum of the non-null, non-NaN values.
     *
     * @param values values
     * @param validity validity or null
     * @param rows rows
     * @return the minimum, NaN when there is none
     */
    public static double min(MemorySegment values, MemorySegment validity, int rows) {
        return extreme(values, validity, rows, true);
    }

    /**
     * Maximum of the non-null, non-NaN values.
     *
     * @param values values
     * @param validity validity or null
     * @param rows rows
     * @return the maximum, NaN when there is none
     */
    public static double max(MemorySegment values, MemorySegment validity, int rows) {
        return extreme(values, validity, rows, false);
    }

    private static double extreme(MemorySegment values, MemorySegment validity, int rows, boolean min) {
        double init = min ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
        DoubleVector acc = DoubleVector.broadcast(D, init);
        long seen = 0;
        int full = rows >>> 6;
        int l = D.length();
        for (int w = 0; w < full; w++) {
            long bits = Bitmaps.word(validity, w);
            long base = (long) w << 9;
            for (int k = 0; k < 64; k += l) {
                DoubleVector x = DoubleVector.fromMemorySegment(D, values, base + ((long) k << 3), LE);
                VectorMask<Double> m = VectorMask.fromLong(D, bits >>> k).and(x.eq(x));
                seen |= m.toLong();
                acc = min ? acc.min(x.blend(init, m.not())) : acc.max(x.blend(init, m.not()));
            }
        }
        double r = min ? acc.reduceLanes(VectorOperators.MIN) : acc.reduceLanes(VectorOperators.MAX);
        for (int i = full << 6; i < rows; i++) {
            double x = values.getAtIndex(DOUBLE_LE, i);
            if (ok(validity, i, x)) {
                seen = 1;
                r = min ? Math.min(r, x) : Math.max(r, x);
            }
        }
        return seen == 0 ? Double.NaN : r;
    }

    /**
     * Variance of the non-null, non-NaN values, two-pass.
     *
     * @param values values
     * @param validity validity or null
     * @param rows rows
     * @param ddof delta degrees of freedom (pandas' default is 1)
     * @return the variance, NaN when {@code count - ddof <= 0}
     */
    public static double var(MemorySegment values, MemorySegment validity, int rows, int ddof) {
        int n = count(values, validity, rows);
        if (n - ddof <= 0) {
            return Double.NaN;
        }
        double mean = sum(values, validity, rows) / n;
        DoubleVector mv = DoubleVector.broadcast(D, mean);
        DoubleVector acc = DoubleVector.zero(D);
        int full = rows >>> 6;
        int l = D.length();
        for (int w = 0; w < full; w++) {
            long bits = Bitmaps.word(validity, w);
            long base = (long) w << 9;
            for (int k = 0; k < 64; k += l) {
                DoubleVector x = DoubleVector.fromMemorySegment(D, values, base + ((long) k << 3), LE);
                DoubleVector d = x.sub(mv);
                acc = acc.add(d.mul(d), VectorMask.fromLong(D, bits >>> k).and(x.eq(x)));
            }
        }
        double m2 = acc.reduceLanes(VectorOperators.ADD);
        for (int i = full << 6; i < rows; i++) {
            double x = values.getAtIndex(DOUBLE_LE, i);
            double d = x - mean;
            m2 += ok(validity, i, x) ? d * d : 0.0;
        }
        return m2 / (n - ddof);
    }

    /**
     * Standard deviation: {@code sqrt(var(ddof))}.
     *
     * @param values values
     * @param validity validity or null
     * @param rows rows
     * @param ddof delta degrees of freedom
     * @return the standard deviation, NaN when {@code count - ddof <= 0}
     */
    public static double std(MemorySegment values, MemorySegment validity, int rows, int ddof) {
        return Math.sqrt(var(values, validity, rows, ddof));
    }

    /**
     * Exact (wrapping) sum of the non-null int64 values.
     *
     * @param values values
     * @param validity validity or null
     * @param rows rows
     * @return the sum, 0 when there is none
     */
    public static long sumLong(MemorySegment values, MemorySegment validity, int rows) {
        LongVector acc = LongVector.zero(J);
        int full = rows >>> 6;
        int l = J.length();
        for (int w = 0; w < full; w++) {
            long bits = Bitmaps.word(validity, w);
            long base = (long) w << 9;
            for (int k = 0; k < 64; k += l) {
                LongVector x = LongVector.fromMemorySegment(J, values, base + ((long) k << 3), LE);
                acc = acc.add(x, VectorMask.fromLong(J, bits >>> k));
            }
        }
        long s = acc.reduceLanes(VectorOperators.ADD);
        for (int i = full << 6; i < rows; i++) {
            s += Bitmaps.get(validity, i) ? values.getAtIndex(LONG_LE, i) : 0L;
        }
        return s;
    }

    /**
     * Minimum of the non-null int64 values.
     *
     * @param values values
     * @param validity validity or null
     * @param rows rows
     * @return the minimum, or {@link Long#MAX_VALUE} when there is none (check {@link Bitmaps#count} first)
     */
    public static long minLong(MemorySegment values, MemorySegment validity, int rows) {
        long r = Long.MAX_VALUE;
        for (int i = 0; i < rows; i++) {
            long x = values.getAtIndex(LONG_LE, i);
            r = Bitmaps.get(validity, i) ? Math.min(r, x) : r;
        }
        return r;
    }

    /**
     * Maximum of the non-null int64 values.
     *
     * @param values values
     * @param validity validity or null
     * @param rows rows
     * @return the maximum, or {@link Long#MIN_VALUE} when there is none (check {@link Bitmaps#count} first)
     */
    public static long maxLong(MemorySegment values, MemorySegment validity, int rows) {
        long r = Long.MIN_VALUE;
        for (int i = 0; i < rows; i++) {
            long x = values.getAtIndex(LONG_LE, i);
            r = Bitmaps.get(validity, i) ? Math.max(r, x) : r;
        }
        return r;
    }

    /**
     * Mean of the non-null int64 values, as a double.
     *
     * @param values values
     * @param validity validity or null
     * @param rows rows
     * @return the mean, NaN when there is none
     */
    public static double meanLong(MemorySegment values, MemorySegment validity, int rows) {
        int n = Bitmaps.count(validity, rows);
        return n == 0 ? Double.NaN : (double) sumLong(values, validity, rows) / n;
    }

    /**
     * Variance of the non-null int64 values, two-pass in double.
     *
     * @param values values
     * @param validity validity or null
     * @param rows rows
     * @param ddof delta degrees of freedom
     * @return the variance, NaN when {@code count - ddof <= 0}
     */
    public static double varLong(MemorySegment values, MemorySegment validity, int rows, int ddof) {
        int n = Bitmaps.count(validity, rows);
        if (n - ddof <= 0) {
            return Double.NaN;
        }
        double mean = meanLong(values, validity, rows);
        double m2 = 0;
        for (int i = 0; i < rows; i++) {
            double d = values.getAtIndex(LONG_LE, i) - mean;
            m2 += Bitmaps.get(validity, i) ? d * d : 0.0;
        }
        return m2 / (n - ddof);
    }
}
