package dev.streamz.javaapi;

import dev.streamz.Graph;
import dev.streamz.Keep;
import dev.streamz.NodeMetrics;
import dev.streamz.Sink;
import dev.streamz.Stream;
import dev.streamz.StreamException;
import dev.streamz.Tuple2;
import dev.streamz.Tuple3;
import dev.streamz.VirtualScheduler;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Java-native surface beside the streamz names: typed joins, checked exceptions, sinks, overloads. */
class JavaSurfaceTest {
    record Trade(String sym, int qty) {
    }

    @Test
    void typedZipGivesTuplesWithoutCasts() {
        Stream<String> syms = Stream.create();
        Stream<Integer> qtys = Stream.create();
        List<Tuple2<String, Integer>> pairs = syms.zipWith(qtys).sinkToList();
        List<Trade> trades = syms.zipWith(qtys, Trade::new).sinkToList();
        syms.emit("a");
        qtys.emit(1);
        assertEquals(List.of(new Tuple2<>("a", 1)), pairs);
        assertEquals(List.of(new Trade("a", 1)), trades);
        assertEquals("(a, 1)", pairs.get(0).toString());
        // Still a tuple for the streamz-shaped operators.
        List<Object> second = syms.zipWith(qtys).<Object>pluck(1).sinkToList();
        List<String> summed = syms.zipWith(qtys).starmap((a, b) -> a + "" + b).sinkToList();
        syms.emit("b");
        qtys.emit(2);
        assertEquals(List.of(2), second);
        assertEquals(List.of("b2"), summed);
        assertEquals(List.of("a", 1), pairs.get(0).toList(), "equal to the untyped zip's tuple");
    }

    @Test
    void typedThreeWayJoins() {
        Stream<String> a = Stream.create();
        Stream<Integer> b = Stream.create();
        Stream<Boolean> c = Stream.create();
        List<Tuple3<String, Integer, Boolean>> zipped = a.zipWith(b, c).sinkToList();
        List<Tuple3<String, Integer, Boolean>> latest = a.combineLatestWith(b, c).sinkToList();
        List<Tuple3<String, Integer, Boolean>> zl = a.zipLatestWith(b, c).sinkToList();
        b.emit(1);
        c.emit(true);
        a.emit("x");
        assertEquals(List.of(new Tuple3<>("x", 1, true)), zipped);
        assertEquals(List.of(new Tuple3<>("x", 1, true)), latest);
        assertEquals(List.of(new Tuple3<>("x", 1, true)), zl);
        b.emit(2);
        assertEquals(2, latest.size(), "combineLatest emits on any input");
        assertEquals(1, zl.size(), "zipLatest emits on its own stream only");
    }

    @Test
    void typedCombineLatestAndZipLatestWithFunctions() {
        Stream<Integer> prices = Stream.create();
        Stream<Integer> qty = Stream.create();
        List<Integer> notional = prices.combineLatestWith(qty, (p, q) -> p * q).sinkToList();
        List<Tuple2<Integer, Integer>> zl = prices.zipLatestWith(qty).sinkToList();
        qty.emit(10);
        prices.emit(3);
        prices.emit(4);
        assertEquals(List.of(30, 40), notional);
        assertEquals(List.of(new Tuple2<>(3, 10), new Tuple2<>(4, 10)), zl);
    }

    @Test
    void pluckAFieldOfARecordAndFlatMapIterable() {
        Stream<Trade> trades = Stream.create();
        List<String> syms = trades.pluck(Trade::sym).sinkToList();
        List<String> letters = trades.flatMapIterable(t -> List.of(t.sym().split(""))).sinkToList();
        trades.emit(new Trade("ab", 1));
        assertEquals(List.of("ab"), syms);
        assertEquals(List.of("a", "b"), letters);
        assertEquals("pluck", trades.downstreams().get(0).operator());
    }

    @Test
    void lambdasMayThrowCheckedExceptionsWhichAreWrapped() throws IOException {
        Path dir = Files.createTempDirectory("streamz-java");
        Files.writeString(dir.resolve("a.txt"), "hello");
        Stream<Path> paths = Stream.create();
        List<String> contents = paths.map(p -> Files.readString(p)).named("read").sinkToList();
        List<Path> seen = new ArrayList<>();
        paths.filter(p -> Files.size(p) >= 0).tap(seen::add).sink(p -> {
            if (Files.isDirectory(p)) {
                throw new IOException("a directory");
            }
        });
        paths.emit(dir.resolve("a.txt"));
        assertEquals(List.of("hello"), contents);
        StreamException e = assertThrows(StreamException.class, () -> paths.emit(dir.resolve("missing")));
        assertEquals("read", e.nodeName());
        assertInstanceOf(IOException.class, e.getCause());
        assertEquals(1, paths.downstreams().get(0).errorCount(), "the per-node error counter");
    }

    @Test
    void sinkReturnsAHandleAndTapPassesThrough() {
        Stream<Integer> s = Stream.create();
        List<Integer> tapped = new ArrayList<>();
        List<Integer> sunk = new ArrayList<>();
        Sink<Integer> sink = s.tap(tapped::add).map(x -> x * 2).sink(sunk::add).named("out");
        s.emit(1);
        assertEquals(List.of(1), tapped);
        assertEquals(List.of(2), sunk);
        assertEquals("out", sink.name());
        assertEquals(4, sink.describe().nodes().size());
        sink.destroy();
        s.emit(2);
        assertEquals(List.of(2), sunk, "a destroyed sink receives nothing");
        assertEquals(List.of(1, 2), tapped);
    }

    @Test
    void javaStyleOverloadsWithoutNulls() {
        VirtualScheduler vs = new VirtualScheduler();
        Stream<Integer> timed = Stream.<Integer>create().withScheduler(vs);
        List<List<Integer>> windows = timed.timedWindowUnique(Duration.ofMillis(10), Keep.FIRST).sinkToList();
        timed.emit(7);
        timed.emit(7);
        vs.advanceBy(Duration.ofMillis(20));
        assertTrue(windows.contains(List.of(7)), windows.toString());

        Stream<Integer> s = Stream.create();
        List<Integer> skipped = s.skip(2).sinkToList();
        List<Integer> taken = s.take(2).sinkToList();
        List<Integer> sliced = s.slice(1, 5, 2).sinkToList();
        List<Integer> distinctParity = s.distinct(x -> x % 2).sinkToList();
        List<Integer> distinct = s.distinct().sinkToList();
        List<List<Integer>> unique = s.partitionUnique(2, Keep.FIRST).sinkToList();
        for (int x : new int[] {1, 2, 2, 3, 4, 5}) {
            s.emit(x);
        }
        assertEquals(List.of(2, 3, 4, 5), skipped);
        assertEquals(List.of(1, 2), taken);
        assertEquals(List.of(2, 3), sliced);
        assertEquals(List.of(1, 2), distinctParity);
        assertEquals(List.of(1, 2, 3, 4, 5), distinct);
        assertEquals(List.of(List.of(1, 2), List.of(2, 3), List.of(4, 5)), unique);
        Stream<Object> o = Stream.create();
        List<Object> truthy = o.filterTruthy().sinkToList();
        o.emit(0);
        o.emit("");
        o.emit("x");
        assertEquals(List.of("x"), truthy);
    }

    @Test
    void sinkAsyncWithParallelismRunsSeveralCallsAtOnce() {
        VirtualScheduler vs = new VirtualScheduler();
        Stream<Integer> s = Stream.<Integer>create().withScheduler(vs);
        List<CompletableFuture<Void>> calls = new ArrayList<>();
        s.sinkAsync(x -> {
            CompletableFuture<Void> f = new CompletableFuture<>();
            calls.add(f);
            return f;
        }, 3);
        CompletableFuture<Void> first = s.emitAsync(1);
        CompletableFuture<Void> second = s.emitAsync(2);
        CompletableFuture<Void> third = s.emitAsync(3);
        vs.runUntilIdle();
        assertEquals(3, calls.size(), "three calls run at once");
        assertTrue(first.isDone() && second.isDone(), "the emitter goes on while a slot is free");
        assertTrue(!third.isDone(), "the third emit takes the last slot and waits");
        calls.get(1).complete(null);
        vs.runUntilIdle();
        assertTrue(third.isDone(), "any completion frees a slot");
    }

    @Test
    void graphCloseStopsTimersAndIsIdempotent() {
        VirtualScheduler vs = new VirtualScheduler();
        Stream<Integer> s = Stream.<Integer>create().withScheduler(vs);
        List<List<Integer>> windows = s.timedWindow(Duration.ofMillis(100)).sinkToList();
        Graph g = s.graph();
        s.emit(1);
        vs.advanceBy(Duration.ofMillis(250));
        assertTrue(windows.contains(List.of(1)));
        s.emit(2);
        List<NodeMetrics> m = g.metrics();
        assertEquals(1, m.get(1).buffered(), "the window holds 2");
        assertEquals("timed_window", m.get(1).operator());
        try (Graph closing = g) {
            assertTrue(closing.awaitIdle(Duration.ofSeconds(1)), "idle once the window was emitted");
        }
        assertTrue(windows.contains(List.of(2)), "the open window was emitted before the close");
        int n = windows.size();
        vs.advanceBy(Duration.ofSeconds(5));
        assertEquals(n, windows.size(), "no empty windows after close");
        g.close();
        assertTrue(g.isClosed());
        assertThrows(IllegalStateException.class, g::start);
    }
}
