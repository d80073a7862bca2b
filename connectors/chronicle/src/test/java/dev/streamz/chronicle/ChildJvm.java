package dev.streamz.chronicle;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Starts a test's child JVM with this JVM's flags and class path, and reads its output. */
final class ChildJvm {
    private ChildJvm() {
    }

    /**
     * @param extraFlags JVM flags added after this JVM's own (the parent pom's list, minus agents)
     * @param main the class whose {@code main} runs
     * @param args its arguments
     * @return the started process, stderr merged into stdout
     */
    static Process start(List<String> extraFlags, Class<?> main, String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElseThrow());
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (!a.startsWith("-javaagent") && !a.startsWith("-agentlib")) {
                cmd.add(a);
            }
        }
        cmd.add("-Xmx128m");
        cmd.addAll(extraFlags);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(main.getName());
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true).start();
    }

    /** Reads the child's output until a line starts with {@code prefix}; returns that line. */
    static String awaitLine(Process p, BufferedReader out, String prefix) throws Exception {
        String line;
        while ((line = out.readLine()) != null) {
            if (line.startsWith(prefix)) {
                return line;
            }
        }
        throw new AssertionError("the child exited (" + p.waitFor() + ") before printing '" + prefix + "'");
    }

    static BufferedReader reader(Process p) {
        return new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    }
}
