package dev.streamz.dataframe;

import dev.streamz.dataframe.Expr.Kind;
import dev.streamz.dataframe.internal.ElementKernels;
import dev.streamz.dataframe.internal.Step;
import dev.streamz.frames.ColumnType;
import dev.streamz.frames.Schema;
import dev.streamz.frames.internal.kernels.CmpOp;

/**
 * Type-checks an {@link Expr} against a schema and turns it into a tree of {@link Step}s: numpy's type
 * rules, widening steps where operands differ, a kernel per node chosen once. Literals stay scalars (a
 * kernel takes them as an argument); literal-only subtrees are folded.
 */
final class ExprCompiler {
    /** A compiled node: a step, or a scalar (Long, Double, Boolean, String) of a type. */
    private record Node(Step step, ColumnType type, Object scalar, Expr expr) {
        boolean isScalar() {
            return step == null;
        }
    }

    private final Schema schema;
    private final String where;

    private ExprCompiler(Schema schema, String where) {
        this.schema = schema;
        this.where = where;
    }

    /**
     * @param e the expression
     * @param schema the frames' schema
     * @param where the operation compiling it, for error messages
     * @return its root step (a scalar result is broadcast)
     */
    static Step compile(Expr e, Schema schema, String where) {
        ExprCompiler c = new ExprCompiler(schema, where);
        return c.column(c.node(e), e);
    }

    private IllegalArgumentException error(Kind k, String message) {
        String op = k == null ? "" : k.op() + ": ";
        return new IllegalArgumentException(where + ": " + op + message);
    }

    private static String describe(Node n) {
        return "'" + n.expr() + "' (" + (n.type() == ColumnType.CATEGORY && n.isScalar() ? "string" : n.type()) + ")";
    }

    private Step column(Node n, Expr e) {
        if (!n.isScalar()) {
            return n.step();
        }
        if (n.type() == ColumnType.CATEGORY) {
            throw error(null, "the string literal " + e + " is a column of no type; strings only compare with a"
                    + " CATEGORY column by eq/ne");
        }
        return new Step.Fill(n.type(), n.scalar());
    }

    private Node node(Expr e) {
        return switch (e.kind) {
            case COL -> {
                int pos = schema.contains(e.column) ? schema.indexOf(e.column) : -1;
                if (pos < 0) {
                    throw new IllegalArgumentException(where + ": no column '" + e.column + "' (columns: "
                            + schema.names() + ")");
                }
                ColumnType t = schema.field(pos).type();
                yield new Node(new Step.ColumnRef(pos, t), t, null, e);
            }
            case LIT -> new Node(null, e.to, e.value, e);
            case ADD, SUB, MUL, DIV, FLOORDIV, MOD -> arithmetic(e, node(e.a), node(e.b));
            case NEG -> {
                Node x = number(e.kind, node(e.a));
                if (x.isScalar()) {
                    yield x.scalar() instanceof Long l ? scalar(-l, e) : scalar(-(Double) x.scalar(), e);
                }
                yield new Node(new Step.Negate(widen(x, x.type() == ColumnType.INT32 ? ColumnType.INT64 : x.type())),
                        x.type() == ColumnType.INT32 ? ColumnType.INT64 : x.type(), null, e);
            }
            case EQ, NE, LT, LE, GT, GE -> compare(e, node(e.a), node(e.b));
            case AND, OR -> {
                Node x = bool(e.kind, node(e.a));
                Node y = bool(e.kind, node(e.b));
                if (x.isScalar() && y.isScalar()) {
                    boolean p = (Boolean) x.scalar();
                    boolean q = (Boolean) y.scalar();
                    yield scalar(e.kind == Kind.AND ? p && q : p || q, e);
                }
                yield new Node(new Step.Logic(e.kind == Kind.AND ? 0 : 1, column(x, e.a), column(y, e.b)),
                        ColumnType.BOOLEAN, null, e);
            }
            case NOT -> {
                Node x = bool(e.kind, node(e.a));
                yield x.isScalar() ? scalar(!(Boolean) x.scalar(), e)
                        : new Node(new Step.Logic(2, x.step(), null), ColumnType.BOOLEAN, null, e);
            }
            case ISNULL, NOTNULL -> {
                Node x = node(e.a);
                boolean not = e.kind == Kind.NOTNULL;
                if (x.isScalar()) {
                    boolean missing = x.scalar() instanceof Double d && d.isNaN();
                    yield scalar(missing != not, e);
                }
                yield new Node(new Step.IsNull(x.step(), not), ColumnType.BOOLEAN, null, e);
            }
            case ASTYPE -> {
                Node x = node(e.a);
                if (x.type() == e.to) {
                    yield new Node(x.step(), x.type(), x.scalar(), e);
                }
                if (!Step.canCast(x.type(), e.to)) {
                    throw error(e.kind, "no cast from " + describe(x) + " to " + e.to);
                }
                yield new Node(new Step.AsType(column(x, e.a), e.to), e.to, null, e);
            }
            case ROUND -> {
                Node x = number(e.kind, node(e.a));
                ColumnType t = x.type() == ColumnType.INT32 ? ColumnType.INT64 : x.type();
                yield new Node(new Step.Round(widen(x, t), e.decimals), t, null, e);
            }
            case MAP -> {
                Node x = node(e.a);
                if (e.fd != null) {
                    number(e.kind, x);
                    yield new Node(new Step.MapRows(widen(x, ColumnType.FLOAT64), e.fd, null), ColumnType.FLOAT64,
                            null, e);
                }
                if (x.type() != ColumnType.INT64 && x.type() != ColumnType.INT32 && x.type() != ColumnType.BOOLEAN) {
                    throw error(e.kind, "mapLong needs an INT64, INT32 or BOOLEAN operand, got " + describe(x)
                            + "; use map(DoubleUnaryOperator)");
                }
                yield new Node(new Step.MapRows(widen(x, ColumnType.INT64), null, e.fl), ColumnType.INT64, null, e);
            }
        };
    }

    private static Node scalar(Object v, Expr e) {
        ColumnType t = v instanceof Long ? ColumnType.INT64 : v instanceof Double ? ColumnType.FLOAT64 : ColumnType.BOOLEAN;
        return new Node(null, t, v, e);
    }

    private static boolean isInt(ColumnType t) {
        return t == ColumnType.INT64 || t == ColumnType.INT32;
    }

    private Node number(Kind k, Node n) {
        ColumnType t = n.type();
        if (t != ColumnType.INT64 && t != ColumnType.INT32 && t != ColumnType.FLOAT64) {
            String hint = t == ColumnType.BOOLEAN ? "; astype(INT64) turns booleans into 0/1" : "";
            throw error(k, "operand " + describe(n) + " is not a number, expected INT32, INT64 or FLOAT64" + hint);
        }
        return n;
    }

    /**
     * A boolean operand beside a number counts as 0/1 (numpy: {@code True + 1} is 2); two booleans are
     * refused, since numpy's boolean {@code +} and {@code *} are logical and {@code -} is an error.
     */
    private Node[] numbers(Kind k, Node x, Node y) {
        boolean bx = x.type() == ColumnType.BOOLEAN;
        boolean by = y.type() == ColumnType.BOOLEAN;
        if (bx && by) {
            throw error(k, "both operands " + describe(x) + " and " + describe(y) + " are BOOLEAN; use and/or/not,"
                    + " or astype(INT64) for 0/1 arithmetic");
        }
        return new Node[] {bx ? asInt(x) : number(k, x), by ? asInt(y) : number(k, y)};
    }

    /** A boolean as an INT64 0/1 operand. */
    private Node asInt(Node n) {
        if (n.isScalar()) {
            return new Node(null, ColumnType.INT64, (Boolean) n.scalar() ? 1L : 0L, n.expr());
        }
        return new Node(new Step.Widen(n.step(), ColumnType.INT64), ColumnType.INT64, null, n.expr());
    }

    private Node bool(Kind k, Node n) {
        if (n.type() != ColumnType.BOOLEAN) {
            throw error(k, "operand " + describe(n) + " is not BOOLEAN; compare it first (e.g. gt(0))");
        }
        return n;
    }

    /** The operand as a step of type {@code to} (a widening step when it differs; scalars broadcast). */
    private Step widen(Node n, ColumnType to) {
        Step s = column(n, n.expr());
        return s.type == to ? s : new Step.Widen(s, to);
    }

    private static ElementKernels.Op op(Kind k) {
        return switch (k) {
            case ADD -> ElementKernels.Op.ADD;
            case SUB -> ElementKernels.Op.SUB;
            case MUL -> ElementKernels.Op.MUL;
            case DIV -> ElementKernels.Op.DIV;
            case FLOORDIV -> ElementKernels.Op.FLOORDIV;
            default -> ElementKernels.Op.MOD;
        };
    }

    private Node arithmetic(Expr e, Node x0, Node y0) {
        Node[] xy = numbers(e.kind, x0, y0);
        Node x = xy[0];
        Node y = xy[1];
        ElementKernels.Op op = op(e.kind);
        boolean ints = isInt(x.type()) && isInt(y.type());
        if (x.isScalar() && y.isScalar()) {
            return fold(e, op, ints, x, y);
        }
        ColumnType operands = ints ? ColumnType.INT64 : ColumnType.FLOAT64;
        ColumnType result = ints && op != ElementKernels.Op.DIV ? ColumnType.INT64 : ColumnType.FLOAT64;
        Step a = x.isScalar() ? null : widen(x, operands);
        Step b = y.isScalar() ? null : widen(y, operands);
        Number s = (Number) (x.isScalar() ? x.scalar() : y.isScalar() ? y.scalar() : null);
        return new Node(new Step.Arithmetic(result, op, a, b, s, ints), result, null, e);
    }

    private Node fold(Expr e, ElementKernels.Op op, boolean ints, Node x, Node y) {
        if (ints && op != ElementKernels.Op.DIV) {
            long p = ((Number) x.scalar()).longValue();
            long q = ((Number) y.scalar()).longValue();
            if (q == 0 && (op == ElementKernels.Op.FLOORDIV || op == ElementKernels.Op.MOD)) {
                throw error(e.kind, "integer division by zero in " + e);
            }
            return scalar(switch (op) {
                case ADD -> p + q;
                case SUB -> p - q;
                case MUL -> p * q;
                case FLOORDIV -> Math.floorDiv(p, q);
                default -> Math.floorMod(p, q);
            }, e);
        }
        double p = ((Number) x.scalar()).doubleValue();
        double q = ((Number) y.scalar()).doubleValue();
        return scalar(switch (op) {
            case ADD -> p + q;
            case SUB -> p - q;
            case MUL -> p * q;
            case DIV -> p / q;
            case FLOORDIV -> ElementKernels.floordiv(p, q);
            default -> ElementKernels.mod(p, q);
        }, e);
    }

    private static CmpOp cmp(Kind k) {
        return switch (k) {
            case EQ -> CmpOp.EQ;
            case NE -> CmpOp.NE;
            case LT -> CmpOp.LT;
            case LE -> CmpOp.LE;
            case GT -> CmpOp.GT;
            default -> CmpOp.GE;
        };
    }

    private static CmpOp flip(CmpOp op) {
        return switch (op) {
            case LT -> CmpOp.GT;
            case LE -> CmpOp.GE;
            case GT -> CmpOp.LT;
            case GE -> CmpOp.LE;
            default -> op;
        };
    }

    private Node compare(Expr e, Node x, Node y) {
        Kind k = e.kind;
        boolean equality = k == Kind.EQ || k == Kind.NE;
        ColumnType tx = x.type();
        ColumnType ty = y.type();
        if (tx == ColumnType.CATEGORY || ty == ColumnType.CATEGORY) {
            Node col = tx == ColumnType.CATEGORY && !x.isScalar() ? x : y;
            Node str = col == x ? y : x;
            if (!equality || col.isScalar() || !str.isScalar() || str.type() != ColumnType.CATEGORY) {
                throw error(k, "cannot compare " + describe(x) + " with " + describe(y)
                        + "; a CATEGORY column compares with a string literal by eq/ne only");
            }
            int pos = ((Step.ColumnRef) col.step()).position();
            return new Node(new Step.CategoryEquals(col.step(), pos, (String) str.scalar(), k == Kind.NE),
                    ColumnType.BOOLEAN, null, e);
        }
        if (tx == ColumnType.BOOLEAN && ty == ColumnType.BOOLEAN) {
            if (!equality) {
                throw error(k, "cannot compare " + describe(x) + " with " + describe(y)
                        + "; two BOOLEAN operands compare by eq/ne only");
            }
            if (x.isScalar() && y.isScalar()) {
                return scalar(x.scalar().equals(y.scalar()) != (k == Kind.NE), e);
            }
            return new Node(new Step.BooleanEquals(column(x, e.a), column(y, e.b), k == Kind.NE), ColumnType.BOOLEAN,
                    null, e);
        }
        if (tx == ColumnType.TIMESTAMP || ty == ColumnType.TIMESTAMP) {
            if (tx != ty) {
                throw error(k, "cannot compare " + describe(x) + " with " + describe(y)
                        + "; a TIMESTAMP compares with a TIMESTAMP (Expr.lit(Instant))");
            }
            return ordered(e, x, y, true);
        }
        Node[] xy = numbers(k, x, y); // a boolean beside a number compares as 0/1 (numpy: True == 1)
        boolean ints = isInt(xy[0].type()) && isInt(xy[1].type());
        return ordered(e, xy[0], xy[1], ints);
    }

    private Node ordered(Expr e, Node x, Node y, boolean longs) {
        CmpOp op = cmp(e.kind);
        if (x.isScalar() && y.isScalar()) {
            boolean r = longs ? op.test(((Number) x.scalar()).longValue(), ((Number) y.scalar()).longValue())
                    : op.test(((Number) x.scalar()).doubleValue(), ((Number) y.scalar()).doubleValue());
            return scalar(r, e);
        }
        ColumnType operands = longs ? (x.type() == ColumnType.TIMESTAMP ? ColumnType.TIMESTAMP : ColumnType.INT64)
                : ColumnType.FLOAT64;
        if (x.isScalar()) {
            return new Node(new Step.Comparison(flip(op), widen(y, operands), null, (Number) x.scalar(), longs),
                    ColumnType.BOOLEAN, null, e);
        }
        Step a = widen(x, operands);
        Step b = y.isScalar() ? null : widen(y, operands);
        return new Node(new Step.Comparison(op, a, b, y.isScalar() ? (Number) y.scalar() : null, longs),
                ColumnType.BOOLEAN, null, e);
    }
}
