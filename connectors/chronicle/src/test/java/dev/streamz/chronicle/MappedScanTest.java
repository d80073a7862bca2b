package dev.streamz.chronicle;

import dev.streamz.VirtualScheduler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static dev.streamz.chronicle.TestJournals.expected;
import static dev.streamz.chronicle.TestJournals.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fast replay reads runs of plain excerpts straight from the mapped cycle file and hands the rest to
 * the tailer: each element must still come with its own Chronicle index, in order, whatever stops a scan
 * (a batch, a held element, the edge of a mapped chunk, the end of a cycle file or of what is written).
 */
class MappedScanTest {
    private static final long SECOND = 1_000_000_000L;

    @TempDir
    Path tmp;

    /** What a replay delivered: each element and {@code lastIndex()} as seen from the sink. */
    record Seen(List<String> values, List<Long> indices, long scanned) {
    }

    private static Seen replay(Path dir, boolean holdSome) {
        VirtualScheduler vs = new VirtualScheduler();
        ReplaySource<String> r = Chronicle.fromChronicle(dir, ExcerptCodec.utf8());
        r.withScheduler(vs);
        List<String> values = new ArrayList<>();
        List<Long> indices = new ArrayList<>();
        List<CompletableFuture<Void>> held = new ArrayList<>();
        r.sinkAsync(x -> {
            values.add(x);
            indices.add(r.lastIndex());
            if (holdSome && values.size() % 997 == 0) {
                CompletableFuture<Void> f = new CompletableFuture<>();
                held.add(f);
                return f;
            }
            return CompletableFuture.completedFuture(null);
        });
        r.start();
        vs.runUntilIdle();
        while (!held.isEmpty()) {
            held.removeFirst().complete(null);
            vs.runUntilIdle();
        }
        assertTrue(vs.errors().isEmpty(), () -> "errors: " + vs.errors());
        assertTrue(r.isStopped() && r.completion().isDone() && !r.completion().isCompletedExceptionally());
        return new Seen(values, indices, r.scannedExcerpts());
    }

    @Test
    void everyScannedExcerptComesWithItsOwnIndexAcrossBatchesAndIndexEntries() {
        Path dir = tmp.resolve("j");
        int n = 20_000; // several batches of 4,096, and Chronicle index entries between the excerpts
        List<Long> written = write(dir, n, SECOND, RollCycle.DAILY);
        Seen seen = replay(dir, false);
        assertEquals(expected(0, n), seen.values());
        assertEquals(written, seen.indices());
        assertTrue(seen.scanned() > n * 9L / 10, "most excerpts are read by scans, got " + seen.scanned());
    }

    @Test
    void aHeldElementStopsTheScanAndTheReplayGoesOnAfterIt() {
        Path dir = tmp.resolve("j");
        int n = 10_000;
        List<Long> written = write(dir, n, SECOND, RollCycle.DAILY);
        Seen seen = replay(dir, true);
        assertEquals(expected(0, n), seen.values());
        assertEquals(written, seen.indices());
        assertTrue(seen.scanned() > n / 2, "scans read most excerpts, got " + seen.scanned());
    }

    @Test
    void scansEndAtEachCycleFile() {
        Path dir = tmp.resolve("j");
        int n = 3_000;
        List<Long> written = write(dir, n, 6 * SECOND, RollCycle.FIVE_MINUTELY); // 60 files of 50 excerpts
        Seen seen = replay(dir, false);
        assertEquals(expected(0, n), seen.values());
        assertEquals(written, seen.indices());
        assertTrue(seen.scanned() > 0 && seen.scanned() <= n - 60, "the tailer reads the first excerpt of each file");
    }

    @Test
    void checksummedExcerptsAreVerifiedAndScannedToo() {
        // A damaged checksum in the middle of a run: ErrorsTest.damagedPayloadUnderAnIntactHeader...
        Path dir = tmp.resolve("j");
        int n = 5_000;
        List<Long> written = write(dir, n, SECOND, RollCycle.DAILY, true);
        Seen seen = replay(dir, false);
        assertEquals(expected(0, n), seen.values());
        assertEquals(written, seen.indices());
        assertTrue(seen.scanned() > n * 9L / 10, "most excerpts are read by scans, got " + seen.scanned());
    }

    @Test
    void tailingScansWhatIsAppendedWhileItWaits() {
        Path dir = tmp.resolve("j");
        write(dir, 100, SECOND, RollCycle.DAILY);
        VirtualScheduler vs = new VirtualScheduler();
        ReplaySource<String> r = Chronicle.fromChronicle(dir, ExcerptCodec.utf8(),
                ReplayOptions.defaults().tail(true).pollInterval(Duration.ofMillis(10)));
        r.withScheduler(vs);
        List<String> got = new ArrayList<>();
        r.sink(got::add);
        r.start();
        vs.advanceBy(Duration.ofMillis(20));
        assertEquals(expected(0, 100), got);
        dev.streamz.Stream<String> live = dev.streamz.Stream.create();
        try (JournalSink<String> sink = Chronicle.sinkToChronicle(live, dir, ExcerptCodec.utf8())) {
            for (int i = 100; i < 5_000; i++) {
                live.emit("element-" + i);
                if (i % 1_000 == 0) {
                    vs.advanceBy(Duration.ofMillis(20)); // read part of it: the scan meets the unwritten end
                }
            }
            vs.advanceBy(Duration.ofMillis(20));
            assertEquals(4_900, sink.appended());
        }
        assertEquals(expected(0, 5_000), got);
        assertTrue(r.scannedExcerpts() > 4_000, "scans read what was appended, got " + r.scannedExcerpts());
        r.stop();
        vs.runUntilIdle();
    }

    @Test
    void scansStopAtTheEdgeOfEachMappedChunk() throws Exception {
        // Chronicle maps a cycle file in chunks of its block size, read once per JVM: a child JVM with
        // 256 KiB chunks writes about 3 MB and replays it across a dozen chunk edges.
        Path dir = tmp.resolve("j");
        Process p = ChildJvm.start(List.of("-DSingleChronicleQueueBuilder.blocksize=262144"),
                ScanChild.class, dir.toString(), "100000");
        BufferedReader out = ChildJvm.reader(p);
        String line = ChildJvm.awaitLine(p, out, "result ");
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals("result ok 100000", line.substring(0, "result ok 100000".length()), line);
        assertEquals(0, p.exitValue());
    }

    /** The child of {@link #scansStopAtTheEdgeOfEachMappedChunk}: writes, replays, compares, prints the result. */
    static final class ScanChild {
        public static void main(String[] args) {
            Path dir = Path.of(args[0]);
            int n = Integer.parseInt(args[1]);
            List<Long> written = write(dir, n, SECOND, RollCycle.DAILY);
            Seen seen = replay(dir, false);
            String result;
            if (!seen.values().equals(expected(0, n))) {
                result = "values differ";
            } else if (!seen.indices().equals(written)) {
                result = "indices differ";
            } else {
                result = "ok " + n + " scanned " + seen.scanned();
            }
            System.out.println("result " + result);
            System.out.flush();
        }
    }
}
