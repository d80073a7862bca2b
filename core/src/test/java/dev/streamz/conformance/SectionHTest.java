package dev.streamz.conformance;

import dev.streamz.CollectStream;
import dev.streamz.EmitOn;
import dev.streamz.RefCounter;
import dev.streamz.Stream;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import static dev.streamz.conformance.Md.counts;
import static dev.streamz.conformance.Md.vs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Conformance section H (docs/conformance.md): metadata and reference counting.
 *
 * <p>The H07 rows for rate_limit, map_async, buffer, delay, latest, timed_window and
 * timed_window_unique are in {@link SectionHAsyncTest}. Deferred: scatter/gather (dask).
 */
public class SectionHTest extends ConformanceBase {

    /**
     * DELIBERATE DIFFERENCE (H05 in docs/conformance.md): streamz schedules the callback on the event loop; ours
     * runs inline, exactly once, on the thread that makes the last release, before {@code release}
     * returns.
     */
    @Test
    void H01_refCounterApi() throws Exception {
        RefCounter r = new RefCounter();
        assertEquals(0, r.count());
        assertEquals("<RefCounter count=0>", r.toString());
        r.retain();
        r.retain(2);
        assertEquals(3, r.count());
        r.release(2);
        assertEquals(1, r.count());
        assertEquals("<RefCounter count=1>", r.toString());
        r.release();
        assertEquals(0, r.count());
        assertFalse(r.fired(), "no callback: nothing to fire");

        // release(0) is not a release: it never fires a callback, even at count 0.
        List<String> zeroFired = new ArrayList<>();
        RefCounter zero = new RefCounter(() -> zeroFired.add("fired"));
        zero.release(0);
        assertEquals(List.of(), zeroFired);
        assertFalse(zero.fired());

        // Initial count; the callback fires only when the count reaches zero.
        List<Thread> callbackThreads = new ArrayList<>();
        RefCounter two = new RefCounter(2, () -> callbackThreads.add(Thread.currentThread()));
        two.release();
        assertEquals(List.of(), callbackThreads);
        assertEquals(1, two.count());
        two.release();
        assertEquals(List.of(Thread.currentThread()), callbackThreads, "inline, on the releasing thread");
        assertTrue(two.fired());

        // Released on another thread: the callback runs on that thread, before its release() returns.
        AtomicReference<Thread> ranOn = new AtomicReference<>();
        RefCounter other = new RefCounter(() -> ranOn.set(Thread.currentThread()));
        other.retain();
        AtomicReference<Boolean> doneWhenReleaseReturned = new AtomicReference<>();
        Thread t = new Thread(() -> {
            other.release();
            doneWhenReleaseReturned.set(ranOn.get() == Thread.currentThread());
        }, "releaser");
        t.start();
        t.join(TimeUnit.SECONDS.toMillis(30));
        assertFalse(t.isAlive());
        assertSame(t, ranOn.get());
        assertEquals(Boolean.TRUE, doneWhenReleaseReturned.get());
    }

    @Test
    void H02_emitProtocolKeepsCountsBalanced() {
        Stream<Integer> s = Stream.create();
        AtomicInteger fired = new AtomicInteger();
        RefCounter r = new RefCounter(fired::incrementAndGet);
        List<String> seen = new ArrayList<>();
        Consumer<String> probe = where -> seen.add(where + ":" + r.count() + ":" + fired.get());
        s.map(x -> x + 1).sink(x -> probe.accept("branch1"));
        s.sink(x -> probe.accept("branch2"));
        emit(s, 1, Md.ref(r));
        // While the downstream runs, the ref is held (streamz retains once per downstream; our emit holds it
        // once for the whole call; compiled, its ring slot holds it instead) and the callback has not fired.
        assertEquals(List.of("branch1:1:0", "branch2:1:0"), seen);
        assertEquals(0, r.count());
        assertEquals(1, fired.get(), "fired once, after the emit");
    }

    @Test
    void H03_holdersRetainOnceOnArrivalAndReleaseOnceWhenTheyLetGo() {
        Stream<Integer> s = Stream.create();
        Stream<List<Integer>> p = s.partition(2);
        List<List<Integer>> l1 = p.sinkToList();
        List<List<Integer>> l2 = p.sinkToList();
        List<List<Integer>> l3 = p.sinkToList();
        List<String> fired = new ArrayList<>();
        RefCounter a = new RefCounter(() -> fired.add("a"));
        RefCounter b = new RefCounter(() -> fired.add("b"));
        emit(s, 1, Md.ref(a));
        assertEquals(1, a.count(), "one hold by the partition, whatever its number of downstreams");
        emit(s, 2, Md.ref(b));
        assertEquals(List.of(0, 0), counts(a, b));
        assertEquals(List.of("a", "b"), fired);
        assertEquals(List.of(List.of(1, 2)), l1);
        assertEquals(l1, l2);
        assertEquals(l1, l3);

        // Two holders of the same element: one count each; the callback fires after the last lets go.
        Stream<Integer> t = Stream.create();
        t.partition(2);
        t.slidingWindow(3, false);
        List<String> firedT = new ArrayList<>();
        RefCounter r = new RefCounter(() -> firedT.add("r"));
        emit(t, 0, Md.ref(r));
        assertEquals(2, r.count());
        emit(t, 1);
        assertEquals(1, r.count(), "the partition let go; the window still holds it");
        assertEquals(List.of(), firedT);
        emit(t, 2);
        assertEquals(0, r.count(), "it left its last window");
        assertEquals(List.of("r"), firedT);
    }

    /**
     * DELIBERATE DIFFERENCE (H04 in docs/conformance.md): in streamz an element emitted into a node with no
     * downstreams ends at count 0 but its callback never fires. Our public emit holds the refs for the
     * call, so "emitted into nothing" is done: the callback fires before emit returns.
     */
    @Test
    void H04_emitIntoNoDownstreamFiresTheCallback() {
        Stream<Integer> s = Stream.create();
        List<String> fired = new ArrayList<>();
        RefCounter r = new RefCounter(() -> fired.add("r"));
        emit(s, 1, Md.ref(r));
        assertEquals(0, r.count());
        assertEquals(List.of("r"), fired);

        // Same when every downstream drops the element.
        Stream<Integer> t = Stream.create();
        t.filter(x -> false);
        RefCounter q = new RefCounter(() -> fired.add("q"));
        emit(t, 1, Md.ref(q));
        assertEquals(0, q.count());
        assertEquals(List.of("r", "q"), fired);
    }

    /**
     * DELIBERATE DIFFERENCE (H05 in docs/conformance.md): streamz calls the callback every time a release leaves
     * the count at or below zero. Ours fires exactly once (a fire-once guard); retaining a counter whose
     * callback has fired throws IllegalStateException, since the data was acknowledged already.
     */
    @Test
    void H05_callbackFiresExactlyOnce() throws Exception {
        AtomicInteger fired = new AtomicInteger();
        RefCounter r = new RefCounter(fired::incrementAndGet);
        r.retain();
        r.release();
        assertEquals(1, fired.get());
        IllegalStateException e = assertThrows(IllegalStateException.class, r::retain);
        assertTrue(e.getMessage().contains("retained after its callback fired"), e.getMessage());
        assertEquals(0, r.count(), "a rejected retain does not change the count");
        assertEquals(1, fired.get());

        // The same counter on two elements in one graph: fires once, after both are released.
        Stream<Integer> s = Stream.create();
        CollectStream<Integer> c = s.collect();
        AtomicInteger firedG = new AtomicInteger();
        RefCounter g = new RefCounter(firedG::incrementAndGet);
        emit(s, 1, Md.ref(g));
        emit(s, 2, Md.ref(g));
        assertEquals(2, g.count());
        assertEquals(0, firedG.get());
        c.flush();
        assertEquals(0, g.count());
        assertEquals(1, firedG.get());

        // Bounded randomized race: many threads release the last holds at once; the callback runs once.
        int threads = 4;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int round = 0; round < 200; round++) {
                AtomicInteger count = new AtomicInteger();
                RefCounter shared = new RefCounter(threads, count::incrementAndGet);
                CountDownLatch go = new CountDownLatch(1);
                List<Future<?>> done = new ArrayList<>();
                for (int i = 0; i < threads; i++) {
                    done.add(pool.submit(() -> {
                        go.await();
                        shared.release();
                        return null;
                    }));
                }
                go.countDown();
                for (Future<?> f : done) {
                    f.get(30, TimeUnit.SECONDS);
                }
                assertEquals(1, count.get(), "round " + round);
                assertEquals(0, shared.count());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void H06_metadataNormalisation() {
        Stream<Integer> s = Stream.create();
        List<List<Map<String, Object>>> seen = new ArrayList<>();
        s.sinkWithMetadata((x, m) -> seen.add(m));
        emit(s, 1);
        assertEquals(1, seen.size());
        assertNotNull(seen.get(0), "never null");
        assertEquals(List.of(), seen.get(0));

        // Maps without a ref pass through untouched, and are never mutated, even by holding nodes.
        Map<String, Object> m = new HashMap<>(Map.of("v", 1, "other", "x"));
        Map<String, Object> before = Map.copyOf(m);
        List<Map<String, Object>> md = new ArrayList<>(List.of(m));
        Stream<Integer> t = Stream.create();
        List<List<Map<String, Object>>> passed = new ArrayList<>();
        t.map(x -> x + 1).filter(x -> true).sinkWithMetadata((x, mm) -> passed.add(mm));
        List<List<Map<String, Object>>> held = new ArrayList<>();
        t.partition(1).sinkWithMetadata((x, mm) -> held.add(mm));
        emit(t, 1, md);
        assertSame(md, passed.get(0), "the same list object through pass-through nodes");
        assertSame(m, held.get(0).get(0), "holding nodes pass the same map objects");
        assertEquals(before, m);
        assertEquals(List.of(m), md);
    }

    @Test
    void H07_passThroughOperatorsForwardTheSameListAndHoldNothing() {
        Stream<List<Integer>> s = Stream.create();
        List<String> fired = new ArrayList<>();
        RefCounter r = new RefCounter(() -> fired.add("r"));
        List<Map<String, Object>> md = Md.v(1, r);
        Map<String, Stream<?>> ops = new java.util.LinkedHashMap<>();
        ops.put("map", s.map(x -> x));
        ops.put("starmap", s.starmap((x, y) -> x));
        ops.put("filter", s.filter(x -> true));
        ops.put("remove", s.remove(x -> false));
        ops.put("accumulate", s.accumulate((acc, x) -> x));
        ops.put("pluck", s.pluck(0));
        ops.put("union", s.union(Stream.create()));
        ops.put("unique", s.unique());
        ops.put("slice", s.slice());
        ops.put("sink", s);
        Map<String, List<Boolean>> sameList = new java.util.LinkedHashMap<>();
        Map<String, List<Boolean>> expected = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, Stream<?>> e : ops.entrySet()) {
            List<Boolean> seen = new ArrayList<>();
            sameList.put(e.getKey(), seen);
            expected.put(e.getKey(), List.of(true));
            e.getValue().sinkWithMetadata((x, m) -> seen.add(m == md));
        }
        emit(s, List.of(1, 2), md);
        assertEquals(expected, sameList, "each node passed the very same metadata list on, once");
        assertEquals(0, r.count(), "no pass-through node holds the element");
        assertEquals(List.of("r"), fired);

        // Dropped (filtered-out, removed, duplicate) elements emit nothing and hold nothing.
        Stream<Integer> t = Stream.create();
        Stream<Integer> u = t.unique();
        List<Object> outs = new ArrayList<>();
        t.filter(x -> false).sink(outs::add);
        t.remove(x -> true).sink(outs::add);
        u.sink(outs::add);
        emit(t, 7);
        outs.clear();
        RefCounter d = new RefCounter();
        emit(t, 7, Md.ref(d));
        assertEquals(List.of(), outs);
        assertEquals(0, d.count());
    }

    @Test
    void H07_flattenPutsTheMetadataOnTheLastItem() {
        Stream<List<Integer>> s = Stream.create();
        List<Object> pairs = new ArrayList<>();
        s.<Integer>flatten().sinkWithMetadata((x, m) -> pairs.add(List.of(x, m)));
        RefCounter r = new RefCounter();
        emit(s, List.of(1, 2, 3), Md.v(1, r));
        assertEquals(List.of(
                List.of(1, List.of()),
                List.of(2, List.of()),
                List.of(3, Md.v(1, r))), pairs);
        assertEquals(0, r.count());
        pairs.clear();
        RefCounter e = new RefCounter();
        emit(s, List.of(), Md.v(2, e));
        assertEquals(List.of(), pairs, "an empty iterable emits nothing");
        assertEquals(0, e.count());
    }

    @Test
    void H07_holdingOperatorsConcatenateMetadataAndHoldOnce() {
        // partition: concatenation; held from arrival to right after the emission (D10, D11).
        Stream<Integer> p = Stream.create();
        Stream<List<Integer>> pn = p.partition(2);
        Md pmd = Md.of(pn);
        pn.sinkToList();
        RefCounter p1 = new RefCounter();
        emit(p, 1, Md.v("a", p1));
        assertEquals(1, p1.count());
        emit(p, 2, Md.v("b"));
        assertEquals(List.of(vs("a", "b")), pmd.list());
        assertEquals(0, p1.count());

        // sliding_window: released when the element is the oldest of a full window (D15, D16).
        Stream<Integer> w = Stream.create();
        Stream<List<Integer>> wn = w.slidingWindow(2);
        wn.sinkToList();
        RefCounter w1 = new RefCounter();
        emit(w, 1, Md.ref(w1));
        emit(w, 2);
        assertEquals(0, w1.count());

        // collect: on flush, after emission (D18, D19).
        Stream<Integer> c = Stream.create();
        CollectStream<Integer> cn = c.collect();
        cn.sinkToList();
        RefCounter c1 = new RefCounter();
        emit(c, 1, Md.ref(c1));
        assertEquals(1, c1.count());
        cn.flush();
        assertEquals(0, c1.count());

        // zip, combine_latest, zip_latest: held on arrival, once, whatever the number of downstreams.
        Stream<Integer> a = Stream.create();
        Stream<Integer> b = Stream.create();
        Stream<List<Object>> zip = a.zip(b);
        Stream<List<Object>> cl = a.combineLatest(EmitOn.streams(a), b);
        Stream<List<Object>> zl = a.zipLatest(b);
        for (Stream<List<Object>> j : List.of(zip, cl, zl)) {
            j.sinkToList();
            j.sinkToList();
        }
        RefCounter r = new RefCounter();
        emit(a, 1, Md.ref(r));
        assertEquals(3, r.count(), "one hold by each of zip, combineLatest and zipLatest");
        emit(b, 2);
        // zip released it after emitting; zipLatest released its lossless value after emitting;
        // combineLatest keeps it until a replaces it.
        assertEquals(1, r.count());
        emit(a, 3);
        assertEquals(0, r.count());
    }
}
