package dev.streamz.dataframe;

import dev.streamz.Stream;
import dev.streamz.StreamException;
import dev.streamz.frames.Frame;
import dev.streamz.frames.FrameBuilder;
import dev.streamz.frames.Schema;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * U11: bad input to the aggregation operations fails clearly, naming the operation, and a failing user
 * aggregation loses nothing already accepted.
 */
class AggregationBadInputTest {
    private static final Schema KX = Schema.builder().int64("k").float64("x").build();

    static Frame kx(long[] k, double[] x) {
        return FrameBuilder.of(KX, Math.max(1, k.length)).column("k", k).column("x", x).build();
    }

    static void emit(Stream<Frame> source, Frame f) {
        try {
            source.emit(f);
        } finally {
            f.release();
        }
    }

    @Test
    void U11_nullAggregationsAndFunctionsAndUnknownColumnsFailWhenBuiltNamingTheOperation() {
        StreamingDataFrame sdf = StreamingDataFrame.from(Stream.create("s"), KX);
        NullPointerException e = assertThrows(NullPointerException.class, () -> sdf.window(3).aggregate(null));
        assertTrue(e.getMessage().contains("window(3).aggregate"), e.getMessage());
        e = assertThrows(NullPointerException.class, () -> sdf.col("x").rolling(2).aggregate(null));
        assertTrue(e.getMessage().contains("x.rolling(2).aggregate"), e.getMessage());
        e = assertThrows(NullPointerException.class, () -> sdf.window(3).apply(null));
        assertTrue(e.getMessage().contains("window(3).apply"), e.getMessage());
        IllegalArgumentException a = assertThrows(IllegalArgumentException.class,
                () -> sdf.groupby("k").aggregate(new TestAggregations.UserSum(), "nope"));
        assertTrue(a.getMessage().contains("groupby('k').aggregate") && a.getMessage().contains("nope"), a.getMessage());
        a = assertThrows(IllegalArgumentException.class, () -> sdf.window(3).col("nope"));
        assertTrue(a.getMessage().contains("window(3)") && a.getMessage().contains("nope"), a.getMessage());
    }

    @Test
    void U11_expandingFullIsRefusedBecauseItWouldKeepEveryRow() {
        StreamingDataFrame sdf = StreamingDataFrame.from(Stream.create("s"), KX);
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> sdf.col("x").expanding().full());
        assertTrue(e.getMessage().contains("x.expanding().full()") && e.getMessage().contains("every row"), e.getMessage());
    }

    @Test
    void U11_rowsViewsRefuseOutOfRangeRowsAndLabelsOfNonCategoryColumns() {
        Stream<Frame> source = Stream.create("s");
        StreamingDataFrame sdf = StreamingDataFrame.from(source, KX);
        List<String> seen = new java.util.ArrayList<>();
        sdf.aggregate(new Aggregation<int[], Integer>() {
            @Override
            public int[] initial(Schema schema) {
                return new int[1];
            }

            @Override
            public int[] onNew(int[] s, Rows rows) {
                seen.add(rows.schema().names() + " " + rows.column("x") + " " + rows.getLong(0, 0));
                seen.add(assertThrows(IndexOutOfBoundsException.class, () -> rows.getDouble(1, rows.size())).getMessage());
                seen.add(assertThrows(IllegalArgumentException.class, () -> rows.getString(1, 0)).getMessage());
                seen.add(assertThrows(IllegalArgumentException.class, () -> rows.column("nope")).getMessage());
                return s;
            }

            @Override
            public int[] onOld(int[] s, Rows rows) {
                return s;
            }

            @Override
            public Integer result(int[] s) {
                return s[0];
            }
        }).sinkToList();
        emit(source, kx(new long[] {7}, new double[] {1}));
        assertEquals("[k, x] 1 7", seen.get(0));
        assertTrue(seen.get(1).contains("row 1 of 1"), seen.get(1));
        assertTrue(seen.get(2).contains("'x'") && seen.get(2).contains("not a category"), seen.get(2));
        assertTrue(seen.get(3).contains("nope"), seen.get(3));
    }

    @Test
    void U11_aFailingAggregationFailsItsBatchAndTheStateAcceptedBeforeStays() {
        Stream<Frame> source = Stream.create("s");
        StreamingDataFrame sdf = StreamingDataFrame.from(source, KX);
        Aggregation<double[], Double> failsOnNegatives = new Aggregation<>() {
            @Override
            public double[] initial(Schema schema) {
                return new double[1];
            }

            @Override
            public double[] onNew(double[] s, Rows rows) {
                for (int i = 0; i < rows.size(); i++) {
                    if (rows.getDouble(0, i) < 0) {
                        throw new IllegalStateException("negative value " + rows.getDouble(0, i));
                    }
                }
                s[0] += rows.sum(0);
                return s;
            }

            @Override
            public double[] onOld(double[] s, Rows rows) {
                s[0] -= rows.sum(0);
                return s;
            }

            @Override
            public Double result(double[] s) {
                return s[0];
            }
        };
        List<Double> out = sdf.col("x").window(2).aggregate(failsOnNegatives).sinkToList();
        emit(source, kx(new long[] {1, 1}, new double[] {1, 2}));
        StreamException e = assertThrows(StreamException.class,
                () -> emit(source, kx(new long[] {1}, new double[] {-5})));
        StringBuilder m = new StringBuilder();
        for (Throwable c = e; c != null; c = c.getCause()) {
            m.append(c.getMessage()).append(" / ");
        }
        assertTrue(m.toString().contains("negative value -5.0"), m.toString());
        emit(source, kx(new long[] {1}, new double[] {10}));
        assertEquals(List.of(3.0, 12.0), out, "the failed batch is not in the window: 2 + 10");
    }
}
