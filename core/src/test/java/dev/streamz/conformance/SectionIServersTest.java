package dev.streamz.conformance;

import dev.streamz.ServerSource;
import dev.streamz.Source;
import dev.streamz.Stream;
import dev.streamz.StreamException;
import dev.streamz.conformance.SourceTestSupport.Collected;
import dev.streamz.conformance.SourceTestSupport.Gate;
import dev.streamz.conformance.SourceTestSupport.Loop;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static dev.streamz.conformance.SourceTestSupport.TIMEOUT_MS;
import static dev.streamz.conformance.SourceTestSupport.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Conformance section I (docs/conformance.md): the sources with I/O threads of their own (TCP, HTTP, process), on a real event
 * loop with real sockets on 127.0.0.1 and real subprocesses ({@code /bin/sh}). Waits are bounded (10 s)
 * and wake on the result; nothing sleeps to wait for a result.
 *
 * <p>The HTTP client is {@link HttpURLConnection} (module java.base), so the tests need no extra module.
 */
class SectionIServersTest {

    private static Socket connect(ServerSource<?> s) throws IOException {
        Socket c = new Socket(InetAddress.getLoopbackAddress(), s.boundPort());
        c.setSoTimeout((int) TIMEOUT_MS);
        return c;
    }

    private static void send(Socket c, String text) throws IOException {
        OutputStream out = c.getOutputStream();
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** @return true if the server closed the connection (end of stream or reset) */
    private static boolean closedByServer(Socket c) throws IOException {
        try {
            return c.getInputStream().read() < 0;
        } catch (SocketException e) {
            return true; // reset
        }
    }

    private static void awaitStopped(Source<?> s) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TIMEOUT_MS);
        while (!s.isStopped()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("source did not stop");
            }
            LockSupport.parkNanos(1_000_000);
        }
    }

    // ---------------------------------------------------------------------------------------------- TCP

    @Test
    void I10_fromTcp_framesKeepTheDelimiter() throws Exception {
        Loop loop = new Loop();
        ServerSource<byte[]> s = Stream.fromTcp(0, (byte) '\n');
        s.withScheduler(loop.scheduler);
        Collected<byte[]> out = Collected.from(s);
        assertEquals(-1, s.boundPort(), "not listening before start");
        s.start();
        assertTrue(s.hasStarted());
        assertTrue(s.boundPort() > 0);
        try (Socket c = connect(s)) {
            send(c, "data\n");
        }
        out.awaitSize(1);
        try (Socket c2 = connect(s); Socket c3 = connect(s)) {
            send(c2, "data\n");
            out.awaitSize(2);
            send(c3, "data2\n");
            assertEquals(List.of("data\n", "data\n", "data2\n"), utf8(out.awaitSize(3)));
        }
        s.stop();
        assertTrue(loop.errors.isEmpty(), loop.errors.toString());
    }

    @Test
    void I11_fromTcp_wordCount_twoPacketsOnOneSocket() throws Exception {
        Loop loop = new Loop();
        ServerSource<byte[]> s = Stream.fromTcp(0);
        s.withScheduler(loop.scheduler);
        Stream<Map<String, Long>> counts = s
                .map(b -> Arrays.asList(new String(b, StandardCharsets.UTF_8).trim().split("\\s+")))
                .<String>flatten()
                .frequencies();
        Collected<Map<String, Long>> out = Collected.from(counts);
        s.start();
        try (Socket c = connect(s)) {
            send(c, "data\n");
        }
        out.awaitSize(1);
        try (Socket sock1 = connect(s); Socket sock2 = connect(s)) {
            send(sock1, "data\n");
            out.awaitSize(2);
            send(sock1, "data\n"); // a second packet on the same socket (regression in streamz)
            out.awaitSize(3);
            send(sock2, "data2\n");
            List<Map<String, Long>> got = out.awaitSize(4);
            assertEquals(List.of(Map.of("data", 1L), Map.of("data", 2L), Map.of("data", 3L),
                    Map.of("data", 3L, "data2", 1L)), got);
        }
        s.stop();
    }

    @Test
    void I10_fromTcp_twentyConcurrentClients() throws Exception {
        Loop loop = new Loop();
        ServerSource<byte[]> s = Stream.fromTcp(0, (byte) ';');
        s.withScheduler(loop.scheduler);
        Collected<byte[]> out = Collected.from(s);
        s.start();
        int clients = 20;
        int frames = 10;
        List<CompletableFuture<Void>> sent = new ArrayList<>();
        java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor();
        for (int i = 0; i < clients; i++) {
            int id = i;
            sent.add(CompletableFuture.runAsync(() -> {
                try (Socket c = connect(s)) {
                    StringBuilder all = new StringBuilder();
                    for (int j = 0; j < frames; j++) {
                        all.append("c").append(id).append('-').append(j).append(';');
                    }
                    // Split at odd places so that frames straddle packets.
                    String text = all.toString();
                    for (int at = 0; at < text.length(); at += 7) {
                        send(c, text.substring(at, Math.min(text.length(), at + 7)));
                    }
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }, threads));
        }
        CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
        threads.close();
        List<String> got = utf8(out.awaitSize(clients * frames));
        assertEquals(clients * frames, got.size());
        Map<String, List<String>> perClient = new HashMap<>();
        for (String f : got) {
            perClient.computeIfAbsent(f.substring(0, f.indexOf('-')), k -> new ArrayList<>()).add(f);
        }
        assertEquals(clients, perClient.size());
        for (int i = 0; i < clients; i++) {
            List<String> expected = new ArrayList<>();
            for (int j = 0; j < frames; j++) {
                expected.add("c" + i + "-" + j + ";");
            }
            assertEquals(expected, perClient.get("c" + i), "each connection's frames arrive whole and in order");
        }
        s.stop();
        assertTrue(loop.errors.isEmpty(), loop.errors.toString());
    }

    @Test
    void I10_fromTcp_oversizeFrameClosesThatConnectionOnly() throws Exception {
        Loop loop = new Loop();
        ServerSource<byte[]> s = Stream.fromTcp(0, (byte) '\n', "127.0.0.1", 16);
        s.withScheduler(loop.scheduler);
        Collected<byte[]> out = Collected.from(s);
        s.start();
        try (Socket a = connect(s); Socket b = connect(s)) {
            send(a, "ok\n");
            send(b, "b1\n");
            out.awaitSize(2);
            send(a, "x".repeat(40)); // no delimiter yet, already over 16 bytes
            StreamException e = loop.awaitError();
            assertTrue(e.getMessage().contains("maximum frame size of 16 bytes"), e.getMessage());
            assertTrue(closedByServer(a), "the offending connection is closed");
            send(b, "b2\n");
            out.awaitSize(3);
            try (Socket c = connect(s)) {
                send(c, "0123456789abcdefghij\n"); // over the limit with its delimiter in one packet
                assertTrue(closedByServer(c));
            }
            loop.awaitError();
            send(b, "fifteen-bytes!\n"); // 15 bytes with the delimiter: within the limit
            List<String> got = utf8(out.awaitSize(4));
            assertEquals(List.of("b1\n", "b2\n", "fifteen-bytes!\n"), got.stream().filter(x -> x.startsWith("b")
                    || x.startsWith("f")).toList());
            assertTrue(got.contains("ok\n"), "frames received before the oversize one are kept");
        }
        s.stop();
    }

    @Test
    void I10_fromTcp_clientDisconnectingMidFrameDoesNotWedge() throws Exception {
        Loop loop = new Loop();
        ServerSource<byte[]> s = Stream.fromTcp(0);
        s.withScheduler(loop.scheduler);
        Collected<byte[]> out = Collected.from(s);
        s.start();
        try (Socket a = connect(s)) {
            send(a, "first\npartial-without-end");
            out.awaitSize(1);
        }
        try (Socket a = connect(s)) { // reset mid-frame
            send(a, "half");
            a.setSoLinger(true, 0);
        }
        try (Socket b = connect(s)) {
            send(b, "whole\n");
        }
        assertEquals(List.of("first\n", "whole\n"), utf8(out.awaitSize(2)));
        s.stop();
        assertEquals(List.of("first\n", "whole\n"), utf8(out.snapshot()), "partial frames are dropped");
        assertTrue(loop.errors.isEmpty(), "a disconnect is not an error: " + loop.errors);
    }

    @Test
    void I10_fromTcp_backPressurePerConnection() throws Exception {
        Loop loop = new Loop();
        ServerSource<byte[]> s = Stream.fromTcp(0);
        s.withScheduler(loop.scheduler);
        Gate<byte[]> gate = s.through(Gate::new);
        s.start();
        try (Socket a = connect(s)) {
            send(a, "one\ntwo\nthree\n");
            gate.awaitSeen(1);
            assertEquals(1, gate.seen().size(), "the next frame waits until the first is accepted");
            gate.releaseOne();
            gate.awaitSeen(2);
            gate.releaseOne();
            assertEquals(List.of("one\n", "two\n", "three\n"), utf8(gate.awaitSeen(3)));
            gate.releaseOne();
        }
        s.stop();
    }

    @Test
    void I10_fromTcp_stopClosesServerAndConnections_restartWorks() throws Exception {
        Loop loop = new Loop();
        ServerSource<byte[]> s = Stream.fromTcp(0);
        s.withScheduler(loop.scheduler);
        Collected<byte[]> out = Collected.from(s);
        s.start();
        int port = s.boundPort();
        Thread acceptor = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("streamz-tcp-accept-" + port)).findFirst().orElseThrow();
        try (Socket open = connect(s)) {
            send(open, "a\n");
            out.awaitSize(1);
            s.stop();
            assertTrue(s.isStopped());
            assertEquals(-1, s.boundPort());
            assertTrue(closedByServer(open), "open connections are closed by stop()");
        }
        acceptor.join(TIMEOUT_MS);
        assertFalse(acceptor.isAlive(), "the accept thread ends");
        assertThrows(ConnectException.class, () -> new Socket(InetAddress.getLoopbackAddress(), port).close());
        try (ServerSocket rebind = new ServerSocket()) {
            rebind.setReuseAddress(true);
            rebind.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            assertEquals(port, rebind.getLocalPort(), "the port is free again");
        }
        s.start(); // restart
        try (Socket c = connect(s)) {
            send(c, "b\n");
        }
        assertEquals(List.of("a\n", "b\n"), utf8(out.awaitSize(2)));
        s.stop();
    }

    @Test
    void I10_fromTcp_portInUseFailsAtStart() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            ServerSource<byte[]> s = Stream.fromTcp(taken.getLocalPort());
            s.withScheduler(new Loop().scheduler);
            StreamException e = assertThrows(StreamException.class, s::start);
            assertTrue(e.getMessage().contains("cannot listen on 127.0.0.1:" + taken.getLocalPort()), e.getMessage());
            assertTrue(s.isStopped());
        }
    }

    // --------------------------------------------------------------------------------------------- HTTP

    /** @return the response code */
    private static int request(ServerSource<?> s, String method, String path, byte[] body) throws IOException {
        HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + s.boundPort() + path).toURL()
                .openConnection();
        c.setConnectTimeout((int) TIMEOUT_MS);
        c.setReadTimeout((int) TIMEOUT_MS);
        c.setRequestMethod(method);
        if (body != null) {
            c.setDoOutput(true);
            c.setFixedLengthStreamingMode(body.length);
            try (OutputStream o = c.getOutputStream()) {
                o.write(body);
            }
        }
        int code = c.getResponseCode();
        try (InputStream in = code < 400 ? c.getInputStream() : c.getErrorStream()) {
            if (in != null) {
                in.readAllBytes();
            }
        }
        return code;
    }

    private static int post(ServerSource<?> s, String path, String body) throws IOException {
        return request(s, "POST", path, body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void I12_fromHttpServer() throws Exception {
        Loop loop = new Loop();
        ServerSource<byte[]> s = Stream.fromHttpServer(0, "/.*");
        s.withScheduler(loop.scheduler);
        Collected<byte[]> out = Collected.from(s);
        s.start();
        int port = s.boundPort();
        assertEquals(200, post(s, "/", "data"));
        assertEquals(List.of("data"), utf8(out.snapshot()), "emitted before the response");
        assertEquals(200, post(s, "/other", "data2"));
        assertEquals(List.of("data", "data2"), utf8(out.snapshot()));
        s.stop();
        HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + "/").toURL().openConnection();
        c.setRequestMethod("POST");
        c.setDoOutput(true);
        c.setConnectTimeout((int) TIMEOUT_MS);
        c.setReadTimeout((int) TIMEOUT_MS);
        c.setFixedLengthStreamingMode(1);
        assertThrows(IOException.class, () -> {
            try (OutputStream o = c.getOutputStream()) {
                o.write('x');
            }
            c.getResponseCode();
        }, "after stop() a POST fails with a connection error");
        assertEquals(2, out.snapshot().size());
        try (ServerSocket rebind = new ServerSocket()) {
            rebind.setReuseAddress(true);
            rebind.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            assertEquals(port, rebind.getLocalPort(), "the port is free again");
        }
        s.start(); // restart: a new server
        assertEquals(200, post(s, "/", "data3"));
        assertEquals(List.of("data", "data2", "data3"), utf8(out.snapshot()));
        s.stop();
        assertTrue(loop.errors.isEmpty(), loop.errors.toString());
    }

    @Test
    void I12_fromHttpServer_404_405_413_serverKeepsRunning() throws Exception {
        Loop loop = new Loop();
        ServerSource<byte[]> s = Stream.fromHttpServer(0, "/in(/.*)?", "127.0.0.1", 100);
        s.withScheduler(loop.scheduler);
        Collected<byte[]> out = Collected.from(s);
        s.start();
        assertEquals(404, post(s, "/out", "x"));
        assertEquals(404, post(s, "/inside", "x"), "the whole path must match");
        assertEquals(405, request(s, "GET", "/in", null));
        assertEquals(413, request(s, "POST", "/in", new byte[500]));
        StreamException e = loop.awaitError();
        assertTrue(e.getMessage().contains("exceeds the maximum of 100 bytes"), e.getMessage());
        assertEquals(200, post(s, "/in/sub", "ok"));
        assertEquals(200, request(s, "POST", "/in", new byte[100]), "exactly the maximum is fine");
        assertEquals(List.of("ok"), utf8(out.snapshot().subList(0, 1)));
        assertEquals(2, out.snapshot().size());
        s.stop();
    }

    @Test
    void I12_fromHttpServer_respondsOnlyAfterTheGraphAccepted() throws Exception {
        Loop loop = new Loop();
        ServerSource<byte[]> s = Stream.fromHttpServer(0, "/.*");
        s.withScheduler(loop.scheduler);
        Gate<byte[]> gate = s.through(Gate::new);
        s.start();
        CompletableFuture<Integer> response = CompletableFuture.supplyAsync(() -> {
            try {
                return post(s, "/", "slow");
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        gate.awaitSeen(1);
        assertFalse(response.isDone(), "no response while the graph holds the element");
        gate.releaseOne();
        assertEquals(200, response.get(TIMEOUT_MS, TimeUnit.MILLISECONDS));
        s.stop();
    }

    @Test
    void I12_fromHttpServer_failingFunctionAnswers500AndIsReported() throws Exception {
        Loop loop = new Loop();
        ServerSource<byte[]> s = Stream.fromHttpServer(0, "/.*");
        s.withScheduler(loop.scheduler);
        List<String> seen = new ArrayList<>();
        s.map(b -> {
            if (b.length == 0) {
                throw new IllegalArgumentException("empty body");
            }
            return utf8(b);
        }).sink(seen::add);
        s.start();
        assertEquals(500, post(s, "/", ""));
        assertTrue(loop.awaitError().getMessage().contains("empty body"));
        assertEquals(200, post(s, "/", "fine"));
        s.stop();
    }

    // ------------------------------------------------------------------------------------------ process

    @Test
    void I13_fromProcess_withEndEmitsTheFinalPartialLine() throws Exception {
        Loop loop = new Loop();
        Source<byte[]> s = Stream.fromProcess(List.of("/bin/sh", "-c", "printf 0123"), false, true);
        s.withScheduler(loop.scheduler);
        Collected<byte[]> out = Collected.from(s);
        s.start();
        assertEquals(List.of("0123"), utf8(out.awaitSize(1)));
        awaitStopped(s);
        assertTrue(loop.errors.isEmpty());
    }

    @Test
    void I27_fromProcess_lineOverTheCap_isReportedWithItsNumberAndSkipped_theLinesAfterItKept() throws Exception {
        Loop loop = new Loop();
        Source<byte[]> s = Stream.fromProcess(List.of("/bin/sh", "-c",
                "echo a; head -c 3000000 /dev/zero | tr '\\0' x; echo; echo b; head -c 1000 /dev/zero | tr '\\0' y; echo"),
                false, false, 1024);
        s.withScheduler(loop.scheduler);
        Collected<byte[]> out = Collected.from(s);
        s.start();
        List<String> lines = utf8(out.awaitSize(3));
        awaitStopped(s);
        assertEquals(List.of("a\n", "b\n", "y".repeat(1000) + "\n"), lines, "the long line is skipped, the rest kept");
        assertEquals(1, loop.errors.size(), loop.errors.toString());
        String m = loop.errors.peek().getMessage();
        assertTrue(m.contains("output line 2 is longer than the maximum of 1024 bytes"), m);
        assertThrows(IllegalArgumentException.class, () -> Stream.fromProcess(List.of("true"), false, false, 0));
    }

    @Test
    void I13_fromProcess_stringCommand_linesIncludeTheNewline() throws Exception {
        Loop loop = new Loop();
        Source<byte[]> s = Stream.fromProcess("/bin/sh -c 'for i in 0 1 2 3; do echo $i; done; printf tail'");
        s.withScheduler(loop.scheduler);
        Collected<byte[]> out = Collected.from(s);
        s.start();
        assertEquals(List.of("0\n", "1\n", "2\n", "3\n"), utf8(out.awaitSize(4)));
        awaitStopped(s);
        assertEquals(4, out.snapshot().size(), "without withEnd the final partial line is dropped");
        s.start(); // a restart runs the command again
        out.awaitSize(8);
        awaitStopped(s);
    }

    @Test
    void I13_fromProcess_withStderrMerges() throws Exception {
        Loop loop = new Loop();
        Source<byte[]> s = Stream.fromProcess(List.of("/bin/sh", "-c", "echo out; echo err 1>&2"), true, false);
        s.withScheduler(loop.scheduler);
        Collected<byte[]> out = Collected.from(s);
        s.start();
        assertEquals(List.of("out\n", "err\n"), utf8(out.awaitSize(2)));
        awaitStopped(s);
    }

    @Test
    void I13_fromProcess_commandThatCannotStart() {
        Source<byte[]> s = Stream.fromProcess(List.of("/nonexistent/streamz-no-such-program", "x"));
        s.withScheduler(new Loop().scheduler);
        StreamException e = assertThrows(StreamException.class, s::start);
        assertTrue(e.getMessage().contains("cannot start [/nonexistent/streamz-no-such-program, x]"), e.getMessage());
        assertTrue(s.isStopped());
    }

    @Test
    void I13_fromProcess_nonZeroExitIsReported() throws Exception {
        Loop loop = new Loop();
        Source<byte[]> s = Stream.fromProcess(List.of("/bin/sh", "-c", "echo x; exit 3"), false, false);
        s.withScheduler(loop.scheduler);
        Collected<byte[]> out = Collected.from(s);
        s.start();
        StreamException e = loop.awaitError();
        assertTrue(e.getMessage().contains("exited with code 3"), e.getMessage());
        assertEquals(List.of("x\n"), utf8(out.snapshot()));
        awaitStopped(s);
    }

    @Test
    void I13_fromProcess_stopDestroysTheProcess() throws Exception {
        Loop loop = new Loop();
        Source<byte[]> s = Stream.fromProcess(List.of("/bin/sh", "-c", "echo $$; exec sleep 30"), false, false);
        s.withScheduler(loop.scheduler);
        Collected<byte[]> out = Collected.from(s);
        s.start();
        long pid = Long.parseLong(utf8(out.awaitSize(1).get(0)).trim());
        ProcessHandle h = ProcessHandle.of(pid).orElseThrow();
        assertTrue(h.isAlive());
        s.stop();
        h.onExit().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
        assertFalse(h.isAlive());
        assertTrue(s.isStopped());
        assertTrue(loop.errors.isEmpty(), "a process we stopped is not an error: " + loop.errors);
        assertNotEquals(0, pid);
    }

    @Test
    void I13_fromProcess_commandLineSplitting() {
        Source<byte[]> s = Stream.fromProcess("sh  -c 'a  b' \"c \\\" d\" e\\ f");
        assertEquals(List.of("sh", "-c", "a  b", "c \" d", "e f"), s.parameters().get("command"));
        assertThrows(IllegalArgumentException.class, () -> Stream.fromProcess("sh -c 'open"));
        assertThrows(IllegalArgumentException.class, () -> Stream.fromProcess("   "));
    }
}
