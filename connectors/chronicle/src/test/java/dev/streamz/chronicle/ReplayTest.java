package dev.streamz.chronicle;

import dev.streamz.Stream;
import dev.streamz.StreamException;
import dev.streamz.VirtualScheduler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static dev.streamz.chronicle.TestJournals.T0;
import static dev.streamz.chronicle.TestJournals.expected;
import static dev.streamz.chronicle.TestJournals.replay;
import static dev.streamz.chronicle.TestJournals.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Replay from every starting point, in append order, across cycle files; inspect. */
class ReplayTest {
    private static final long SECOND = 1_000_000_000L;

    @TempDir
    Path tmp;

    @Test
    void replaysEveryExcerptInAppendOrder() {
        Path dir = tmp.resolve("j");
        write(dir, 5000, 1000, RollCycle.DAILY);
        assertEquals(expected(0, 5000), replay(dir, ReplayOptions.defaults()));
    }

    @Test
    void rollCycleMakesSeveralFilesAndReplayCrossesThem() {
        Path dir = tmp.resolve("j");
        // One excerpt a minute with five-minute cycles: 30 excerpts over 6 cycle files.
        write(dir, 30, 60 * SECOND, RollCycle.FIVE_MINUTELY);
        JournalInfo info = Chronicle.inspect(dir);
        assertEquals(6, info.cycleFiles().size(), info.cycleFiles().toString());
        assertEquals(30, info.count());
        assertEquals(expected(0, 30), replay(dir, ReplayOptions.defaults()));
    }

    @Test
    void inspectReportsCountTimesAndSizes() {
        Path dir = tmp.resolve("j");
        List<Long> indices = write(dir, 100, SECOND, RollCycle.HOURLY);
        JournalInfo info = Chronicle.inspect(dir);
        assertEquals(100, info.count());
        assertEquals(indices.get(0), info.firstIndex());
        assertEquals(indices.get(99), info.lastIndex());
        assertEquals(Instant.parse("2026-01-01T00:00:00Z"), info.firstTime());
        assertEquals(Instant.parse("2026-01-01T00:01:39Z"), info.lastTime());
        long payload = 0;
        for (String s : expected(0, 100)) {
            payload += s.length();
        }
        assertEquals(payload, info.payloadBytes());
        assertTrue(info.fileBytes() >= payload, "file bytes " + info.fileBytes());
    }

    @Test
    void everyDownstreamGetsEveryExcerptInOrder() {
        // One downstream is called directly, several in a loop: both ways deliver everything, in order.
        Path dir = tmp.resolve("j");
        write(dir, 5000, 1000, RollCycle.DAILY);
        VirtualScheduler vs = new VirtualScheduler();
        ReplaySource<String> r = Chronicle.fromChronicle(dir, ExcerptCodec.utf8());
        r.withScheduler(vs);
        List<String> first = new ArrayList<>();
        List<String> second = new ArrayList<>();
        r.map(x -> x).sink(first::add);
        r.sink(second::add);
        r.start();
        vs.runUntilIdle();
        assertEquals(List.of(), vs.errors());
        assertEquals(expected(0, 5000), first);
        assertEquals(expected(0, 5000), second);
        assertEquals(5000, r.replayed());
    }

    @Test
    void limitsOnEitherSideOfABatchOfExcerpts() {
        // The replay reads 4096 excerpts per scheduler task: limits at, around and past those boundaries.
        Path dir = tmp.resolve("j");
        write(dir, 10_000, 1000, RollCycle.DAILY);
        for (int limit : new int[] {4095, 4096, 4097, 8192, 9999, 10_000, 20_000}) {
            assertEquals(expected(0, Math.min(limit, 10_000)), replay(dir, ReplayOptions.defaults().limit(limit)),
                    "limit " + limit);
        }
    }

    @Test
    void fromIndexIsInclusive() {
        Path dir = tmp.resolve("j");
        List<Long> indices = write(dir, 50, SECOND, RollCycle.DAILY);
        assertEquals(expected(17, 50), replay(dir, ReplayOptions.defaults().from(From.index(indices.get(17)))));
    }

    @Test
    void fromIndexPastTheEndReplaysNothing() {
        Path dir = tmp.resolve("j");
        List<Long> indices = write(dir, 10, SECOND, RollCycle.DAILY);
        assertEquals(List.of(), replay(dir, ReplayOptions.defaults().from(From.index(indices.get(9) + 5))));
    }

    @Test
    void fromTimeSeeksByAppendTimeAcrossCycles() {
        Path dir = tmp.resolve("j");
        // One excerpt every 7 s for 1000 excerpts (~117 min) in five-minute cycles: 24 files.
        write(dir, 1000, 7 * SECOND, RollCycle.FIVE_MINUTELY);
        for (int k : new int[] {0, 1, 42, 43, 500, 998, 999}) {
            Instant exact = Instant.ofEpochSecond(0, T0 + k * 7 * SECOND);
            assertEquals(expected(k, 1000), replay(dir, ReplayOptions.defaults().from(From.time(exact))), "at " + k);
            // A time between two excerpts starts at the later one.
            Instant between = exact.minusSeconds(3);
            assertEquals(expected(k, 1000), replay(dir, ReplayOptions.defaults().from(From.time(between))),
                    "before " + k);
        }
        assertEquals(expected(0, 1000), replay(dir, ReplayOptions.defaults().from(From.time(Instant.EPOCH))));
        assertEquals(List.of(), replay(dir, ReplayOptions.defaults().from(From.time(Instant.parse("2030-01-01T00:00:00Z")))));
    }

    @Test
    void fromEndReplaysNothingWithoutTailing() {
        Path dir = tmp.resolve("j");
        write(dir, 10, SECOND, RollCycle.DAILY);
        assertEquals(List.of(), replay(dir, ReplayOptions.defaults().from(From.end())));
    }

    @Test
    void limitStopsAfterThatManyExcerpts() {
        Path dir = tmp.resolve("j");
        write(dir, 100, SECOND, RollCycle.DAILY);
        assertEquals(expected(0, 7), replay(dir, ReplayOptions.defaults().limit(7)));
        assertEquals(List.of(), replay(dir, ReplayOptions.defaults().limit(0)));
    }

    @Test
    void tailingFromTheEndSeesOnlyNewExcerptsUntilStopped() {
        Path dir = tmp.resolve("j");
        write(dir, 10, SECOND, RollCycle.DAILY);
        VirtualScheduler vs = new VirtualScheduler();
        ReplaySource<String> r = Chronicle.fromChronicle(dir, ExcerptCodec.utf8(),
                ReplayOptions.defaults().from(From.end()).tail(true).pollInterval(Duration.ofMillis(10)));
        r.withScheduler(vs);
        List<String> got = new ArrayList<>();
        r.sink(got::add);
        r.start();
        vs.advanceBy(Duration.ofMillis(50));
        assertEquals(List.of(), got);
        assertFalse(r.isStopped(), "a tailing replay keeps running at the end");

        Stream<String> live = Stream.create();
        try (JournalSink<String> sink = Chronicle.sinkToChronicle(live, dir, ExcerptCodec.utf8())) {
            live.emit("live-1");
            live.emit("live-2");
            vs.advanceBy(Duration.ofMillis(20));
            assertEquals(List.of("live-1", "live-2"), got);
            live.emit("live-3");
            vs.advanceBy(Duration.ofMillis(20));
            assertEquals(3, sink.appended());
        }
        assertEquals(List.of("live-1", "live-2", "live-3"), got);
        r.stop();
        vs.runUntilIdle();
        assertTrue(r.isStopped());
        assertTrue(r.completion().isDone() && !r.completion().isCompletedExceptionally());
    }

    @Test
    void bytesCodecRoundTrips() {
        Path dir = tmp.resolve("j");
        Stream<byte[]> s = Stream.create();
        try (JournalSink<byte[]> j = Chronicle.sinkToChronicle(s, dir, ExcerptCodec.bytes())) {
            for (int i = 0; i < 300; i++) {
                byte[] b = new byte[i];
                for (int k = 0; k < i; k++) {
                    b[k] = (byte) (i + k);
                }
                s.emit(b);
            }
            assertEquals(300, j.appended());
        }
        VirtualScheduler vs = new VirtualScheduler();
        ReplaySource<byte[]> r = Chronicle.fromChronicle(dir, ExcerptCodec.bytes());
        r.withScheduler(vs);
        List<byte[]> got = new ArrayList<>();
        r.sink(got::add);
        r.start();
        vs.runUntilIdle();
        assertEquals(300, got.size());
        for (int i = 0; i < 300; i++) {
            assertEquals(i, got.get(i).length);
            for (int k = 0; k < i; k++) {
                assertEquals((byte) (i + k), got.get(i)[k]);
            }
        }
    }

    @Test
    void utf8CodecKeepsNonAsciiText() {
        Path dir = tmp.resolve("j");
        List<String> texts = List.of("", "plain", "grüße", "日本語", "emoji \uD83D\uDE80", "a\nb");
        Stream<String> s = Stream.create();
        try (JournalSink<String> j = Chronicle.sinkToChronicle(s, dir, ExcerptCodec.utf8())) {
            texts.forEach(s::emit);
            assertEquals(texts.size(), j.appended());
        }
        assertEquals(texts, replay(dir, ReplayOptions.defaults()));
    }

    @Test
    void sinkDurabilityChoicesAllWriteTheJournal() {
        for (Durability d : Durability.values()) {
            Path dir = tmp.resolve("j-" + d);
            Stream<String> s = Stream.create();
            JournalSink<String> j = Chronicle.sinkToChronicle(s, dir, ExcerptCodec.utf8(),
                    JournalOptions.defaults().durability(d));
            for (int i = 0; i < 20; i++) {
                s.emit("element-" + i);
            }
            j.destroy();
            j.destroy(); // idempotent
            assertEquals(expected(0, 20), replay(dir, ReplayOptions.defaults()), d.toString());
        }
    }

    @Test
    void destroyedSinkIsDetachedAndClosed() {
        Path dir = tmp.resolve("j");
        Stream<String> s = Stream.create();
        JournalSink<String> j = Chronicle.sinkToChronicle(s, dir, ExcerptCodec.utf8());
        s.emit("a");
        j.destroy();
        s.emit("b"); // no longer reaches the sink
        assertTrue(s.downstreams().isEmpty());
        assertEquals(List.of("a"), replay(dir, ReplayOptions.defaults()));
        StreamException e = org.junit.jupiter.api.Assertions.assertThrows(StreamException.class,
                () -> j.update("c", List.of(), s));
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
    }

    @Test
    void encodeFailureAppendsNothingAndNamesTheSink() {
        Path dir = tmp.resolve("j");
        Stream<String> s = Stream.create();
        ExcerptCodec<String> picky = new ExcerptCodec<>() {
            @Override
            public void encode(String v, ExcerptOut out) {
                if (v.equals("bad")) {
                    throw new IllegalArgumentException("cannot encode bad");
                }
                out.writeUtf8(v);
            }

            @Override
            public String decode(ExcerptIn in) {
                return ExcerptCodec.utf8().decode(in);
            }

            @Override
            public String name() {
                return "picky";
            }
        };
        try (JournalSink<String> j = Chronicle.sinkToChronicle(s, dir, picky)) {
            s.emit("a");
            StreamException e = org.junit.jupiter.api.Assertions.assertThrows(StreamException.class, () -> s.emit("bad"));
            assertTrue(e.getMessage().contains("sink_to_chronicle") || e.getMessage().contains(j.name()), e.getMessage());
            s.emit("b");
        }
        assertEquals(List.of("a", "b"), replay(dir, ReplayOptions.defaults()));
    }

    @Test
    void aJournalFileIsNotAffectedByOtherFilesInTheDirectory() throws Exception {
        Path dir = tmp.resolve("j");
        write(dir, 5, SECOND, RollCycle.DAILY);
        Files.writeString(dir.resolve("README.txt"), "not a cycle file");
        assertEquals(expected(0, 5), replay(dir, ReplayOptions.defaults()));
    }
}
