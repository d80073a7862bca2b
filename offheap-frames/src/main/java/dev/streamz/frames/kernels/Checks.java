package dev.streamz.frames.kernels;

import dev.streamz.frames.Column;
import dev.streamz.frames.ColumnType;
import dev.streamz.frames.internal.kernels.ArithOp;
import dev.streamz.frames.internal.kernels.CmpOp;

/** Argument checks and enum mapping shared by the façade (messages name the operation and the column). */
final class Checks {
    private static final CmpOp[] CMP = CmpOp.values();
    private static final ArithOp[] ARITH = ArithOp.values();

    private Checks() {
    }

    static CmpOp cmp(Comparison c) {
        return CMP[c.ordinal()];
    }

    static ArithOp arith(Arithmetic a) {
        return ARITH[a.ordinal()];
    }

    static <T> T notNull(T value, String op, String arg) {
        if (value == null) {
            throw new NullPointerException(op + ": " + arg + " must not be null");
        }
        return value;
    }

    // Fixed-arity overloads, not varargs: a varargs call allocates its array on every frame.
    static Column type(Column c, String op, ColumnType a) {
        return check(c, op, bit(a));
    }

    static Column type(Column c, String op, ColumnType a, ColumnType b) {
        return check(c, op, bit(a) | bit(b));
    }

    static Column type(Column c, String op, ColumnType a, ColumnType b, ColumnType d) {
        return check(c, op, bit(a) | bit(b) | bit(d));
    }

    static Column type(Column c, String op, ColumnType a, ColumnType b, ColumnType d, ColumnType e,
            ColumnType f) {
        return check(c, op, bit(a) | bit(b) | bit(d) | bit(e) | bit(f));
    }

    private static int bit(ColumnType t) {
        return 1 << t.ordinal();
    }

    private static Column check(Column c, String op, int allowed) {
        notNull(c, op, "column");
        if ((allowed & bit(c.type())) != 0) {
            return c;
        }
        StringBuilder names = new StringBuilder();
        for (ColumnType t : ColumnType.values()) {
            if ((allowed & bit(t)) != 0) {
                names.append(names.isEmpty() ? "" : " or ").append(t);
            }
        }
        throw new IllegalArgumentException(op + ": column '" + c.name() + "' is " + c.type() + ", needs " + names);
    }

    /** An output column of type {@code type} must belong to a frame of {@code rows} rows. */
    static Column out(Column out, int rows, String op, ColumnType type) {
        type(out, op, type);
        return rows(out, rows, op);
    }

    /** An output column of any type must belong to a frame of {@code rows} rows. */
    static Column rows(Column out, int rows, String op) {
        notNull(out, op, "out");
        if (out.frame().rowCount() != rows) {
            throw new IllegalArgumentException(op + ": output column '" + out.name() + "' belongs to a frame of "
                    + out.frame().rowCount() + " rows, the input has " + rows
                    + " (set the output frame's row count first)");
        }
        return out;
    }
}
