package dev.streamz.cli;

import dev.streamz.Scheduler;
import dev.streamz.Schedulers;
import dev.streamz.Stream;
import dev.streamz.StreamException;
import dev.streamz.chronicle.Chronicle;
import dev.streamz.chronicle.ExcerptCodec;
import dev.streamz.chronicle.From;
import dev.streamz.chronicle.JournalInfo;
import dev.streamz.chronicle.JournalOptions;
import dev.streamz.chronicle.JournalSink;
import dev.streamz.chronicle.Pace;
import dev.streamz.chronicle.ReplayOptions;
import dev.streamz.chronicle.ReplaySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The demo section for Chronicle Queue journals: record orders into a journal, inspect it, replay it from a
 * time at ten times the original pace, and resume a named replay from its checkpoint.
 */
final class JournalDemo {
    /** The section, appended to {@link Demos#SECTIONS}. */
    static final DemoSection SECTION = new DemoSection("journal",
            "record a stream into a Chronicle Queue journal, replay it from a time, resume from a checkpoint",
            JournalDemo::run);

    private static final long T0 = Instant.parse("2026-01-01T09:00:00Z").getEpochSecond() * 1_000_000_000L;

    private JournalDemo() {
    }

    static void run(Narrator n) {
        Path dir;
        try {
            dir = Files.createTempDirectory("streamz-journal-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            record(n, dir);
            replay(n, dir);
            resume(n, dir);
        } finally {
            delete(dir);
        }
    }

    private static void record(Narrator n, Path dir) {
        n.code("Stream<String> orders = Stream.create();",
               "JournalSink<String> journal = Chronicle.sinkToChronicle(orders, dir, ExcerptCodec.utf8(),",
               "        JournalOptions.defaults().clock(clock));   // each excerpt keeps its append time");
        n.say("Ten orders arrive 100 ms apart (the clock is simulated so the demo does not wait).");
        AtomicLong clock = new AtomicLong(T0);
        Stream<String> orders = Stream.create();
        try (JournalSink<String> journal = Chronicle.sinkToChronicle(orders, dir, ExcerptCodec.utf8(),
                JournalOptions.defaults().clock(clock::get))) {
            for (int i = 1; i <= 10; i++) {
                String order = "order " + i + ": buy " + (i * 10) + " @ " + (100 + i);
                orders.emit(order);
                clock.addAndGet(100_000_000L);
            }
            n.event("appended " + journal.appended() + " excerpts, last index " + journal.lastIndex());
        }
        JournalInfo info = Chronicle.inspect(dir);
        n.event("inspect: " + info.count() + " excerpts from " + info.firstTime() + " to " + info.lastTime() + ", "
                + info.payloadBytes() + " payload bytes");
    }

    private static void replay(Narrator n, Path dir) {
        n.code("ReplaySource<String> replay = Chronicle.fromChronicle(dir, ExcerptCodec.utf8(),",
               "        From.time(Instant.parse(\"2026-01-01T09:00:00.550Z\")), Pace.original(10));",
               "replay.sink(order -> print(order));",
               "replay.start();");
        n.say("From 09:00:00.550 the replay starts at order 7; at ten times the original pace the 100 ms gaps");
        n.say("become 10 ms, measured here on the real event loop.");
        List<StreamException> errors = new CopyOnWriteArrayList<>();
        Scheduler loop = Schedulers.newEventLoop("streamz-demo-journal", errors::add);
        ReplaySource<String> replay = Chronicle.fromChronicle(dir, ExcerptCodec.utf8(),
                From.time(Instant.parse("2026-01-01T09:00:00.550Z")), Pace.original(10));
        replay.withScheduler(loop);
        long t0 = System.nanoTime();
        List<String> lines = new ArrayList<>();
        replay.sink(order -> lines.add(String.format("+%3d ms  %s", (System.nanoTime() - t0) / 1_000_000, order)));
        replay.start();
        await(replay);
        for (String l : lines) {
            n.event(l);
        }
        n.say("replayed " + replay.replayed() + " orders" + (errors.isEmpty() ? "" : ", errors: " + errors));
    }

    private static void resume(Narrator n, Path dir) {
        n.code("ReplayOptions named = ReplayOptions.defaults().checkpoint(\"rebuild\");",
               "Chronicle.fromChronicle(dir, ExcerptCodec.utf8(), named.limit(4))   // a run that stops early",
               "Chronicle.fromChronicle(dir, ExcerptCodec.utf8(), named)            // resumes after order 4");
        ReplayOptions named = ReplayOptions.defaults().checkpoint("rebuild");
        for (ReplayOptions options : List.of(named.limit(4), named)) {
            Scheduler loop = Schedulers.newEventLoop("streamz-demo-journal", e -> n.event("error: " + e.getMessage()));
            ReplaySource<String> r = Chronicle.fromChronicle(dir, ExcerptCodec.utf8(), options);
            r.withScheduler(loop);
            List<String> got = new ArrayList<>();
            r.sink(got::add);
            r.start();
            await(r);
            n.event("run: " + got.size() + " orders, from '" + (got.isEmpty() ? "-" : got.get(0)) + "'; checkpoint now at index "
                    + r.checkpoint().map(String::valueOf).orElse("-"));
        }
        n.say("Each order's metadata carried a RefCounter; the checkpoint is the last order every holder released.");
    }

    private static void await(ReplaySource<?> r) {
        try {
            r.completion().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the demo replay did not finish: " + e, e);
        }
    }

    private static void delete(Path dir) {
        try (java.util.stream.Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException ignored) {
            // a temporary directory; nothing more to do
        }
    }
}
