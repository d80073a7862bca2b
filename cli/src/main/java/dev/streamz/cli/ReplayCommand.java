package dev.streamz.cli;

import dev.streamz.GraphDescription;
import dev.streamz.Stream;
import dev.streamz.StreamException;
import dev.streamz.chronicle.Chronicle;
import dev.streamz.chronicle.ExcerptCodec;
import dev.streamz.chronicle.From;
import dev.streamz.chronicle.JournalInfo;
import dev.streamz.chronicle.Pace;
import dev.streamz.chronicle.ReplayOptions;
import dev.streamz.chronicle.ReplaySource;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code streamz replay DIR}: shows what a Chronicle Queue journal holds, then replays it through a printing
 * sink or a pipeline the user names, with a live progress line and a summary.
 */
final class ReplayCommand {
    /** Exit code of a replay that could not run or failed. */
    static final int FAILED = 1;

    private ReplayCommand() {
    }

    static String usage() {
        return """
                usage: streamz replay DIR [options]

                Shows what the Chronicle Queue journal in DIR holds (excerpts, first and last time, size), then
                replays it, printing each element, with a progress line (excerpts, rate, ETA) on stderr and a
                summary at the end.

                options:
                  --info                 only show what the journal holds
                  --from start|end|INDEX|TIME
                                         where to start: the first excerpt (default), the end, a Chronicle
                                         index (decimal or 0x hex), or an ISO-8601 time (2026-01-01T10:00:00Z)
                  --pace fast|original|original:X|rate:N
                                         as fast as accepted (default), the journal's own timing (X times
                                         faster), or N excerpts a second
                  --limit N              stop after N excerpts
                  --format text|json|none
                                         print each element as a line of text (default), as a JSON line
                                         {"n","index","time","value"}, or not at all
                  --codec utf8|bytes     decode payloads as UTF-8 text (default) or show them as hex bytes
                  --pipeline NAME        send the elements through the StreamPlugin NAME (found on the class
                                         path) and print what comes out of it
                  --checkpoint NAME      a named replay: resume after the last excerpt a previous run finished
                  --tail                 keep waiting for new excerpts at the end (stop with Ctrl-C)
                """;
    }

    static int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.isEmpty() || args.contains("--help") || args.contains("-h")) {
            (args.isEmpty() ? err : out).print(usage());
            return args.isEmpty() ? Main.USAGE : Main.OK;
        }
        Path dir = null;
        boolean infoOnly = false;
        ReplayOptions options = ReplayOptions.defaults();
        String format = "text";
        String codecName = "utf8";
        String pipeline = null;
        try {
            for (int i = 0; i < args.size(); i++) {
                String a = args.get(i);
                switch (a) {
                    case "--info" -> infoOnly = true;
                    case "--tail" -> options = options.tail(true);
                    case "--from" -> options = options.from(parseFrom(value(args, ++i, a)));
                    case "--pace" -> options = options.pace(parsePace(value(args, ++i, a)));
                    case "--limit" -> options = options.limit(Long.parseLong(value(args, ++i, a)));
                    case "--format" -> format = oneOf(value(args, ++i, a), a, "text", "json", "none");
                    case "--codec" -> codecName = oneOf(value(args, ++i, a), a, "utf8", "bytes");
                    case "--pipeline" -> pipeline = value(args, ++i, a);
                    case "--checkpoint" -> options = options.checkpoint(value(args, ++i, a));
                    default -> {
                        if (a.startsWith("--") || dir != null) {
                            throw new IllegalArgumentException("unknown argument '" + a + "'");
                        }
                        dir = Path.of(a);
                    }
                }
            }
            if (dir == null) {
                throw new IllegalArgumentException("no journal directory given");
            }
        } catch (IllegalArgumentException e) {
            err.println("streamz replay: " + e.getMessage());
            err.print(usage());
            return Main.USAGE;
        }

        JournalInfo info;
        try {
            info = Chronicle.inspect(dir);
        } catch (RuntimeException e) {
            err.println("streamz replay: " + e.getMessage());
            return FAILED;
        }
        printInfo(info, out);
        if (infoOnly) {
            return Main.OK;
        }
        return replay(dir, info, options, format, codecName, pipeline, out, err);
    }

    private static String value(List<String> args, int i, String option) {
        if (i >= args.size()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args.get(i);
    }

    private static String oneOf(String v, String option, String... allowed) {
        for (String a : allowed) {
            if (a.equals(v)) {
                return v;
            }
        }
        throw new IllegalArgumentException(option + " must be one of " + String.join(", ", allowed) + ", got '" + v + "'");
    }

    static From parseFrom(String v) {
        if (v.equals("start")) {
            return From.start();
        }
        if (v.equals("end")) {
            return From.end();
        }
        if (v.startsWith("0x")) {
            return From.index(Long.parseUnsignedLong(v.substring(2), 16));
        }
        if (v.chars().allMatch(Character::isDigit) && !v.isEmpty()) {
            return From.index(Long.parseLong(v));
        }
        try {
            return From.time(Instant.parse(v));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--from must be start, end, an index or an ISO-8601 time, got '" + v + "'");
        }
    }

    static Pace parsePace(String v) {
        try {
            if (v.equals("fast")) {
                return Pace.asFastAsAccepted();
            }
            if (v.equals("original")) {
                return Pace.original(1.0);
            }
            if (v.startsWith("original:")) {
                return Pace.original(Double.parseDouble(v.substring("original:".length())));
            }
            if (v.startsWith("rate:")) {
                return Pace.fixedRate(Double.parseDouble(v.substring("rate:".length())));
            }
        } catch (NumberFormatException e) {
            // fall through to the message below
        }
        throw new IllegalArgumentException("--pace must be fast, original, original:X or rate:N, got '" + v + "'");
    }

    private static void printInfo(JournalInfo info, PrintStream out) {
        out.println("journal " + info.dir());
        out.println("  excerpts: " + info.count());
        if (info.count() > 0) {
            out.println("  first:    " + info.firstTime() + "  (index " + info.firstIndex() + ")");
            out.println("  last:     " + info.lastTime() + "  (index " + info.lastIndex() + ")");
        }
        out.println("  size:     " + info.payloadBytes() + " payload bytes in " + info.cycleFiles().size()
                + " cycle file" + (info.cycleFiles().size() == 1 ? "" : "s") + " (" + info.fileBytes()
                + " bytes on disk, pre-allocated)");
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int replay(Path dir, JournalInfo info, ReplayOptions options, String format, String codecName,
                              String pipeline, PrintStream out, PrintStream err) {
        List<StreamException> errors = new CopyOnWriteArrayList<>();
        dev.streamz.Scheduler loop = dev.streamz.Schedulers.newEventLoop("streamz-replay", errors::add);
        ExcerptCodec<?> codec = codecName.equals("bytes") ? ExcerptCodec.bytes() : ExcerptCodec.utf8();
        ReplaySource<Object> r = (ReplaySource<Object>) (ReplaySource) Chronicle.fromChronicle(dir, codec, options);
        r.withScheduler(loop);
        Stream<Object> tail = r;
        if (pipeline != null) {
            try {
                tail = r.plugin(pipeline);
            } catch (RuntimeException e) {
                err.println("streamz replay: no pipeline '" + pipeline + "': " + e.getMessage()
                        + " (plugins found: " + Stream.pluginNames() + ")");
                return Main.USAGE;
            }
        }
        long[] printed = {0};
        if (!format.equals("none")) {
            boolean json = format.equals("json");
            tail.sink(x -> {
                printed[0]++;
                String v = x instanceof byte[] b ? HexFormat.of().formatHex(b) : String.valueOf(x);
                if (json) {
                    out.println("{\"n\":" + printed[0] + ",\"index\":" + r.lastIndex() + ",\"time\":\""
                            + Instant.ofEpochSecond(0, r.lastTimeNanos()) + "\",\"value\":" + GraphDescription.jsonString(v) + "}");
                } else {
                    out.println(v);
                }
            });
        }
        long expected = options.from() instanceof From.Start && options.checkpointName() == null
                ? Math.min(info.count(), options.limit()) : -1;
        long t0 = System.nanoTime();
        try {
            r.start();
        } catch (StreamException e) {
            err.println("streamz replay: " + e.getMessage());
            return FAILED;
        }
        boolean failed = false;
        try {
            while (true) {
                try {
                    r.completion().get(200, TimeUnit.MILLISECONDS);
                    break;
                } catch (TimeoutException e) {
                    progress(err, r.replayed(), expected, System.nanoTime() - t0);
                }
            }
        } catch (ExecutionException e) {
            failed = true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            r.stop();
            failed = true;
        }
        long elapsed = System.nanoTime() - t0;
        progress(err, r.replayed(), expected, elapsed);
        err.println();
        for (StreamException e : errors) {
            err.println("streamz replay: " + e.getMessage());
        }
        double secs = Math.max(elapsed, 1) / 1e9;
        out.printf("replayed %d excerpts in %.3f s (%.0f excerpts/s)%s%s%n", r.replayed(), secs, r.replayed() / secs,
                r.failedExcerpts() > 0 ? ", " + r.failedExcerpts() + " skipped with errors" : "",
                r.lastIndex() >= 0 ? ", last index " + r.lastIndex() : "");
        if (failed || r.failure().isPresent()) {
            out.println("replay FAILED: " + r.failure().map(Throwable::getMessage).orElse("interrupted"));
            return FAILED;
        }
        return Main.OK;
    }

    private static void progress(PrintStream err, long done, long expected, long elapsedNanos) {
        double secs = Math.max(elapsedNanos, 1) / 1e9;
        double rate = done / secs;
        String eta = expected < 0 ? "?" : rate <= 0 ? "?" : String.format("%.1f s", Math.max(0, expected - done) / rate);
        err.print("\rreplay: " + done + (expected >= 0 ? "/" + expected : "") + " excerpts, "
                + String.format("%.0f", rate) + " excerpts/s, ETA " + eta + "   ");
        err.flush();
    }
}
