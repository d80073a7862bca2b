package dev.streamz.chronicle;

import dev.streamz.StreamException;
import dev.streamz.VirtualScheduler;
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

    /** Replays a damaged journal: everything before the damage arrives, then one error naming the file. */
    private void assertDamageReported(Path dir, int intact) {
        VirtualScheduler vs = new VirtualScheduler();
        ReplaySource<String> r = Chronicle.fromChronicle(dir, ExcerptCodec.utf8());
        r.withScheduler(vs);
        List<String> got = new ArrayList<>();
        r.sink(got::add);
        r.start();
        vs.runUntilIdle();
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
        int pos = indexOf(all, "element-500".getBytes(StandardCharsets.UTF_8)) - 12; // the excerpt's header
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
        int pos = indexOf(all, "element-300".getBytes(StandardCharsets.UTF_8)) - 12;
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(pos);
        }
        assertDamageReported(dir, 300);
    }
}
