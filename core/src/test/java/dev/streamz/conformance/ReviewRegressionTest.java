package dev.streamz.conformance;

import dev.streamz.RefCounter;
import dev.streamz.Stream;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Edge cases found in review: null elements in holding operators, feedback loops re-entering a holder
 * mid-emission, join inputs removed while buffered or mid-emit, and RefCounter under a retain/release race.
 */
public class ReviewRegressionTest extends ConformanceBase {
    private static List<Map<String, Object>> ref(RefCounter r) {
        return List.of(Map.of(RefCounter.METADATA_KEY, r));
    }

    @Test
    void nullElementsFlowThroughZipSlidingWindowCollectAndZipLatest() {
        Stream<Integer> a = Stream.create();
        Stream<Integer> b = Stream.create();
        List<List<Object>> zipped = a.zip(b).sinkToList();
        emit(a, null);
        emit(b, 1);
        emit(a, 2);
        emit(b, 3);
        assertEquals(List.of(Arrays.asList(null, 1), List.of(2, 3)), zipped, "None is an element like any other");

        Stream<Integer> s = Stream.create();
        List<List<Integer>> windows = s.slidingWindow(2).sinkToList();
        var collect = s.collect();
        List<List<Integer>> collected = collect.sinkToList();
        emit(s, null);
        emit(s, 1);
        collect.flush();
        assertEquals(List.of(Arrays.asList((Integer) null), Arrays.asList(null, 1)), windows);
        assertEquals(List.of(Arrays.asList(null, 1)), collected);

        Stream<Integer> lossless = Stream.create();
        Stream<Integer> lossy = Stream.create();
        List<List<Object>> latest = lossless.zipLatest(lossy).sinkToList();
        emit(lossless, null);
        emit(lossy, 7);
        assertEquals(List.of(Arrays.asList(null, 7)), latest);
    }

    @Test
    void feedbackIntoCombineLatestDoesNotAcknowledgeDataStillInFlight() {
        Stream<Integer> a = Stream.create();
        Stream<String> b = Stream.create();
        Stream<List<Object>> cl = a.combineLatest(b);
        AtomicBoolean once = new AtomicBoolean();
        cl.sink(t -> {
            if (once.compareAndSet(false, true)) {
                emit(a, 2); // replaces a's latest value (and releases its ref) while (1, x) is still in flight
            }
        });
        List<Integer> refCountsSeenByLaterHolder = new ArrayList<>();
        RefCounter r = new RefCounter(() -> { });
        cl.sink(t -> refCountsSeenByLaterHolder.add(r.count()));
        emit(a, 1, ref(r));
        emit(b, "x");
        assertTrue(r.fired(), "acknowledged once everything is done");
        assertEquals(0, r.count());
        // The later branch still saw the in-flight tuple holding r (the feedback tuple (2, x) holds none).
        assertEquals(1, refCountsSeenByLaterHolder.get(refCountsSeenByLaterHolder.size() - 1));
    }

    @Test
    void feedbackIntoZipLatestDoesNotAcknowledgeDataStillInFlight() {
        Stream<Integer> a = Stream.create();
        Stream<String> b = Stream.create();
        Stream<List<Object>> zl = a.zipLatest(b);
        AtomicBoolean once = new AtomicBoolean();
        zl.sink(t -> {
            if (once.compareAndSet(false, true)) {
                emit(b, "y"); // replaces b's latest value while (1, x) is still in flight
            }
        });
        List<Boolean> firedSeenByLaterBranch = new ArrayList<>();
        RefCounter r = new RefCounter(() -> { });
        zl.sink(t -> firedSeenByLaterBranch.add(r.fired()));
        emit(b, "x", ref(r));
        emit(a, 1);
        assertEquals(List.of(false), firedSeenByLaterBranch);
        assertTrue(r.fired());
    }

    @Test
    void zipLatestReleasesItsBufferedLosslessElementsWhenThatInputIsRemoved() {
        Stream<Integer> a = Stream.create();
        Stream<String> b = Stream.create();
        Stream<List<Object>> zl = a.zipLatest(b);
        RefCounter r = new RefCounter(() -> { });
        emit(a, 1, ref(r));
        assertEquals(1, r.count(), "buffered until b has a value");
        zl.destroy();
        assertTrue(r.fired(), "destroy lets go of the buffered element");

        Stream<Integer> c = Stream.create();
        Stream<String> d = Stream.create();
        Stream<List<Object>> zl2 = c.zipLatest(d);
        List<List<Object>> out = zl2.sinkToList();
        emit(c, 5);
        c.disconnect(zl2);
        emit(d, "x");
        assertEquals(List.of(), out, "no malformed tuple for the dropped element");
    }

    @Test
    void slidingWindowReleasesEveryRefWhenFeedbackReentersAFullWindow() {
        Stream<String> s = Stream.create();
        Stream<List<String>> sw = s.slidingWindow(2);
        AtomicBoolean armed = new AtomicBoolean();
        List<List<String>> windows = new ArrayList<>();
        sw.sink(t -> {
            windows.add(t);
            if (armed.compareAndSet(true, false)) {
                emit(s, "fb");
            }
        });
        RefCounter[] r = new RefCounter[4];
        AtomicInteger fired = new AtomicInteger();
        for (int i = 0; i < r.length; i++) {
            r[i] = new RefCounter(fired::incrementAndGet);
        }
        emit(s, "a", ref(r[0]));
        emit(s, "b", ref(r[1]));
        armed.set(true);
        emit(s, "c", ref(r[2]));
        emit(s, "d", ref(r[3]));
        emit(s, "e");
        emit(s, "f");
        assertEquals(4, fired.get(), "every ref released exactly once");
        for (RefCounter x : r) {
            assertEquals(0, x.count());
        }
        assertEquals(List.of(List.of("a"), List.of("a", "b"), List.of("b", "c"), List.of("c", "fb"),
                List.of("fb", "d"), List.of("d", "e"), List.of("e", "f")), windows);
    }

    @Test
    void joinDestroyedDuringItsUpstreamsEmitIgnoresTheElement() {
        Stream<Integer> a = Stream.create();
        Stream<Integer> b = Stream.create();
        List<Stream<?>> joins = new ArrayList<>();
        a.sink(x -> joins.forEach(Stream::destroy));
        joins.add(a.zip(b));
        joins.add(a.combineLatest(b));
        joins.add(a.zipLatest(b));
        List<Object> after = new ArrayList<>();
        for (Stream<?> j : joins) {
            j.sink(after::add);
        }
        emit(a, 1); // must not throw: the joins were detached mid-emit, like any node
        emit(b, 2);
        assertEquals(List.of(), after);
    }

    @Test
    void refCounterRetainReleaseRaceFiresExactlyOnceAndNeverEarly() throws Exception {
        for (int round = 0; round < 2_000; round++) {
            AtomicInteger fired = new AtomicInteger();
            AtomicInteger lateRetains = new AtomicInteger();
            RefCounter r = new RefCounter(1, fired::incrementAndGet);
            CountDownLatch go = new CountDownLatch(1);
            Thread releaser = new Thread(() -> {
                await(go);
                r.release();
            });
            Thread retainer = new Thread(() -> {
                await(go);
                try {
                    r.retain();
                    r.release(); // a holder that got in before the acknowledgement
                } catch (IllegalStateException tooLate) {
                    lateRetains.incrementAndGet(); // refused: the data was already acknowledged
                }
            });
            releaser.start();
            retainer.start();
            go.countDown();
            releaser.join();
            retainer.join();
            assertEquals(1, fired.get(), "round " + round);
            assertEquals(0, r.count());
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
