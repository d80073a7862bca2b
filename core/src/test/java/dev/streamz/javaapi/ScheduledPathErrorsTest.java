package dev.streamz.javaapi;

import dev.streamz.RefCounter;
import dev.streamz.Stream;
import dev.streamz.StreamException;
import dev.streamz.VirtualScheduler;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A {@code java.lang.Error} (here a {@code StackOverflowError}) from a user function behind each
 * scheduler-driven node is caught, wrapped in a {@link StreamException} naming the failing node, reported,
 * the emitter released and the element's refs released; the elements after it still arrive.
 */
class ScheduledPathErrorsTest {
    private static Integer overflowOn2(Integer x) {
        if (x == 2) {
            throw new StackOverflowError("deep");
        }
        return x;
    }

    /** Builds {@code stage(source).map(overflowOn2).named("boom")} and checks the contract on 1, 2, 3. */
    private static void check(Function<Stream<Integer>, Stream<Integer>> stage, Duration runFor) {
        List<StreamException> errors = new ArrayList<>();
        VirtualScheduler vs = new VirtualScheduler(errors::add);
        Stream<Integer> s = Stream.<Integer>create().withScheduler(vs);
        Stream<Integer> boom = stage.apply(s).map(ScheduledPathErrorsTest::overflowOn2).named("boom");
        List<Integer> out = boom.sinkToList();
        List<RefCounter> refs = new ArrayList<>();
        List<CompletableFuture<Void>> accepted = new ArrayList<>();
        for (int x = 1; x <= 3; x++) {
            RefCounter ref = new RefCounter();
            refs.add(ref);
            accepted.add(s.emitAsync(x, List.of(Map.of(RefCounter.METADATA_KEY, ref))));
        }
        vs.advanceBy(runFor);
        assertEquals(List.of(1, 3), out, "the element after the failure still arrives");
        assertEquals(1, errors.size(), "reported once: " + errors);
        assertEquals("boom", errors.get(0).nodeName(), "names the failing node, not the scheduled one");
        assertInstanceOf(StackOverflowError.class, errors.get(0).getCause());
        assertEquals(1, boom.errorCount());
        for (CompletableFuture<Void> f : accepted) {
            assertTrue(f.isDone(), "no emitter hangs");
        }
        for (RefCounter r : refs) {
            assertEquals(0, r.count(), "every element's refs are released");
        }
    }

    @Test
    void behindBuffer() {
        check(s -> s.buffer(1), Duration.ofSeconds(1));
    }

    @Test
    void behindDelay() {
        check(s -> s.delay(Duration.ofMillis(10)), Duration.ofSeconds(1));
    }

    @Test
    void behindRateLimit() {
        check(s -> s.rateLimit(Duration.ofMillis(10)), Duration.ofSeconds(1));
    }

    @Test
    void behindMapAsync() {
        check(s -> s.mapAsync(x -> CompletableFuture.completedFuture(x)), Duration.ofSeconds(1));
    }

    @Test
    void inTheMapAsyncFunctionItself() {
        List<StreamException> errors = new ArrayList<>();
        VirtualScheduler vs = new VirtualScheduler(errors::add);
        Stream<Integer> s = Stream.<Integer>create().withScheduler(vs);
        Stream<Integer> async = s.mapAsync(x -> CompletableFuture.completedFuture(overflowOn2(x))).named("lookup");
        List<Integer> out = async.sinkToList();
        for (int x = 1; x <= 3; x++) {
            s.emitAsync(x);
        }
        vs.advanceBy(Duration.ofSeconds(1));
        assertEquals(List.of(1, 3), out);
        assertEquals(1, errors.size(), errors.toString());
        assertEquals("lookup", errors.get(0).nodeName());
    }

    @Test
    void inTheSinkAsyncFunction() {
        List<StreamException> errors = new ArrayList<>();
        VirtualScheduler vs = new VirtualScheduler(errors::add);
        Stream<Integer> s = Stream.<Integer>create().withScheduler(vs);
        List<Integer> written = new ArrayList<>();
        Stream<Integer> buffered = s.buffer(4);
        buffered.sinkAsync(x -> {
            overflowOn2(x);
            written.add(x);
            return CompletableFuture.completedFuture(null);
        }).named("db");
        List<CompletableFuture<Void>> accepted = new ArrayList<>();
        for (int x = 1; x <= 3; x++) {
            accepted.add(s.emitAsync(x));
        }
        vs.advanceBy(Duration.ofSeconds(1));
        assertEquals(List.of(1, 3), written);
        assertEquals(1, errors.size(), errors.toString());
        assertEquals("db", errors.get(0).nodeName());
        assertInstanceOf(StackOverflowError.class, errors.get(0).getCause());
        accepted.forEach(f -> assertTrue(f.isDone()));
    }

    @Test
    void behindTimedWindow() {
        List<StreamException> errors = new ArrayList<>();
        VirtualScheduler vs = new VirtualScheduler(errors::add);
        Stream<Integer> s = Stream.<Integer>create().withScheduler(vs);
        Stream<Integer> sizes = s.timedWindow(Duration.ofMillis(100))
                .map(w -> w.size() == 2 ? overflowOn2(2) : w.size()).named("boom");
        List<Integer> out = sizes.sinkToList();
        vs.advanceBy(Duration.ofMillis(50));
        s.emit(1);
        s.emit(1);
        vs.advanceBy(Duration.ofMillis(100));
        s.emit(1);
        vs.advanceBy(Duration.ofMillis(100));
        assertTrue(out.contains(1), "the window after the failure arrives: " + out);
        assertEquals(1, errors.size(), errors.toString());
        assertEquals("boom", errors.get(0).nodeName());
    }
}
