package dev.streamz.dataframe;

import dev.streamz.Stream;
import dev.streamz.StreamException;
import dev.streamz.frames.Frame;
import dev.streamz.frames.FrameBuilder;
import dev.streamz.frames.Schema;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad input to the streaming DataFrame: each error names the operation, and nothing accepted before it is
 * lost.
 */
class BadInputTest {
    private static final Schema XY = Schema.builder().int64("x").float64("y").build();

    static Frame xy(long[] x, double[] y) {
        return FrameBuilder.of(XY, Math.max(1, x.length)).column("x", x).column("y", y).build();
    }

    static void emit(Stream<Frame> source, Frame f) {
        try {
            source.emit(f);
        } finally {
            f.release();
        }
    }

    static String message(Throwable t) {
        StringBuilder b = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            b.append(c.getMessage()).append(" / ");
        }
        return b.toString();
    }

    @Test
    void G09_aBatchWithAnotherSchemaFailsNamingToDataFrameAndTheAcceptedStateStays() {
        Stream<Frame> source = Stream.create("trades");
        StreamingDataFrame sdf = StreamingDataFrame.from(source, XY);
        List<Double> sums = sdf.col("y").sum().stream().sinkToList();
        List<Double> windowed = sdf.col("y").window(2).sum().stream().sinkToList();
        emit(source, xy(new long[] {1, 2}, new double[] {1.5, 2.5}));

        Schema other = Schema.builder().int64("x").build();
        Frame bad = FrameBuilder.of(other, 1).column("x", new long[] {9}).build();
        StreamException e = assertThrows(StreamException.class, () -> emit(source, bad));
        String m = message(e);
        assertTrue(m.contains("toDataFrame") && m.contains(other.toString()) && m.contains(XY.toString()), m);

        emit(source, xy(new long[] {3}, new double[] {4.0}));
        assertEquals(List.of(4.0, 8.0), sums, "the bad batch emitted nothing and lost nothing");
        assertEquals(List.of(4.0, 6.5), windowed);
    }

    @Test
    void L53_anUnknownColumnFailsWhenTheOperationIsBuiltNamingIt() {
        StreamingDataFrame sdf = StreamingDataFrame.from(Stream.create(), XY);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> sdf.col("z"));
        assertEquals("col: no column 'z' (columns: [x, y])", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> sdf.groupby("k"));
        assertTrue(e.getMessage().startsWith("groupby: no column 'k'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> sdf.groupby("x").sum("w"));
        assertTrue(e.getMessage().startsWith("groupby('x').sum('w'): no column 'w'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> sdf.setIndex("t"));
        assertTrue(e.getMessage().startsWith("setIndex: no column 't'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> sdf.groupby("y"));
        assertTrue(e.getMessage().contains("key column 'y' is FLOAT64"), e.getMessage());
    }

    @Test
    void L54_aTimeWindowNeedsATimestampIndex() {
        StreamingDataFrame sdf = StreamingDataFrame.from(Stream.create(), XY);
        Duration d = Duration.ofHours(2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> sdf.col("y").window(d));
        assertEquals("y.window(PT2H): a time window needs a TIMESTAMP index; call setIndex(column) first", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> sdf.setIndex("x").col("y").rolling(d));
        assertEquals("y.rolling(PT2H): a time window needs a TIMESTAMP index, but index 'x' is INT64", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> sdf.setIndex("x").window(d));
        assertTrue(e.getMessage().startsWith("window(PT2H): a time window needs a TIMESTAMP index"), e.getMessage());
    }

    @Test
    void L55_zeroAndNegativeWindowsFailNamingTheOperation() {
        StreamingDataFrame sdf = StreamingDataFrame.from(Stream.create(), XY);
        StreamingSeries y = sdf.col("y");
        assertEquals("y.window(0): the window must hold at least 1 row, got 0",
                assertThrows(IllegalArgumentException.class, () -> y.window(0)).getMessage());
        assertEquals("y.rolling(-3): the window must hold at least 1 row, got -3",
                assertThrows(IllegalArgumentException.class, () -> y.rolling(-3)).getMessage());
        assertEquals("window(-1): the window must hold at least 1 row, got -1",
                assertThrows(IllegalArgumentException.class, () -> sdf.window(-1)).getMessage());
        assertEquals("y.window(PT0S): the window must be longer than zero, got PT0S",
                assertThrows(IllegalArgumentException.class, () -> y.window(Duration.ZERO)).getMessage());
        assertEquals("y.rolling(PT-1S): the window must be longer than zero, got PT-1S",
                assertThrows(IllegalArgumentException.class, () -> y.rolling(Duration.ofSeconds(-1))).getMessage());
        assertThrows(IllegalArgumentException.class, () -> y.rolling(2).quantile(1.5));
        assertThrows(NullPointerException.class, () -> StreamingDataFrame.from(null, XY));
        assertThrows(NullPointerException.class, () -> StreamingDataFrame.from(Stream.create(), null));
    }

    @Test
    void L56_anEmittedFrameIsLentAndARetainedOneIsNeverOverwritten() {
        Stream<Frame> source = Stream.create();
        StreamingSeries cum = StreamingDataFrame.from(source, XY).col("x").cumsum();
        Frame[] seen = new Frame[8];
        int[] i = {0};
        cum.frame().stream().sink(f -> {
            if (i[0] == 0) {
                f.retain(); // keep the first one
            }
            seen[i[0]++] = f;
        });
        emit(source, xy(new long[] {1, 2}, new double[] {0, 0}));
        emit(source, xy(new long[] {3}, new double[] {0}));
        assertNotSame(seen[0], seen[1], "a retained output frame is not reused");
        assertEquals(3L, seen[0].column("x").getLong(1), "the kept frame still holds its rows");
        assertEquals(6L, seen[1].column("x").getLong(0));
        seen[0].release();

        emit(source, xy(new long[] {4}, new double[] {0}));
        assertSame(seen[1], seen[2], "an output frame nobody kept is reused");
        assertEquals(10L, seen[2].column("x").getLong(0));
    }
}
