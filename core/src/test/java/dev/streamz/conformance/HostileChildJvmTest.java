package dev.streamz.conformance;

import org.junit.jupiter.api.Test;

import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sources under hostile input in a real child JVM with a small heap (docs/conformance.md I23, I25, I26):
 * the limits, not a large heap, keep the child alive. The child runs with {@code -XX:+ExitOnOutOfMemoryError}
 * (where an out-of-memory is not the point of the test), so any {@code OutOfMemoryError} anywhere ends it
 * with a non-zero exit code. Loopback sockets only; every wait on the child is bounded.
 */
class HostileChildJvmTest {
    private static final long WAIT_NANOS = TimeUnit.SECONDS.toNanos(90);

    /** A running child: its output lines, its input for commands. */
    private record Child(Process process, BufferedReader out, PrintStream in, List<String> reports) {
        /** Reads lines until one starts with {@code prefix} (collecting reports); returns it. */
        String await(String prefix) throws IOException, InterruptedException {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("report ")) {
                    reports.add(line);
                } else if (line.startsWith(prefix)) {
                    return line;
                }
            }
            throw new AssertionError("the child exited (" + process.waitFor() + ") before printing '" + prefix
                    + "'; reports: " + reports);
        }

        Map<String, Long> stats() throws IOException, InterruptedException {
            in.println("stats");
            in.flush();
            Map<String, Long> m = new HashMap<>();
            for (String kv : await("stats ").substring("stats ".length()).split(" ")) {
                int eq = kv.indexOf('=');
                if (eq > 0) {
                    String v = kv.substring(eq + 1);
                    m.put(kv.substring(0, eq), v.equals("true") ? 1L : v.equals("false") ? 0L : Long.parseLong(v));
                }
            }
            return m;
        }

        /** Polls the child's counters until {@code done} holds for them (bounded); returns them. */
        Map<String, Long> statsWhen(java.util.function.Predicate<Map<String, Long>> done) throws Exception {
            long deadline = System.nanoTime() + WAIT_NANOS;
            Map<String, Long> s = stats();
            while (!done.test(s)) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the child's counters never got there: " + s + "; reports: " + reports);
                }
                Thread.sleep(100); // waiting on another process: there is no virtual clock across JVMs
                s = stats();
            }
            return s;
        }

        /** Asks the child to exit; asserts it did so normally (no OutOfMemoryError, which would end it with 3). */
        void exit() throws Exception {
            in.println("exit");
            in.flush();
            await("bye");
            assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the child exits");
            assertEquals(0, process.exitValue(), "the child exited normally; reports: " + reports);
        }
    }

    private static Child start(Class<?> main, String heap, boolean exitOnOom) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElseThrow());
        // The same JVM flags as this test JVM (the parent pom's list), minus agents, debuggers and heap sizes.
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (!a.startsWith("-javaagent") && !a.startsWith("-agentlib") && !a.startsWith("-Xmx")
                    && !a.startsWith("-Xms")) {
                cmd.add(a);
            }
        }
        cmd.add(heap);
        if (exitOnOom) {
            cmd.add("-XX:+ExitOnOutOfMemoryError");
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(main.getName());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        return new Child(p, new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)),
                new PrintStream(p.getOutputStream(), true, StandardCharsets.UTF_8), new ArrayList<>());
    }

    private static void kill(Child c) {
        if (c.process().isAlive()) {
            c.process().destroyForcibly();
        }
    }

    @Test
    void I25_fromTcp_halfOpenFloodAgainstA64MbChild_noOom_everyLineOfTheGoodClientsArrives() throws Exception {
        Child c = start(HostileChildren.Tcp.class, "-Xmx64m", true);
        List<Socket> flood = new ArrayList<>();
        ExecutorService writers = Executors.newVirtualThreadPerTaskExecutor();
        try {
            int port = Integer.parseInt(c.await("port ").substring(5).trim());
            // 300 connections, each sending a frame just under the 1 MiB cap that never ends: without a
            // limit across connections that is 300 MiB (the original failure held 2 MiB each).
            byte[] partial = new byte[(1 << 20) - 16];
            Arrays.fill(partial, (byte) 'x');
            for (int i = 0; i < 300; i++) {
                Socket s = new Socket(InetAddress.getLoopbackAddress(), port);
                flood.add(s);
                writers.submit(() -> {
                    s.getOutputStream().write(partial); // blocks while the child does not read: back pressure
                    return null;
                });
            }
            // Meanwhile 10 well-behaved clients send 1,000 lines each.
            List<Future<?>> good = new ArrayList<>();
            for (int k = 0; k < 10; k++) {
                int client = k;
                good.add(writers.submit(() -> {
                    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port);
                         OutputStream out = new BufferedOutputStream(s.getOutputStream())) {
                        for (int j = 0; j < 1000; j++) {
                            out.write(("c" + client + "-" + j + "\n").getBytes(StandardCharsets.US_ASCII));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : good) {
                f.get(90, TimeUnit.SECONDS);
            }
            Map<String, Long> s = c.statsWhen(m -> m.get("received") == 10_000 && m.getOrDefault("maxBufferedBytes", 0L) > 0);
            assertEquals(0, s.get("bad"), "every line whole and in its client's order: " + s);
            assertTrue(s.get("peak") <= 16L << 20, "the buffered bytes stayed under the 16 MiB limit: " + s);
            assertEquals(0, s.get("failed"), "the source did not fail: " + s);
            // The flood's connections were closed after the idle timeout, each hit counted, the reports summed up.
            Map<String, Long> end = c.statsWhen(m -> m.getOrDefault("maxBufferedBytes", 0L)
                    + m.getOrDefault("idleTimeout", 0L) >= 300 && m.get("buffered") == 0);
            long hits = end.getOrDefault("maxBufferedBytes", 0L) + end.getOrDefault("idleTimeout", 0L);
            assertTrue(end.get("reports") >= 1 && end.get("reports") < hits,
                    "reported, at a bounded rate: " + end.get("reports") + " reports for " + hits + " hits; " + end);
            c.exit();
        } finally {
            for (Socket s : flood) {
                s.close();
            }
            writers.shutdownNow();
            kill(c);
        }
    }

    @Test
    void I26_fromHttpServer_largeAndOversizedPostsAgainstA64MbChild_noOom_everyAcceptedBodyArrives() throws Exception {
        Child c = start(HostileChildren.Http.class, "-Xmx64m", true);
        ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor();
        try {
            int port = Integer.parseInt(c.await("port ").substring(5).trim());
            List<Future<long[]>> posts = new ArrayList<>();
            // 100 concurrent 1 MiB bodies (at the limit) into a slow sink: 100 MiB offered to a 64 MiB heap.
            for (int i = 0; i < 100; i++) {
                byte[] body = new byte[1 << 20];
                Arrays.fill(body, (byte) i);
                body[0] = (byte) (i >> 8);
                posts.add(clients.submit(() -> post(port, body)));
            }
            // 300 small ones, and 50 that announce 4 MiB (over the limit: answered 413 before the body is read).
            for (int i = 0; i < 300; i++) {
                byte[] body = ("small body " + i).getBytes(StandardCharsets.US_ASCII);
                posts.add(clients.submit(() -> post(port, body)));
            }
            List<Future<Integer>> oversized = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                oversized.add(clients.submit(() -> announce(port, 4 << 20)));
            }
            long ok = 0;
            long bytes = 0;
            long sum = 0;
            long unavailable = 0;
            for (Future<long[]> f : posts) {
                long[] r = f.get(90, TimeUnit.SECONDS); // status, bytes, crc
                if (r[0] == 200) {
                    ok++;
                    bytes += r[1];
                    sum += r[2];
                } else {
                    assertEquals(503, r[0], "only the buffer limit may refuse a valid body");
                    unavailable++;
                }
            }
            for (Future<Integer> f : oversized) {
                assertEquals(413, f.get(90, TimeUnit.SECONDS));
            }
            assertEquals(400, ok + unavailable);
            long accepted = ok;
            Map<String, Long> s = c.statsWhen(m -> m.get("received") == accepted);
            assertEquals(bytes, s.get("bytes"), "every byte of every body answered 200 arrived: " + s);
            assertEquals(sum, s.get("sum"), "and unchanged (CRC32s): " + s);
            assertTrue(s.get("peak") <= 8L << 20, "the buffered bytes stayed under the 8 MiB limit: " + s);
            assertEquals(50, s.get("maxMessageBytes"), "each oversized body counted: " + s);
            assertTrue(s.get("reports") >= 1 && s.get("reports") < 50, "reported, at a bounded rate: " + s);
            assertTrue(c.reports().stream().anyMatch(r -> r.contains("answered 413") && r.contains("127.0.0.1")),
                    c.reports().toString());
            c.exit();
        } finally {
            clients.shutdownNow();
            kill(c);
        }
    }

    @Test
    void I23_fromProcess_endlessLineExhaustsA48MbChildsHeap_readerErrorFailsTheSourceVisibly() throws Exception {
        Child c = start(HostileChildren.EndlessLine.class, "-Xmx48m", false);
        try {
            String failed = c.await("failed ");
            assertEquals("failed java.lang.OutOfMemoryError stopped=true reports=1", failed, "reports: " + c.reports());
            assertTrue(c.reports().stream().anyMatch(r -> r.contains("fromProcess: reading the output of")
                    && r.contains("the source stopped")), c.reports().toString());
            assertEquals("allocated " + (8 << 20), c.await("allocated "), "the failed run freed its buffer");
            assertTrue(c.process().waitFor(30, TimeUnit.SECONDS));
            assertEquals(0, c.process().exitValue());
        } finally {
            kill(c);
        }
    }

    /** POSTs {@code body} to /in; returns the status, the body's length and its CRC32. */
    private static long[] post(int port, byte[] body) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(90_000);
            OutputStream out = s.getOutputStream();
            out.write(("POST /in HTTP/1.1\r\nHost: x\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            CRC32 crc = new CRC32();
            crc.update(body);
            return new long[] {status(s.getInputStream()), body.length, crc.getValue()};
        }
    }

    /** Sends only the head of a POST announcing {@code length} bytes; returns the status. */
    private static int announce(int port, int length) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(90_000);
            s.getOutputStream().write(("POST /in HTTP/1.1\r\nHost: x\r\nContent-Length: " + length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            return status(s.getInputStream());
        }
    }

    private static int status(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        int ch;
        while ((ch = in.read()) >= 0 && ch != '\n') {
            sb.append((char) ch);
        }
        String line = sb.toString();
        assertTrue(line.startsWith("HTTP/1.1 "), "a status line: " + line);
        return Integer.parseInt(line.substring(9, 12));
    }
}
