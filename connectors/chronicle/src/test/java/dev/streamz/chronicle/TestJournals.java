package dev.streamz.chronicle;

import dev.streamz.Stream;
import dev.streamz.VirtualScheduler;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** Writes journals with a controlled clock and replays them on a virtual scheduler. */
final class TestJournals {
    /** 2026-01-01T00:00:00Z, in nanoseconds since the epoch: the clock of written journals starts here. */
    static final long T0 = Instant.parse("2026-01-01T00:00:00Z").getEpochSecond() * 1_000_000_000L;

    private TestJournals() {
    }

    /** A clock that returns {@link #T0} + i × {@code stepNanos} on its i-th call. */
    static final class StepClock implements java.util.function.LongSupplier {
        final AtomicLong next;
        final long step;

        StepClock(long step) {
            this.next = new AtomicLong(T0);
            this.step = step;
        }

        @Override
        public long getAsLong() {
            return next.get();
        }

        void advance() {
            next.addAndGet(step);
        }
    }

    /** Writes "element-0" ... with append times T0 + i × stepNanos. */
    static List<Long> write(Path dir, int n, long stepNanos, RollCycle roll) {
        return write(dir, n, stepNanos, roll, JournalOptions.CHECKSUM_DEFAULT);
    }

    /** The same, with or without checksums. */
    static List<Long> write(Path dir, int n, long stepNanos, RollCycle roll, boolean checksum) {
        StepClock clock = new StepClock(stepNanos);
        Stream<String> s = Stream.create();
        List<Long> indices = new ArrayList<>();
        try (JournalSink<String> j = Chronicle.sinkToChronicle(s, dir, ExcerptCodec.utf8(),
                JournalOptions.defaults().rollCycle(roll).clock(clock).checksum(checksum))) {
            for (int i = 0; i < n; i++) {
                s.emit("element-" + i);
                indices.add(j.lastIndex());
                clock.advance();
            }
        }
        return indices;
    }

    static List<String> expected(int from, int to) {
        List<String> l = new ArrayList<>();
        for (int i = from; i < to; i++) {
            l.add("element-" + i);
        }
        return l;
    }

    /** Replays fully on a new virtual scheduler; returns what the sink received. */
    static List<String> replay(Path dir, ReplayOptions options) {
        VirtualScheduler vs = new VirtualScheduler();
        ReplaySource<String> r = Chronicle.fromChronicle(dir, ExcerptCodec.utf8(), options);
        r.withScheduler(vs);
        List<String> got = new ArrayList<>();
        r.sink(got::add);
        r.start();
        vs.runUntilIdle();
        if (!vs.errors().isEmpty()) {
            throw new AssertionError("replay reported errors: " + vs.errors());
        }
        return got;
    }
}
