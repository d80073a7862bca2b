package dev.streamz.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs the real {@code ./streamz} script against the jar this build just packaged (failsafe runs it after
 * {@code package}). {@code STREAMZ_SKIP_BUILD=1} keeps the script from starting a nested Maven build, and
 * {@code JAVA_HOME} is the JDK running this test, so the result does not depend on the machine's defaults.
 */
class LauncherIT {
    private record Run(int code, String out, String err) {
    }

    private static Path repoRoot() {
        Path module = Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
        return module.getParent();
    }

    private static Run launch(String... args) throws IOException, InterruptedException {
        Path script = repoRoot().resolve("streamz");
        assertTrue(Files.isExecutable(script), script + " must exist and be executable");
        List<String> command = new ArrayList<>(List.of("bash", script.toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("streamz-launcher", ".out");
        Path err = Files.createTempFile("streamz-launcher", ".err");
        try {
            ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
            pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
            pb.environment().put("STREAMZ_SKIP_BUILD", "1");
            pb.environment().remove("STREAMZ_JAVA_OPTS");
            Process p = pb.start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("./streamz " + String.join(" ", args) + " did not finish in 120 s");
            }
            return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    @Test
    void helpPrintsUsage() throws Exception {
        Run r = launch("--help");
        assertEquals(0, r.code(), r.err());
        assertEquals(Main.usage(), r.out());
        assertEquals("", r.err());
    }

    @Test
    void unknownCommandExits2WithUsageOnStderr() throws Exception {
        Run r = launch("frobnicate");
        assertEquals(2, r.code(), r.err());
        assertEquals("", r.out());
        assertEquals("streamz: unknown command 'frobnicate'\n" + Main.usage(), r.err());
    }

    @Test
    void demoRunsThroughTheScript() throws Exception {
        Run r = launch("demo", "crawler");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("  emit returned after the whole crawl: 6 pages, depth-first, in this order:"
                + " / /docs /docs/core /blog /blog/2025 /about\n"), r.out());
    }

    @Test
    void replayRunsThroughTheScriptOnAJournalTheTestWrites() throws Exception {
        Path dir = Files.createTempDirectory("streamz-launcher-journal");
        dev.streamz.Stream<String> s = dev.streamz.Stream.create();
        try (dev.streamz.chronicle.JournalSink<String> j = dev.streamz.chronicle.Chronicle.sinkToChronicle(s, dir,
                dev.streamz.chronicle.ExcerptCodec.utf8())) {
            for (int i = 0; i < 50; i++) {
                s.emit("line " + i);
            }
        }
        Run r = launch("replay", dir.toString(), "--limit", "3", "--format", "json");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("  excerpts: 50"), r.out());
        assertTrue(r.out().contains("\"value\":\"line 0\"}") && r.out().contains("\"value\":\"line 2\"}")
                && !r.out().contains("line 3"), r.out());
        assertTrue(r.out().contains("replayed 3 excerpts"), r.out());
        assertTrue(r.err().contains("replay: 3/3 excerpts"), r.err());
    }
}
