package dev.streamz.conformance;

import dev.streamz.BackPressureException;
import dev.streamz.EventLoop;
import dev.streamz.RefCounter;
import dev.streamz.Schedulers;
import dev.streamz.ServerLimits;
import dev.streamz.ServerSource;
import dev.streamz.Source;
import dev.streamz.Stream;
import dev.streamz.StreamException;
import dev.streamz.VirtualScheduler;
import dev.streamz.conformance.SourceTestSupport.Collected;
import dev.streamz.conformance.SourceTestSupport.Gate;
import dev.streamz.conformance.SourceTestSupport.Loop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import static dev.streamz.conformance.SourceTestSupport.TIMEOUT_MS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sources under hostile input and overload (docs/conformance.md I18-I22, A22): huge lines, log rotation,
 * errors in a source's task, connection floods, large concurrent uploads into a slow sink, and producers
 * that ignore their futures. Real files in a temporary directory, real sockets on 127.0.0.1; waits are
 * bounded and wake on the result.
 */
class HostileSourcesTest {
    private static final Duration POLL = Duration.ofMillis(100);

    private static void await(BooleanSupplier done, String what) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TIMEOUT_MS);
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            LockSupport.parkNanos(2_000_000);
        }
    }

    private static List<String> lines(String prefix, int from, int to) {
        List<String> l = new ArrayList<>();
        for (int i = from; i < to; i++) {
            l.add(String.format("%s%04d\n", prefix, i));
        }
        return l;
    }

    private static void write(Path f, List<String> lines, StandardOpenOption... opts) throws IOException {
        Files.writeString(f, String.join("", lines), opts);
    }

    // ------------------------------------------------------------------------------------------- files

    @Test
    void I18_fromTextFile_150MbLineIsReportedAndSkipped(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("huge.txt");
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap("first\n".getBytes(StandardCharsets.UTF_8)));
            byte[] mb = new byte[1 << 20];
            Arrays.fill(mb, (byte) 'x');
            for (int i = 0; i < 150; i++) {
                ch.write(ByteBuffer.wrap(mb));
            }
            ch.write(ByteBuffer.wrap("\nafter\n".getBytes(StandardCharsets.UTF_8)));
        }
        try {
            VirtualScheduler vs = new VirtualScheduler(e -> { });
            Source<String> s = Stream.fromTextFile(f, POLL, "\n", false, 1 << 20);
            s.withScheduler(vs);
            List<String> out = s.sinkToList();
            s.start();
            vs.runUntilIdle();
            assertEquals(List.of("first\n", "after\n"), out);
            assertEquals(1, vs.errors().size(), vs.errors().toString());
            assertTrue(vs.errors().get(0).getMessage().contains("longer than the maximum of 1048576 bytes"),
                    vs.errors().get(0).getMessage());
            assertFalse(s.isStopped(), "the source goes on");
            s.stop();
        } finally {
            Files.deleteIfExists(f);
        }
    }

    @Test
    void I19_fromTextFile_renameAndCreate_oldFileFinishedFirst(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("app.log");
        write(f, lines("a", 0, 100));
        VirtualScheduler vs = new VirtualScheduler();
        Source<String> s = Stream.fromTextFile(f, POLL, "\n", false);
        s.withScheduler(vs);
        List<String> out = s.sinkToList();
        s.start();
        vs.runUntilIdle();
        assertEquals(100, out.size());
        write(f, lines("a", 100, 120), StandardOpenOption.APPEND); // not read yet
        Files.move(f, dir.resolve("app.log.1"), StandardCopyOption.ATOMIC_MOVE);
        write(dir.resolve("app.log.1"), lines("a", 120, 150), StandardOpenOption.APPEND); // late writer
        write(f, lines("b", 0, 150)); // the new, larger file
        vs.advanceBy(POLL.multipliedBy(5));
        List<String> expected = new ArrayList<>(lines("a", 0, 150));
        expected.addAll(lines("b", 0, 150));
        assertEquals(expected, out);
        assertTrue(vs.errors().isEmpty(), vs.errors().toString());
        s.stop();
    }

    @Test
    void I19_fromTextFile_copyTruncateThenLargerWriteWithinOnePoll(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("app.log");
        write(f, lines("a", 0, 100));
        VirtualScheduler vs = new VirtualScheduler();
        Source<String> s = Stream.fromTextFile(f, POLL, "\n", false);
        s.withScheduler(vs);
        List<String> out = s.sinkToList();
        s.start();
        vs.runUntilIdle();
        Files.copy(f, dir.resolve("app.log.1"));
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.WRITE)) {
            ch.truncate(0);
        }
        write(f, lines("b", 0, 150), StandardOpenOption.APPEND);
        vs.advanceBy(POLL.multipliedBy(3));
        List<String> expected = new ArrayList<>(lines("a", 0, 100));
        expected.addAll(lines("b", 0, 150));
        assertEquals(expected, out);
        s.stop();
    }

    @Test
    void I19_fromTextFile_truncateAndRewriteSameSizeWithinOnePoll(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("app.log");
        write(f, lines("a", 0, 100));
        VirtualScheduler vs = new VirtualScheduler();
        Source<String> s = Stream.fromTextFile(f, POLL, "\n", false);
        s.withScheduler(vs);
        List<String> out = s.sinkToList();
        s.start();
        vs.runUntilIdle();
        write(f, lines("b", 0, 100), StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
        vs.advanceBy(POLL.multipliedBy(3));
        List<String> expected = new ArrayList<>(lines("a", 0, 100));
        expected.addAll(lines("b", 0, 100));
        assertEquals(expected, out);
        s.stop();
    }

    @Test
    void I20_anErrorInASourceTaskIsReported_failedState_restartWorks() {
        AtomicBoolean failOnce = new AtomicBoolean(true);
        Iterable<Integer> items = () -> new Iterator<>() {
            int i;

            @Override
            public boolean hasNext() {
                return i < 3;
            }

            @Override
            public Integer next() {
                if (i == 1 && failOnce.getAndSet(false)) {
                    throw new OutOfMemoryError("simulated");
                }
                return i++;
            }
        };
        VirtualScheduler vs = new VirtualScheduler(e -> { });
        Source<Integer> s = Stream.fromIterable(items);
        s.withScheduler(vs);
        List<Integer> out = s.sinkToList();
        s.start();
        vs.runUntilIdle();
        assertEquals(List.of(0), out);
        assertTrue(s.isStopped(), "visible: the source is stopped");
        assertInstanceOf(OutOfMemoryError.class, s.failure().orElseThrow());
        assertEquals(1, vs.errors().size());
        assertTrue(vs.errors().get(0).getMessage().contains("the source stopped"), vs.errors().get(0).getMessage());
        s.start();
        vs.runUntilIdle();
        assertEquals(List.of(0, 0, 1, 2), out, "a restart begins afresh");
        assertTrue(s.failure().isEmpty());
    }

    @Test
    void I23_fromProcess_anErrorInAFunctionDownstreamFailsTheSource_processDestroyed_restartWorks() throws Exception {
        Loop loop = new Loop();
        // A real process: its pid first, then numbers as fast as the pipe is read.
        Source<byte[]> s = Stream.fromProcess(List.of("/bin/sh", "-c", "echo $$; exec seq 1 1000000"), false, false);
        s.withScheduler(loop.scheduler);
        AtomicBoolean failOnce = new AtomicBoolean(true);
        Stream<String> lines = s.map(b -> {
            String l = new String(b, StandardCharsets.UTF_8);
            if (l.equals("3\n") && failOnce.getAndSet(false)) {
                throw new StackOverflowError("simulated");
            }
            return l;
        });
        Collected<String> out = Collected.from(lines);
        s.start();
        StreamException e = loop.awaitError();
        assertTrue(e.getMessage().contains("fromProcess") && e.getMessage().contains("the source stopped"),
                e.getMessage());
        await(s::isStopped, "the failed state");
        assertInstanceOf(StackOverflowError.class, s.failure().orElseThrow());
        List<String> got = out.snapshot();
        assertEquals(List.of("1\n", "2\n"), got.subList(1, got.size()), "nothing after the failing line");
        ProcessHandle h = ProcessHandle.of(Long.parseLong(got.get(0).trim())).orElse(null);
        if (h != null) {
            h.onExit().get(TIMEOUT_MS, TimeUnit.MILLISECONDS); // the failed run's process is destroyed
        }
        assertTrue(loop.errors.isEmpty(), "one report: " + loop.errors);

        s.start();
        await(() -> out.snapshot().size() >= 3 + 5, "the restarted run's lines");
        assertTrue(s.failure().isEmpty());
        s.stop();
    }

    // --------------------------------------------------------------------------------------------- TCP

    @Test
    void I21_fromTcp_halfOpenFloodStaysUnderTheBufferLimit_otherClientsServed() throws Exception {
        Loop loop = new Loop();
        ServerLimits limits = ServerLimits.defaults().withMaxMessageBytes(256 << 10).withMaxBufferedBytes(1 << 20)
                .withMaxConnections(14).withIdleTimeout(Duration.ofSeconds(30));
        ServerSource<byte[]> s = Stream.fromTcp(0, (byte) '\n', "127.0.0.1", limits);
        s.withScheduler(loop.scheduler);
        Collected<byte[]> out = Collected.from(s);
        s.start();
        List<Socket> flood = new ArrayList<>();
        try {
            byte[] partial = new byte[200 << 10];
            Arrays.fill(partial, (byte) 'x');
            for (int i = 0; i < 12; i++) {
                Socket c = new Socket(InetAddress.getLoopbackAddress(), s.boundPort());
                flood.add(c);
                CompletableFuture.runAsync(() -> {
                    try {
                        c.getOutputStream().write(partial); // a frame that never ends
                    } catch (IOException ignored) {
                        // closed at the end of the test
                    }
                });
            }
            await(() -> s.bufferedBytes() >= (768 << 10), "the flood to fill the buffers");
            try (Socket c = new Socket(InetAddress.getLoopbackAddress(), s.boundPort())) {
                c.getOutputStream().write("hello\n".getBytes(StandardCharsets.UTF_8));
                assertEquals("hello\n", SourceTestSupport.utf8(out.awaitSize(1).get(0)), "a new client is served");
                try (Socket extra = new Socket(InetAddress.getLoopbackAddress(), s.boundPort());
                     Socket over = new Socket(InetAddress.getLoopbackAddress(), s.boundPort())) {
                    assertTrue(extra.isConnected() && over.isConnected());
                    StreamException e = loop.awaitError();
                    assertTrue(e.getMessage().contains("the limit of 14 connections"), e.getMessage());
                    assertTrue(e.getMessage().contains("127.0.0.1"), "names the peer: " + e.getMessage());
                }
            }
            assertTrue(s.peakBufferedBytes() <= (1 << 20), "peak " + s.peakBufferedBytes());
        } finally {
            for (Socket c : flood) {
                c.close();
            }
            s.stop();
        }
        await(() -> s.bufferedBytes() == 0, "stop to free the buffers");
    }

    @Test
    void I24_fromTcp_floodOfRefusedConnections_firstReportedThenOneSummaryPerSecond_countsExact() throws Exception {
        VirtualScheduler vs = new VirtualScheduler(e -> { });
        ServerSource<byte[]> s = Stream.fromTcp(0, (byte) '\n', "127.0.0.1", ServerLimits.defaults().withMaxConnections(2));
        s.withScheduler(vs);
        s.start();
        try (Socket a = new Socket(InetAddress.getLoopbackAddress(), s.boundPort());
             Socket b = new Socket(InetAddress.getLoopbackAddress(), s.boundPort())) {
            await(() -> a.isConnected() && b.isConnected(), "two connections");
            refuseMany(s, 100);
            await(() -> s.limitHits().getOrDefault("maxConnections", 0L) == 100, "100 refusals counted");
            assertEquals(1, vs.errors().size(), "the first refusal at once, the rest summed up: " + vs.errors());
            assertTrue(vs.errors().get(0).getMessage().contains("the limit of 2 connections"));
            vs.advanceBy(Duration.ofSeconds(1));
            assertEquals(2, vs.errors().size(), vs.errors().toString());
            String summary = vs.errors().get(1).getMessage();
            assertTrue(summary.contains("99 more hits of the maxConnections limit") && summary.contains("127.0.0.1"),
                    summary);
            vs.advanceBy(Duration.ofSeconds(5));
            assertEquals(2, vs.errors().size(), "a quiet second ends the summing up: " + vs.errors());
            refuseMany(s, 1);
            await(() -> vs.errors().size() == 3, "the next refusal reported at once");
            assertEquals(Map.of("maxConnections", 101L), s.limitHits(), "every refusal counted");
        } finally {
            s.stop();
        }
    }

    @Test
    void I24_fromHttpServer_floodOfRefusedConnectionsAnswered503_reportsSummedUp_countsExact() throws Exception {
        VirtualScheduler vs = new VirtualScheduler(e -> { });
        ServerSource<byte[]> s = Stream.fromHttpServer(0, "/in", "127.0.0.1", ServerLimits.defaults().withMaxConnections(1));
        s.withScheduler(vs);
        s.start();
        try (Socket held = new Socket(InetAddress.getLoopbackAddress(), s.boundPort())) {
            assertTrue(held.isConnected());
            for (int i = 0; i < 30; i++) {
                try (Socket c = new Socket(InetAddress.getLoopbackAddress(), s.boundPort())) {
                    c.setSoTimeout((int) TIMEOUT_MS);
                    String reply = new String(c.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
                    assertTrue(reply.startsWith("HTTP/1.1 503 "), reply);
                }
            }
            assertEquals(Map.of("maxConnections", 30L), s.limitHits());
            assertEquals(1, vs.errors().size(), vs.errors().toString());
            vs.advanceBy(Duration.ofSeconds(1));
            assertEquals(2, vs.errors().size(), vs.errors().toString());
            assertTrue(vs.errors().get(1).getMessage().contains("29 more hits of the maxConnections limit"),
                    vs.errors().get(1).getMessage());
        } finally {
            s.stop();
        }
    }

    /** Opens {@code n} connections one after another, each refused: the server closes it at once. */
    private static void refuseMany(ServerSource<byte[]> s, int n) throws IOException {
        for (int i = 0; i < n; i++) {
            try (Socket c = new Socket(InetAddress.getLoopbackAddress(), s.boundPort())) {
                c.setSoTimeout((int) TIMEOUT_MS);
                assertEquals(-1, c.getInputStream().read(), "refused: closed by the server");
            }
        }
    }

    @Test
    void I21_fromTcp_idleConnectionIsClosedAndReported() throws Exception {
        Loop loop = new Loop();
        ServerSource<byte[]> s = Stream.fromTcp(0, (byte) '\n', "127.0.0.1",
                ServerLimits.defaults().withIdleTimeout(Duration.ofMillis(200)));
        s.withScheduler(loop.scheduler);
        s.start();
        try (Socket c = new Socket(InetAddress.getLoopbackAddress(), s.boundPort())) {
            c.setSoTimeout((int) TIMEOUT_MS);
            c.getOutputStream().write("half".getBytes(StandardCharsets.UTF_8));
            assertEquals(-1, c.getInputStream().read(), "closed by the server");
            StreamException e = loop.awaitError();
            assertTrue(e.getMessage().contains("idle timeout"), e.getMessage());
        } finally {
            s.stop();
        }
    }

    // -------------------------------------------------------------------------------------------- HTTP

    private static String statusLine(int port, String request) throws IOException {
        try (Socket c = new Socket(InetAddress.getLoopbackAddress(), port)) {
            c.setSoTimeout((int) TIMEOUT_MS);
            OutputStream o = c.getOutputStream();
            o.write(request.getBytes(StandardCharsets.ISO_8859_1));
            o.flush();
            InputStream in = c.getInputStream();
            StringBuilder sb = new StringBuilder();
            for (int b; (b = in.read()) >= 0 && b != '\r'; ) {
                sb.append((char) b);
            }
            return sb.toString();
        }
    }

    @Test
    void I22_fromHttpServer_hugeHeaderAndUriAnswered431And414() throws Exception {
        Loop loop = new Loop();
        ServerSource<byte[]> s = Stream.fromHttpServer(0, "/.*");
        s.withScheduler(loop.scheduler);
        s.start();
        try {
            String big = "a".repeat(1 << 20);
            assertEquals("HTTP/1.1 431 Request Header Fields Too Large",
                    statusLine(s.boundPort(), "POST / HTTP/1.1\r\nHost: x\r\nX-Big: " + big + "\r\n\r\n"));
            assertTrue(loop.awaitError().getMessage().contains("answered 431"));
            StringBuilder many = new StringBuilder("POST / HTTP/1.1\r\n");
            for (int i = 0; i < 5000; i++) {
                many.append("X-H").append(i).append(": v\r\n");
            }
            assertEquals("HTTP/1.1 431 Request Header Fields Too Large", statusLine(s.boundPort(), many + "\r\n"));
            assertTrue(loop.awaitError().getMessage().contains("answered 431"));
            assertEquals("HTTP/1.1 414 URI Too Long",
                    statusLine(s.boundPort(), "POST /" + big + " HTTP/1.1\r\nHost: x\r\n\r\n"));
            StreamException e = loop.awaitError();
            assertTrue(e.getMessage().contains("answered 414") && e.getMessage().contains("127.0.0.1"), e.getMessage());
            assertEquals("HTTP/1.1 200 OK", statusLine(s.boundPort(),
                    "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok"), "still serving");
        } finally {
            s.stop();
        }
    }

    @Test
    void I22_fromHttpServer_concurrentLargePostsIntoASlowSink_bufferStaysBounded() throws Exception {
        Loop loop = new Loop();
        ServerLimits limits = ServerLimits.defaults().withMaxBufferedBytes(4L << 20);
        ServerSource<byte[]> s = Stream.fromHttpServer(0, "/.*", "127.0.0.1", limits);
        s.withScheduler(loop.scheduler);
        AtomicInteger got = new AtomicInteger();
        s.sink(b -> {
            LockSupport.parkNanos(10_000_000); // a slow sink, on the event loop
            got.incrementAndGet();
        });
        s.start();
        try {
            int n = 24;
            byte[] body = new byte[1 << 20];
            List<CompletableFuture<Integer>> codes = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                codes.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + s.boundPort() + "/")
                                .toURL().openConnection();
                        c.setConnectTimeout((int) TIMEOUT_MS);
                        c.setReadTimeout((int) TIMEOUT_MS);
                        c.setRequestMethod("POST");
                        c.setDoOutput(true);
                        c.setFixedLengthStreamingMode(body.length);
                        try (OutputStream o = c.getOutputStream()) {
                            o.write(body);
                        }
                        return c.getResponseCode();
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }, java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()));
            }
            for (CompletableFuture<Integer> c : codes) {
                assertEquals(200, c.get(TIMEOUT_MS, TimeUnit.MILLISECONDS));
            }
            assertEquals(n, got.get());
            assertTrue(s.peakBufferedBytes() <= (4L << 20), "peak " + s.peakBufferedBytes());
            assertTrue(loop.errors.isEmpty(), loop.errors.toString());
        } finally {
            s.stop();
        }
    }

    // ------------------------------------------------------------------------------------------ emitAsync

    @Test
    void A22_aMillionUnawaitedEmitAsyncStayBounded() throws Exception {
        Loop loop = new Loop();
        Stream<Integer> src = Stream.create();
        src.withScheduler(loop.scheduler);
        src.withMaxPendingEmits(1000);
        Gate<Integer> gate = src.buffer(100).through(Gate::new);
        int rejected = 0;
        CompletableFuture<Void> last = null;
        for (int i = 0; i < 1_000_000; i++) {
            CompletableFuture<Void> f = src.emitAsync(i);
            if (f.isCompletedExceptionally()) {
                rejected++;
                if (rejected == 1) {
                    Throwable t = f.handle((v, e) -> e).join();
                    assertInstanceOf(BackPressureException.class, t);
                    assertTrue(t.getMessage().contains("1000 emissions are already pending"), t.getMessage());
                }
            } else {
                last = f;
            }
        }
        assertTrue(1_000_000 - rejected <= 1000 + 101 + 1_000_000 / 1000,
                "accepted or pending: " + (1_000_000 - rejected));
        int total = 1_000_000 - rejected;
        for (int i = 1; i <= total; i++) { // everything not refused is delivered, in order
            gate.awaitSeen(i);
            gate.releaseOne();
        }
        CompletableFuture<Void> l = last;
        await(() -> l == null || l.isDone(), "the last accepted emission");
        assertEquals(total, gate.seen().size());
        assertTrue(last == null || last.isDone());
    }

    // ---------------------------------------------------------------------------------- loops and arguments

    @Test
    void anEventLoopCanBeClosed_itsThreadEnds() throws Exception {
        EventLoop loop = Schedulers.newEventLoop("closable-loop", e -> { });
        CompletableFuture<Thread> ran = new CompletableFuture<>();
        loop.execute(() -> ran.complete(Thread.currentThread()));
        Thread t = ran.get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
        loop.close();
        loop.close(); // idempotent
        assertTrue(loop.isClosed());
        t.join(TIMEOUT_MS);
        assertFalse(t.isAlive(), "the loop's thread ended");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> loop.execute(() -> { }));
        assertTrue(e.getMessage().contains("closable-loop"), e.getMessage());
        assertThrows(UnsupportedOperationException.class, () -> ((EventLoop) Schedulers.defaultScheduler()).close());
    }

    @Test
    void smallArgumentMistakesAreClearErrors() {
        IllegalArgumentException d = assertThrows(IllegalArgumentException.class,
                () -> Stream.create().delay("99999999999999999999999h"));
        assertTrue(d.getMessage().contains("too long"), d.getMessage());
        Stream<Integer> s = Stream.create();
        IllegalArgumentException r = assertThrows(IllegalArgumentException.class,
                () -> s.emit(1, List.of(java.util.Map.of("ref", "not a counter"))));
        assertTrue(r.getMessage().contains("reserved for a RefCounter"), r.getMessage());
        assertThrows(NullPointerException.class, () -> new RefCounter(null));
        IllegalArgumentException z = assertThrows(IllegalArgumentException.class, () -> s.zipBounded(0, s));
        assertTrue(z.getMessage().startsWith("zipBounded"), z.getMessage());
    }
}
