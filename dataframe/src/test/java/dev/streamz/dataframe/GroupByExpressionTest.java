package dev.streamz.dataframe;

import dev.streamz.Stream;
import dev.streamz.frames.Frame;
import dev.streamz.frames.FrameBuilder;
import dev.streamz.frames.Schema;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * U12: group-by on an expression: the key is computed per batch by the compiled expression, the index is
 * named after it, the original columns stay aggregable (the key does not replace them), and it works within
 * windows, for several columns and with user aggregations; bad keys fail when built, naming the group-by.
 */
class GroupByExpressionTest {
    private static final Schema XY = Schema.builder().int64("x").int64("y").float64("v").build();

    static void emit(Stream<Frame> source, long[] x, long[] y, double[] v) {
        try (Frame f = FrameBuilder.of(XY, Math.max(1, x.length)).column("x", x).column("y", y).column("v", v).build()) {
            source.emit(f);
        }
    }

    @Test
    void U12_anExpressionKeyGroupsLikeAColumnAndTheIndexIsNamedAfterIt() {
        Stream<Frame> source = Stream.create("expr-key");
        StreamingDataFrame sdf = StreamingDataFrame.from(source, XY);
        UpdatingSeries xs = sdf.groupby(Expr.col("x").mod(3)).sum("x");
        List<Map<Object, Double>> sums = xs.toMaps().sinkToList();
        List<Map<Object, Double>> windowed = sdf.window(2).groupby(sdf.col("x").gt(2)).max("v").toMaps().sinkToList();
        List<Map<String, Map<Object, Double>>> frame = sdf.groupby(Expr.col("x").mod(2)).cols("y", "v").sum().toMaps()
                .sinkToList();
        List<Map<Object, Double>> custom = sdf.groupby(Expr.col("x").mod(2))
                .aggregate(new TestAggregations.UserSum(), "y").sinkToList();
        emit(source, new long[] {1, 2, 3}, new long[] {10, 20, 30}, new double[] {0.5, 1.5, 2.5});
        emit(source, new long[] {4, 6}, new long[] {40, 60}, new double[] {9, 1});

        assertEquals("x", sdf.groupby(Expr.col("x").mod(3)).sum("y").index(), "the index is named after the expression");
        assertEquals("index", xs.index(), "unless the values have that name");
        assertEquals(List.of(Map.of(0L, 3.0, 1L, 1.0, 2L, 2.0), Map.of(0L, 9.0, 1L, 5.0, 2L, 2.0)), sums,
                "x itself is summed, not the key");
        assertEquals(List.of(Map.of(false, 1.5, true, 2.5), Map.of(true, 9.0)), windowed, "window(2): rows 4 and 6");
        assertEquals(Map.of("y", Map.of(0L, 20.0, 1L, 40.0), "v", Map.of(0L, 1.5, 1L, 3.0)), frame.get(0));
        assertEquals(List.of(Map.of(0L, 20.0, 1L, 40.0), Map.of(0L, 120.0, 1L, 40.0)), custom);
    }

    @Test
    void U12_aFloatKeyAnUnknownColumnOrAnotherDataFramesSeriesFailsWhenBuilt() {
        StreamingDataFrame sdf = StreamingDataFrame.from(Stream.create("a"), XY);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> sdf.groupby(Expr.col("x").div(2)));
        assertTrue(e.getMessage().startsWith("groupby((x / 2))") && e.getMessage().contains("FLOAT64"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> sdf.groupby(Expr.col("nope").mod(2)));
        assertTrue(e.getMessage().startsWith("groupby(") && e.getMessage().contains("nope"), e.getMessage());
        StreamingDataFrame other = StreamingDataFrame.from(Stream.create("b"), XY);
        e = assertThrows(IllegalArgumentException.class, () -> sdf.window(3).groupby(other.col("x")));
        assertTrue(e.getMessage().contains("window(3).groupby") && e.getMessage().contains("another DataFrame"),
                e.getMessage());
        assertThrows(NullPointerException.class, () -> sdf.groupby((Expr) null));
    }
}
