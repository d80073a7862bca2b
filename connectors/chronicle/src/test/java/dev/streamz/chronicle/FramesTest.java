package dev.streamz.chronicle;

import dev.streamz.StreamException;
import dev.streamz.VirtualScheduler;
import dev.streamz.frames.ColumnType;
import dev.streamz.frames.Frame;
import dev.streamz.frames.RowWriter;
import dev.streamz.frames.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

import static dev.streamz.chronicle.RuntimeAndAllocationTest.Tick;
import static dev.streamz.chronicle.RuntimeAndAllocationTest.tickCodec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code ReplaySource.frames}: the replay as off-heap frames of rows, with the frames' hand-over. */
class FramesTest {
    static final Schema TICKS = Schema.of(new Schema.Field("seq", ColumnType.INT64),
            new Schema.Field("price", ColumnType.FLOAT64), new Schema.Field("qty", ColumnType.INT32));
    static final RowWriter<Tick> ROW = (t, row) -> row.addLong(t.seq).addDouble(t.price).addInt(t.qty);

    @TempDir
    Path tmp;

    private Path ticks(int n) {
        return RuntimeAndAllocationTest.writeTicks(tmp.resolve("ticks"), n);
    }

    private static ReplaySource<Tick> replay(Path dir, VirtualScheduler vs) {
        ReplaySource<Tick> r = Chronicle.fromChronicle(dir, tickCodec());
        r.withScheduler(vs);
        return r;
    }

    /** Checks that the frame holds ticks first, first + 1, ... as written; returns its row count. */
    private static int checkRows(Frame f, long first) {
        for (int i = 0; i < f.rowCount(); i++) {
            long seq = f.column("seq").getLong(i);
            assertEquals(first + i, seq, "row " + i + " of " + f);
            assertEquals(seq * 0.5, f.column("price").getDouble(i));
            assertEquals((int) (seq % 100), f.column("qty").getInt(i));
        }
        return f.rowCount();
    }

    @Test
    void everyExcerptIsOneRowInOrderAndFramesAreFullButAtTheEnd() {
        int n = 10_000;
        Path dir = ticks(n);
        VirtualScheduler vs = new VirtualScheduler();
        ReplaySource<Tick> r = replay(dir, vs);
        List<Integer> sizes = new ArrayList<>();
        long[] next = {0};
        Set<Frame> distinct = Collections.newSetFromMap(new IdentityHashMap<>());
        r.frames(TICKS, 1024, ROW).sink(f -> {
            int rows = checkRows(f, next[0]);
            next[0] += rows;
            sizes.add(rows);
            distinct.add(f);
        });
        r.start();
        vs.runUntilIdle();
        assertTrue(vs.errors().isEmpty(), () -> "errors: " + vs.errors());
        assertEquals(n, next[0]);
        // Batches of 4096 reads are four full frames; the end of the journal flushes the last 784 rows.
        assertEquals(List.of(1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 784), sizes);
        assertEquals(1, distinct.size(), "a frame that no one keeps is reused");
    }

    @Test
    void aFrameADownstreamKeepsIsNotOverwrittenAndIsReusedOnceReleased() {
        int n = 5_000;
        Path dir = ticks(n);
        VirtualScheduler vs = new VirtualScheduler();
        ReplaySource<Tick> r = replay(dir, vs);
        List<Frame> kept = new ArrayList<>();
        List<Long> firsts = new ArrayList<>();
        Set<Frame> distinct = Collections.newSetFromMap(new IdentityHashMap<>());
        r.frames(TICKS, 500, ROW).sink(f -> {
            distinct.add(f);
            if (kept.size() < 3) {
                f.retain(); // kept past the emission
                kept.add(f);
                firsts.add(f.column("seq").getLong(0));
            }
        });
        r.start();
        vs.runUntilIdle();
        assertEquals(3, kept.size());
        for (int k = 0; k < 3; k++) {
            assertEquals(500, checkRows(kept.get(k), firsts.get(k)), "a kept frame keeps its own rows");
            assertEquals(k * 500L, firsts.get(k));
        }
        assertEquals(4, distinct.size(), "three kept frames, then one reused for the other seven");
        kept.forEach(Frame::release);
        assertTrue(kept.stream().allMatch(f -> f.holders() == 0), "the replay let go of its frames when it ended");
    }

    @Test
    void aWriterThatThrowsDropsThatRowOnlyAndIsReported() {
        int n = 3_000;
        Path dir = ticks(n);
        VirtualScheduler vs = new VirtualScheduler();
        ReplaySource<Tick> r = replay(dir, vs);
        RowWriter<Tick> failing = (t, row) -> {
            row.addLong(t.seq);
            if (t.seq == 1234) {
                throw new IllegalArgumentException("no tick 1234");
            }
            row.addDouble(t.price).addInt(t.qty);
        };
        List<Long> seqs = new ArrayList<>();
        r.frames(TICKS, 256, failing).sink(f -> {
            for (int i = 0; i < f.rowCount(); i++) {
                seqs.add(f.column("seq").getLong(i));
                assertEquals(f.column("seq").getLong(i) * 0.5, f.column("price").getDouble(i));
            }
        });
        r.start();
        vs.runUntilIdle();
        assertEquals(n - 1, seqs.size());
        assertTrue(!seqs.contains(1234L) && seqs.contains(1233L) && seqs.contains(1235L));
        assertEquals(1, vs.errors().size(), vs.errors().toString());
        Throwable e = vs.errors().getFirst();
        assertTrue(e instanceof StreamException && String.valueOf(e.getMessage()).contains("no tick 1234"),
                String.valueOf(e));
        assertEquals(1, r.failedExcerpts());
    }

    @Test
    void badArgumentsAndNamedReplaysAreRefused() {
        Path dir = ticks(10);
        ReplaySource<Tick> r = Chronicle.fromChronicle(dir, tickCodec());
        assertThrows(IllegalArgumentException.class, () -> r.frames(TICKS, 0, ROW));
        assertThrows(NullPointerException.class, () -> r.frames(null, 10, ROW));
        assertThrows(NullPointerException.class, () -> r.frames(TICKS, 10, null));
        ReplaySource<Tick> named = Chronicle.fromChronicle(dir, tickCodec(), ReplayOptions.defaults().checkpoint("n"));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> named.frames(TICKS, 10, ROW));
        assertTrue(e.getMessage().contains("checkpoint"), e.getMessage());
    }

    /** Replays n ticks into frames of 256 rows on this thread; returns the bytes this thread allocated. */
    private static long replayAllocating(Path dir, long n, long[] sum) {
        VirtualScheduler vs = new VirtualScheduler();
        ReplaySource<Tick> r = Chronicle.fromChronicle(dir, tickCodec(), ReplayOptions.defaults().limit(n));
        r.withScheduler(vs);
        r.frames(TICKS, 256, ROW).sink(f -> {
            for (int i = 0; i < f.rowCount(); i++) {
                sum[0] += f.column("seq").getLong(i);
            }
        });
        return RuntimeAndAllocationTest.replayedAllocating(r, vs, n);
    }

    @Test
    void framesAllocateNothingPerExcerptOrPerFrame() {
        Path dir = ticks(300_000);
        long[] sum = new long[1];
        for (int i = 0; i < 3; i++) {
            replayAllocating(dir, 300_000, sum);
        }
        long small = replayAllocating(dir, 50_000, sum);
        long large = replayAllocating(dir, 300_000, sum);
        double perFrame = (large - small) / (250_000 / 256.0);
        // About 977 more frames and 61 more batches of reads: a counter and its metadata per frame would be
        // over 60 bytes each; what is left is the scheduler's task per batch, spread over 16 frames.
        assertTrue(perFrame < 16, "allocated " + perFrame + " bytes per frame (" + small + " for 50k, "
                + large + " for 300k)");
        assertTrue(sum[0] > 0);
    }
}
