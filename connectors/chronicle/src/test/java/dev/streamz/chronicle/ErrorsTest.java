package dev.streamz.chronicle;

import dev.streamz.StreamException;
import dev.streamz.VirtualScheduler;
import dev.streamz.chronicle.internal.Journals;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

import static dev.streamz.chronicle.TestJournals.expected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad directories, bad files, bad codecs: clear errors naming the file and index; nothing dies silently. */
class ErrorsTest {
    /** Chronicle's 4-byte header, the 8-byte time and (by default) the 4-byte checksum precede the payload. */
    private static final int BEFORE_PAYLOAD = 4 + 8 + (JournalOptions.CHECKSUM_DEFAULT ? 4 : 0);

    @TempDir
    Path tmp;

    private static StreamException startFails(Path dir) {
        ReplaySource<String> r = Chronicle.fromChronicle(dir, ExcerptCodec.utf8());
        r.withScheduler(new VirtualScheduler());
        StreamException e = assertThrows(StreamException.class, r::start);
        assertTrue(r.isStopped());
        return e;
    }

    private static String messages(Throwable e) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            sb.append(t.getMessage()).append(" | ");
        }
        return sb.toString();
    }

    @Test
    void aReplaySourceNamesTheUsersLineAsItsBuildSite_notTheConnectorsOwn() {
        ReplaySource<String> r = Chronicle.fromChronicle(tmp.resolve("j"), ExcerptCodec.utf8());
        assertTrue(r.buildSite().startsWith("ErrorsTest.java:"), r.buildSite());
    }

    @Test
    void missingDirectoryIsNamed() {
        Path dir = tmp.resolve("nope");
        String m = messages(startFails(dir));
        assertTrue(m.contains(dir.toString()) && m.contains("does not exist"), m);
        assertThrows(IllegalArgumentException.class, () -> Chronicle.inspect(dir));
    }

    @Test
    void aFileIsNotAJournal() throws Exception {
        Path file = Files.writeString(tmp.resolve("file.txt"), "hello");
        String m = messages(startFails(file));
        assertTrue(m.contains(file.toString()) && m.contains("not a directory"), m);
    }

    @Test
    void aDirectoryWithoutCycleFilesIsNotAJournal() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("plain"));
        Files.writeString(dir.resolve("notes.txt"), "hello");
        String m = messages(startFails(dir));
        assertTrue(m.contains(dir.toString()) && m.contains("not a Chronicle Queue"), m);
        assertTrue(Files.list(dir).count() == 1, "the check must not create a queue in the directory");
    }

    @Test
    void unreadableDirectoryIsNamed() throws Exception {
        Path dir = tmp.resolve("j");
        TestJournals.write(dir, 3, 1, RollCycle.DAILY);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("---------"));
        try {
            Assumptions.assumeFalse(Files.isReadable(dir), "running as a user who can read anything (root)");
            String m = messages(startFails(dir));
            assertTrue(m.contains(dir.toString()) && m.contains("not readable"), m);
        } finally {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        }
    }

    @Test
    void codecThatThrowsOnOneExcerptIsReportedWithFileAndIndexAndTheRestIsReplayed() {
        Path dir = tmp.resolve("j");
        List<Long> indices = TestJournals.write(dir, 20, 1, RollCycle.DAILY);
        ExcerptCodec<String> fussy = new ExcerptCodec<>() {
            @Override
            public void encode(String value, ExcerptOut out) {
                out.writeUtf8(value);
            }

            @Override
            public String decode(ExcerptIn in) {
                String s = ExcerptCodec.utf8().decode(in);
                if (s.equals("element-7")) {
                    throw new IllegalStateException("unknown message type in element-7");
                }
                return s;
            }

            @Override
            public String name() {
                return "fussy";
            }
        };
        VirtualScheduler vs = new VirtualScheduler();
        ReplaySource<String> r = Chronicle.fromChronicle(dir, fussy);
        r.withScheduler(vs);
        List<String> got = new ArrayList<>();
        r.sink(got::add);
        r.start();
        vs.runUntilIdle();
        List<String> want = expected(0, 20);
        want.remove("element-7");
        assertEquals(want, got);
        assertEquals(1, vs.errors().size());
        String m = messages(vs.errors().get(0));
        assertTrue(m.contains(".cq4") && m.contains(String.valueOf(indices.get(7))) && m.contains("fussy")
                && m.contains("unknown message type"), m);
        assertEquals(1, r.failedExcerpts());
        assertTrue(r.failure().isEmpty(), "one bad excerpt is not a failed replay");
    }

    @Test
    void downstreamFailureIsReportedAndTheReplayGoesOn() {
        Path dir = tmp.resolve("j");
        TestJournals.write(dir, 10, 1, RollCycle.DAILY);
        VirtualScheduler vs = new VirtualScheduler();
        ReplaySource<String> r = Chronicle.fromChronicle(dir, ExcerptCodec.utf8(),
                ReplayOptions.defaults().checkpoint("down"));
        r.withScheduler(vs);
        List<String> got = new ArrayList<>();
        r.map(x -> {
            if (x.equals("element-3")) {
                throw new IllegalArgumentException("boom");
            }
            return x;
        }).sink(got::add);
        r.start();
        vs.runUntilIdle();
        assertEquals(9, got.size());
        assertEquals(1, vs.errors().size(), vs.errors().toString());
        assertTrue(messages(vs.errors().get(0)).contains("boom"));
        assertTrue(r.checkpoint().isPresent(), "a reported element does not hold the checkpoint back forever");
        assertEquals(List.of(), TestJournals.replay(dir, ReplayOptions.defaults().checkpoint("down")));
    }

    @Test
    void anErrorInTheCodecIsReportedAndLeavesAVisibleFailedState() {
        Path dir = tmp.resolve("j");
        TestJournals.write(dir, 10, 1, RollCycle.DAILY);
        ExcerptCodec<String> fatal = new ExcerptCodec<>() {
            @Override
            public void encode(String value, ExcerptOut out) {
                out.writeUtf8(value);
            }

            @Override
            public String decode(ExcerptIn in) {
                String s = ExcerptCodec.utf8().decode(in);
                if (s.equals("element-4")) {
                    throw new OutOfMemoryError("simulated");
                }
                return s;
            }

            @Override
            public String name() {
                return "fatal";
            }
        };
        VirtualScheduler vs = new VirtualScheduler();
        ReplaySource<String> r = Chronicle.fromChronicle(dir, fatal);
        r.withScheduler(vs);
        List<String> got = new ArrayList<>();
        r.sink(got::add);
        r.start();
        vs.runUntilIdle();
        assertEquals(expected(0, 4), got);
        assertTrue(r.isStopped());
        assertTrue(r.failure().isPresent());
        assertTrue(r.completion().isCompletedExceptionally());
        assertEquals(1, vs.errors().size());
        assertTrue(messages(vs.errors().get(0)).contains("simulated"));
        // A restart works: a fresh run with a codec that does not fail replays everything.
        assertEquals(expected(0, 10), TestJournals.replay(dir, ReplayOptions.defaults()));
    }

    private static int indexOf(byte[] a, byte[] b) {
        outer:
        for (int i = 0; i <= a.length - b.length; i++) {
            for (int j = 0; j < b.length; j++) {
                if (a[i + j] != b[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** Starts a UTF-8 replay of {@code dir} on {@code vs}, its sink adding to {@code got}, and runs it until idle. */
    private static ReplaySource<String> startReplay(Path dir, ReplayOptions options, VirtualScheduler vs, List<String> got) {
        ReplaySource<String> r = Chronicle.fromChronicle(dir, ExcerptCodec.utf8(), options);
        r.withScheduler(vs);
        r.sink(got::add);
        r.start();
        vs.runUntilIdle();
        return r;
    }

    /** Replays a damaged journal: everything before the damage arrives, then one error naming the file. */
    private void assertDamageReported(Path dir, int intact) {
        VirtualScheduler vs = new VirtualScheduler();
        List<String> got = new ArrayList<>();
        ReplaySource<String> r = startReplay(dir, ReplayOptions.defaults(), vs, got);
        assertTrue(got.size() >= intact, "replayed " + got.size());
        assertEquals(expected(0, intact), got.subList(0, intact));
        assertTrue(r.isStopped());
        assertTrue(r.failure().isPresent(), "the damage must be reported");
        assertTrue(r.completion().isCompletedExceptionally());
        assertEquals(1, vs.errors().size(), vs.errors().toString());
        String m = messages(vs.errors().get(0));
        assertTrue(m.contains(".cq4") && (m.contains("corrupt") || m.contains("truncated")), m);
    }

    @Test
    void corruptHeaderInACycleFileIsReportedAfterReplayingWhatPrecedesIt() throws Exception {
        Path dir = tmp.resolve("j");
        TestJournals.write(dir, 1000, 1, RollCycle.DAILY);
        Path file = Chronicle.inspect(dir).cycleFiles().get(0);
        byte[] all = Files.readAllBytes(file);
        int pos = indexOf(all, "element-500".getBytes(StandardCharsets.UTF_8)) - BEFORE_PAYLOAD; // the excerpt's header
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(pos);
            // A header marked "not complete" in the middle of the file, as a torn write leaves it.
            raf.write(new byte[] {0x10, 0, 0, (byte) 0x80, 1, 2, 3, 4, 5, 6, 7, 8});
        }
        assertDamageReported(dir, 500);
    }

    @Test
    void truncatedCycleFileIsReportedAfterReplayingWhatPrecedesIt() throws Exception {
        Path dir = tmp.resolve("j");
        TestJournals.write(dir, 1000, 1, RollCycle.DAILY);
        Path file = Chronicle.inspect(dir).cycleFiles().get(0);
        byte[] all = Files.readAllBytes(file);
        int pos = indexOf(all, "element-300".getBytes(StandardCharsets.UTF_8)) - BEFORE_PAYLOAD;
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(pos);
        }
        assertDamageReported(dir, 300);
    }

    /** Marks the header of {@code element-N} "not complete" in the middle of the file, as a torn write leaves it. */
    private static void tearHeaderOf(Path dir, int n) throws Exception {
        Path file = Chronicle.inspect(dir).cycleFiles().get(0);
        byte[] all = Files.readAllBytes(file);
        int pos = indexOf(all, ("element-" + n).getBytes(StandardCharsets.UTF_8)) - BEFORE_PAYLOAD;
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(pos);
            raf.write(new byte[] {0x10, 0, 0, (byte) 0x80});
        }
    }

    @Test
    void corruptHeaderFoundWhileTailingIsReportedWithFileAndIndexAfterReplayingWhatPrecedesIt() throws Exception {
        Path dir = tmp.resolve("j");
        TestJournals.write(dir, 1000, 1, RollCycle.DAILY);
        tearHeaderOf(dir, 500);
        VirtualScheduler vs = new VirtualScheduler();
        List<String> got = new ArrayList<>();
        ReplaySource<String> r = startReplay(dir, ReplayOptions.defaults().tail(true), vs, got);
        assertEquals(expected(0, 500), got, "everything before the damage");
        vs.advanceBy(ReplaySource.TAIL_CHECK_AFTER.dividedBy(2));
        assertTrue(vs.errors().isEmpty() && !r.isStopped(), "not before the check interval: " + vs.errors());
        vs.advanceBy(ReplaySource.TAIL_CHECK_AFTER);
        assertTrue(r.isStopped(), "the tailing replay stops at the damage instead of waiting there silently");
        assertTrue(r.failure().isPresent());
        assertTrue(r.completion().isCompletedExceptionally());
        assertEquals(1, vs.errors().size(), vs.errors().toString());
        String m = messages(vs.errors().get(0));
        assertTrue(m.contains(".cq4") && m.contains("corrupt") && m.contains("reading stopped at excerpt 500"), m);
        assertTrue(m.contains("(0x"), "names the index: " + m);
        assertEquals(expected(0, 500), got, "nothing replayed twice: the live tailer was not moved by the check");
    }

    @Test
    void tailingAtTheRealEndIsNotTakenForDamage_andReadsLaterExcerptsOnceEach() throws Exception {
        Path dir = tmp.resolve("j");
        VirtualScheduler vs = new VirtualScheduler();
        TestJournals.StepClock clock = new TestJournals.StepClock(1);
        dev.streamz.Stream<String> in = dev.streamz.Stream.create();
        try (JournalSink<String> j = Chronicle.sinkToChronicle(in, dir, ExcerptCodec.utf8(),
                JournalOptions.defaults().clock(clock))) {
            for (int i = 0; i < 100; i++) {
                in.emit("element-" + i);
                clock.advance();
            }
            List<String> got = new ArrayList<>();
            ReplaySource<String> r = startReplay(dir, ReplayOptions.defaults().tail(true), vs, got);
            vs.advanceBy(ReplaySource.TAIL_CHECK_AFTER.multipliedBy(5)); // several checks at the end
            assertTrue(vs.errors().isEmpty() && !r.isStopped(), vs.errors().toString());
            for (int i = 100; i < 150; i++) {
                in.emit("element-" + i);
                clock.advance();
            }
            vs.advanceBy(ReplaySource.TAIL_CHECK_AFTER.multipliedBy(3));
            assertEquals(expected(0, 150), got, "every excerpt once, in order");
            assertTrue(vs.errors().isEmpty(), vs.errors().toString());
            assertEquals(150, j.appended());
            r.stop();
        }
    }

    @Test
    void damagedPayloadUnderAnIntactHeaderFailsItsChecksum_isReportedWithFileAndIndex_andSkipped() throws Exception {
        Path dir = tmp.resolve("j");
        List<Long> indices = TestJournals.write(dir, 100, 1, RollCycle.DAILY, true);
        Path file = Chronicle.inspect(dir).cycleFiles().get(0);
        byte[] all = Files.readAllBytes(file);
        int pos = indexOf(all, "element-50".getBytes(StandardCharsets.UTF_8)) + 3;
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(pos);
            raf.write('X'); // "eleXent-50": the header and the time are intact
        }
        VirtualScheduler vs = new VirtualScheduler();
        List<String> got = new ArrayList<>();
        ReplaySource<String> r = startReplay(dir, ReplayOptions.defaults(), vs, got);
        List<String> want = new ArrayList<>(expected(0, 100));
        want.remove("element-50");
        assertEquals(want, got, "the damaged excerpt is skipped, not decoded as it is");
        assertTrue(r.scannedExcerpts() >= 98, "the excerpts after the first are read by a scan, which checks them");
        assertEquals(1, r.failedExcerpts());
        assertTrue(r.failure().isEmpty(), "the replay went on");
        assertEquals(1, vs.errors().size(), vs.errors().toString());
        String m = messages(vs.errors().get(0));
        assertTrue(m.contains("checksum") && m.contains(".cq4") && m.contains(Long.toHexString(indices.get(50))), m);
    }

    @Test
    void journalsWithoutChecksumsReadAsBefore_evenMixedWithChecksummedExcerpts() throws Exception {
        Path dir = tmp.resolve("j");
        TestJournals.StepClock clock = new TestJournals.StepClock(1);
        dev.streamz.Stream<String> in = dev.streamz.Stream.create();
        try (JournalSink<String> j = Chronicle.sinkToChronicle(in, dir, ExcerptCodec.utf8(),
                JournalOptions.defaults().clock(clock).checksum(false))) {
            for (int i = 0; i < 10; i++) {
                in.emit("element-" + i);
                clock.advance();
            }
            assertEquals(10, j.appended());
        }
        try (JournalSink<String> j = Chronicle.sinkToChronicle(in, dir, ExcerptCodec.utf8(),
                JournalOptions.defaults().clock(clock).checksum(true))) {
            for (int i = 10; i < 20; i++) {
                in.emit("element-" + i);
                clock.advance();
            }
            assertEquals(10, j.appended());
        }
        assertEquals(expected(0, 20), TestJournals.replay(dir, ReplayOptions.defaults()));
        JournalInfo info = Chronicle.inspect(dir);
        assertEquals(20, info.count());
        assertEquals(TestJournals.T0 + 19, Journals.epochNanos(info.lastTime()), "the time is read without the flag");
        long payload = 0;
        for (String e : expected(0, 20)) {
            payload += e.getBytes(StandardCharsets.UTF_8).length;
        }
        assertEquals(payload, info.payloadBytes(), "the checksum is not counted as payload");
        // Seeking by time reads through both kinds.
        assertEquals(expected(15, 20), TestJournals.replay(dir, ReplayOptions.defaults()
                .from(From.time(Journals.instant(TestJournals.T0 + 15)))));
        assertEquals(expected(5, 20), TestJournals.replay(dir, ReplayOptions.defaults()
                .from(From.time(Journals.instant(TestJournals.T0 + 5)))));
    }
}
