package dev.streamz.frames.kernels;

import dev.streamz.frames.Column;
import dev.streamz.frames.ColumnType;
import dev.streamz.frames.internal.kernels.Arith;
import dev.streamz.frames.internal.kernels.Bitmaps;
import dev.streamz.frames.internal.kernels.Cast;
import dev.streamz.frames.internal.kernels.Compare;

/**
 * Element-wise kernels from input columns into an output column, over the input frame's rows: comparisons
 * into a BOOLEAN column, arithmetic, three-valued logic and casts. A result row is null when an input row is
 * (the output's validity is the AND of the inputs'), except where pandas' Kleene logic decides ({@link #and},
 * {@link #or}). The output column may belong to the same frame (a derived column) or to another frame with the
 * same row count; nothing is allocated.
 *
 * <pre>{@code
 * ColumnOps.arithmetic(f.column("price"), Arithmetic.MUL, f.column("qty"), f.column("notional"));
 * ColumnOps.compare(f.column("notional"), Comparison.GT, 1e6, f.column("big"));
 * }</pre>
 */
public final class ColumnOps {
    private ColumnOps() {
    }

    /**
     * {@code out = a op scalar} for a float64, int64, timestamp or int32/category column.
     *
     * @param a the column
     * @param op the comparison
     * @param scalar the right operand (compared as a double for float64, else as a long / int)
     * @param out a BOOLEAN column
     */
    public static void compare(Column a, Comparison op, double scalar, Column out) {
        Checks.type(a, "compare", ColumnType.FLOAT64, ColumnType.INT64, ColumnType.TIMESTAMP, ColumnType.INT32,
                ColumnType.CATEGORY);
        Checks.notNull(op, "compare", "op");
        int n = a.rowCount();
        Checks.out(out, n, "compare", ColumnType.BOOLEAN);
        switch (a.type()) {
            case FLOAT64 -> Compare.compare(a.values(), a.validity(), n, Checks.cmp(op), scalar, out.values(),
                    out.validity());
            case INT64, TIMESTAMP -> Compare.compareLong(a.values(), a.validity(), n, Checks.cmp(op),
                    (long) scalar, out.values(), out.validity());
            default -> Compare.compareInt(a.values(), a.validity(), n, Checks.cmp(op), (int) scalar, out.values(),
                    out.validity());
        }
    }

    /**
     * {@code out = a op b} for two float64 columns or two int64/timestamp columns.
     *
     * @param a left column
     * @param op the comparison
     * @param b right column, same type family and row count
     * @param out a BOOLEAN column
     */
    public static void compare(Column a, Comparison op, Column b, Column out) {
        Checks.type(a, "compare", ColumnType.FLOAT64, ColumnType.INT64, ColumnType.TIMESTAMP);
        Checks.notNull(op, "compare", "op");
        int n = same(a, b, "compare");
        Checks.out(out, n, "compare", ColumnType.BOOLEAN);
        if (a.type() == ColumnType.FLOAT64) {
            Checks.type(b, "compare", ColumnType.FLOAT64);
            Compare.compare(a.values(), a.validity(), b.values(), b.validity(), n, Checks.cmp(op), out.values(),
                    out.validity());
        } else {
            Checks.type(b, "compare", ColumnType.INT64, ColumnType.TIMESTAMP);
            Compare.compareLong(a.values(), a.validity(), b.values(), b.validity(), n, Checks.cmp(op),
                    out.values(), out.validity());
        }
    }

    private static int same(Column a, Column b, String op) {
        Checks.notNull(b, op, "b");
        if (a.rowCount() != b.rowCount()) {
            throw new IllegalArgumentException(op + ": columns '" + a.name() + "' (" + a.rowCount() + " rows) and '"
                    + b.name() + "' (" + b.rowCount() + " rows) differ in length");
        }
        return a.rowCount();
    }

    /**
     * {@code out = a op b}: float64 with float64 into float64; int64 with int64 into int64 for ADD/SUB/MUL
     * (wrapping), into float64 for DIV (true division).
     *
     * @param a left column
     * @param op the operator
     * @param b right column
     * @param out the result column
     */
    public static void arithmetic(Column a, Arithmetic op, Column b, Column out) {
        Checks.type(a, "arithmetic", ColumnType.FLOAT64, ColumnType.INT64);
        Checks.notNull(op, "arithmetic", "op");
        int n = same(a, b, "arithmetic");
        Checks.type(b, "arithmetic", a.type());
        if (a.type() == ColumnType.FLOAT64) {
            Checks.out(out, n, "arithmetic", ColumnType.FLOAT64);
            Arith.apply(a.values(), a.validity(), b.values(), b.validity(), n, Checks.arith(op), out.values(),
                    out.validity());
        } else if (op == Arithmetic.DIV) {
            Checks.out(out, n, "arithmetic", ColumnType.FLOAT64);
            Arith.divideLong(a.values(), a.validity(), b.values(), b.validity(), n, out.values(), out.validity());
        } else {
            Checks.out(out, n, "arithmetic", ColumnType.INT64);
            Arith.applyLong(a.values(), a.validity(), b.values(), b.validity(), n, Checks.arith(op), out.values(),
                    out.validity());
        }
    }

    /**
     * {@code out = a op scalar} for a float64 column into a float64 column.
     *
     * @param a the column
     * @param op the operator
     * @param scalar the right operand
     * @param out the result column
     */
    public static void arithmetic(Column a, Arithmetic op, double scalar, Column out) {
        Checks.type(a, "arithmetic", ColumnType.FLOAT64);
        Checks.notNull(op, "arithmetic", "op");
        int n = a.rowCount();
        Checks.out(out, n, "arithmetic", ColumnType.FLOAT64);
        Arith.apply(a.values(), a.validity(), n, Checks.arith(op), scalar, out.values(), out.validity());
    }

    /**
     * Kleene AND of two BOOLEAN columns (false wins over null, null over true), pandas' nullable booleans.
     *
     * @param a left
     * @param b right
     * @param out the result BOOLEAN column
     */
    public static void and(Column a, Column b, Column out) {
        Checks.type(a, "and", ColumnType.BOOLEAN);
        Checks.type(b, "and", ColumnType.BOOLEAN);
        int n = same(a, b, "and");
        Checks.out(out, n, "and", ColumnType.BOOLEAN);
        Bitmaps.kleeneAnd(a.values(), a.validity(), b.values(), b.validity(), out.values(), out.validity(), n);
    }

    /**
     * Kleene OR of two BOOLEAN columns (true wins over null, null over false).
     *
     * @param a left
     * @param b right
     * @param out the result BOOLEAN column
     */
    public static void or(Column a, Column b, Column out) {
        Checks.type(a, "or", ColumnType.BOOLEAN);
        Checks.type(b, "or", ColumnType.BOOLEAN);
        int n = same(a, b, "or");
        Checks.out(out, n, "or", ColumnType.BOOLEAN);
        Bitmaps.kleeneOr(a.values(), a.validity(), b.values(), b.validity(), out.values(), out.validity(), n);
    }

    /**
     * NOT of a BOOLEAN column (null stays null).
     *
     * @param a the column
     * @param out the result BOOLEAN column
     */
    public static void not(Column a, Column out) {
        Checks.type(a, "not", ColumnType.BOOLEAN);
        int n = a.rowCount();
        Checks.out(out, n, "not", ColumnType.BOOLEAN);
        Bitmaps.not(a.values(), out.values(), n);
        Bitmaps.copy(a.validity(), out.validity(), n);
    }

    /**
     * Casts {@code in} into {@code out}'s type, numpy's {@code astype} rules: widening is exact; int64 to
     * float64 rounds; float64 to int64 truncates, and NaN or out-of-range values become null; int64 to int32
     * wraps; to BOOLEAN is {@code != 0} (NaN is true); BOOLEAN to numbers is 0/1. TIMESTAMP casts as int64,
     * CATEGORY as int32 codes.
     *
     * @param in the source column
     * @param out the destination column
     * @throws IllegalArgumentException for a pair of types without a cast
     */
    public static void cast(Column in, Column out) {
        Checks.notNull(in, "cast", "in");
        Checks.notNull(out, "cast", "out");
        int n = in.rowCount();
        Checks.rows(out, n, "cast");
        if ((in.type() == ColumnType.CATEGORY) != (out.type() == ColumnType.CATEGORY)
                && !(in.type() == ColumnType.CATEGORY && out.type() == ColumnType.INT32)) {
            // codes mean nothing without their dictionary: only CATEGORY to its int32 codes
            throw noCast(in, out);
        }
        var iv = in.values();
        var ivv = in.validity();
        var ov = out.values();
        var ovv = out.validity();
        ColumnType from = in.type() == ColumnType.TIMESTAMP ? ColumnType.INT64
                : in.type() == ColumnType.CATEGORY ? ColumnType.INT32 : in.type();
        ColumnType to = out.type() == ColumnType.TIMESTAMP ? ColumnType.INT64
                : out.type() == ColumnType.CATEGORY ? ColumnType.INT32 : out.type();
        if (in.type() == ColumnType.CATEGORY && out.type() == ColumnType.CATEGORY
                && in.dictionary() != out.dictionary()) {
            throw new IllegalArgumentException("cast: category columns '" + in.name() + "' and '" + out.name()
                    + "' have different dictionaries; their codes do not match");
        }
        if (from == to) {
            long bytes = from == ColumnType.BOOLEAN ? (n + 7L) >>> 3 : (long) n * from.valueBytes();
            java.lang.foreign.MemorySegment.copy(iv, 0, ov, 0, bytes);
            Bitmaps.copy(ivv, ovv, n);
            return;
        }
        switch (from) {
            case INT32 -> {
                switch (to) {
                    case INT64 -> Cast.int32ToInt64(iv, ivv, n, ov, ovv);
                    case FLOAT64 -> Cast.int32ToFloat64(iv, ivv, n, ov, ovv);
                    default -> throw noCast(in, out);
                }
            }
            case INT64 -> {
                switch (to) {
                    case FLOAT64 -> Cast.int64ToFloat64(iv, ivv, n, ov, ovv);
                    case INT32 -> Cast.int64ToInt32(iv, ivv, n, ov, ovv);
                    case BOOLEAN -> Cast.int64ToBoolean(iv, ivv, n, ov, ovv);
                    default -> throw noCast(in, out);
                }
            }
            case FLOAT64 -> {
                switch (to) {
                    case INT64 -> Cast.float64ToInt64(iv, ivv, n, ov, ovv);
                    case BOOLEAN -> Cast.float64ToBoolean(iv, ivv, n, ov, ovv);
                    default -> throw noCast(in, out);
                }
            }
            case BOOLEAN -> {
                switch (to) {
                    case FLOAT64 -> Cast.booleanToFloat64(iv, ivv, n, ov, ovv);
                    case INT64 -> Cast.booleanToInt64(iv, ivv, n, ov, ovv);
                    default -> throw noCast(in, out);
                }
            }
            default -> throw noCast(in, out);
        }
    }

    private static IllegalArgumentException noCast(Column in, Column out) {
        return new IllegalArgumentException("cast: no cast from " + in.type() + " ('" + in.name() + "') to "
                + out.type() + " ('" + out.name() + "')");
    }
}
