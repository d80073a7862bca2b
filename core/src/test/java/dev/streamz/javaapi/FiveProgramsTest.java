package dev.streamz.javaapi;

import dev.streamz.Graph;
import dev.streamz.NodeMetrics;
import dev.streamz.RefCounter;
import dev.streamz.Scheduler;
import dev.streamz.Schedulers;
import dev.streamz.Stream;
import dev.streamz.StreamException;
import dev.streamz.Tuple2;
import dev.streamz.VirtualScheduler;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The five programs that motivated the Java surface, written without a cast, a null argument or a
 * {@code @SuppressWarnings}, each shut down with one {@code close()}. Run directly (not compiled).
 */
class FiveProgramsTest {
    record LogLine(String path, int status) {
        static LogLine parse(String line) {
            String[] f = line.split(" ");
            return new LogLine(f[1], Integer.parseInt(f[2]));
        }
    }

    record Trade(String sym, double price, long qty) {
    }

    record Quote(String sym, double bid, double ask) {
    }

    @Test
    void accessLogWithPerStatusWindowsAndAnAlert() {
        VirtualScheduler clock = new VirtualScheduler();
        Stream<String> lines = Stream.<String>create("log").withScheduler(clock);
        List<String> alerts = new ArrayList<>();
        List<Map<Integer, Long>> perStatus = new ArrayList<>();
        Stream<Map<Integer, Long>> counts = lines.map(LogLine::parse)
                .timedWindow(Duration.ofSeconds(1))
                .map(w -> w.stream().collect(Collectors.groupingBy(LogLine::status, TreeMap::new,
                        Collectors.counting())));
        counts.sink(perStatus::add);
        counts.filter(m -> m.getOrDefault(500, 0L) >= 2)
                .map(m -> "alert: " + m.get(500) + " errors")
                .sink(alerts::add);
        try (Graph graph = lines.graph()) {
            lines.emit("GET /a 200");
            lines.emit("GET /b 500");
            lines.emit("GET /c 500");
            clock.advanceBy(Duration.ofMillis(1500));
            lines.emit("GET /a 404");
            assertTrue(graph.awaitIdle(Duration.ofSeconds(2)));
        }
        assertTrue(perStatus.contains(Map.of(200, 1L, 500, 2L)), perStatus.toString());
        assertTrue(perStatus.contains(Map.of(404, 1L)), perStatus.toString());
        assertEquals(List.of("alert: 2 errors"), alerts);
        int windows = perStatus.size();
        clock.advanceBy(Duration.ofSeconds(10));
        assertEquals(windows, perStatus.size(), "closed: no more windows");
    }

    @Test
    void tradesFromThreeThreadsJoinedWithQuotes() throws InterruptedException {
        Scheduler loop = Schedulers.newEventLoop("vwap-test", Schedulers.loggingErrorHandler());
        Stream<Trade> trades = Stream.<Trade>create("trades").withScheduler(loop);
        Stream<Quote> quotes = Stream.create("quotes");
        Map<String, Long> volume = new ConcurrentHashMap<>();
        List<Tuple2<Trade, Quote>> joined = new CopyOnWriteArrayList<>();
        trades.zipLatestWith(quotes)
                .tap(joined::add)
                .sink(t -> volume.merge(t.first().sym(), t.first().qty(), Long::sum));
        quotes.emit(new Quote("ACME", 9.9, 10.1));
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Thread t = new Thread(() -> {
                for (int k = 0; k < 100; k++) {
                    trades.emit(new Trade("ACME", 10.0, 1));
                }
            });
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        try (Graph graph = trades.graph()) {
            assertTrue(graph.awaitIdle(Duration.ofSeconds(10)));
        }
        assertEquals(300L, volume.get("ACME"));
        assertEquals(300, joined.size());
        assertEquals(9.9, joined.get(0).second().bid());
    }

    @Test
    void asyncDatabaseSinkWithBufferAndRateLimit() {
        VirtualScheduler clock = new VirtualScheduler();
        Stream<Integer> rows = Stream.<Integer>create("rows").withScheduler(clock);
        List<Integer> table = new ArrayList<>();
        rows.buffer(10).rateLimit(Duration.ofMillis(10)).sinkAsync(row -> {
            CompletableFuture<Void> done = new CompletableFuture<>();
            clock.schedule(() -> {
                table.add(row);
                done.complete(null);
            }, Duration.ofMillis(25));
            return done;
        }, 4).named("db");
        List<CompletableFuture<Void>> accepted = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            accepted.add(rows.emitAsync(i));
        }
        Graph graph = rows.graph();
        assertTrue(graph.awaitIdle(Duration.ofSeconds(5)));
        graph.close();
        assertEquals(20, table.size());
        accepted.forEach(f -> assertTrue(f.isDone()));
        assertEquals(0, graph.metrics().stream().mapToInt(NodeMetrics::buffered).sum());
    }

    @Test
    void checkpointedBatches() {
        Stream<Integer> records = Stream.create("records");
        List<List<Integer>> written = new ArrayList<>();
        records.partition(3).sink(written::add);
        List<RefCounter> checkpoints = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            RefCounter ref = new RefCounter();
            checkpoints.add(ref);
            records.emit(i, List.of(Map.of(RefCounter.METADATA_KEY, ref)));
        }
        records.graph().close();
        assertEquals(List.of(List.of(0, 1, 2), List.of(3, 4, 5)), written);
        for (int i = 0; i < 6; i++) {
            assertEquals(0, checkpoints.get(i).count(), "written: committed");
        }
        assertEquals(1, checkpoints.get(6).count(), "never written: not committed, re-read after a restart");
    }

    @Test
    void aFailingParserBehindABuffer() {
        List<StreamException> errors = new ArrayList<>();
        VirtualScheduler clock = new VirtualScheduler(errors::add);
        Stream<String> lines = Stream.<String>create("lines").withScheduler(clock);
        Stream<Integer> parsed = lines.buffer(5).map(Integer::parseInt).named("parse");
        List<Integer> numbers = parsed.sinkToList();
        for (String line : List.of("1", "x", "3", "y", "5")) {
            lines.emit(line);
        }
        try (Graph graph = lines.graph()) {
            assertTrue(graph.awaitIdle(Duration.ofSeconds(1)));
            NodeMetrics parse = graph.metrics().stream().filter(m -> m.name().equals("parse")).findFirst()
                    .orElseThrow();
            assertEquals(2, parse.errors());
        }
        assertEquals(List.of(1, 3, 5), numbers);
        assertEquals(2, errors.size());
        errors.forEach(e -> assertEquals("parse", e.nodeName()));
    }
}
