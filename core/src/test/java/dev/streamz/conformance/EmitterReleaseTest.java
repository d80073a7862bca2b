package dev.streamz.conformance;

import dev.streamz.Keep;
import dev.streamz.Scheduler;
import dev.streamz.Schedulers;
import dev.streamz.Stream;
import dev.streamz.StreamException;
import dev.streamz.VirtualScheduler;
import dev.streamz.conformance.Async.Log;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static dev.streamz.conformance.Async.after;
import static dev.streamz.conformance.Async.ms;
import static dev.streamz.conformance.Async.now;
import static dev.streamz.conformance.Async.source;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A21: where an emitter's continuation runs. A future that {@code emitAsync} returns complete means the
 * element was accepted inside the call; one it returns pending completes in a scheduler task of its own,
 * after the node that released the emitter has finished (and after what that node emitted on release), so
 * a continuation never runs inside a node's work, as an awaiting coroutine never resumes inside an
 * {@code update} in streamz. Every node that can hold an emitter is checked with a producer that chains
 * its next {@code emitAsync} on the previous one's future: the continuation finds no node on its stack,
 * and the log shows the release's own output before the continuation.
 */
class EmitterReleaseTest {

    private final VirtualScheduler vs = new VirtualScheduler();
    private final Stream<Integer> s = source(vs);
    private final Log log = new Log();
    /** Continuations that found a node's code on their stack. */
    private final List<String> inside = new ArrayList<>();

    /** Emits {@code x}, ..., {@code last}, each from the continuation of the previous one's future. */
    private void chain(int x, int last) {
        if (x > last) {
            return;
        }
        s.emitAsync(x).thenRun(() -> {
            if (insideANode()) {
                inside.add("cont:" + x);
            }
            log.add("cont:" + x + "@" + now(vs));
            chain(x + 1, last);
        });
    }

    /** Whether the calling code runs inside a node: an operator's code or an emission on the stack. */
    private static boolean insideANode() {
        return StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE).walk(frames -> frames.anyMatch(f -> {
            Class<?> c = f.getDeclaringClass();
            if (!Stream.class.isAssignableFrom(c)) {
                return false;
            }
            String m = f.getMethodName();
            return c != Stream.class || m.equals("update") || m.equals("dispatch") || m.startsWith("emitDownstream");
        }));
    }

    private <R> CompletableFuture<R> work(Object x, long millis, R result) {
        return after(vs, ms(millis), () -> {
            log.add("end:" + x + "@" + now(vs));
            return result;
        });
    }

    @Test
    void A21_buffer_releasedEmitterContinuesAfterTheConsumerTookTheNextElement() {
        s.buffer(1).sinkAsync(x -> {
            log.add("out:" + x + "@" + now(vs));
            return after(vs, ms(100), () -> x);
        });
        chain(0, 4);
        vs.advanceBy(ms(1000));
        assertEquals(List.of("cont:0@0", "out:0@0", "cont:1@0", "out:1@100", "cont:2@100", "out:2@200",
                "cont:3@200", "out:3@300", "cont:4@300", "out:4@400"), log.events());
        assertEquals(List.of(), inside);
    }

    @Test
    void A21_rateLimit() {
        s.rateLimit(ms(100)).sink(x -> log.add("out:" + x + "@" + now(vs)));
        chain(0, 3);
        vs.advanceBy(ms(1000));
        assertEquals(List.of("out:0@0", "cont:0@0", "out:1@100", "cont:1@100", "out:2@200", "cont:2@200",
                "out:3@300", "cont:3@300"), log.events());
        assertEquals(List.of(), inside);
    }

    /**
     * The tuple goes out, the releasing emit returns, a task queued before the release runs, and only
     * then does the held producer continue (as in streamz, where it resumes in a later loop turn).
     */
    @Test
    void A21_zipBounded() {
        Stream<Integer> b = source(vs);
        s.zipBounded(1, b).sink(t -> log.add("tuple:" + t + "@" + now(vs)));
        chain(0, 1);
        vs.schedule(() -> {
            vs.execute(() -> log.add("queued before the release"));
            log.add("b.emit(10)");
            b.emitAsync(10);
            log.add("b.emit(10) returned");
        }, ms(1000));
        vs.advanceBy(ms(2000));
        assertEquals(List.of("cont:0@0", "b.emit(10)", "tuple:(0, 10)@1000", "b.emit(10) returned",
                "queued before the release", "cont:1@1000"), log.events());
        assertEquals(List.of(), inside);
    }

    @Test
    void A21_sinkAsync() {
        s.sinkAsync(x -> {
            log.add("out:" + x + "@" + now(vs));
            return work(x, 100, null);
        });
        chain(0, 2);
        vs.advanceBy(ms(1000));
        assertEquals(List.of("out:0@0", "end:0@100", "cont:0@100", "out:1@100", "end:1@200", "cont:1@200",
                "out:2@200", "end:2@300", "cont:2@300"), log.events());
        assertEquals(List.of(), inside);
    }

    @Test
    void A21_mapAsync_aFreedSlotReleasesItsEmitterAfterTheResultWentOut() {
        s.mapAsync(x -> {
            log.add("call:" + x + "@" + now(vs));
            return work(x, 100, x);
        }, 1).sink(y -> log.add("out:" + y + "@" + now(vs)));
        chain(0, 2);
        vs.advanceBy(ms(1000));
        assertEquals(List.of("call:0@0", "cont:0@0", "end:0@100", "call:1@100", "out:0@100", "cont:1@100",
                "end:1@200", "call:2@200", "out:1@200", "cont:2@200", "end:2@300", "out:2@300"), log.events());
        assertEquals(List.of(), inside);
    }

    @Test
    void A21_timedWindow() {
        windowHoldsItsEmitters(st -> st.timedWindow(ms(100)));
    }

    @Test
    void A21_timedWindowUnique() {
        windowHoldsItsEmitters(st -> st.timedWindowUnique(ms(100), null, Keep.FIRST));
    }

    /** A window still waiting for its slow downstream holds the emitters of the next window's elements. */
    private void windowHoldsItsEmitters(Function<Stream<Integer>, Stream<List<Integer>>> windowed) {
        windowed.apply(s).sinkAsync(w -> {
            List<Integer> members = List.copyOf(w); // the unique window is a tuple: print both alike
            log.add("window:" + members + "@" + now(vs));
            return work(members, 250, null);
        });
        vs.runUntilIdle(); // the first window closes at once, and its downstream takes 250 ms
        chain(1, 3);
        vs.advanceBy(ms(400));
        assertEquals(List.of("window:[]@0", "end:[]@250", "cont:1@250", "cont:2@250", "cont:3@250",
                "window:[1, 2, 3]@350"), log.events());
        assertEquals(List.of(), inside);
    }

    @Test
    void A21_latestNeverHoldsItsEmitter() {
        s.latest().sinkAsync(x -> {
            log.add("out:" + x + "@" + now(vs));
            return work(x, 100, null);
        });
        chain(0, 2);
        assertEquals(List.of("cont:0@0", "cont:1@0", "cont:2@0"), log.events(), "accepted inside each call");
        vs.advanceBy(ms(1000));
        assertEquals(List.of("cont:0@0", "cont:1@0", "cont:2@0", "out:2@0", "end:2@100"), log.events());
        assertEquals(List.of(), inside);
    }

    /** A blocking emit returns at the virtual time of its release, not a moment later. */
    @Test
    void A21_blockingEmitReturnsWhenReleased() {
        s.buffer(1).sinkAsync(x -> after(vs, ms(100), () -> x));
        List<Long> returned = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            s.emit(i);
            returned.add(now(vs));
        }
        assertEquals(List.of(0L, 0L, 100L, 200L), returned);
    }

    /**
     * The same chained producers on a real event loop, both feeding a bounded zip: every emit completes,
     * the tuples pair up in order, and no continuation runs inside a node.
     */
    @Test
    void A21_chainedProducersOnARealLoop() throws Exception {
        List<StreamException> errors = new CopyOnWriteArrayList<>();
        Scheduler loop = Schedulers.newEventLoop("a21-loop", errors::add);
        Stream<Integer> a = Stream.<Integer>create().withScheduler(loop);
        Stream<Integer> b = Stream.<Integer>create().withScheduler(loop);
        List<List<Object>> out = new CopyOnWriteArrayList<>();
        a.zipBounded(1, b).sink(out::add);
        List<String> insideOnLoop = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> doneA = new CompletableFuture<>();
        CompletableFuture<Void> doneB = new CompletableFuture<>();
        realChain(a, 0, 100, doneA, insideOnLoop);
        realChain(b, 1000, 100, doneB, insideOnLoop);
        CompletableFuture.allOf(doneA, doneB).get(30, TimeUnit.SECONDS);
        assertEquals(100, out.size());
        for (int i = 0; i < 100; i++) {
            assertEquals(List.of(i, 1000 + i), out.get(i));
        }
        assertEquals(List.of(), insideOnLoop);
        assertEquals(List.of(), errors);
    }

    private static void realChain(Stream<Integer> st, int x, int n, CompletableFuture<Void> done, List<String> inside) {
        if (n == 0) {
            done.complete(null);
            return;
        }
        st.emitAsync(x).whenComplete((v, e) -> {
            if (e != null) {
                done.completeExceptionally(e);
                return;
            }
            if (insideANode()) {
                inside.add("cont:" + x);
            }
            realChain(st, x + 1, n - 1, done, inside);
        });
    }

    @Test
    void A21_acceptedInsideTheCallMeansCompleteOnReturn() {
        s.map(x -> x + 1).sink(x -> log.add("out:" + x));
        CompletableFuture<Void> f = s.emitAsync(1);
        assertTrue(f.isDone(), "nothing held it");
        s.delay(ms(10)).sink(x -> { });
        assertTrue(s.emitAsync(2).isDone(), "delay never holds its emitter");
        Stream<Integer> slow = source(vs);
        slow.sinkAsync(x -> work(x, 10, null));
        CompletableFuture<Void> g = slow.emitAsync(3);
        assertFalse(g.isDone());
        vs.advanceBy(ms(10));
        assertTrue(g.isDone());
    }
}
