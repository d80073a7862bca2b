package dev.streamz.dataframe;

import dev.streamz.Batch;
import dev.streamz.Stream;
import dev.streamz.StreamException;
import dev.streamz.VirtualScheduler;
import dev.streamz.frames.Frame;
import dev.streamz.frames.FrameBuilder;
import dev.streamz.frames.Schema;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Building a streaming DataFrame from a core Batch, a periodic callback, and random data. */
class ConstructionTest {
    private static final Schema XY = Schema.builder().int64("x").float64("y").build();

    record Point(long x, Double y) {
    }

    static Map<String, Object> rec(Object... kv) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void T10_aBatchOfRecordsOrObjectsBecomesOneFramePerList() {
        // The same lists streamz's Batch.to_dataframe() was fed: x sums 4, 9 and y means 2.5, 1.75 (a None
        // y is missing). streamz fails on the empty list (a frame without columns); here it is an empty batch.
        Stream<List<Map<String, Object>>> source = Stream.create("records");
        Batch<Map<String, Object>> batch = source.toBatch();
        StreamingDataFrame sdf = StreamingDataFrame.fromBatch(batch, XY);
        List<Double> sums = sdf.col("x").sum().stream().sinkToList();
        List<Double> means = sdf.col("y").mean().stream().sinkToList();
        List<Integer> rows = sdf.stream().map(Frame::rowCount).sinkToList();
        source.emit(List.of(rec("x", 1L, "y", 2.5), rec("x", 3L, "y", null)));
        source.emit(List.of());
        source.emit(List.of(rec("y", 1.0, "x", 5L)));
        assertEquals(List.of(4.0, 4.0, 9.0), sums);
        assertEquals(List.of(2.5, 2.5, 1.75), means);
        assertEquals(List.of(2, 0, 1), rows, "one frame per list, the empty one included");

        // A key the schema lacks, or a value of the wrong type: the batch fails naming the column; the
        // state stays as it was.
        StreamException e = assertThrows(StreamException.class, () -> source.emit(List.of(rec("x", 1L, "w", 2.0))));
        assertTrue(BadInputTest.message(e).contains("keys [w] that are not columns"), BadInputTest.message(e));
        e = assertThrows(StreamException.class, () -> source.emit(List.of(rec("x", 1.5))));
        assertTrue(BadInputTest.message(e).contains("column 'x' needs a whole number"), BadInputTest.message(e));
        source.emit(List.of(rec("x", 1L)));
        assertEquals(10.0, sums.get(sums.size() - 1), "the failed batches changed nothing");

        // Objects through a RowWriter; a list longer than any before grows the reused frame.
        Stream<List<Point>> points = Stream.create("points");
        StreamingDataFrame pdf = StreamingDataFrame.fromBatch(points.<Point>toBatch(), XY,
                (p, row) -> {
                    row.addLong(p.x());
                    if (p.y() == null) {
                        row.addNull();
                    } else {
                        row.addDouble(p.y());
                    }
                });
        List<Double> counts = pdf.col("y").count().stream().sinkToList();
        points.emit(List.of(new Point(1, 1.0)));
        List<Point> many = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            many.add(new Point(i, i % 2 == 0 ? null : 1.0));
        }
        points.emit(many);
        assertEquals(List.of(1.0, 51.0), counts);
        assertThrows(NullPointerException.class, () -> StreamingDataFrame.fromBatch(batch, null));
    }

    @Test
    void T11_fromPeriodicCallsBackWithTheTimeRangeSinceItsLastCallOnTheGraphsScheduler() {
        VirtualScheduler vs = new VirtualScheduler(e -> { });
        List<Instant[]> ranges = new ArrayList<>();
        AtomicInteger calls = new AtomicInteger();
        StreamingDataFrame sdf = StreamingDataFrame.fromPeriodic((last, now) -> {
            ranges.add(new Instant[] {last, now});
            if (calls.incrementAndGet() == 3) {
                throw new IllegalStateException("the feed is down");
            }
            long n = Duration.between(last, now).toMillis() / 100; // one row per 100 ms of the range
            FrameBuilder b = FrameBuilder.of(XY, (int) Math.max(1, n));
            for (int i = 0; i < n; i++) {
                b.addLong(1).addDouble(0.5).endRow();
            }
            return b.build();
        }, Duration.ofMillis(500), XY);
        sdf.stream().withScheduler(vs);
        List<Double> rows = sdf.col("x").sum().stream().sinkToList();

        vs.advanceBy(Duration.ofSeconds(1));
        assertEquals(List.of(), rows, "nothing before start");
        sdf.stream().start();
        vs.advanceBy(Duration.ofMillis(499));
        assertEquals(List.of(), rows, "the first call comes one interval after the start");
        vs.advanceBy(Duration.ofMillis(1));
        assertEquals(List.of(5.0), rows);
        vs.advanceBy(Duration.ofMillis(1000)); // the second call, then the third throws
        assertEquals(List.of(5.0, 10.0), rows);
        assertEquals(1, vs.errors().size());
        assertTrue(vs.errors().get(0).getMessage().contains("fromPeriodic: the callback failed"), vs.errors().get(0).getMessage());
        vs.advanceBy(Duration.ofMillis(500)); // the fourth call covers the range the third lost
        assertEquals(List.of(5.0, 10.0, 20.0), rows);

        for (int i = 0; i < ranges.size(); i++) {
            Instant[] r = ranges.get(i);
            assertEquals(i == 3 ? Duration.ofMillis(1000) : Duration.ofMillis(500), Duration.between(r[0], r[1]), "call " + i);
            if (i > 0 && i != 3) {
                assertEquals(ranges.get(i - 1)[1], r[0], "ranges join: call " + i);
            }
        }
        assertEquals(ranges.get(1)[1], ranges.get(3)[0], "after a failure the range starts at the last good call");
        sdf.stream().stop();
        vs.advanceBy(Duration.ofSeconds(5));
        assertEquals(4, calls.get(), "no call after stop");
        assertThrows(IllegalArgumentException.class, () -> StreamingDataFrame.fromPeriodic((a, b) -> null, Duration.ZERO, XY));
    }

    static List<double[]> randomRows(long seed, Duration run) {
        VirtualScheduler vs = new VirtualScheduler();
        StreamingDataFrame sdf = StreamingDataFrame.random(Duration.ofMillis(100), Duration.ofMillis(500), seed);
        sdf.stream().withScheduler(vs);
        List<double[]> rows = new ArrayList<>();
        List<Integer> perBatch = new ArrayList<>();
        long[] previousLast = {Long.MIN_VALUE};
        sdf.stream().sink(f -> {
            perBatch.add(f.rowCount());
            for (int i = 0; i < f.rowCount(); i++) {
                long ts = f.column("index").getTimestamp(i);
                assertTrue(ts > previousLast[0], "timestamps increase across batches");
                previousLast[0] = ts;
                if (i > 0) {
                    assertEquals(100_000_000L, ts - f.column("index").getTimestamp(i - 1), "one row per freq");
                }
                rows.add(new double[] {f.column("x").getDouble(i), f.column("y").getLong(i), f.column("z").getDouble(i)});
            }
        });
        sdf.stream().start();
        vs.advanceBy(run);
        sdf.stream().stop();
        assertEquals(run.toMillis() / 500, perBatch.size());
        assertTrue(perBatch.stream().allMatch(n -> n == 5), perBatch.toString());
        return rows;
    }

    @Test
    void T12_randomGivesStreamzsColumnsOneRowPerFreqAndIsSeedable() {
        StreamingDataFrame r = StreamingDataFrame.random(Duration.ofMillis(100), Duration.ofMillis(500), 7);
        assertEquals(Schema.builder().timestamp("index").float64("x").int64("y").float64("z").build(), r.schema());
        assertEquals("index", r.index().orElseThrow(), "time windows work at once");
        r.col("x").window(Duration.ofSeconds(1)); // does not throw

        List<double[]> a = randomRows(42, Duration.ofSeconds(200));
        List<double[]> b = randomRows(42, Duration.ofSeconds(200));
        assertEquals(2000, a.size());
        double sx = 0;
        double sy = 0;
        double sz = 0;
        double szz = 0;
        for (int i = 0; i < a.size(); i++) {
            double[] row = a.get(i);
            assertTrue(java.util.Arrays.equals(row, b.get(i)), "the same seed gives the same rows");
            assertTrue(row[0] >= 0 && row[0] < 1, "x is uniform in [0, 1)");
            assertTrue(row[1] >= 0 && row[1] == Math.rint(row[1]), "y is a count");
            sx += row[0];
            sy += row[1];
            sz += row[2];
            szz += row[2] * row[2];
        }
        int n = a.size();
        // Loose bounds (the seed is fixed, so these are not flaky): about 10 standard errors.
        assertEquals(0.5, sx / n, 0.07);
        assertEquals(1.0, sy / n, 0.25);
        assertEquals(0.0, sz / n, 0.25);
        assertEquals(1.0, szz / n - (sz / n) * (sz / n), 0.3);
        assertFalse(java.util.Arrays.equals(a.get(0), randomRows(43, Duration.ofSeconds(1)).get(0)));
        assertThrows(IllegalArgumentException.class, () -> StreamingDataFrame.random(Duration.ZERO, Duration.ofSeconds(1)));
    }
}
