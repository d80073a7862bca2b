package dev.streamz.cli;

import dev.streamz.Source;
import dev.streamz.Stream;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Demo sections that run on the real event loop: time-based operators over a file being appended to. */
final class TimeDemos {
    /** Lines the writer appends. */
    static final int LINES = 60;

    private TimeDemos() {
    }

    /**
     * Tails a log file that a writer thread appends to, rate-limits the parsed values and sums them per
     * 250 ms window, with a live progress line when the output is a terminal.
     */
    static void tail(Narrator n) {
        n.code("Source<String> lines = Stream.fromTextFile(log, \"20ms\", \"\\n\", false);",
               "lines.map(line -> Integer.parseInt(line.strip().split(\"=\")[1]))",
               "     .rateLimit(\"10ms\")                  // at most 100 values a second",
               "     .timedWindow(\"250ms\")               // a list of what arrived in each 250 ms",
               "     .sink(window -> print(window.size() + \" values, sum \" + sum(window)));",
               "lines.start();");
        n.say("A writer thread appends " + LINES + " lines (\"event i value=i\"), one every 5 ms, while the source");
        n.say("tails the file. All of it runs on the default event loop; the demo waits for the last value.");
        Path log;
        try {
            log = Files.createTempFile("streamz-demo-", ".log");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        boolean live = System.console() != null && n.out() == System.out;
        AtomicInteger seen = new AtomicInteger();
        AtomicInteger windows = new AtomicInteger();
        CountDownLatch all = new CountDownLatch(LINES);
        Source<String> lines = Stream.fromTextFile(log, "20ms", "\n", false);
        Stream<List<Integer>> windowed = lines.map(line -> Integer.parseInt(line.strip().split("=")[1]))
                .rateLimit("10ms")
                .timedWindow("250ms");
        windowed.sink(window -> {
            if (window.isEmpty()) {
                return;
            }
            int total = seen.addAndGet(window.size());
            int sum = window.stream().mapToInt(Integer::intValue).sum();
            windows.incrementAndGet();
            if (live) {
                n.out().print("\r    progress: " + total + "/" + LINES + " values in " + windows.get()
                        + " windows (last: " + window.size() + " values, sum " + sum + ")   ");
                n.out().flush();
            } else {
                n.event("window: " + window.size() + " values, sum " + sum + "  (" + total + "/" + LINES + ")");
            }
            for (int i = 0; i < window.size(); i++) {
                all.countDown();
            }
        });
        lines.start();
        Thread writer = Thread.ofPlatform().name("streamz-demo-writer").daemon().start(() -> append(log));
        try {
            boolean done = all.await(30, TimeUnit.SECONDS);
            writer.join(TimeUnit.SECONDS.toMillis(5));
            if (live) {
                n.out().println();
            }
            n.say(done ? "all " + LINES + " values arrived, in " + windows.get() + " non-empty windows; sum of all "
                    + (LINES * (LINES + 1) / 2)
                    : "timed out after " + seen.get() + " of " + LINES + " values");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lines.stop();
            windowed.destroy(); // stops the window's timer
            try {
                Files.deleteIfExists(log);
            } catch (IOException ignored) {
                // a temp file; nothing to do
            }
        }
    }

    private static void append(Path log) {
        try {
            for (int i = 1; i <= LINES; i++) {
                Files.writeString(log, "event " + i + " value=" + i + "\n", StandardCharsets.UTF_8,
                        StandardOpenOption.APPEND);
                Thread.sleep(5); // a producer that writes over time, which is the point of the demo
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
