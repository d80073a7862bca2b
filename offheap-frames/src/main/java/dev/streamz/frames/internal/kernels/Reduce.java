package dev.streamz.frames.internal.kernels;

import java.lang.foreign.MemorySegment;

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
public final class Reduce {
    static {
        // before any vector class is linked: a missing flag is a clear error, not NoClassDefFoundError
        VectorSupport.require();
    }

    private Reduce() {
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
        return ReduceLanes.sum(values, validity, rows);
    }

    /**
     * Filter and sum fused: the sum of the non-null, non-NaN float64 values for which {@code value op scalar}
     * holds. No selection vector is built: the comparison's lane mask feeds the masked add directly.
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
        return ReduceLanes.sumWhere(values, validity, rows, op, scalar);
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
        return ReduceLanes.sumSelected(values, sel, count);
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
        return ReduceLanes.count(values, validity, rows);
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
        return ReduceLanes.mean(values, validity, rows);
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
        return ReduceLanes.min(values, validity, rows);
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
        return ReduceLanes.max(values, validity, rows);
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
        return ReduceLanes.var(values, validity, rows, ddof);
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
        return ReduceLanes.std(values, validity, rows, ddof);
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
        return ReduceLanes.sumLong(values, validity, rows);
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
        return ReduceLanes.minLong(values, validity, rows);
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
        return ReduceLanes.maxLong(values, validity, rows);
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
        return ReduceLanes.meanLong(values, validity, rows);
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
        return ReduceLanes.varLong(values, validity, rows, ddof);
    }
}
