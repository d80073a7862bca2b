package dev.streamz.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

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
        return run(Map.of("JAVA_HOME", System.getProperty("java.home")), "bash", "streamz", args);
    }

    /** Runs a script of the repository with {@code shell}, the test's environment changed by {@code env}. */
    private static Run run(Map<String, String> env, String shell, String scriptName, String... args)
            throws IOException, InterruptedException {
        Path script = repoRoot().resolve(scriptName);
        assertTrue(Files.isExecutable(script), script + " must exist and be executable");
        List<String> command = new ArrayList<>(List.of(shell, script.toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("streamz-launcher", ".out");
        Path err = Files.createTempFile("streamz-launcher", ".err");
        try {
            ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
            pb.environment().put("STREAMZ_SKIP_BUILD", "1");
            pb.environment().remove("STREAMZ_JAVA_OPTS");
            pb.environment().remove("STREAMZ_JDK_DIRS");
            pb.environment().putAll(env);
            Process p = pb.start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(scriptName + " " + String.join(" ", args) + " did not finish in 120 s");
            }
            // The JDK prints this notice for every JVM started with an incubator module; the frame kernels
            // need jdk.incubator.vector, so the launcher adds it. Everything else on stderr is ours.
            String stderr = Files.readString(err, StandardCharsets.UTF_8)
                    .replace("WARNING: Using incubator modules: jdk.incubator.vector\n", "");
            return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), stderr);
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
    void journalDemoRunsThroughTheScriptWithoutASecondJvmOrAnSlf4jWarning() throws Exception {
        Run r = launch("demo", "journal");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("replayed ") && r.out().contains(" orders"), r.out());
        assertTrue(!r.err().contains("SLF4J"), r.err());
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
            assertEquals(50, j.appended());
        }
        Run r = launch("replay", dir.toString(), "--limit", "3", "--format", "json");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("  excerpts: 50"), r.out());
        assertTrue(r.out().contains("\"value\":\"line 0\"}") && r.out().contains("\"value\":\"line 2\"}")
                && !r.out().contains("line 3"), r.out());
        assertTrue(r.out().contains("replayed 3 excerpts"), r.out());
        assertTrue(r.err().contains("replay: 3/3 excerpts"), r.err());
        // Started on the class path at once (no second JVM), and SLF4J has a provider (no warning).
        assertTrue(!r.err().contains("SLF4J"), r.err());
    }

    // ---------------------------------------------------------------------------------------------
    // Finding the JDK (.mvn/streamz-env.sh, shared by ./streamz and ./mvnw), with fake JDK homes: a fake
    // java prints how it was called, so the test sees which JDK the launcher chose, and nothing real runs.

    /** Makes a fake JDK home: a release file with {@code version}, and java/javac that print their path. */
    private static Path fakeJdk(Path home, String version) throws IOException {
        Files.createDirectories(home.resolve("bin"));
        Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"test\"\nJAVA_VERSION=\"" + version + "\"\n");
        for (String tool : List.of("java", "javac")) {
            Path t = home.resolve("bin").resolve(tool);
            Files.writeString(t, "#!/bin/sh\necho \"ran $0 $*\"\n");
            Files.setPosixFilePermissions(t, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        return home;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** An environment where the only JDKs are fakes: JAVA_HOME and the java on the PATH are {@code old}. */
    private static Map<String, String> onlyFakeJdks(Path old, Path installFolder) {
        return Map.of("JAVA_HOME", old.toString(),
                "STREAMZ_JDK_DIRS", installFolder.toString(),
                "PATH", old.resolve("bin") + ":" + System.getenv("PATH"));
    }

    @Test
    void withoutAJdk25BothLaunchersSayWhatToInstallAndExit1() throws Exception {
        Path tmp = Files.createTempDirectory("streamz-nojdk");
        try {
            Path jdk17 = fakeJdk(tmp.resolve("jdk-17"), "17.0.2");
            fakeJdk(tmp.resolve("jvm/jdk-21"), "21.0.1");
            fakeJdk(tmp.resolve("jvm/jdk-1.8"), "1.8.0_402");
            Map<String, String> env = onlyFakeJdks(jdk17, tmp.resolve("jvm"));

            Run streamz = run(env, "bash", "streamz", "--help");
            Run mvnw = run(env, "sh", "mvnw", "-v");

            assertEquals(1, streamz.code(), streamz.err());
            assertEquals("", streamz.out());
            assertTrue(streamz.err().startsWith("streamz: no JDK 25 or newer found."), streamz.err());
            assertTrue(streamz.err().contains("Install a JDK 25"), streamz.err());
            assertTrue(streamz.err().contains(jdk17.toString()), "names the JAVA_HOME it rejected: " + streamz.err());
            assertEquals(1, mvnw.code(), mvnw.err());
            assertEquals("", mvnw.out(), "Maven never started");
            assertEquals(streamz.err(), mvnw.err(), "the same message from both launchers");
        } finally {
            deleteTree(tmp);
        }
    }

    @Test
    void theOldestJdk25OrNewerInTheInstallFoldersWinsOverAnOldJavaHome() throws Exception {
        Path tmp = Files.createTempDirectory("streamz-jdks");
        try {
            Path jdk17 = fakeJdk(tmp.resolve("jdk-17"), "17.0.2");
            fakeJdk(tmp.resolve("jvm/jdk-26"), "26-ea");
            Path jdk25 = fakeJdk(tmp.resolve("jvm/jdk-25"), "25.0.1");
            fakeJdk(tmp.resolve("jvm/jdk-21"), "21.0.1");

            Run r = run(onlyFakeJdks(jdk17, tmp.resolve("jvm")), "bash", "streamz", "--help");

            assertEquals(0, r.code(), r.err());
            assertTrue(r.out().startsWith("ran " + jdk25.resolve("bin/java") + " "), r.out());
            assertTrue(r.out().contains(" --enable-native-access=ALL-UNNAMED "), "the pom's JVM flags: " + r.out());
            assertTrue(r.out().contains(" -cp ") && r.out().trim().endsWith(" dev.streamz.cli.Main --help"),
                    "on the class path: " + r.out());
        } finally {
            deleteTree(tmp);
        }
    }

    @Test
    void aJavaHomeOf25OrNewerIsUsedAsItIs() throws Exception {
        Path tmp = Files.createTempDirectory("streamz-jdks");
        try {
            Path jdk26 = fakeJdk(tmp.resolve("jdk-26"), "26");
            fakeJdk(tmp.resolve("jvm/jdk-25"), "25.0.1");
            Map<String, String> env = Map.of("JAVA_HOME", jdk26.toString(), "STREAMZ_JDK_DIRS", tmp.resolve("jvm").toString());

            Run r = run(env, "bash", "streamz", "demo");

            assertEquals(0, r.code(), r.err());
            assertTrue(r.out().startsWith("ran " + jdk26.resolve("bin/java") + " "), r.out());
        } finally {
            deleteTree(tmp);
        }
    }
}
