package dev.streamz.dataframe;

import dev.streamz.dataframe.internal.ElementKernels;
import dev.streamz.frames.Column;
import dev.streamz.frames.ColumnType;
import dev.streamz.frames.Frame;
import dev.streamz.frames.FrameBuilder;
import dev.streamz.frames.Schema;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Seeded random expressions over random columns (nulls, NaN, zeros, negatives; 200 rows, so bitmaps span
 * several words) agree row for row with a one-row-at-a-time reference written from the rules in
 * {@link Expr}'s Javadoc: the compiled kernels (column ∘ column, scalar on either side, widening, Kleene
 * logic, the null answers of comparisons) compute what the rules say (S14).
 */
class ExprReferenceTest {
    static final Schema S = Schema.builder().int64("x").float64("f").int32("i").bool("b").build();
    static final int ROWS = 200;

    final Random r = new Random(20261130);

    Frame data() {
        long[] x = new long[ROWS];
        double[] f = new double[ROWS];
        int[] i = new int[ROWS];
        boolean[] b = new boolean[ROWS];
        boolean[] nx = new boolean[ROWS];
        boolean[] nf = new boolean[ROWS];
        boolean[] nb = new boolean[ROWS];
        for (int k = 0; k < ROWS; k++) {
            x[k] = r.nextInt(11) - 5;
            f[k] = r.nextInt(8) == 0 ? Double.NaN : (r.nextInt(21) - 10) / 4.0;
            i[k] = r.nextInt(7) - 3;
            b[k] = r.nextBoolean();
            nx[k] = r.nextInt(9) == 0;
            nf[k] = r.nextInt(9) == 0;
            nb[k] = r.nextInt(7) == 0;
        }
        return FrameBuilder.of(S, ROWS).column("x", x).column("f", f).column("i", i).column("b", b)
                .nulls("x", nx).nulls("f", nf).nulls("b", nb).build();
    }

    Expr number(int depth) {
        if (depth == 0 || r.nextInt(3) == 0) {
            return switch (r.nextInt(5)) {
                case 0 -> Expr.col("x");
                case 1 -> Expr.col("f");
                case 2 -> Expr.col("i");
                case 3 -> Expr.lit((long) r.nextInt(7) - 3);
                default -> Expr.lit((r.nextInt(9) - 4) / 2.0);
            };
        }
        Expr a = number(depth - 1);
        Expr b = r.nextInt(6) == 0 ? Expr.col("b") : number(depth - 1);
        if (r.nextBoolean()) {
            Expr t = a;
            a = b;
            b = t;
        }
        if (a.kind == Expr.Kind.COL && "b".equals(a.column) && b.kind == Expr.Kind.COL && "b".equals(b.column)) {
            b = Expr.col("x");
        }
        return switch (r.nextInt(8)) {
            case 0 -> a.add(b);
            case 1 -> a.sub(b);
            case 2 -> a.mul(b);
            case 3 -> a.div(b);
            case 4 -> a.floordiv(b);
            case 5 -> a.mod(b);
            case 6 -> a.neg();
            default -> a.round(r.nextInt(3) - 1);
        };
    }

    Expr bool(int depth) {
        if (depth == 0 || r.nextInt(4) == 0) {
            if (r.nextInt(4) == 0) {
                return Expr.col("b");
            }
            Expr a = number(1);
            Expr b = number(1);
            return switch (r.nextInt(6)) {
                case 0 -> a.eq(b);
                case 1 -> a.ne(b);
                case 2 -> a.lt(b);
                case 3 -> a.le(b);
                case 4 -> a.gt(b);
                default -> a.ge(b);
            };
        }
        return switch (r.nextInt(5)) {
            case 0 -> bool(depth - 1).and(bool(depth - 1));
            case 1 -> bool(depth - 1).or(r.nextBoolean() ? bool(depth - 1) : Expr.lit(r.nextBoolean()));
            case 2 -> bool(depth - 1).not();
            case 3 -> number(depth - 1).isNull();
            default -> bool(depth - 1).eq(bool(depth - 1));
        };
    }

    // ---- the reference: one row at a time, boxed ----

    static Object cell(Frame f, String name, int row) {
        Column c = f.column(name);
        if (c.isNull(row)) {
            return null;
        }
        return switch (c.type()) {
            case INT64 -> c.getLong(row);
            case INT32 -> (long) c.getInt(row);
            case FLOAT64 -> c.getDouble(row);
            default -> c.getBoolean(row);
        };
    }

    static boolean missing(Object v) {
        return v == null || v instanceof Double d && d.isNaN();
    }

    static Object asNumber(Object v) {
        return v instanceof Boolean b ? (b ? 1L : 0L) : v;
    }

    static Object eval(Expr e, Frame f, int row) {
        switch (e.kind) {
            case COL:
                return cell(f, e.column, row);
            case LIT:
                return e.value;
            case NEG: {
                Object v = eval(e.a, f, row);
                return v == null ? null : v instanceof Long l ? (Object) (-l) : (Object) (-(Double) v);
            }
            case ROUND: {
                Object v = eval(e.a, f, row);
                if (v == null) {
                    return null;
                }
                if (v instanceof Long l) {
                    return e.decimals >= 0 ? l : (long) (Math.rint(l / Math.pow(10, -e.decimals)) * Math.pow(10, -e.decimals));
                }
                double d = (Double) v;
                return e.decimals >= 0 ? Math.rint(d * Math.pow(10, e.decimals)) / Math.pow(10, e.decimals)
                        : Math.rint(d / Math.pow(10, -e.decimals)) * Math.pow(10, -e.decimals);
            }
            case ADD: case SUB: case MUL: case DIV: case FLOORDIV: case MOD: {
                Object a = asNumber(eval(e.a, f, row));
                Object b = asNumber(eval(e.b, f, row));
                if (a == null || b == null) {
                    return null;
                }
                if (a instanceof Long p && b instanceof Long q && e.kind != Expr.Kind.DIV) {
                    return switch (e.kind) {
                        case ADD -> p + q;
                        case SUB -> p - q;
                        case MUL -> p * q;
                        case FLOORDIV -> q == 0 ? null : Math.floorDiv(p, q);
                        default -> q == 0 ? null : Math.floorMod(p, q);
                    };
                }
                double p = ((Number) a).doubleValue();
                double q = ((Number) b).doubleValue();
                return switch (e.kind) {
                    case ADD -> p + q;
                    case SUB -> p - q;
                    case MUL -> p * q;
                    case DIV -> p / q;
                    case FLOORDIV -> ElementKernels.floordiv(p, q);
                    default -> ElementKernels.mod(p, q);
                };
            }
            case EQ: case NE: case LT: case LE: case GT: case GE: {
                Object a = eval(e.a, f, row);
                Object b = eval(e.b, f, row);
                boolean ne = e.kind == Expr.Kind.NE;
                if (missing(a) || missing(b)) {
                    return ne;
                }
                if (a instanceof Boolean x && b instanceof Boolean y) {
                    return x.equals(y) != ne;
                }
                a = asNumber(a);
                b = asNumber(b);
                double p = ((Number) a).doubleValue();
                double q = ((Number) b).doubleValue();
                // IEEE order (-0.0 == 0.0), not Double.compare's; two longs compare exactly
                int c = a instanceof Long lp && b instanceof Long lq ? Long.compare(lp, lq) : p < q ? -1 : p > q ? 1 : 0;
                return switch (e.kind) {
                    case EQ -> c == 0;
                    case NE -> c != 0;
                    case LT -> c < 0;
                    case LE -> c <= 0;
                    case GT -> c > 0;
                    default -> c >= 0;
                };
            }
            case AND: case OR: {
                Boolean a = (Boolean) eval(e.a, f, row);
                Boolean b = (Boolean) eval(e.b, f, row);
                boolean and = e.kind == Expr.Kind.AND;
                if (a != null && a != and || b != null && b != and) {
                    return !and; // false wins an AND, true wins an OR
                }
                return a == null || b == null ? null : and;
            }
            case NOT: {
                Boolean a = (Boolean) eval(e.a, f, row);
                return a == null ? null : !a;
            }
            case ISNULL:
                return missing(eval(e.a, f, row));
            default:
                throw new IllegalArgumentException(e.toString());
        }
    }

    static Object got(Frame out, int row) {
        return cell(out, "r", row);
    }

    static boolean same(Object want, Object got) {
        if (want == null || got == null) {
            return want == got;
        }
        if (want instanceof Double w && got instanceof Double g) {
            return Double.compare(w, g) == 0 || w.equals(g) || (w.isNaN() && g.isNaN()) || w.doubleValue() == g;
        }
        return want.equals(got);
    }

    @Test
    void S14_randomExpressionsAgreeWithARowAtATimeReference() {
        List<String> failures = new ArrayList<>();
        int compiled = 0;
        try (Frame in = data()) {
            for (int n = 0; n < 600; n++) {
                Expr e = n % 2 == 0 ? number(3) : bool(3);
                CompiledExpr c;
                try {
                    c = e.compile(S);
                } catch (IllegalArgumentException refused) { // -b, round(b), literal // 0: refused by design
                    continue;
                }
                compiled++;
                try (Frame out = Frame.allocate(Schema.builder().column("r", c.type()).build(), ROWS)) {
                    c.evaluate(in, out.column(0));
                    out.setRowCount(ROWS);
                    for (int row = 0; row < ROWS; row++) {
                        Object want = eval(e, in, row);
                        if (want instanceof Long l && c.type() == ColumnType.FLOAT64) {
                            want = l.doubleValue();
                        }
                        Object g = got(out, row);
                        if (!same(want, g)) {
                            failures.add(e + " (" + c.type() + ") row " + row + ": want " + want + ", got " + g);
                            break;
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), failures.subList(0, Math.min(10, failures.size())));
        assertTrue(compiled > 500, compiled + " of 600 expressions compiled");
    }
}
