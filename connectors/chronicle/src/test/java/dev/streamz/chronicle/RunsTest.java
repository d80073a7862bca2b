package dev.streamz.chronicle;

import dev.streamz.Stream;
import dev.streamz.StreamException;
import dev.streamz.VirtualScheduler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import static dev.streamz.chronicle.TestJournals.expected;
import static dev.streamz.chronicle.TestJournals.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link ReplaySource#runs}: the replay gathered into runs, flushed whenever the replay yields, waits or ends. */
class RunsTest {
    @TempDir
    Path tmp;

    /** Starts a replay in runs on {@code vs}; each run is copied into {@code runs} (the list is reused). */
    private static ReplaySource<String> replayInRuns(Path dir, ReplayOptions options, int maxRun, VirtualScheduler vs,
                                                     List<List<String>> runs) {
        ReplaySource<String> r = Chronicle.fromChronicle(dir, ExcerptCodec.utf8(), options);
        r.withScheduler(vs);
        r.runs(maxRun, UnaryOperator.identity()).sink(run -> runs.add(new ArrayList<>(run)));
        r.start();
        vs.runUntilIdle();
        return r;
    }

    private static List<String> flat(List<List<String>> runs) {
        List<String> all = new ArrayList<>();
        runs.forEach(all::addAll);
        return all;
    }

    @Test
    void everyExcerptArrivesInOrderInRunsOfAtMostMaxRun_theLastRunPartial() {
        Path dir = tmp.resolve("j");
        write(dir, 10_000, 1, RollCycle.DAILY);
        VirtualScheduler vs = new VirtualScheduler();
        List<List<String>> runs = new ArrayList<>();
        ReplaySource<String> r = replayInRuns(dir, ReplayOptions.defaults(), 300, vs, runs);
        assertEquals(expected(0, 10_000), flat(runs));
        assertTrue(runs.stream().allMatch(run -> !run.isEmpty() && run.size() <= 300), runs.toString());
        // Full runs, except where the replay yielded its scheduler (every 4096 reads) and at the end.
        assertTrue(runs.size() <= 10_000 / 300 + 4, runs.size() + " runs");
        assertTrue(r.completion().isDone() && !r.completion().isCompletedExceptionally());
        assertEquals(List.of(), vs.errors());
    }

    @Test
    void aZeroCopyCodecsElementsAreCopiedIntoTheRun() {
        Path dir = tmp.resolve("j");
        Stream<long[]> in = Stream.create();
        ExcerptCodec<long[]> codec = ExcerptCodec.reusing(() -> new long[1], (v, out) -> out.writeLong(v[0]),
                (src, v) -> v[0] = src.readLong());
        try (JournalSink<long[]> j = Chronicle.sinkToChronicle(in, dir, codec)) {
            for (long i = 0; i < 1000; i++) {
                in.emit(new long[] {i});
            }
            assertEquals(1000, j.appended());
        }
        VirtualScheduler vs = new VirtualScheduler();
        ReplaySource<long[]> r = Chronicle.fromChronicle(dir, codec);
        r.withScheduler(vs);
        List<Long> got = new ArrayList<>();
        r.runs(64, v -> v.clone()).sink(run -> run.forEach(v -> got.add(v[0])));
        r.start();
        vs.runUntilIdle();
        assertEquals(1000, got.size());
        for (int i = 0; i < 1000; i++) {
            assertEquals(i, got.get(i));
        }
    }

    @Test
    void theLimitAndTheEndOfATailedJournalFlushTheRun() throws Exception {
        Path dir = tmp.resolve("j");
        write(dir, 10, 1, RollCycle.DAILY);
        VirtualScheduler vs = new VirtualScheduler();
        List<List<String>> limited = new ArrayList<>();
        replayInRuns(dir, ReplayOptions.defaults().limit(7), 1000, vs, limited);
        assertEquals(List.of(expected(0, 7)), limited, "the limit ends the replay: its run goes out");

        List<List<String>> runs = new ArrayList<>();
        ReplaySource<String> r = replayInRuns(dir, ReplayOptions.defaults().tail(true), 1000, vs, runs);
        assertEquals(List.of(expected(0, 10)), runs, "at the end of the journal the run goes out, not when full");
        Stream<String> more = Stream.create();
        try (JournalSink<String> j = Chronicle.sinkToChronicle(more, dir, ExcerptCodec.utf8())) {
            for (int i = 10; i < 15; i++) {
                more.emit("element-" + i);
            }
            assertEquals(5, j.appended());
        }
        vs.advanceBy(ReplayOptions.defaults().pollInterval());
        assertEquals(List.of(expected(0, 10), expected(10, 15)), runs, "live excerpts wait one poll, not a full run");
        r.stop();
        vs.runUntilIdle();
        assertEquals(List.of(), vs.errors());
    }

    @Test
    void aHeldRunHoldsTheReplayBack() {
        Path dir = tmp.resolve("j");
        write(dir, 1000, 1, RollCycle.DAILY);
        VirtualScheduler vs = new VirtualScheduler();
        ReplaySource<String> r = Chronicle.fromChronicle(dir, ExcerptCodec.utf8());
        r.withScheduler(vs);
        List<List<String>> runs = new ArrayList<>();
        // A run per second: the second run waits for its turn, and the replay with it.
        r.runs(100, UnaryOperator.identity()).rateLimit(Duration.ofSeconds(1)).sink(run -> runs.add(new ArrayList<>(run)));
        r.start();
        vs.runUntilIdle();
        assertEquals(List.of(expected(0, 100)), runs);
        assertEquals(200, r.replayed(), "read no further than the held run");
        vs.advanceBy(Duration.ofSeconds(1));
        assertEquals(List.of(expected(0, 100), expected(100, 200)), runs, "a held run keeps its own list");
        assertEquals(300, r.replayed());
        vs.advanceBy(Duration.ofSeconds(20));
        assertEquals(expected(0, 1000), flat(runs));
        assertEquals(List.of(), vs.errors());
    }

    @Test
    void aFailingDownstreamIsReportedForTheWholeRunAndTheReplayGoesOn() {
        Path dir = tmp.resolve("j");
        write(dir, 100, 1, RollCycle.DAILY);
        VirtualScheduler vs = new VirtualScheduler();
        ReplaySource<String> r = Chronicle.fromChronicle(dir, ExcerptCodec.utf8());
        r.withScheduler(vs);
        List<String> got = new ArrayList<>();
        r.runs(10, UnaryOperator.identity()).sink(run -> {
            if (run.contains("element-25")) {
                throw new IllegalStateException("bad run");
            }
            got.addAll(run);
        });
        r.start();
        vs.runUntilIdle();
        List<String> want = expected(0, 100);
        want.removeAll(expected(20, 30));
        assertEquals(want, got);
        assertEquals(1, vs.errors().size(), vs.errors().toString());
        StreamException e = vs.errors().get(0);
        assertTrue(String.valueOf(e.getCause()).contains("bad run") || e.getMessage().contains("bad run"), e.toString());
        assertTrue(r.completion().isDone() && !r.completion().isCompletedExceptionally());
    }

    @Test
    void badArgumentsAndNamedReplaysAreRefused() {
        Path dir = tmp.resolve("j");
        write(dir, 1, 1, RollCycle.DAILY);
        ReplaySource<String> r = Chronicle.fromChronicle(dir, ExcerptCodec.utf8());
        assertThrows(NullPointerException.class, () -> r.runs(10, null));
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> r.runs(0, UnaryOperator.identity()));
        assertTrue(bad.getMessage().contains("maxRun"), bad.getMessage());
        ReplaySource<String> named = Chronicle.fromChronicle(dir, ExcerptCodec.utf8(),
                ReplayOptions.defaults().checkpoint("audit"));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> named.runs(10, UnaryOperator.identity()));
        assertTrue(e.getMessage().contains("audit") && e.getMessage().contains("checkpoint"), e.getMessage());
    }
}
