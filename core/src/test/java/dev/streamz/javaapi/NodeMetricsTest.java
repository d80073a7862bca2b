package dev.streamz.javaapi;

import dev.streamz.NodeMetrics;
import dev.streamz.RefCounter;
import dev.streamz.Source;
import dev.streamz.Stream;
import dev.streamz.VirtualScheduler;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The per-node figures of {@code graph().metrics()}: {@code in} and {@code out} where a node counts them
 * (scheduler-driven nodes, sinks, sources), {@link NodeMetrics#NOT_COUNTED} on the synchronous path, and
 * {@code refsHeld} for every node that keeps elements, following the holds as elements arrive and leave.
 */
class NodeMetricsTest {

    private static Duration ms(long n) {
        return Duration.ofMillis(n);
    }

    private static List<Map<String, Object>> ref() {
        return List.of(Map.of("ref", new RefCounter(() -> { })));
    }

    private static NodeMetrics of(Stream<?> node) {
        for (NodeMetrics m : node.graph().metrics()) {
            if (m.id() == node.id()) {
                return m;
            }
        }
        throw new AssertionError(node + " is not in its graph's metrics");
    }

    @Test
    void synchronousNodesCountNothingSinksCountWhatTheyReceive() {
        Stream<Integer> s = Stream.create();
        Stream<Integer> m = s.map(x -> x + 1);
        Stream<Integer> f = m.filter(x -> x % 2 == 0);
        List<Integer> out = new ArrayList<>();
        Stream<Integer> sink = f.sink(out::add).node();
        for (int i = 0; i < 5; i++) {
            s.emit(i, ref());
        }
        assertEquals(List.of(2, 4), out);
        for (Stream<?> n : List.of(s, m, f)) {
            NodeMetrics nm = of(n);
            assertEquals(NodeMetrics.NOT_COUNTED, nm.in(), nm.toString());
            assertEquals(NodeMetrics.NOT_COUNTED, nm.out(), nm.toString());
            assertEquals(0, nm.refsHeld(), "holds nothing past the call: " + nm);
        }
        NodeMetrics sm = of(sink);
        assertEquals(2, sm.in());
        assertEquals(0, sm.out());
        assertEquals(0, sm.refsHeld());
    }

    @Test
    void aSourceCountsWhatItEmits() {
        VirtualScheduler vs = new VirtualScheduler();
        Source<Integer> src = Stream.fromIterable(List.of(1, 2, 3));
        src.withScheduler(vs);
        Stream<Integer> sink = src.sink(x -> { }).node();
        src.start();
        vs.runUntilIdle();
        assertEquals(3, of(src).out());
        assertEquals(NodeMetrics.NOT_COUNTED, of(src).in());
        assertEquals(3, of(sink).in());
    }

    @Test
    void aDelayCountsInOutAndTheRefsItHolds() {
        VirtualScheduler vs = new VirtualScheduler();
        Stream<Integer> s = Stream.<Integer>create().withScheduler(vs);
        Stream<Integer> d = s.delay(ms(10));
        d.sink(x -> { });
        s.emit(1, ref());
        s.emit(2, List.of(Map.of("ref", new RefCounter(() -> { })), Map.of("ref", new RefCounter(() -> { }))));
        s.emit(3);
        NodeMetrics held = of(d);
        assertEquals(3, held.in());
        assertEquals(0, held.out());
        assertEquals(3, held.buffered());
        assertEquals(3, held.refsHeld(), "one ref of 1, two of 2, none of 3");
        vs.advanceBy(ms(10));
        NodeMetrics after = of(d);
        assertEquals(3, after.out());
        assertEquals(0, after.buffered());
        assertEquals(0, after.refsHeld());
    }

    @Test
    void refsWaitingForAnAsynchronousDownstreamAreCounted() {
        VirtualScheduler vs = new VirtualScheduler();
        Stream<Integer> s = Stream.<Integer>create().withScheduler(vs);
        Stream<Integer> b = s.buffer(5);
        CompletableFuture<Void> slow = new CompletableFuture<>();
        Stream<Integer> sink = b.sinkAsync(x -> slow).node();
        s.emit(1, ref());
        s.emit(2, ref());
        assertEquals(2, of(b).refsHeld(), "queued in the buffer");
        vs.runUntilIdle();
        // 1 was emitted into the sink, which has not completed: the buffer and the sink hold it; 2 waits.
        assertEquals(2, of(b).refsHeld(), "1 in flight, 2 queued");
        assertEquals(1, of(sink).refsHeld());
        assertEquals(1, of(sink).in());
        assertEquals(1, of(b).out());
        slow.complete(null);
        vs.runUntilIdle();
        assertEquals(0, of(b).refsHeld());
        assertEquals(0, of(sink).refsHeld());
        assertEquals(2, of(b).out());
        assertEquals(2, of(sink).in());
    }

    @Test
    void rateLimitWindowsPartitionsAndLatestCountTheirHolds() {
        VirtualScheduler vs = new VirtualScheduler();
        Stream<Integer> s = Stream.<Integer>create().withScheduler(vs);
        Stream<Integer> rl = s.rateLimit(ms(10));
        rl.sink(x -> { });
        Stream<List<Integer>> w = s.timedWindow(ms(50));
        w.sink(x -> { });
        Stream<List<Integer>> p = s.partition(3, ms(50));
        p.sink(x -> { });
        Stream<Integer> latest = s.latest();
        latest.sink(x -> { });
        vs.runUntilIdle(); // the window's first, empty one
        s.emitAsync(1, ref());
        s.emitAsync(2, ref()); // waits for its turn in the rate limit
        assertEquals(List.of(2L, 1L), List.of(of(rl).in(), of(rl).out()));
        assertEquals(1, of(rl).refsHeld(), "2 waits for its turn");
        assertEquals(2, of(w).refsHeld(), "both in the open window");
        assertEquals(2, of(p).refsHeld(), "both in the open partition");
        assertEquals(1, of(latest).refsHeld(), "2 replaced 1, not emitted yet");
        vs.advanceBy(ms(50));
        for (Stream<?> n : List.of(rl, w, p, latest)) {
            assertEquals(0, of(n).refsHeld(), n.operator());
        }
        assertEquals(2, of(rl).out());
        assertEquals(1, of(p).out(), "flushed on its timeout");
        assertEquals(2, of(latest).in());
    }

    @Test
    void joinsBatchesAndHoldCountTheirHolds() {
        Stream<Integer> a = Stream.create();
        Stream<Integer> b = Stream.create();
        Stream<?> zip = a.zipWith(b);
        zip.sink(x -> { });
        Stream<?> combined = a.combineLatestWith(b);
        combined.sink(x -> { });
        Stream<List<Integer>> part = a.partition(3);
        part.sink(x -> { });
        Stream<List<Integer>> sliding = a.slidingWindow(2);
        sliding.sink(x -> { });
        var held = a.hold();
        a.emit(1, ref());
        a.emit(2, ref());
        assertEquals(2, of(zip).refsHeld(), "two waiting for a partner");
        assertEquals(1, of(combined).refsHeld(), "the latest of a");
        assertEquals(2, of(part).refsHeld());
        assertEquals(1, of(sliding).refsHeld(), "the oldest let go once its last window left");
        assertEquals(2, of(held).refsHeld());
        b.emit(10, ref());
        assertEquals(1, of(zip).refsHeld(), "1 left paired with 10");
        assertEquals(2, of(combined).refsHeld(), "latest of a and of b");
        assertEquals(NodeMetrics.NOT_COUNTED, of(zip).in());
        held.flush();
        assertEquals(0, of(held).refsHeld());
    }
}
