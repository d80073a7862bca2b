package dev.streamz.chronicle;

import dev.streamz.VirtualScheduler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static dev.streamz.chronicle.TestJournals.expected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Pace modes, in virtual time. */
class PaceTest {
    private static final long MS = 1_000_000L;

    @TempDir
    Path tmp;
    private int journals;

    /** Replays and records the virtual time (ms since start) at which each element arrived. */
    private static List<Long> arrivalMillis(Path dir, ReplayOptions options, int n) {
        VirtualScheduler vs = new VirtualScheduler();
        ReplaySource<String> r = Chronicle.fromChronicle(dir, ExcerptCodec.utf8(), options);
        r.withScheduler(vs);
        long start = vs.now();
        List<Long> at = new ArrayList<>();
        List<String> got = new ArrayList<>();
        r.sink(x -> {
            got.add(x);
            at.add((vs.now() - start) / MS);
        });
        r.start();
        finish(vs, r);
        assertEquals(expected(0, n), got);
        assertTrue(r.isStopped());
        return at;
    }

    /** Moves virtual time on until the replay stops (at most a virtual minute). */
    static void finish(VirtualScheduler vs, ReplaySource<?> r) {
        for (int i = 0; i < 6000 && !r.isStopped(); i++) {
            vs.advanceBy(Duration.ofMillis(10));
        }
        vs.runUntilIdle();
        assertTrue(r.isStopped(), "the replay did not finish");
    }

    /** A journal whose excerpts were appended at 0, 100, 300, 700 and 1500 ms. */
    private Path uneven() {
        Path dir = tmp.resolve("uneven-" + (journals++));
        TestJournals.StepClock clock = new TestJournals.StepClock(0);
        dev.streamz.Stream<String> s = dev.streamz.Stream.create();
        long[] offsets = {0, 100, 300, 700, 1500};
        try (JournalSink<String> j = Chronicle.sinkToChronicle(s, dir, ExcerptCodec.utf8(),
                JournalOptions.defaults().clock(clock))) {
            for (int i = 0; i < offsets.length; i++) {
                clock.next.set(TestJournals.T0 + offsets[i] * MS);
                s.emit("element-" + i);
            }
            assertEquals(offsets.length, j.appended());
        }
        return dir;
    }

    @Test
    void originalPaceKeepsTheJournalsTiming() {
        assertEquals(List.of(0L, 100L, 300L, 700L, 1500L),
                arrivalMillis(uneven(), ReplayOptions.defaults().pace(Pace.original(1.0)), 5));
    }

    @Test
    void originalPaceScaledBySpeed() {
        assertEquals(List.of(0L, 50L, 150L, 350L, 750L),
                arrivalMillis(uneven(), ReplayOptions.defaults().pace(Pace.original(2.0)), 5));
        assertEquals(List.of(0L, 1000L, 3000L, 7000L, 15000L),
                arrivalMillis(uneven(), ReplayOptions.defaults().pace(Pace.original(0.1)), 5));
    }

    @Test
    void fixedRateIgnoresTheJournalsTiming() {
        assertEquals(List.of(0L, 250L, 500L, 750L, 1000L),
                arrivalMillis(uneven(), ReplayOptions.defaults().pace(Pace.fixedRate(4)), 5));
    }

    @Test
    void asFastAsAcceptedTakesNoVirtualTime() {
        assertEquals(List.of(0L, 0L, 0L, 0L, 0L), arrivalMillis(uneven(), ReplayOptions.defaults(), 5));
    }

    @Test
    void asFastAsAcceptedFollowsBackPressure() {
        // A rate limit of one element per second downstream: the replay must wait for it, reading nothing ahead.
        Path dir = tmp.resolve("j");
        TestJournals.write(dir, 10, 0, RollCycle.DAILY);
        VirtualScheduler vs = new VirtualScheduler();
        ReplaySource<String> r = Chronicle.fromChronicle(dir, ExcerptCodec.utf8());
        r.withScheduler(vs);
        List<String> got = new ArrayList<>();
        r.rateLimit(Duration.ofSeconds(1)).sink(got::add);
        r.start();
        vs.advanceBy(Duration.ofMillis(3500));
        assertEquals(expected(0, 4), got);
        assertTrue(r.replayed() <= 5, "read ahead of the pipeline: " + r.replayed());
        finish(vs, r);
        assertEquals(expected(0, 10), got);
    }

    @Test
    void pacedReplayCanBeStoppedWhileWaiting() {
        VirtualScheduler vs = new VirtualScheduler();
        ReplaySource<String> r = Chronicle.fromChronicle(uneven(), ExcerptCodec.utf8(),
                ReplayOptions.defaults().pace(Pace.original(1.0)));
        r.withScheduler(vs);
        List<String> got = new ArrayList<>();
        r.sink(got::add);
        r.start();
        vs.advanceBy(Duration.ofMillis(150));
        r.stop();
        vs.runUntilIdle();
        assertEquals(expected(0, 2), got);
        assertTrue(r.completion().isDone());
    }

    @Test
    void paceArgumentsAreValidated() {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> Pace.original(0));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> Pace.original(Double.NaN));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> Pace.fixedRate(-1));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> ReplayOptions.defaults().limit(-1));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> ReplayOptions.defaults().checkpoint("../escape"));
    }
}
