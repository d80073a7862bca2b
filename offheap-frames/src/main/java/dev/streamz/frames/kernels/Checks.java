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

    static Column type(Column c, String op, ColumnType... allowed) {
        notNull(c, op, "column");
        for (ColumnType t : allowed) {
            if (c.type() == t) {
                return c;
            }
        }
        throw new IllegalArgumentException(op + ": column '" + c.name() + "' is " + c.type() + ", needs "
                + java.util.Arrays.toString(allowed));
    }

    /** An output column must be able to take {@code rows} rows of the input's frame. */
    static Column out(Column out, int rows, String op, ColumnType... allowed) {
        type(out, op, allowed);
        if (out.frame().rowCount() != rows) {
            throw new IllegalArgumentException(op + ": output column '" + out.name() + "' belongs to a frame of "
                    + out.frame().rowCount() + " rows, the input has " + rows
                    + " (set the output frame's row count first)");
        }
        return out;
    }
}
