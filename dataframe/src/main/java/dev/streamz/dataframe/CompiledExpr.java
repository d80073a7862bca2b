package dev.streamz.dataframe;

import dev.streamz.dataframe.internal.Checks;
import dev.streamz.dataframe.internal.Step;
import dev.streamz.frames.Column;
import dev.streamz.frames.ColumnType;
import dev.streamz.frames.Frame;
import dev.streamz.frames.Schema;
import dev.streamz.frames.internal.kernels.Bitmaps;

import java.lang.foreign.MemorySegment;

/**
 * An {@link Expr} checked against a schema and compiled into column kernels ({@link Expr#compile}): its
 * result type is known, and {@link #evaluate} computes the result column of one frame with one kernel call
 * per node, allocating nothing once its scratch buffers fit the batches. Not thread-safe: one compiled
 * expression serves one stream of frames (compile another for another thread).
 */
public final class CompiledExpr {
    private final Expr expr;
    private final Schema schema;
    private final Step root;

    CompiledExpr(Expr expr, Schema schema, Step root) {
        this.expr = expr;
        this.schema = schema;
        this.root = root;
    }

    /** Compiles for an operation, whose name starts every error message. */
    static CompiledExpr of(Expr expr, Schema schema, String where) {
        Checks.notNull(expr, where + ": expression");
        return new CompiledExpr(expr, schema, ExprCompiler.compile(expr, schema, where));
    }

    /** {@return the expression} */
    public Expr expr() {
        return expr;
    }

    /** {@return the schema it was compiled for} */
    public Schema schema() {
        return schema;
    }

    /** {@return the result column's type} */
    public ColumnType type() {
        return root.type;
    }

    /**
     * Computes the expression over the rows of {@code in} into rows {@code [0, in.rowCount())} of
     * {@code out} (values and validity). The caller sets the row count of {@code out}'s frame.
     *
     * @param in a frame of the compiled schema
     * @param out a column of type {@link #type()} with at least {@code in.rowCount()} rows of capacity
     * @throws IllegalArgumentException when the frame's schema differs, or the column's type or capacity
     *     does not fit
     */
    public void evaluate(Frame in, Column out) {
        Checks.notNull(in, "evaluate: in");
        Checks.notNull(out, "evaluate: out");
        if (in.schema() != schema && !in.schema().equals(schema)) {
            throw new IllegalArgumentException("evaluate(" + expr + "): frame '" + in.name() + "' has schema "
                    + in.schema() + ", the expression was compiled for " + schema);
        }
        if (out.type() != root.type) {
            throw new IllegalArgumentException("evaluate(" + expr + "): the result is " + root.type
                    + ", column '" + out.name() + "' is " + out.type());
        }
        if (out.capacity() < in.rowCount()) {
            throw new IllegalArgumentException("evaluate(" + expr + "): column '" + out.name() + "' holds "
                    + out.capacity() + " rows, the frame has " + in.rowCount());
        }
        into(in, out.values(), out.validity());
    }

    /** Computes into the given buffers (schema already checked). */
    void into(Frame in, MemorySegment values, MemorySegment validity) {
        int rows = in.rowCount();
        root.target(values, validity);
        root.run(in, rows);
        if (root.values != values) {
            // the root is a column of the input itself: copy it
            long bytes = root.type.bitPacked() ? (rows + 7L) >>> 3 : (long) rows * root.type.valueBytes();
            MemorySegment.copy(root.values, 0, values, 0, bytes);
            Bitmaps.copy(root.validity, validity, rows);
        }
    }

    /** Computes into the expression's own scratch buffers; the result is in the returned step. */
    Step scratch(Frame in) {
        root.target(null, null);
        root.run(in, in.rowCount());
        return root;
    }
}
