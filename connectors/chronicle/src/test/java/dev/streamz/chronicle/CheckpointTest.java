package dev.streamz.chronicle;

import dev.streamz.RefCounter;
import dev.streamz.VirtualScheduler;
import dev.streamz.chronicle.internal.CommitTracker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static dev.streamz.chronicle.TestJournals.expected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Named replays: RefCounter per excerpt, in-order commit, resume after restart. */
class CheckpointTest {
    @TempDir
    Path tmp;

    @Test
    void everyExcerptCarriesARefCounter() {
        Path dir = tmp.resolve("j");
        TestJournals.write(dir, 5, 1, RollCycle.DAILY);
        VirtualScheduler vs = new VirtualScheduler();
        ReplaySource<String> r = Chronicle.fromChronicle(dir, ExcerptCodec.utf8(),
                ReplayOptions.defaults().checkpoint("refs"));
        r.withScheduler(vs);
        List<Object> refs = new ArrayList<>();
        r.sinkWithMetadata((x, md) -> refs.add(md.get(0).get(RefCounter.METADATA_KEY)));
        r.start();
        vs.runUntilIdle();
        assertEquals(5, refs.size());
        for (Object o : refs) {
            assertTrue(o instanceof RefCounter rc && rc.fired(), String.valueOf(o));
        }
    }

    @Test
    void checkpointIsTheLastExcerptEveryHolderReleasedAndARestartResumesAfterIt() {
        Path dir = tmp.resolve("j");
        List<Long> indices = TestJournals.write(dir, 10, 1, RollCycle.DAILY);
        ReplayOptions named = ReplayOptions.defaults().checkpoint("rebuild");

        // partition(3) holds elements until a window is full: after 10 elements, 9 are released, 1 held.
        VirtualScheduler vs = new VirtualScheduler();
        ReplaySource<String> r = Chronicle.fromChronicle(dir, ExcerptCodec.utf8(), named);
        r.withScheduler(vs);
        List<List<String>> windows = new ArrayList<>();
        r.partition(3).sink(windows::add);
        r.start();
        vs.runUntilIdle();
        assertEquals(3, windows.size());
        assertEquals(Long.valueOf(indices.get(8)), r.checkpoint().orElseThrow());

        // A restart with the same name resumes after the checkpoint: element 9, which was never released.
        assertEquals(expected(9, 10), TestJournals.replay(dir, named));
        // That run released it: the checkpoint is now the last excerpt, and another restart replays nothing.
        assertEquals(List.of(), TestJournals.replay(dir, named));
        // An unnamed replay, or another name, still starts at the beginning.
        assertEquals(expected(0, 10), TestJournals.replay(dir, ReplayOptions.defaults()));
        assertEquals(expected(0, 10), TestJournals.replay(dir, ReplayOptions.defaults().checkpoint("other")));
    }

    @Test
    void outOfOrderReleasesCommitOnlyThePrefix() {
        Path dir = tmp.resolve("j");
        List<Long> indices = TestJournals.write(dir, 6, 1, RollCycle.DAILY);
        VirtualScheduler vs = new VirtualScheduler();
        ReplaySource<String> r = Chronicle.fromChronicle(dir, ExcerptCodec.utf8(),
                ReplayOptions.defaults().checkpoint("ooo").checkpointDir(tmp.resolve("checkpoints")));
        r.withScheduler(vs);
        List<RefCounter> held = new ArrayList<>();
        r.sinkWithMetadata((x, md) -> {
            RefCounter rc = (RefCounter) md.get(0).get(RefCounter.METADATA_KEY);
            rc.retain(); // a holder that keeps every element
            held.add(rc);
        });
        r.start();
        vs.runUntilIdle();
        assertEquals(6, held.size());
        assertTrue(r.checkpoint().isEmpty());
        held.get(2).release();
        held.get(1).release();
        assertTrue(r.checkpoint().isEmpty(), "excerpt 0 is still held");
        held.get(0).release();
        assertEquals(Long.valueOf(indices.get(2)), r.checkpoint().orElseThrow());
        held.get(5).release();
        held.get(3).release();
        assertEquals(Long.valueOf(indices.get(3)), r.checkpoint().orElseThrow());
        held.get(4).release();
        assertEquals(Long.valueOf(indices.get(5)), r.checkpoint().orElseThrow());
        assertTrue(java.nio.file.Files.exists(tmp.resolve("checkpoints").resolve("ooo.streamz-checkpoint")));
    }

    @Test
    void commitTrackerMatchesASortedModelUnderRandomReleaseOrder() {
        Random random = new Random(12);
        for (int round = 0; round < 50; round++) {
            List<Long> commits = new ArrayList<>();
            CommitTracker t = new CommitTracker(commits::add);
            int n = 1 + random.nextInt(500);
            List<Long> seqs = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                seqs.add(t.register(1000 + i));
            }
            java.util.Collections.shuffle(seqs, random);
            boolean[] released = new boolean[n];
            int prefix = 0;
            for (long s : seqs) {
                t.release(s);
                released[(int) s] = true;
                int before = prefix;
                while (prefix < n && released[prefix]) {
                    prefix++;
                }
                if (prefix > before) {
                    assertEquals(1000L + prefix - 1, commits.get(commits.size() - 1));
                }
            }
            assertEquals(0, t.inFlight());
            assertEquals(1000L + n - 1, commits.get(commits.size() - 1));
        }
    }

    @Test
    void metadataIsTheOnlyCostOfCheckpoints() {
        Path dir = tmp.resolve("j");
        TestJournals.write(dir, 3, 1, RollCycle.DAILY);
        VirtualScheduler vs = new VirtualScheduler();
        ReplaySource<String> plain = Chronicle.fromChronicle(dir, ExcerptCodec.utf8());
        plain.withScheduler(vs);
        List<List<Map<String, Object>>> mds = new ArrayList<>();
        plain.sinkWithMetadata((x, md) -> mds.add(md));
        plain.start();
        vs.runUntilIdle();
        assertEquals(3, mds.size());
        assertTrue(mds.stream().allMatch(List::isEmpty), "an unnamed replay emits without metadata");
    }
}
