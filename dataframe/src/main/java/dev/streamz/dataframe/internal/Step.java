package dev.streamz.dataframe.internal;

import dev.streamz.frames.ColumnType;
import dev.streamz.frames.Frame;
import dev.streamz.frames.internal.kernels.Arith;
import dev.streamz.frames.internal.kernels.ArithOp;
import dev.streamz.frames.internal.kernels.Bitmaps;
import dev.streamz.frames.internal.kernels.Cast;
import dev.streamz.frames.internal.kernels.CmpOp;
import dev.streamz.frames.internal.kernels.Compare;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.function.DoubleUnaryOperator;
import java.util.function.LongUnaryOperator;

/**
 * One node of a compiled expression: it computes a whole column per batch with one kernel call, into a
 * scratch buffer of its own (grown only when a batch outgrows it) or, at the root, into the caller's
 * output column. The type checks and the choice of kernel happen once, when the expression is compiled;
 * a batch runs a fixed tree of these, allocating nothing.
 */
public abstract class Step {
    static final ValueLayout.OfDouble D = ValueLayout.JAVA_DOUBLE.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfLong L = ValueLayout.JAVA_LONG.withOrder(ByteOrder.LITTLE_ENDIAN);

    /** The result's type. */
    public final ColumnType type;
    /** The values of the last run. */
    public MemorySegment values;
    /** The validity of the last run. */
    public MemorySegment validity;
    private MemorySegment targetValues;
    private MemorySegment targetValidity;
    private MemorySegment ownValues;
    private MemorySegment ownValidity;
    private int capacity;

    Step(ColumnType type) {
        this.type = type;
    }

    /**
     * Computes rows {@code [0, rows)} of this node for one input frame.
     *
     * @param in the input frame
     * @param rows its row count
     */
    public abstract void run(Frame in, int rows);

    /**
     * Makes the next runs write into the caller's buffers (the root of an expression), or back into scratch.
     *
     * @param values the output column's values, or null for scratch
     * @param validity its validity
     */
    public void target(MemorySegment values, MemorySegment validity) {
        this.targetValues = values;
        this.targetValidity = validity;
    }

    /** Points {@link #values}/{@link #validity} at where this run writes, growing scratch when needed. */
    final void dst(int rows) {
        if (targetValues != null) {
            values = targetValues;
            validity = targetValidity;
            return;
        }
        if (rows > capacity || ownValues == null) {
            int cap = (Math.max(1024, Math.max(rows, capacity * 2)) + 63) & -64; // whole 64-byte lines
            long bits = ((cap + 511L) >>> 9) << 6;
            Arena arena = Arena.ofAuto();
            ownValidity = arena.allocate(bits, 64);
            ownValues = arena.allocate(type.bitPacked() ? bits : (long) cap * type.valueBytes(), 64);
            capacity = cap;
        }
        values = ownValues;
        validity = ownValidity;
    }

    /** A column of the input frame, read in place. */
    public static final class ColumnRef extends Step {
        private final int position;

        /**
         * @param position the column's position in the schema
         * @param type its type
         */
        public ColumnRef(int position, ColumnType type) {
            super(type);
            this.position = position;
        }

        /** {@return the column's position in the schema} */
        public int position() {
            return position;
        }

        @Override
        public void run(Frame in, int rows) {
            var c = in.column(position);
            values = c.values();
            validity = c.validity();
        }
    }

    /** A scalar broadcast to a column (booleans in Kleene logic, an expression of literals only). */
    public static final class Fill extends Step {
        private final double d;
        private final long l;
        private final boolean b;

        /**
         * @param type the scalar's type
         * @param value a Double, Long or Boolean
         */
        public Fill(ColumnType type, Object value) {
            super(type);
            this.d = value instanceof Number n ? n.doubleValue() : 0;
            this.l = value instanceof Number n ? n.longValue() : 0;
            this.b = value instanceof Boolean x && x;
        }

        @Override
        public void run(Frame in, int rows) {
            dst(rows);
            switch (type) {
                case FLOAT64 -> { for (int i = 0; i < rows; i++) values.setAtIndex(D, i, d); }
                case BOOLEAN -> Bitmaps.fill(values, rows, b);
                default -> { for (int i = 0; i < rows; i++) values.setAtIndex(L, i, l); }
            }
            Bitmaps.fill(validity, rows, true);
        }
    }

    /** Widens int32 or boolean to int64, or any number or boolean to float64, for arithmetic. */
    public static final class Widen extends Step {
        private final Step in;

        /**
         * @param in the operand
         * @param to INT64 or FLOAT64
         */
        public Widen(Step in, ColumnType to) {
            super(to);
            this.in = in;
        }

        @Override
        public void run(Frame f, int rows) {
            in.run(f, rows);
            dst(rows);
            cast(in.type, in.values, in.validity, rows, type, values, validity);
        }
    }

    /**
     * numpy's {@code astype} between two buffers (the frames kernels' casts): widening is exact, int64 to
     * float64 rounds, float64 to int64 truncates (NaN and out-of-range become null), to BOOLEAN is
     * {@code != 0}, BOOLEAN to numbers is 0/1, TIMESTAMP casts as int64.
     *
     * @param from source type
     * @param iv source values
     * @param ivv source validity
     * @param rows rows
     * @param to target type
     * @param ov target values
     * @param ovv target validity
     */
    public static void cast(ColumnType from, MemorySegment iv, MemorySegment ivv, int rows, ColumnType to,
            MemorySegment ov, MemorySegment ovv) {
        ColumnType f = from == ColumnType.TIMESTAMP ? ColumnType.INT64 : from;
        ColumnType t = to == ColumnType.TIMESTAMP ? ColumnType.INT64 : to;
        if (f == t) {
            long bytes = f.bitPacked() ? (rows + 7L) >>> 3 : (long) rows * f.valueBytes();
            MemorySegment.copy(iv, 0, ov, 0, bytes);
            Bitmaps.copy(ivv, ovv, rows);
            return;
        }
        switch (f) {
            case INT32 -> {
                switch (t) {
                    case INT64 -> Cast.int32ToInt64(iv, ivv, rows, ov, ovv);
                    case FLOAT64 -> Cast.int32ToFloat64(iv, ivv, rows, ov, ovv);
                    default -> throw new IllegalStateException("cast: " + from + " to " + to);
                }
            }
            case INT64 -> {
                switch (t) {
                    case FLOAT64 -> Cast.int64ToFloat64(iv, ivv, rows, ov, ovv);
                    case INT32 -> Cast.int64ToInt32(iv, ivv, rows, ov, ovv);
                    case BOOLEAN -> Cast.int64ToBoolean(iv, ivv, rows, ov, ovv);
                    default -> throw new IllegalStateException("cast: " + from + " to " + to);
                }
            }
            case FLOAT64 -> {
                switch (t) {
                    case INT64 -> Cast.float64ToInt64(iv, ivv, rows, ov, ovv);
                    case BOOLEAN -> Cast.float64ToBoolean(iv, ivv, rows, ov, ovv);
                    default -> throw new IllegalStateException("cast: " + from + " to " + to);
                }
            }
            case BOOLEAN -> {
                switch (t) {
                    case FLOAT64 -> Cast.booleanToFloat64(iv, ivv, rows, ov, ovv);
                    case INT64 -> Cast.booleanToInt64(iv, ivv, rows, ov, ovv);
                    default -> throw new IllegalStateException("cast: " + from + " to " + to);
                }
            }
            default -> throw new IllegalStateException("cast: " + from + " to " + to);
        }
    }

    /**
     * Whether {@link #cast} handles a pair of types.
     *
     * @param from source
     * @param to target
     * @return true when it does
     */
    public static boolean canCast(ColumnType from, ColumnType to) {
        ColumnType f = from == ColumnType.TIMESTAMP ? ColumnType.INT64 : from;
        ColumnType t = to == ColumnType.TIMESTAMP ? ColumnType.INT64 : to;
        if (f == t) {
            return f != ColumnType.CATEGORY;
        }
        return switch (f) {
            case INT32 -> t == ColumnType.INT64 || t == ColumnType.FLOAT64;
            case INT64 -> t == ColumnType.FLOAT64 || t == ColumnType.INT32 || t == ColumnType.BOOLEAN;
            case FLOAT64 -> t == ColumnType.INT64 || t == ColumnType.BOOLEAN;
            case BOOLEAN -> t == ColumnType.FLOAT64 || t == ColumnType.INT64;
            default -> false;
        };
    }

    /** {@code astype}: a cast node. */
    public static final class AsType extends Step {
        private final Step in;

        /**
         * @param in the operand
         * @param to the target type ({@link #canCast})
         */
        public AsType(Step in, ColumnType to) {
            super(to);
            this.in = in;
        }

        @Override
        public void run(Frame f, int rows) {
            in.run(f, rows);
            dst(rows);
            cast(in.type, in.values, in.validity, rows, type, values, validity);
        }
    }

    /**
     * Binary arithmetic. Operands are steps, or a scalar on one side; the kernel is chosen at construction.
     * FLOAT64 results take float64 operands, except int64 true division, which reads int64 operands.
     */
    public static final class Arithmetic extends Step {
        private final ElementKernels.Op op;
        private final Step a;
        private final Step b;
        private final double ds;
        private final long ls;
        private final boolean scalarLeft;
        private final boolean longOperands;

        /**
         * @param type the result type: INT64 (int64 operands) or FLOAT64
         * @param op the operator
         * @param a the left operand, or null when it is the scalar
         * @param b the right operand, or null when it is the scalar
         * @param scalar the scalar operand (a Long or Double), or null
         * @param longOperands whether the operands are int64 (true for an INT64 result or int64 true division)
         */
        public Arithmetic(ColumnType type, ElementKernels.Op op, Step a, Step b, Number scalar, boolean longOperands) {
            super(type);
            this.op = op;
            this.a = a;
            this.b = b;
            this.ds = scalar == null ? 0 : scalar.doubleValue();
            this.ls = scalar == null ? 0 : scalar.longValue();
            this.scalarLeft = a == null;
            this.longOperands = longOperands;
        }

        private static ArithOp basic(ElementKernels.Op op) {
            return switch (op) {
                case ADD -> ArithOp.ADD;
                case SUB -> ArithOp.SUB;
                case MUL -> ArithOp.MUL;
                case DIV -> ArithOp.DIV;
                default -> null;
            };
        }

        @Override
        public void run(Frame f, int rows) {
            if (a != null) {
                a.run(f, rows);
            }
            if (b != null) {
                b.run(f, rows);
            }
            dst(rows);
            ArithOp basic = basic(op);
            if (a != null && b != null) {
                if (!longOperands) {
                    if (basic != null) {
                        Arith.apply(a.values, a.validity, b.values, b.validity, rows, basic, values, validity);
                    } else {
                        ElementKernels.doubles(a.values, b.values, rows, op, values);
                        Bitmaps.and(a.validity, b.validity, validity, rows);
                    }
                } else if (op == ElementKernels.Op.DIV) {
                    Arith.divideLong(a.values, a.validity, b.values, b.validity, rows, values, validity);
                } else if (basic != null) {
                    Arith.applyLong(a.values, a.validity, b.values, b.validity, rows, basic, values, validity);
                } else {
                    Bitmaps.and(a.validity, b.validity, validity, rows);
                    ElementKernels.longs(a.values, b.values, rows, op, values, validity);
                }
                return;
            }
            Step c = scalarLeft ? b : a;
            if (!longOperands) {
                if (basic != null && !scalarLeft) {
                    Arith.apply(c.values, c.validity, rows, basic, ds, values, validity);
                } else {
                    ElementKernels.doublesScalar(c.values, ds, scalarLeft, rows, op, values);
                    Bitmaps.copy(c.validity, validity, rows);
                }
            } else if (op == ElementKernels.Op.DIV) {
                ElementKernels.divideLongScalar(c.values, ds, scalarLeft, rows, values);
                Bitmaps.copy(c.validity, validity, rows);
            } else if (basic != null && !scalarLeft) {
                Arith.applyLong(c.values, c.validity, rows, basic, ls, values, validity);
            } else {
                Bitmaps.copy(c.validity, validity, rows);
                ElementKernels.longsScalar(c.values, ls, scalarLeft, rows, op, values, validity);
            }
        }
    }

    /** Negation of a number column. */
    public static final class Negate extends Step {
        private final Step in;

        /**
         * @param in an INT64 or FLOAT64 operand
         */
        public Negate(Step in) {
            super(in.type);
            this.in = in;
        }

        @Override
        public void run(Frame f, int rows) {
            in.run(f, rows);
            dst(rows);
            if (type == ColumnType.FLOAT64) {
                ElementKernels.negateDoubles(in.values, rows, values);
            } else {
                ElementKernels.negateLongs(in.values, rows, values);
            }
            Bitmaps.copy(in.validity, validity, rows);
        }
    }

    /** numpy's {@code round(decimals)}, half to even. */
    public static final class Round extends Step {
        private final Step in;
        private final int decimals;

        /**
         * @param in an INT64 or FLOAT64 operand
         * @param decimals the decimals
         */
        public Round(Step in, int decimals) {
            super(in.type);
            this.in = in;
            this.decimals = decimals;
        }

        @Override
        public void run(Frame f, int rows) {
            in.run(f, rows);
            dst(rows);
            if (type == ColumnType.FLOAT64) {
                ElementKernels.round(in.values, decimals, rows, values);
            } else {
                ElementKernels.roundLongs(in.values, decimals, rows, values);
            }
            Bitmaps.copy(in.validity, validity, rows);
        }
    }

    /**
     * A comparison into a BOOLEAN column, with numpy's missing-value answers: a row where an operand is
     * null or NaN compares false, except {@code !=}, which is true; the result has no nulls.
     */
    public static final class Comparison extends Step {
        private final CmpOp op;
        private final Step a;
        private final Step b;
        private final double ds;
        private final long ls;
        private final boolean longs;

        /**
         * @param op the operator, already flipped when the scalar was on the left
         * @param a the column operand
         * @param b the right column operand, or null for the scalar
         * @param scalar a Long or Double, or null
         * @param longs whether the operands are int64/timestamp (else float64)
         */
        public Comparison(CmpOp op, Step a, Step b, Number scalar, boolean longs) {
            super(ColumnType.BOOLEAN);
            this.op = op;
            this.a = a;
            this.b = b;
            this.ds = scalar == null ? 0 : scalar.doubleValue();
            this.ls = scalar == null ? 0 : scalar.longValue();
            this.longs = longs;
        }

        @Override
        public void run(Frame f, int rows) {
            a.run(f, rows);
            if (b != null) {
                b.run(f, rows);
            }
            dst(rows);
            if (b != null) {
                if (longs) {
                    Compare.compareLong(a.values, a.validity, b.values, b.validity, rows, op, values, validity);
                } else {
                    Compare.compare(a.values, a.validity, b.values, b.validity, rows, op, values, validity);
                }
            } else if (longs) {
                Compare.compareLong(a.values, a.validity, rows, op, ls, values, validity);
            } else {
                Compare.compare(a.values, a.validity, rows, op, ds, values, validity);
            }
            missingAnswer(values, validity, rows, op == CmpOp.NE);
        }
    }

    /**
     * numpy's answer for rows with a missing operand (their validity bit is clear): false, or true for
     * {@code !=}; then every row is present.
     *
     * @param values the comparison's result bits
     * @param validity its validity (AND of the operands')
     * @param rows rows
     * @param ne whether the operator is {@code !=}
     */
    static void missingAnswer(MemorySegment values, MemorySegment validity, int rows, boolean ne) {
        if (ne) {
            Bitmaps.andNot(validity, values, values, rows); // present and false
            Bitmaps.not(values, values, rows);              // → true unless present and false
        } else {
            Bitmaps.and(values, validity, values, rows);
        }
        Bitmaps.fill(validity, rows, true);
    }

    /** {@code ==} / {@code !=} of a category column with a string (its code, looked up per batch). */
    public static final class CategoryEquals extends Step {
        private final Step in;
        private final int position;
        private final String value;
        private final boolean ne;

        /**
         * @param in the category column
         * @param position its position in the schema (for its dictionary)
         * @param value the string
         * @param ne whether the operator is {@code !=}
         */
        public CategoryEquals(Step in, int position, String value, boolean ne) {
            super(ColumnType.BOOLEAN);
            this.in = in;
            this.position = position;
            this.value = value;
            this.ne = ne;
        }

        @Override
        public void run(Frame f, int rows) {
            in.run(f, rows);
            dst(rows);
            int code = f.column(position).dictionary().code(value);
            Compare.compareInt(in.values, in.validity, rows, ne ? CmpOp.NE : CmpOp.EQ, code, values, validity);
            missingAnswer(values, validity, rows, ne);
        }
    }

    /** {@code ==} / {@code !=} of two boolean columns. */
    public static final class BooleanEquals extends Step {
        private final Step a;
        private final Step b;
        private final boolean ne;

        /**
         * @param a left
         * @param b right
         * @param ne whether the operator is {@code !=}
         */
        public BooleanEquals(Step a, Step b, boolean ne) {
            super(ColumnType.BOOLEAN);
            this.a = a;
            this.b = b;
            this.ne = ne;
        }

        @Override
        public void run(Frame f, int rows) {
            a.run(f, rows);
            b.run(f, rows);
            dst(rows);
            Bitmaps.xor(a.values, b.values, values, rows);
            if (!ne) {
                Bitmaps.not(values, values, rows);
            }
            Bitmaps.and(a.validity, b.validity, validity, rows);
            missingAnswer(values, validity, rows, ne);
        }
    }

    /** Kleene AND / OR of boolean columns (pandas' nullable booleans), or NOT. */
    public static final class Logic extends Step {
        private final int kind;
        private final Step a;
        private final Step b;

        /**
         * @param kind 0 AND, 1 OR, 2 NOT
         * @param a the (left) operand
         * @param b the right operand, or null for NOT
         */
        public Logic(int kind, Step a, Step b) {
            super(ColumnType.BOOLEAN);
            this.kind = kind;
            this.a = a;
            this.b = b;
        }

        @Override
        public void run(Frame f, int rows) {
            a.run(f, rows);
            if (b != null) {
                b.run(f, rows);
            }
            dst(rows);
            switch (kind) {
                case 0 -> Bitmaps.kleeneAnd(a.values, a.validity, b.values, b.validity, values, validity, rows);
                case 1 -> Bitmaps.kleeneOr(a.values, a.validity, b.values, b.validity, values, validity, rows);
                default -> {
                    Bitmaps.not(a.values, values, rows);
                    Bitmaps.copy(a.validity, validity, rows);
                }
            }
        }
    }

    /** pandas' {@code isna()} / {@code notna()}: null, or NaN in a float64 column. */
    public static final class IsNull extends Step {
        private final Step in;
        private final boolean not;

        /**
         * @param in the operand
         * @param not whether this is {@code notna}
         */
        public IsNull(Step in, boolean not) {
            super(ColumnType.BOOLEAN);
            this.in = in;
            this.not = not;
        }

        @Override
        public void run(Frame f, int rows) {
            in.run(f, rows);
            dst(rows);
            if (in.type == ColumnType.FLOAT64) {
                // present and not NaN: x == x is false only for NaN
                Compare.compare(in.values, in.validity, in.values, in.validity, rows, CmpOp.EQ, values, validity);
                Bitmaps.and(values, validity, values, rows);
            } else {
                Bitmaps.copy(in.validity, values, rows);
            }
            if (!not) {
                Bitmaps.not(values, values, rows);
            }
            Bitmaps.fill(validity, rows, true);
        }
    }

    /** The slow path: a per-row function of a number column (pandas' {@code Series.map}). */
    public static final class MapRows extends Step {
        private final Step in;
        private final DoubleUnaryOperator fd;
        private final LongUnaryOperator fl;

        /**
         * @param in a FLOAT64 operand for {@code fd}, an INT64 one for {@code fl}
         * @param fd the double function, or null
         * @param fl the long function, or null
         */
        public MapRows(Step in, DoubleUnaryOperator fd, LongUnaryOperator fl) {
            super(fd != null ? ColumnType.FLOAT64 : ColumnType.INT64);
            this.in = in;
            this.fd = fd;
            this.fl = fl;
        }

        @Override
        public void run(Frame f, int rows) {
            in.run(f, rows);
            dst(rows);
            MemorySegment iv = in.values;
            MemorySegment vv = in.validity;
            for (int i = 0; i < rows; i++) {
                // pandas does not call the function for missing values: they stay missing
                if (Bitmaps.get(vv, i)) {
                    if (fd != null) {
                        values.setAtIndex(D, i, fd.applyAsDouble(iv.getAtIndex(D, i)));
                    } else {
                        values.setAtIndex(L, i, fl.applyAsLong(iv.getAtIndex(L, i)));
                    }
                }
            }
            Bitmaps.copy(vv, validity, rows);
        }
    }
}
