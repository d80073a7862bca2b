package dev.streamz.dataframe;

import dev.streamz.Stream;
import dev.streamz.frames.Column;
import dev.streamz.frames.ColumnType;
import dev.streamz.frames.Frame;
import dev.streamz.frames.FrameBuilder;
import dev.streamz.frames.Schema;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The expression language and the element-wise operations on real frames: numpy's types and Python's signs,
 * missing values, pandas' names, category and timestamp comparisons, the filter's and assign's output frames,
 * and bad input failing when the operation is built. Expected values are pandas 1.5.3's for the same data.
 */
class ExprTest {
    static final Schema S = Schema.builder().int64("x").float64("f").int32("i").bool("b").category("name")
            .timestamp("ts").build();

    /** x = [-7, -1, 0, 5, 7], f = [-7.5, -1, 0, 5.5, NaN], i = [1..5], b = [T, F, null, T, F], name = [a, b, null, a, c]. */
    static Frame frame() {
        return FrameBuilder.of(S, 8)
                .column("x", new long[] {-7, -1, 0, 5, 7})
                .column("f", new double[] {-7.5, -1.0, 0.0, 5.5, Double.NaN})
                .column("i", new int[] {1, 2, 3, 4, 5})
                .column("b", new boolean[] {true, false, false, true, false})
                .nulls("b", new boolean[] {false, false, true, false, false})
                .column("name", new String[] {"a", "b", "a", "a", "c"})
                .nulls("name", new boolean[] {false, false, true, false, false})
                .column("ts", new long[] {10, 20, 30, 40, 50})
                .build();
    }

    /** Evaluates an expression over {@link #frame()}: its values, NaN for null rows. */
    static double[] eval(Expr e) {
        CompiledExpr c = e.compile(S);
        try (Frame in = frame(); Frame out = Frame.allocate(Schema.builder().column("r", c.type()).build(), 8)) {
            c.evaluate(in, out.column(0));
            out.setRowCount(in.rowCount());
            return ElementwiseConformanceTest.values(out, "r");
        }
    }

    static boolean[] nulls(Expr e) {
        CompiledExpr c = e.compile(S);
        try (Frame in = frame(); Frame out = Frame.allocate(Schema.builder().column("r", c.type()).build(), 8)) {
            c.evaluate(in, out.column(0));
            out.setRowCount(in.rowCount());
            return out.column(0).toNullArray();
        }
    }

    static final double NaN = Double.NaN;

    @Test
    void S01_typesFollowNumpyAndFloorDivisionFollowsPython() {
        Expr x = Expr.col("x");
        Expr f = Expr.col("f");
        assertEquals(ColumnType.FLOAT64, x.div(2).type(S));
        assertEquals(ColumnType.FLOAT64, x.div(Expr.col("i")).type(S));
        assertEquals(ColumnType.INT64, x.floordiv(3).type(S));
        assertEquals(ColumnType.INT64, x.mod(3).type(S));
        assertEquals(ColumnType.INT64, Expr.col("i").add(Expr.col("i")).type(S)); // int32 widens
        assertEquals(ColumnType.FLOAT64, x.add(f).type(S));
        assertEquals(ColumnType.FLOAT64, x.mul(0.5).type(S));
        assertEquals(ColumnType.BOOLEAN, x.gt(f).type(S));
        // pandas: x // 3, x % 3, x // -3, x % -3
        assertArrayEquals(new double[] {-3, -1, 0, 1, 2}, eval(x.floordiv(3)));
        assertArrayEquals(new double[] {2, 2, 0, 2, 1}, eval(x.mod(3)));
        assertArrayEquals(new double[] {2, 0, 0, -2, -3}, eval(x.floordiv(-3)));
        assertArrayEquals(new double[] {-1, -1, 0, -1, -2}, eval(x.mod(-3)));
        // pandas: f // 2, f % 2, f // -2, f % -2 (numpy's divmod; -0.0 where pandas has it)
        assertArrayEquals(new double[] {-4, -1, 0, 2, NaN}, eval(f.floordiv(2)));
        assertArrayEquals(new double[] {0.5, 1, 0, 1.5, NaN}, eval(f.mod(2)));
        assertArrayEquals(new double[] {3, 0, -0.0, -3, NaN}, eval(f.floordiv(-2)));
        assertArrayEquals(new double[] {-1.5, -1, -0.0, -0.5, NaN}, eval(f.mod(-2)));
        assertArrayEquals(new double[] {-3.5, -0.5, 0, 2.5, 3.5}, eval(x.div(2)));
        // column ∘ column, the scalar on the left, unary minus
        assertArrayEquals(new double[] {-6, 1, 3, 9, 12}, eval(x.add(Expr.col("i"))));
        assertArrayEquals(new double[] {10, 4, 3, -2, -4}, eval(Expr.lit(3).sub(x)));
        assertArrayEquals(new double[] {-2, -10, NaN, 2, 1}, eval(Expr.lit(10).floordiv(x)));
        assertArrayEquals(new double[] {-4, 0, NaN, 0, 3}, eval(Expr.lit(10).mod(x)));
        assertArrayEquals(new double[] {7, 1, 0, -5, -7}, eval(x.neg()));
        assertArrayEquals(new double[] {-14.5, -2, 0, 10.5, NaN}, eval(x.add(f)));
        assertArrayEquals(new double[] {1, 2, 3, 4, 5}, eval(Expr.col("i").astype(ColumnType.FLOAT64)));
        assertEquals(ColumnType.INT64, Expr.lit(2).add(3).type(S)); // literals fold, then broadcast
        assertArrayEquals(new double[] {5, 5, 5, 5, 5}, eval(Expr.lit(2).add(3)));
        // a boolean beside a number is 0/1 (pandas: b + 1 is int64, b * 2.5 float64, b == 1 compares 0/1)
        Expr b = Expr.col("b");
        assertEquals(ColumnType.INT64, b.add(1).type(S));
        assertArrayEquals(new double[] {2, 1, NaN, 2, 1}, eval(b.add(1)));
        assertArrayEquals(new double[] {2.5, 0, NaN, 2.5, 0}, eval(b.mul(2.5)));
        assertArrayEquals(new double[] {-6, -1, NaN, 6, 7}, eval(b.add(x)));
        assertArrayEquals(new double[] {1, 0, 0, 1, 0}, eval(b.eq(1)));
        assertArrayEquals(new double[] {-6, 0, 1, 6, 8}, eval(Expr.lit(true).add(x)));
    }

    @Test
    void S02_missingValues() {
        Expr f = Expr.col("f");
        // comparisons with NaN (or null) are false, != is true, and the result has no nulls
        assertArrayEquals(new double[] {0, 0, 0, 1, 0}, eval(f.gt(1)));
        assertArrayEquals(new double[] {1, 1, 1, 1, 1}, eval(f.ne(1)));
        assertArrayEquals(new double[] {1, 1, 1, 0, 1}, eval(f.gt(1).not()));
        assertArrayEquals(new double[] {0, 0, 0, 0, 1}, eval(f.isNull()));
        assertArrayEquals(new double[] {1, 1, 1, 1, 0}, eval(f.notNull()));
        // a null category row: == is false, != true, isNull true
        assertArrayEquals(new double[] {1, 0, 0, 1, 0}, eval(Expr.col("name").eq("a")));
        assertArrayEquals(new double[] {0, 1, 1, 0, 1}, eval(Expr.col("name").ne("a")));
        assertArrayEquals(new double[] {0, 0, 1, 0, 0}, eval(Expr.col("name").isNull()));
        // arithmetic with a null row is null; int // 0 and % 0 are null (pandas: a float64 batch with inf/NaN)
        assertArrayEquals(new boolean[] {false, false, true, false, false},
                nulls(Expr.col("b").astype(ColumnType.INT64).add(1)));
        assertArrayEquals(new boolean[] {true, true, true, true, true}, nulls(Expr.col("x").floordiv(0)));
        assertArrayEquals(new boolean[] {false, false, true, false, false},
                nulls(Expr.col("i").mod(Expr.col("x"))));
        // float division by zero: ±inf, 0/0 NaN
        assertArrayEquals(new double[] {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, NaN,
                Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY}, eval(Expr.col("x").div(0)));
        // Kleene logic on a BOOLEAN column with a null: false & null = false, true | null = true
        Expr b = Expr.col("b");
        assertArrayEquals(new boolean[] {false, false, false, false, false}, nulls(b.and(Expr.lit(false))));
        assertArrayEquals(new double[] {0, 0, 0, 0, 0}, eval(b.and(Expr.lit(false))));
        assertArrayEquals(new double[] {1, 1, 1, 1, 1}, eval(b.or(Expr.lit(true))));
        assertArrayEquals(new boolean[] {false, false, true, false, false}, nulls(b.and(Expr.lit(true))));
        assertArrayEquals(new boolean[] {false, false, true, false, false}, nulls(b.not()));
    }

    @Test
    void S03_namesFollowPandas() {
        Expr x = Expr.col("x");
        assertEquals("x", x.add(1).name());
        assertEquals("x", Expr.lit(3).sub(x).name());
        assertEquals("x", x.add(x).name());
        assertNull(x.add(Expr.col("f")).name());
        assertEquals("x", x.gt(1).name());
        assertEquals("x", x.neg().name());
        assertEquals("x", x.isNull().name());
        assertEquals("x", x.astype(ColumnType.FLOAT64).round(1).name());
        assertEquals("(x + f)", x.add(Expr.col("f")).toString());
        Stream<Frame> source = Stream.create("names");
        StreamingDataFrame sdf = StreamingDataFrame.from(source, S);
        assertEquals("x", sdf.col("x").mul(2).name());
        assertEquals("(x + f)", sdf.col("x").add(sdf.col("f")).name());
        assertEquals("x", sdf.col("x").gt(sdf.col("x")).name());
    }

    static String message(Runnable r) {
        return assertThrows(IllegalArgumentException.class, r::run).getMessage();
    }

    @Test
    void S04_badExpressionsFailWhenTheOperationIsBuilt() {
        Stream<Frame> source = Stream.create("bad");
        StreamingDataFrame sdf = StreamingDataFrame.from(source, S);
        List<Object> out = new ArrayList<>();
        sdf.stream().sink(out::add);
        String m = message(() -> sdf.filter(Expr.col("nope").gt(0)));
        assertTrue(m.startsWith("filter((nope > 0)): no column 'nope'") && m.contains("[x, f, i, b, name, ts]"), m);
        m = message(() -> sdf.filter(Expr.col("x").add(1)));
        assertTrue(m.startsWith("filter((x + 1)): the mask is INT64, expected BOOLEAN"), m);
        m = message(() -> sdf.assign("z", Expr.col("b").add(Expr.col("b"))));
        assertTrue(m.startsWith("assign(z=(b + b)): add: both operands 'b' (BOOLEAN) and 'b' (BOOLEAN) are BOOLEAN"), m);
        assertTrue(m.contains("astype(INT64)"), m);
        m = message(() -> sdf.assign("z", Expr.col("b").neg()));
        assertTrue(m.startsWith("assign(z=-b): neg: operand 'b' (BOOLEAN) is not a number"), m);
        m = message(() -> sdf.filter(Expr.col("b").lt(Expr.col("b"))));
        assertTrue(m.contains("lt: cannot compare 'b' (BOOLEAN) with 'b' (BOOLEAN); two BOOLEAN operands compare by eq/ne only"), m);
        m = message(() -> sdf.filter(Expr.col("name").lt("a".length())));
        assertTrue(m.contains("lt: cannot compare 'name' (CATEGORY) with '1' (INT64)") && m.contains("eq/ne"), m);
        m = message(() -> sdf.filter(Expr.col("ts").gt(5)));
        assertTrue(m.contains("gt: cannot compare 'ts' (TIMESTAMP) with '5' (INT64)"), m);
        m = message(() -> sdf.filter(Expr.col("x").gt(0).and(Expr.col("x"))));
        assertTrue(m.contains("and: operand 'x' (INT64) is not BOOLEAN"), m);
        m = message(() -> sdf.assign("z", Expr.col("name").astype(ColumnType.FLOAT64)));
        assertTrue(m.contains("astype: no cast from 'name' (CATEGORY) to FLOAT64"), m);
        m = message(() -> sdf.col("x").add(sdf.col("name")));
        assertTrue(m.startsWith("x.add: add: operand 'name' (CATEGORY) is not a number"), m);
        m = message(() -> sdf.col("f").mapLong(v -> v));
        assertTrue(m.contains("mapLong needs an INT64"), m);
        m = message(() -> sdf.eval(Expr.lit("a")));
        assertTrue(m.contains("string literal"), m);
        // a series of another DataFrame does not combine
        StreamingDataFrame other = StreamingDataFrame.from(Stream.create("other"), S);
        m = message(() -> sdf.col("x").add(other.col("x")));
        assertTrue(m.contains("series 'x' belongs to another DataFrame"), m);
        m = message(() -> sdf.filter(other.col("x").gt(0)));
        assertTrue(m.startsWith("filter: series 'x' belongs to another DataFrame"), m);
        // the compiled expression checks the frames it is given
        CompiledExpr c = Expr.col("x").gt(0).compile(S);
        Schema wrong = Schema.builder().int64("x").build();
        try (Frame f = FrameBuilder.of(wrong, 4).column("x", new long[] {1}).build();
             Frame ok = frame();
             Frame res = Frame.allocate(Schema.builder().float64("r").build(), 8)) {
            m = message(() -> c.evaluate(f, res.column(0)));
            assertTrue(m.contains("frame '") && m.contains("compiled for"), m);
            m = message(() -> c.evaluate(ok, res.column(0)));
            assertTrue(m.contains("the result is BOOLEAN, column 'r' is FLOAT64"), m);
        }
        assertThrows(NullPointerException.class, () -> sdf.filter((Expr) null));
        assertThrows(NullPointerException.class, () -> Expr.col(null));
        // nothing was built into the graph: the source still emits to its one sink
        try (Frame f = frame()) {
            source.emit(f);
        }
        assertEquals(1, out.size());
    }

    @Test
    void S05_categoryAndTimestampComparisons() {
        assertArrayEquals(new double[] {0, 0, 0, 0, 0}, eval(Expr.col("name").eq("zzz"))); // not in the dictionary
        assertArrayEquals(new double[] {1, 1, 1, 1, 1}, eval(Expr.col("name").ne("zzz")));
        assertArrayEquals(new double[] {1, 0, 0, 1, 0}, eval(Expr.lit("a").eq(Expr.col("name"))));
        Instant t = Instant.ofEpochSecond(0, 30);
        assertArrayEquals(new double[] {0, 0, 0, 1, 1}, eval(Expr.col("ts").gt(Expr.lit(t))));
        assertArrayEquals(new double[] {1, 1, 1, 0, 0}, eval(Expr.lit(t).ge(Expr.col("ts"))));
        assertArrayEquals(new double[] {1, 1, 1, 1, 1}, eval(Expr.col("ts").eq(Expr.col("ts"))));
        assertArrayEquals(new double[] {0, 1, 0, 0, 1}, eval(Expr.col("b").eq(Expr.lit(false)))); // null: false
    }

    @Test
    void S06_filterAndAssignFramesOnePerBatch() {
        Stream<Frame> source = Stream.create("fa");
        StreamingDataFrame sdf = StreamingDataFrame.from(source, S);
        StreamingDataFrame kept = sdf.filter(sdf.col("x").ge(0).and(sdf.col("name").ne("c")));
        List<List<List<Object>>> rows = new ArrayList<>();
        kept.stream().sink(f -> rows.add(f.rows()));
        StreamingDataFrame assigned = sdf.assign("x", Expr.col("x").mul(Expr.col("f"))).assign("y", Expr.lit(1));
        assertEquals(List.of("x", "f", "i", "b", "name", "ts", "y"), assigned.columns());
        assertEquals(ColumnType.FLOAT64, assigned.schema().field(0).type()); // replaced in place, new type
        List<List<Object>> firstRows = new ArrayList<>();
        assigned.stream().sink(f -> firstRows.add(f.rowCount() == 0 ? List.of() : List.of(f.row(0).get("x"),
                f.row(0).get("name"), f.row(0).get("y"))));
        try (Frame f = frame(); Frame empty = FrameBuilder.of(S, 1).build()) {
            source.emit(f);
            source.emit(empty);
            source.emit(f);
        }
        assertEquals(3, rows.size());
        List<List<Object>> want = List.of(
                Arrays.asList(0L, 0.0, 3, null, null, Instant.ofEpochSecond(0, 30)),
                Arrays.asList(5L, 5.5, 4, true, "a", Instant.ofEpochSecond(0, 40)));
        assertEquals(want, rows.get(0));
        assertEquals(List.of(), rows.get(1));
        assertEquals(want, rows.get(2));
        assertEquals(List.of(List.of(52.5, "a", 1L)), firstRows.subList(0, 1));
        assertEquals(3, firstRows.size());
    }

    @Test
    void S06_filterGathersEveryTypeAcrossWordBoundaries() {
        int n = 1000;
        Random r = new Random(7);
        long[] x = new long[n];
        double[] f = new double[n];
        int[] i32 = new int[n];
        boolean[] b = new boolean[n];
        String[] name = new String[n];
        long[] ts = new long[n];
        boolean[] nul = new boolean[n];
        for (int k = 0; k < n; k++) {
            x[k] = r.nextInt(100);
            f[k] = r.nextDouble();
            i32[k] = k;
            b[k] = r.nextBoolean();
            name[k] = "n" + r.nextInt(5);
            ts[k] = k * 1000L;
            nul[k] = r.nextInt(10) == 0;
        }
        Stream<Frame> source = Stream.create("gather");
        StreamingDataFrame sdf = StreamingDataFrame.from(source, S);
        List<List<List<Object>>> got = new ArrayList<>();
        sdf.filter(Expr.col("x").lt(37)).stream().sink(fr -> got.add(fr.rows()));
        try (Frame in = FrameBuilder.of(S, n).column("x", x).column("f", f).column("i", i32).column("b", b)
                .nulls("b", nul).column("name", name).column("ts", ts).nulls("f", nul).build()) {
            source.emit(in);
            List<List<Object>> want = new ArrayList<>();
            for (int k = 0; k < n; k++) {
                if (x[k] < 37) {
                    want.add(in.row(k).values());
                }
            }
            assertFalse(want.isEmpty());
            assertEquals(want, got.get(0));
        }
    }

    @Test
    void S06_lentOutputFramesAreReusedUnlessRetained() {
        Stream<Frame> source = Stream.create("lend");
        StreamingDataFrame sdf = StreamingDataFrame.from(source, S);
        List<Frame> seen = new ArrayList<>();
        sdf.filter(Expr.col("x").gt(0)).stream().sink(seen::add);
        List<Frame> kept = new ArrayList<>();
        sdf.assign("z", Expr.col("x").add(1)).stream().sink(fr -> {
            fr.retain();
            kept.add(fr);
        });
        try (Frame f = frame()) {
            source.emit(f);
            source.emit(f);
        }
        assertSame(seen.get(0), seen.get(1)); // no one kept it: the same frame, reused
        assertFalse(kept.get(0) == kept.get(1)); // a kept frame is never overwritten
        Column z = kept.get(0).column("z");
        assertEquals(-6L, z.getLong(0));
        kept.forEach(Frame::release);
    }
}
