package dev.streamz.cli;

import dev.streamz.Stream;
import dev.streamz.chronicle.Chronicle;
import dev.streamz.chronicle.ExcerptCodec;
import dev.streamz.chronicle.JournalOptions;
import dev.streamz.chronicle.JournalSink;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code streamz replay} run in-process, as a user would, on a journal the test writes. */
class ReplayCommandTest {
    private static final long T0 = Instant.parse("2026-01-01T00:00:00Z").getEpochSecond() * 1_000_000_000L;
    private static final long MS = 1_000_000L;

    @TempDir
    static Path tmp;
    static Path journal;
    static List<Long> indices = new ArrayList<>();

    private record Result(int code, String out, String err) {
        List<String> lines() {
            return out.lines().toList();
        }

        /** The element lines: after the journal description and before the summary. */
        List<String> elements() {
            return lines().stream().filter(l -> !l.startsWith("journal ") && !l.startsWith("  ")
                    && !l.startsWith("replayed ") && !l.startsWith("replay FAILED")).toList();
        }
    }

    private static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = Main.run(args, o, e);
        }
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** 200 excerpts "element-i", appended 10 ms apart from 2026-01-01T00:00:00Z. */
    @BeforeAll
    static void writeJournal() {
        journal = tmp.resolve("journal");
        AtomicLong clock = new AtomicLong(T0);
        Stream<String> s = Stream.create();
        try (JournalSink<String> j = Chronicle.sinkToChronicle(s, journal, ExcerptCodec.utf8(),
                JournalOptions.defaults().clock(clock::get))) {
            for (int i = 0; i < 200; i++) {
                s.emit("element-" + i);
                indices.add(j.lastIndex());
                clock.addAndGet(10 * MS);
            }
        }
    }

    private static List<String> elements(int from, int to) {
        List<String> l = new ArrayList<>();
        for (int i = from; i < to; i++) {
            l.add("element-" + i);
        }
        return l;
    }

    @Test
    void infoShowsCountTimesAndSize() {
        Result r = run("replay", journal.toString(), "--info");
        assertEquals(Main.OK, r.code(), r.err());
        assertTrue(r.out().contains("excerpts: 200"), r.out());
        assertTrue(r.out().contains("first:    2026-01-01T00:00:00Z  (index " + indices.get(0) + ")"), r.out());
        assertTrue(r.out().contains("last:     2026-01-01T00:00:01.990Z  (index " + indices.get(199) + ")"), r.out());
        // "element-0".."element-9" are 9 bytes, "element-10".."element-99" 10, "element-100".."element-199" 11.
        assertTrue(r.out().contains("size:     " + (10 * 9 + 90 * 10 + 100 * 11) + " payload bytes in 1 cycle file"),
                r.out());
        assertEquals(List.of(), r.elements());
    }

    @Test
    void replaysEveryElementWithProgressAndSummary() {
        Result r = run("replay", journal.toString());
        assertEquals(Main.OK, r.code(), r.err());
        assertEquals(elements(0, 200), r.elements());
        assertTrue(r.out().contains("replayed 200 excerpts in "), r.out());
        assertTrue(r.err().contains("replay: 200/200 excerpts, ") && r.err().contains("ETA"), r.err());
    }

    @Test
    void fromTimeAndLimit() {
        Result r = run("replay", journal.toString(), "--from", "2026-01-01T00:00:00.505Z", "--limit", "3");
        assertEquals(Main.OK, r.code(), r.err());
        assertEquals(elements(51, 54), r.elements());
        assertTrue(r.out().contains("replayed 3 excerpts"), r.out());
    }

    @Test
    void fromIndexInDecimalAndHex() {
        assertEquals(elements(190, 200), run("replay", journal.toString(), "--from", indices.get(190).toString()).elements());
        assertEquals(elements(195, 200), run("replay", journal.toString(), "--from",
                "0x" + Long.toHexString(indices.get(195))).elements());
        assertEquals(List.of(), run("replay", journal.toString(), "--from", "end").elements());
    }

    @Test
    void originalPaceTakesTheJournalsTimeScaled() {
        long t0 = System.nanoTime();
        Result r = run("replay", journal.toString(), "--from", indices.get(150).toString(), "--pace", "original:2",
                "--format", "none");
        long tookMs = (System.nanoTime() - t0) / MS;
        assertEquals(Main.OK, r.code(), r.err());
        // 49 gaps of 10 ms at twice the speed: at least 245 ms of real time (no upper bound: the machine may be slow).
        assertTrue(tookMs >= 240, "took " + tookMs + " ms");
        assertTrue(r.out().contains("replayed 50 excerpts"), r.out());
        assertEquals(List.of(), r.elements());
    }

    @Test
    void fixedRatePace() {
        Result r = run("replay", journal.toString(), "--pace", "rate:1000", "--limit", "20");
        assertEquals(Main.OK, r.code(), r.err());
        assertEquals(elements(0, 20), r.elements());
    }

    @Test
    void jsonLinesCarryIndexTimeAndValue() {
        Result r = run("replay", journal.toString(), "--format", "json", "--limit", "2");
        assertEquals(Main.OK, r.code(), r.err());
        assertEquals(List.of(
                "{\"n\":1,\"index\":" + indices.get(0) + ",\"time\":\"2026-01-01T00:00:00Z\",\"value\":\"element-0\"}",
                "{\"n\":2,\"index\":" + indices.get(1) + ",\"time\":\"2026-01-01T00:00:00.010Z\",\"value\":\"element-1\"}"),
                r.elements());
    }

    @Test
    void bytesCodecPrintsHex() {
        Result r = run("replay", journal.toString(), "--codec", "bytes", "--limit", "1");
        assertEquals(List.of("656c656d656e742d30"), r.elements()); // "element-0"
    }

    @Test
    void pipelinePluginProcessesTheReplay() {
        Result r = run("replay", journal.toString(), "--pipeline", "testUpper", "--limit", "20");
        assertEquals(Main.OK, r.code(), r.err());
        assertEquals(elements(0, 20).stream().map(String::toUpperCase).toList(), r.elements());
        assertTrue(r.out().contains("replayed 20 excerpts"), r.out());
    }

    @Test
    void checkpointedReplayResumes() {
        Path dir = tmp.resolve("cp-journal");
        Stream<String> s = Stream.create();
        try (JournalSink<String> j = Chronicle.sinkToChronicle(s, dir, ExcerptCodec.utf8())) {
            for (int i = 0; i < 10; i++) {
                s.emit("element-" + i);
            }
            assertEquals(10, j.appended());
        }
        assertEquals(elements(0, 4), run("replay", dir.toString(), "--checkpoint", "cli", "--limit", "4").elements());
        assertEquals(elements(4, 10), run("replay", dir.toString(), "--checkpoint", "cli").elements());
    }

    @Test
    void badArgumentsAndBadJournalsAreExplained() {
        Result noDir = run("replay");
        assertEquals(Main.USAGE, noDir.code());
        assertTrue(noDir.err().contains("usage: streamz replay DIR"), noDir.err());
        Result badPace = run("replay", journal.toString(), "--pace", "warp");
        assertEquals(Main.USAGE, badPace.code());
        assertTrue(badPace.err().contains("--pace must be"), badPace.err());
        Result missing = run("replay", tmp.resolve("missing").toString());
        assertEquals(ReplayCommand.FAILED, missing.code());
        assertTrue(missing.err().contains("does not exist") && missing.err().contains("missing"), missing.err());
        Result unknownPipeline = run("replay", journal.toString(), "--pipeline", "noSuchPlugin");
        assertEquals(Main.USAGE, unknownPipeline.code());
        assertTrue(unknownPipeline.err().contains("noSuchPlugin"), unknownPipeline.err());
    }
}
