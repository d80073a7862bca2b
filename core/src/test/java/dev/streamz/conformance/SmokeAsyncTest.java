package dev.streamz.conformance;

import dev.streamz.Stream;
import dev.streamz.VirtualScheduler;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SmokeAsyncTest {
    @Test
    void bufferF15() {
        VirtualScheduler vs = new VirtualScheduler();
        Stream<Integer> s = Stream.<Integer>create().withScheduler(vs);
        List<Integer> out = new ArrayList<>();
        s.buffer(2).sinkAsync(x -> {
            CompletableFuture<Void> f = new CompletableFuture<>();
            vs.schedule(() -> { out.add(x); f.complete(null); }, Duration.ofMillis(100));
            return f;
        });
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            s.emit(i);
            times.add(vs.elapsed().toMillis());
        }
        assertEquals(List.of(0L, 0L, 0L, 100L, 200L), times);
        vs.advanceBy(Duration.ofSeconds(1));
        assertEquals(List.of(0, 1, 2, 3, 4), out);
    }

    @Test
    void rateLimitF12() {
        VirtualScheduler vs = new VirtualScheduler();
        Stream<Integer> s = Stream.<Integer>create().withScheduler(vs);
        List<Long> at = new ArrayList<>();
        s.rateLimit("100ms").sink(x -> at.add(vs.elapsed().toMillis()));
        for (int i = 0; i < 4; i++) {
            s.emit(i);
        }
        assertEquals(List.of(0L, 100L, 200L, 300L), at);
    }

    @Test
    void timedWindowF02() {
        VirtualScheduler vs = new VirtualScheduler();
        Stream<Integer> s = Stream.<Integer>create().withScheduler(vs);
        List<List<Integer>> out = s.timedWindow("50ms").sinkToList();
        vs.advanceBy(Duration.ofMillis(10));
        s.emit(0); s.emit(1); s.emit(2);
        vs.advanceBy(Duration.ofMillis(100));
        assertEquals(List.of(List.of(), List.of(0, 1, 2), List.of()), out);
    }
}
