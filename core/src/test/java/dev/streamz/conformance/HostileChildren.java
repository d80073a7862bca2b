package dev.streamz.conformance;

import dev.streamz.EventLoop;
import dev.streamz.Schedulers;
import dev.streamz.ServerLimits;
import dev.streamz.ServerSource;
import dev.streamz.Source;
import dev.streamz.Stream;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.zip.CRC32;

/**
 * The child JVMs of {@link HostileChildJvmTest}, each started with a small heap. A server child prints
 * {@code port N}, then answers each {@code stats} line on its standard input with one line of counters, and
 * exits on {@code exit}; every report to its error handler is printed as a {@code report ...} line.
 */
final class HostileChildren {
    private HostileChildren() {
    }

    private static final AtomicLong REPORTS = new AtomicLong();

    private static EventLoop loop() {
        return Schedulers.newEventLoop("child-loop", e -> {
            REPORTS.incrementAndGet();
            System.out.println("report " + e.getMessage().replace('\n', ' '));
        });
    }

    /** Answers the parent until it says {@code exit}. */
    private static void serve(ServerSource<byte[]> s, AtomicLong received, AtomicLong bytes, AtomicLong sum,
                              AtomicLong bad) throws Exception {
        System.out.println("port " + s.boundPort());
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null && !line.equals("exit")) {
            Map<String, Long> hits = s.limitHits();
            StringBuilder h = new StringBuilder();
            for (Map.Entry<String, Long> e : hits.entrySet()) {
                h.append(' ').append(e.getKey()).append('=').append(e.getValue());
            }
            System.out.println("stats received=" + received.get() + " bytes=" + bytes.get() + " sum=" + sum.get()
                    + " bad=" + bad.get() + " buffered=" + s.bufferedBytes() + " peak=" + s.peakBufferedBytes()
                    + " reports=" + REPORTS.get() + " failed=" + s.failure().isPresent() + " hits" + h);
        }
        s.stop();
        System.out.println("bye");
    }

    /**
     * {@code fromTcp} with a 16 MiB buffer limit and a 2 s idle timeout. Lines are {@code cCLIENT-SEQ}; each
     * client's must arrive in order ({@code bad} counts those that do not).
     */
    static final class Tcp {
        public static void main(String[] args) throws Exception {
            ServerLimits limits = ServerLimits.defaults().withMaxBufferedBytes(16L << 20)
                    .withIdleTimeout(Duration.ofSeconds(2));
            ServerSource<byte[]> s = Stream.fromTcp(0, (byte) '\n', "127.0.0.1", limits);
            s.withScheduler(loop());
            AtomicLong received = new AtomicLong();
            AtomicLong bad = new AtomicLong();
            Map<String, Integer> next = new HashMap<>(); // only on the loop's thread
            s.sink(b -> {
                String l = new String(b, StandardCharsets.US_ASCII);
                int dash = l.indexOf('-');
                if (!l.startsWith("c") || dash < 0 || !l.endsWith("\n")) {
                    bad.incrementAndGet();
                    return;
                }
                String client = l.substring(0, dash);
                int seq = Integer.parseInt(l.substring(dash + 1, l.length() - 1));
                if (seq != next.getOrDefault(client, 0)) {
                    bad.incrementAndGet();
                }
                next.put(client, seq + 1);
                received.incrementAndGet();
            });
            s.start();
            serve(s, received, new AtomicLong(), new AtomicLong(), bad);
        }
    }

    /**
     * {@code fromHttpServer} on {@code /in} with 1 MiB bodies and an 8 MiB buffer limit, into a slow sink
     * (1 ms per body). Counts the bodies, their bytes and the sum of their CRC32s.
     */
    static final class Http {
        public static void main(String[] args) throws Exception {
            ServerLimits limits = ServerLimits.defaults().withMaxMessageBytes(1 << 20).withMaxBufferedBytes(8L << 20)
                    .withIdleTimeout(Duration.ofSeconds(60));
            ServerSource<byte[]> s = Stream.fromHttpServer(0, "/in", "127.0.0.1", limits);
            s.withScheduler(loop());
            AtomicLong received = new AtomicLong();
            AtomicLong bytes = new AtomicLong();
            AtomicLong sum = new AtomicLong();
            s.sink(b -> {
                LockSupport.parkNanos(1_000_000); // a slow sink
                CRC32 crc = new CRC32();
                crc.update(b);
                sum.addAndGet(crc.getValue());
                bytes.addAndGet(b.length);
                received.incrementAndGet();
            });
            s.start();
            serve(s, received, bytes, sum, new AtomicLong());
        }
    }

    /**
     * {@code fromProcess} of a command that prints one endless line: the reader thread runs out of heap.
     * Prints {@code failed CLASS} once the source is in its failed state, and whether the error was
     * reported.
     */
    static final class EndlessLine {
        public static void main(String[] args) throws Exception {
            EventLoop loop = loop();
            Source<byte[]> s = Stream.fromProcess(List.of("/bin/sh", "-c", "exec cat /dev/zero"), false, false,
                    Integer.MAX_VALUE); // no cap: the reader's OutOfMemoryError is the point
            s.withScheduler(loop);
            s.sink(b -> { });
            s.start();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            // The failure is reported before the stop is visible; the handler may run on the loop a moment later.
            while ((!s.isStopped() || REPORTS.get() == 0) && System.nanoTime() < deadline) {
                Thread.sleep(20); // waiting on the reader thread, which fails on its own
            }
            System.out.println("failed " + s.failure().map(f -> f.getClass().getName()).orElse("none")
                    + " stopped=" + s.isStopped() + " reports=" + REPORTS.get());
            // The process was destroyed, and the heap is usable again: the failed run let go of its buffer.
            byte[] again = new byte[8 << 20];
            System.out.println("allocated " + again.length);
        }
    }
}
