package dev.streamz.dataframe;

import dev.streamz.dataframe.internal.Checks;
import dev.streamz.frames.ColumnType;
import dev.streamz.frames.Schema;

import java.time.Instant;
import java.util.Objects;
import java.util.function.DoubleUnaryOperator;
import java.util.function.LongUnaryOperator;

/**
 * A typed column expression, pandas' element-wise arithmetic, comparisons and boolean logic written as a
 * tree: {@code Expr.col("x").gt(0).and(Expr.col("name").eq("a"))}. An expression is a description; it is
 * checked against a {@link Schema} and compiled once ({@link #compile}), then every batch runs one column
 * kernel per node over whole columns, allocating nothing per row. {@link StreamingDataFrame#filter},
 * {@link StreamingDataFrame#assign} and {@link StreamingDataFrame#eval} take expressions; so does
 * {@link StreamingSeries}' arithmetic, which builds them.
 *
 * <p><b>Types</b> follow numpy, decided when the expression is compiled: int op int is INT64 (INT32
 * operands widen), except true division {@link #div}, which is FLOAT64; anything with a FLOAT64 operand is
 * FLOAT64; {@link #floordiv} and {@link #mod} use Python's signs (the result of {@code %} has the divisor's
 * sign). Comparisons are BOOLEAN. A BOOLEAN operand beside a number counts as 0/1, as in numpy
 * ({@code True + 1} is 2); two BOOLEAN operands take no part in arithmetic (use {@link #and}, {@link #or},
 * or {@link #astype}); CATEGORY columns compare with a string by {@code ==}/{@code !=} only; TIMESTAMP columns
 * compare with timestamps. A wrong operand type or an unknown column fails in {@link #compile}, naming the
 * operation, the operand and what it expected.
 *
 * <p><b>Missing values</b>: arithmetic with a null row gives null; int64 {@code // 0} and {@code % 0} give
 * null (pandas turns the batch into float64 with {@code ±inf} there, which a typed column cannot);
 * float64 division by zero gives {@code ±inf} or NaN. A comparison where an operand is null or NaN is
 * false, except {@link #ne}, which is true (numpy's rule; the result has no nulls). {@link #and},
 * {@link #or} and {@link #not} on BOOLEAN columns with nulls follow pandas' nullable booleans (Kleene
 * logic: false AND null is false, true OR null is true).
 *
 * <p><b>Names</b> follow pandas: a column keeps its name through operations with scalars and through
 * unary operations; an operation between two columns keeps the name when both have it, and otherwise has
 * none ({@link #name()} is null), in which case a column built from it is named by the expression's text,
 * such as {@code (x + y)}.
 *
 * <pre>{@code
 * Schema schema = Schema.builder().int64("x").float64("y").build();
 * CompiledExpr e = Expr.col("x").mul(2).add(Expr.col("y")).compile(schema);   // FLOAT64
 * try (Frame out = Frame.allocate(Schema.builder().float64("z").build(), batch.capacity())) {
 *     e.evaluate(batch, out.column(0));
 *     out.setRowCount(batch.rowCount());
 * }
 * }</pre>
 */
public final class Expr {
    /** The node kinds. */
    enum Kind {
        COL(""), LIT(""), ADD("+"), SUB("-"), MUL("*"), DIV("/"), FLOORDIV("//"), MOD("%"), NEG("-"),
        EQ("=="), NE("!="), LT("<"), LE("<="), GT(">"), GE(">="), AND("&"), OR("|"), NOT("~"),
        ISNULL("isna"), NOTNULL("notna"), ASTYPE("astype"), ROUND("round"), MAP("map");

        final String symbol;

        Kind(String symbol) {
            this.symbol = symbol;
        }

        String op() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    final Kind kind;
    final String column;
    final Object value;
    final Expr a;
    final Expr b;
    final ColumnType to;
    final int decimals;
    final DoubleUnaryOperator fd;
    final LongUnaryOperator fl;

    private Expr(Kind kind, String column, Object value, Expr a, Expr b, ColumnType to, int decimals,
                 DoubleUnaryOperator fd, LongUnaryOperator fl) {
        this.kind = kind;
        this.column = column;
        this.value = value;
        this.a = a;
        this.b = b;
        this.to = to;
        this.decimals = decimals;
        this.fd = fd;
        this.fl = fl;
    }

    private static Expr node(Kind k, Expr a, Expr b) {
        return new Expr(k, null, null, a, b, null, 0, null, null);
    }

    private Expr binary(Kind k, Expr other) {
        Checks.notNull(other, k.op() + ": other");
        return node(k, this, other);
    }

    // ---- leaves ----

    /**
     * A column of the frame, by name (checked when the expression is compiled).
     *
     * @param name the column
     * @return the expression
     * @throws NullPointerException when name is null
     */
    public static Expr col(String name) {
        Checks.notNull(name, "col: name");
        return new Expr(Kind.COL, name, null, null, null, null, 0, null, null);
    }

    /**
     * An integer literal (INT64).
     *
     * @param v the value
     * @return the expression
     */
    public static Expr lit(long v) {
        return new Expr(Kind.LIT, null, v, null, null, ColumnType.INT64, 0, null, null);
    }

    /**
     * A floating-point literal (FLOAT64).
     *
     * @param v the value
     * @return the expression
     */
    public static Expr lit(double v) {
        return new Expr(Kind.LIT, null, v, null, null, ColumnType.FLOAT64, 0, null, null);
    }

    /**
     * A boolean literal.
     *
     * @param v the value
     * @return the expression
     */
    public static Expr lit(boolean v) {
        return new Expr(Kind.LIT, null, v, null, null, ColumnType.BOOLEAN, 0, null, null);
    }

    /**
     * A string literal, which compares with a CATEGORY column by {@link #eq} and {@link #ne}.
     *
     * @param v the value
     * @return the expression
     * @throws NullPointerException when v is null
     */
    public static Expr lit(String v) {
        Checks.notNull(v, "lit: value");
        return new Expr(Kind.LIT, null, v, null, null, ColumnType.CATEGORY, 0, null, null);
    }

    /**
     * A timestamp literal, which compares with a TIMESTAMP column.
     *
     * @param v the instant
     * @return the expression
     * @throws NullPointerException when v is null
     */
    public static Expr lit(Instant v) {
        Checks.notNull(v, "lit: value");
        long nanos = Math.addExact(Math.multiplyExact(v.getEpochSecond(), 1_000_000_000L), v.getNano());
        return new Expr(Kind.LIT, null, nanos, null, null, ColumnType.TIMESTAMP, 0, null, null);
    }

    // ---- arithmetic ----

    /**
     * {@code this + other}.
     *
     * @param other the right operand
     * @return the expression
     */
    public Expr add(Expr other) {
        return binary(Kind.ADD, other);
    }

    /**
     * {@code this + v}.
     *
     * @param v the right operand
     * @return the expression
     */
    public Expr add(long v) {
        return add(lit(v));
    }

    /**
     * {@code this + v}.
     *
     * @param v the right operand
     * @return the expression
     */
    public Expr add(double v) {
        return add(lit(v));
    }

    /**
     * {@code this - other}.
     *
     * @param other the right operand
     * @return the expression
     */
    public Expr sub(Expr other) {
        return binary(Kind.SUB, other);
    }

    /**
     * {@code this - v}.
     *
     * @param v the right operand
     * @return the expression
     */
    public Expr sub(long v) {
        return sub(lit(v));
    }

    /**
     * {@code this - v}.
     *
     * @param v the right operand
     * @return the expression
     */
    public Expr sub(double v) {
        return sub(lit(v));
    }

    /**
     * {@code this * other}.
     *
     * @param other the right operand
     * @return the expression
     */
    public Expr mul(Expr other) {
        return binary(Kind.MUL, other);
    }

    /**
     * {@code this * v}.
     *
     * @param v the right operand
     * @return the expression
     */
    public Expr mul(long v) {
        return mul(lit(v));
    }

    /**
     * {@code this * v}.
     *
     * @param v the right operand
     * @return the expression
     */
    public Expr mul(double v) {
        return mul(lit(v));
    }

    /**
     * {@code this / other}, true division: FLOAT64 even for integers; {@code x / 0} is {@code ±inf}, {@code 0 / 0}
     * NaN.
     *
     * @param other the right operand
     * @return the expression
     */
    public Expr div(Expr other) {
        return binary(Kind.DIV, other);
    }

    /**
     * {@code this / v}, true division.
     *
     * @param v the right operand
     * @return the expression
     */
    public Expr div(long v) {
        return div(lit(v));
    }

    /**
     * {@code this / v}, true division.
     *
     * @param v the right operand
     * @return the expression
     */
    public Expr div(double v) {
        return div(lit(v));
    }

    /**
     * {@code this // other}, floor division (rounds toward negative infinity, as Python does); INT64 for
     * integers, where a zero divisor gives null.
     *
     * @param other the right operand
     * @return the expression
     */
    public Expr floordiv(Expr other) {
        return binary(Kind.FLOORDIV, other);
    }

    /**
     * {@code this // v}.
     *
     * @param v the right operand
     * @return the expression
     */
    public Expr floordiv(long v) {
        return floordiv(lit(v));
    }

    /**
     * {@code this // v}.
     *
     * @param v the right operand
     * @return the expression
     */
    public Expr floordiv(double v) {
        return floordiv(lit(v));
    }

    /**
     * {@code this % other}, with the divisor's sign (Python's); INT64 for integers, where a zero divisor gives
     * null.
     *
     * @param other the right operand
     * @return the expression
     */
    public Expr mod(Expr other) {
        return binary(Kind.MOD, other);
    }

    /**
     * {@code this % v}.
     *
     * @param v the right operand
     * @return the expression
     */
    public Expr mod(long v) {
        return mod(lit(v));
    }

    /**
     * {@code this % v}.
     *
     * @param v the right operand
     * @return the expression
     */
    public Expr mod(double v) {
        return mod(lit(v));
    }

    /** {@return {@code -this}} */
    public Expr neg() {
        return node(Kind.NEG, this, null);
    }

    // ---- comparisons ----

    /**
     * {@code this == other}.
     *
     * @param other the right operand
     * @return a BOOLEAN expression
     */
    public Expr eq(Expr other) {
        return binary(Kind.EQ, other);
    }

    /**
     * {@code this == v}.
     *
     * @param v the right operand
     * @return a BOOLEAN expression
     */
    public Expr eq(long v) {
        return eq(lit(v));
    }

    /**
     * {@code this == v}.
     *
     * @param v the right operand
     * @return a BOOLEAN expression
     */
    public Expr eq(double v) {
        return eq(lit(v));
    }

    /**
     * {@code this == v} for a CATEGORY column.
     *
     * @param v the string
     * @return a BOOLEAN expression
     */
    public Expr eq(String v) {
        return eq(lit(v));
    }

    /**
     * {@code this != other} (true where an operand is missing).
     *
     * @param other the right operand
     * @return a BOOLEAN expression
     */
    public Expr ne(Expr other) {
        return binary(Kind.NE, other);
    }

    /**
     * {@code this != v}.
     *
     * @param v the right operand
     * @return a BOOLEAN expression
     */
    public Expr ne(long v) {
        return ne(lit(v));
    }

    /**
     * {@code this != v}.
     *
     * @param v the right operand
     * @return a BOOLEAN expression
     */
    public Expr ne(double v) {
        return ne(lit(v));
    }

    /**
     * {@code this != v} for a CATEGORY column.
     *
     * @param v the string
     * @return a BOOLEAN expression
     */
    public Expr ne(String v) {
        return ne(lit(v));
    }

    /**
     * {@code this < other}.
     *
     * @param other the right operand
     * @return a BOOLEAN expression
     */
    public Expr lt(Expr other) {
        return binary(Kind.LT, other);
    }

    /**
     * {@code this < v}.
     *
     * @param v the right operand
     * @return a BOOLEAN expression
     */
    public Expr lt(long v) {
        return lt(lit(v));
    }

    /**
     * {@code this < v}.
     *
     * @param v the right operand
     * @return a BOOLEAN expression
     */
    public Expr lt(double v) {
        return lt(lit(v));
    }

    /**
     * {@code this <= other}.
     *
     * @param other the right operand
     * @return a BOOLEAN expression
     */
    public Expr le(Expr other) {
        return binary(Kind.LE, other);
    }

    /**
     * {@code this <= v}.
     *
     * @param v the right operand
     * @return a BOOLEAN expression
     */
    public Expr le(long v) {
        return le(lit(v));
    }

    /**
     * {@code this <= v}.
     *
     * @param v the right operand
     * @return a BOOLEAN expression
     */
    public Expr le(double v) {
        return le(lit(v));
    }

    /**
     * {@code this > other}.
     *
     * @param other the right operand
     * @return a BOOLEAN expression
     */
    public Expr gt(Expr other) {
        return binary(Kind.GT, other);
    }

    /**
     * {@code this > v}.
     *
     * @param v the right operand
     * @return a BOOLEAN expression
     */
    public Expr gt(long v) {
        return gt(lit(v));
    }

    /**
     * {@code this > v}.
     *
     * @param v the right operand
     * @return a BOOLEAN expression
     */
    public Expr gt(double v) {
        return gt(lit(v));
    }

    /**
     * {@code this >= other}.
     *
     * @param other the right operand
     * @return a BOOLEAN expression
     */
    public Expr ge(Expr other) {
        return binary(Kind.GE, other);
    }

    /**
     * {@code this >= v}.
     *
     * @param v the right operand
     * @return a BOOLEAN expression
     */
    public Expr ge(long v) {
        return ge(lit(v));
    }

    /**
     * {@code this >= v}.
     *
     * @param v the right operand
     * @return a BOOLEAN expression
     */
    public Expr ge(double v) {
        return ge(lit(v));
    }

    // ---- boolean logic ----

    /**
     * {@code this & other} of BOOLEAN operands (Kleene logic with nulls).
     *
     * @param other the right operand
     * @return a BOOLEAN expression
     */
    public Expr and(Expr other) {
        return binary(Kind.AND, other);
    }

    /**
     * {@code this | other} of BOOLEAN operands (Kleene logic with nulls).
     *
     * @param other the right operand
     * @return a BOOLEAN expression
     */
    public Expr or(Expr other) {
        return binary(Kind.OR, other);
    }

    /** {@return {@code ~this} of a BOOLEAN operand (null stays null)} */
    public Expr not() {
        return node(Kind.NOT, this, null);
    }

    /** {@return pandas' {@code isna()}: true where the row is null, or NaN in a FLOAT64 column} */
    public Expr isNull() {
        return node(Kind.ISNULL, this, null);
    }

    /** {@return pandas' {@code notna()}: the negation of {@link #isNull()}} */
    public Expr notNull() {
        return node(Kind.NOTNULL, this, null);
    }

    // ---- conversions ----

    /**
     * numpy's {@code astype}: widening is exact, INT64 to FLOAT64 rounds, FLOAT64 to INT64 truncates toward
     * zero (NaN and out-of-range values become null), to BOOLEAN is {@code != 0}, BOOLEAN to numbers is 0/1.
     *
     * @param type the target type
     * @return the expression
     */
    public Expr astype(ColumnType type) {
        Checks.notNull(type, "astype: type");
        return new Expr(Kind.ASTYPE, null, null, this, null, type, 0, null, null);
    }

    /**
     * numpy's {@code round(decimals)}: half to even ({@code 0.25 → 0.2}, {@code 0.35 → 0.4}); negative
     * decimals round to tens, hundreds, ...; INT64 stays INT64.
     *
     * @param decimals the decimals
     * @return the expression
     */
    public Expr round(int decimals) {
        return new Expr(Kind.ROUND, null, null, this, null, null, decimals, null, null);
    }

    /**
     * The slow path: a per-row function of a number (pandas' {@code map}), FLOAT64 in and out. Each row costs
     * a call through the function; null rows stay null and are not passed to it. Prefer the operations above,
     * which run as column kernels.
     *
     * @param f the function
     * @return the expression
     */
    public Expr map(DoubleUnaryOperator f) {
        Checks.notNull(f, "map: function");
        return new Expr(Kind.MAP, null, null, this, null, null, 0, f, null);
    }

    /**
     * The slow path for integers: a per-row function of an INT64 (or INT32, BOOLEAN) column into INT64.
     *
     * @param f the function
     * @return the expression
     */
    public Expr mapLong(LongUnaryOperator f) {
        Checks.notNull(f, "mapLong: function");
        return new Expr(Kind.MAP, null, null, this, null, null, 0, null, f);
    }

    // ---- typing and compiling ----

    /**
     * pandas' name of the result: a column's name, kept through scalars and unary operations; between two
     * columns, kept when both have the same name.
     *
     * @return the name, or null when pandas gives none
     */
    public String name() {
        return switch (kind) {
            case COL -> column;
            case LIT -> null;
            default -> {
                if (b == null) {
                    yield a.name();
                }
                if (a.kind == Kind.LIT) {
                    yield b.name();
                }
                if (b.kind == Kind.LIT) {
                    yield a.name();
                }
                String n = a.name();
                yield Objects.equals(n, b.name()) ? n : null;
            }
        };
    }

    /** {@return the column name a result of this expression gets: {@link #name()}, else the expression's text} */
    String columnName() {
        String n = name();
        return n != null ? n : toString();
    }

    /**
     * The result type in a schema, checking every node.
     *
     * @param schema the frames' schema
     * @return the type of the result column
     * @throws IllegalArgumentException naming the operation for an unknown column or a wrong operand type
     */
    public ColumnType type(Schema schema) {
        return compile(schema).type();
    }

    /**
     * Checks the expression against a schema and compiles it into column kernels.
     *
     * @param schema the frames' schema
     * @return the compiled expression
     * @throws NullPointerException when schema is null
     * @throws IllegalArgumentException naming the operation for an unknown column or a wrong operand type
     */
    public CompiledExpr compile(Schema schema) {
        Checks.notNull(schema, "compile: schema");
        return CompiledExpr.of(this, schema, "compile(" + this + ")");
    }

    @Override
    public String toString() {
        return switch (kind) {
            case COL -> column;
            case LIT -> value instanceof String s ? "'" + s + "'"
                    : to == ColumnType.TIMESTAMP ? "Timestamp(" + value + ")" : String.valueOf(value);
            case NEG -> "-" + a;
            case NOT -> "~" + a;
            case ISNULL, NOTNULL -> a + "." + kind.symbol + "()";
            case ASTYPE -> a + ".astype(" + to + ")";
            case ROUND -> a + ".round(" + decimals + ")";
            case MAP -> a + ".map(f)";
            default -> "(" + a + " " + kind.symbol + " " + b + ")";
        };
    }
}
