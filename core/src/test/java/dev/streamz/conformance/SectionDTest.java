package dev.streamz.conformance;

import dev.streamz.CollectStream;
import dev.streamz.Keep;
import dev.streamz.RefCounter;
import dev.streamz.Stream;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static dev.streamz.conformance.Md.counts;
import static dev.streamz.conformance.Md.expect;
import static dev.streamz.conformance.Md.vs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Conformance section D (docs/conformance.md): partition, partition_unique, sliding_window, collect.
 *
 * <p>The timeout half of D05 ({@code partition(1, timeout)}) and D06 to D09 are in {@link AsyncGraphTest}.
 */
public class SectionDTest extends ConformanceBase {

    @Test
    void D01_partitionGroupsIntoTuples() {
        Stream<Integer> s = Stream.create();
        List<List<Integer>> l = s.partition(2).sinkToList();
        for (int i = 0; i < 10; i++) {
            emit(s, i);
        }
        assertEquals(List.of(List.of(0, 1), List.of(2, 3), List.of(4, 5), List.of(6, 7), List.of(8, 9)), l);
    }

    @Test
    void D02_partitionHasNoEndOfStreamFlush() {
        Stream<Integer> s = Stream.create();
        Stream<List<Integer>> p = s.partition(3);
        List<List<Integer>> l = p.sinkToList();
        for (int i = 0; i < 10; i++) {
            emit(s, i);
        }
        assertEquals(List.of(List.of(0, 1, 2), List.of(3, 4, 5), List.of(6, 7, 8)), l);
        assertEquals(1, p.bufferedCount(), "9 stays buffered");
    }

    @Test
    void D03_partitionKeyAsIndex() {
        Stream<List<Integer>> s = Stream.create();
        List<List<List<Integer>>> l = s.partition(2, 0).sinkToList();
        for (int i = 0; i < 4; i++) {
            emit(s, List.of(i % 2, i));
        }
        assertEquals(List.of(
                List.of(List.of(0, 0), List.of(0, 2)),
                List.of(List.of(1, 1), List.of(1, 3))), l);
    }

    @Test
    void D04_partitionKeyCallable() {
        Stream<Integer> s = Stream.create();
        Stream<List<Integer>> p = s.partition(2, (Function<Integer, Object>) x -> x % 2);
        List<List<Integer>> l = p.sinkToList();
        for (int i = 0; i < 10; i++) {
            emit(s, i);
        }
        assertEquals(List.of(List.of(0, 2), List.of(1, 3), List.of(4, 6), List.of(5, 7)), l);
        assertEquals(2, p.bufferedCount(), "8 and 9 stay buffered, one per key");
    }

    @Test
    void D05_partitionOfOne() {
        // The timeout half (partition(1, timeout=0.01) starts no timer) is in AsyncGraphTest.
        Stream<Integer> s = Stream.create();
        Stream<List<Integer>> p = s.partition(1);
        List<List<Integer>> l = p.sinkToList();
        emit(s, 1);
        emit(s, 2);
        assertEquals(List.of(List.of(1), List.of(2)), l);
        assertEquals(0, p.bufferedCount());
    }

    @Test
    void D10_partitionMetadataIsConcatenatedInArrivalOrder() {
        Stream<Integer> s = Stream.create();
        Md md = Md.of(s.partition(2));
        emit(s, 0);
        emit(s, 1, Md.v(1));
        emit(s, 2, Md.v(2));
        emit(s, 3, Md.v(3));
        assertEquals(expect(vs(1), vs(2, 3)), md.list());
    }

    @Test
    void D11_partitionRefCounts() {
        Stream<Integer> s = Stream.create();
        s.partition(2);
        for (int i = 0; i < 10; i++) {
            RefCounter r = new RefCounter();
            emit(s, i, Md.ref(r));
            assertEquals(i % 2 == 0 ? 1 : 0, r.count(), "element " + i);
        }

        Stream<Integer> s3 = Stream.create();
        s3.partition(2);
        List<RefCounter> refs = List.of(new RefCounter(), new RefCounter(), new RefCounter());
        for (int i = 0; i < 3; i++) {
            emit(s3, i, Md.ref(refs.get(i)));
        }
        assertEquals(List.of(0, 0, 1), counts(refs));
    }

    @Test
    void D12_partitionUnique() {
        List<Integer> ints = List.of(1, 2, 1, 3, 1, 3, 3, 2);
        assertEquals(List.of(List.of(1, 2, 3), List.of(1, 3, 2)), partitionUnique(3, null, Keep.FIRST, ints));
        assertEquals(List.of(List.of(2, 1, 3), List.of(1, 3, 2)), partitionUnique(3, null, Keep.LAST, ints));

        Function<String, Object> len = String::length;
        List<String> strs = List.of("f", "fo", "f", "foo", "f", "foo", "foo", "fo");
        assertEquals(List.of(List.of("fo", "f", "foo"), List.of("f", "foo", "fo")),
                partitionUnique(3, len, Keep.LAST, strs));

        Map<String, Object> bar = Map.of("id", 0, "foo", "bar");
        Map<String, Object> baz = Map.of("id", 0, "foo", "baz");
        Map<String, Object> bat = Map.of("id", 1, "foo", "bat");
        List<Map<String, Object>> dicts = List.of(bar, baz, bat);
        assertEquals(List.of(List.of(bar, bat)), partitionUnique(2, "id", Keep.FIRST, dicts));
        assertEquals(List.of(List.of(baz, bat)), partitionUnique(2, "id", Keep.LAST, dicts));
    }

    private <T> List<List<T>> partitionUnique(int n, Object key, Keep keep, List<T> input) {
        Stream<T> s = Stream.create();
        List<List<T>> l = s.partitionUnique(n, key, keep).sinkToList();
        for (T x : input) {
            emit(s, x);
        }
        return l;
    }

    /**
     * DELIBERATE DIFFERENCE (D13 in docs/conformance.md): streamz emits partition_unique metadata as a list of
     * lists and never releases any ref (R1=R2=R3=1 forever). We flatten the metadata like every other
     * operator, release a dropped (keep=first) or replaced (keep=last) duplicate's refs at once, and the
     * emitted elements' refs right after the emission.
     */
    @Test
    void D13_partitionUniqueFlattensAndReleases() {
        // keep = FIRST: 'a'{v2} is dropped.
        Stream<String> s = Stream.create();
        Stream<List<String>> p = s.partitionUnique(2, null, Keep.FIRST);
        Md md = Md.of(p);
        RefCounter r1 = new RefCounter();
        RefCounter r2 = new RefCounter();
        RefCounter r3 = new RefCounter();
        List<List<Integer>> countsDuringEmission = new ArrayList<>();
        List<List<String>> l = new ArrayList<>();
        p.sink(x -> {
            l.add(x);
            countsDuringEmission.add(counts(r1, r2, r3));
        });
        emit(s, "a", Md.v(1, r1));
        assertEquals(List.of(1, 0, 0), counts(r1, r2, r3));
        emit(s, "a", Md.v(2, r2));
        assertEquals(List.of(1, 0, 0), counts(r1, r2, r3), "the dropped duplicate is released at once");
        emit(s, "b", Md.v(3, r3));
        assertEquals(List.of(List.of("a", "b")), l);
        assertEquals(expect(vs(1, 3)), md.list(), "metadata is flattened, not a list of lists");
        // During the emission each ref is held by the node, and once more by the node's emission itself
        // (so a feedback loop cannot acknowledge what is still on its way); r3 also by the emit call (or,
        // compiled, by the ring slot it arrived in).
        assertEquals(List.of(List.of(2, 0, 3)), countsDuringEmission, "emitted elements are held during emission");
        assertEquals(List.of(0, 0, 0), counts(r1, r2, r3), "and released right after it");
        assertEquals(0, p.bufferedCount());

        // keep = LAST: 'a'{v1} is replaced by 'a'{v2}.
        Stream<String> t = Stream.create();
        Stream<List<String>> q = t.partitionUnique(2, null, Keep.LAST);
        Md mdLast = Md.of(q);
        List<List<String>> lLast = q.sinkToList();
        List<String> fired = new ArrayList<>();
        RefCounter q1 = new RefCounter(() -> fired.add("q1"));
        RefCounter q2 = new RefCounter(() -> fired.add("q2"));
        RefCounter q3 = new RefCounter(() -> fired.add("q3"));
        emit(t, "a", Md.v(1, q1));
        emit(t, "a", Md.v(2, q2));
        assertEquals(List.of(0, 1, 0), counts(q1, q2, q3), "the replaced duplicate is released at once");
        assertEquals(List.of("q1"), fired);
        emit(t, "b", Md.v(3, q3));
        assertEquals(List.of(List.of("a", "b")), lLast);
        assertEquals(expect(vs(2, 3)), mdLast.list());
        assertEquals(List.of(0, 0, 0), counts(q1, q2, q3));
        assertEquals(List.of("q1", "q2", "q3"), fired);
    }

    @Test
    void D14_slidingWindow() {
        assertEquals(List.of(List.of(0), List.of(0, 1), List.of(1, 2), List.of(2, 3), List.of(3, 4), List.of(4, 5),
                List.of(5, 6), List.of(6, 7), List.of(7, 8), List.of(8, 9)), window(2, true, 10));
        assertEquals(List.of(List.of(0, 1), List.of(1, 2), List.of(2, 3), List.of(3, 4), List.of(4, 5),
                List.of(5, 6), List.of(6, 7), List.of(7, 8), List.of(8, 9)), window(2, false, 10));
        assertEquals(List.of(List.of(0), List.of(0, 1), List.of(0, 1, 2), List.of(1, 2, 3)), window(3, true, 4));
        assertEquals(List.of(List.of(0), List.of(1), List.of(2)), window(1, false, 3));

        // Default return_partial is true.
        Stream<Integer> s = Stream.create();
        List<List<Integer>> l = s.slidingWindow(2).sinkToList();
        emit(s, 0);
        emit(s, 1);
        assertEquals(List.of(List.of(0), List.of(0, 1)), l);

        // Docs: (3, return_partial=False) over 1..5.
        Stream<Integer> d = Stream.create();
        List<List<Integer>> ld = d.slidingWindow(3, false).sinkToList();
        for (int i = 1; i <= 5; i++) {
            emit(d, i);
        }
        assertEquals(List.of(List.of(1, 2, 3), List.of(2, 3, 4), List.of(3, 4, 5)), ld);
    }

    private List<List<Integer>> window(int n, boolean partial, int count) {
        Stream<Integer> s = Stream.create();
        List<List<Integer>> l = s.slidingWindow(n, partial).sinkToList();
        for (int i = 0; i < count; i++) {
            emit(s, i);
        }
        return l;
    }

    @Test
    void D15_slidingWindowMetadata() {
        Stream<Integer> s = Stream.create();
        Md md = Md.of(s.slidingWindow(2));
        emit(s, 0);
        emit(s, 1, Md.v(1));
        emit(s, 2, Md.v(2));
        emit(s, 3, Md.v(3));
        assertEquals(expect(vs(1), vs(1, 2), vs(2, 3)), md.list());

        Stream<Integer> t = Stream.create();
        Stream<List<Integer>> w = t.slidingWindow(3, false);
        List<Object> pairs = new ArrayList<>();
        w.sinkWithMetadata((x, m) -> pairs.add(List.of(x, m)));
        for (int i = 0; i < 5; i++) {
            if (i % 2 == 0) {
                emit(t, i, Md.v(i));
            } else {
                emit(t, i);
            }
        }
        assertEquals(List.of(
                List.of(List.of(0, 1, 2), vs(0, 2)),
                List.of(List.of(1, 2, 3), vs(2)),
                List.of(List.of(2, 3, 4), vs(2, 4))), pairs);
    }

    @Test
    void D16_slidingWindowRefCounts() {
        Stream<Integer> s = Stream.create();
        s.slidingWindow(2);
        emit(s, -2);
        RefCounter prev = new RefCounter();
        emit(s, -1, Md.ref(prev));
        for (int i = 0; i < 10; i++) {
            RefCounter r = new RefCounter();
            assertEquals(1, prev.count(), "before emit " + i);
            emit(s, i, Md.ref(r));
            assertEquals(0, prev.count(), "after emit " + i);
            assertEquals(1, r.count(), "after emit " + i);
            prev = r;
        }

        // With a callback: it fires once, when the element leaves its last window.
        Stream<Integer> t = Stream.create();
        List<String> fired = new ArrayList<>();
        List<List<Integer>> l = t.slidingWindow(2, false).sinkToList();
        RefCounter ra = new RefCounter(() -> fired.add("a"));
        RefCounter rb = new RefCounter(() -> fired.add("b"));
        emit(t, 1, Md.ref(ra));
        assertEquals(List.of(1, 0), counts(ra, rb));
        assertEquals(List.of(), fired);
        emit(t, 2, Md.ref(rb));
        assertEquals(List.of(0, 1), counts(ra, rb));
        assertEquals(List.of("a"), fired);
        assertEquals(List.of(List.of(1, 2)), l);
    }

    @Test
    void D17_collectAndFlush() {
        Stream<Integer> s1 = Stream.create();
        Stream<String> s2 = Stream.create();
        CollectStream<Integer> c = s1.collect();
        List<List<Integer>> l = c.sinkToList();
        s2.sink(c::flush);

        emit(s1, 1);
        emit(s1, 2);
        assertEquals(List.of(), l);
        emit(s2, "anything");
        assertEquals(List.of(List.of(1, 2)), l);
        emit(s2, "anything");
        assertEquals(List.of(List.of(1, 2), List.of()), l, "an empty flush emits the empty tuple");
        emit(s1, 3);
        assertEquals(List.of(List.of(1, 2), List.of()), l);
        emit(s2, "anything");
        assertEquals(List.of(List.of(1, 2), List.of(), List.of(3)), l);
    }

    @Test
    void D18_collectRefCounts() {
        Stream<Integer> s = Stream.create();
        CollectStream<Integer> c = s.collect();
        List<RefCounter> refs = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            RefCounter r = new RefCounter();
            refs.add(r);
            emit(s, i, Md.ref(r));
        }
        assertEquals(List.of(1, 1, 1, 1, 1, 1, 1, 1, 1, 1), counts(refs));
        c.flush();
        assertEquals(List.of(0, 0, 0, 0, 0, 0, 0, 0, 0, 0), counts(refs));
    }

    @Test
    void D19_collectMetadata() {
        Stream<Integer> s = Stream.create();
        CollectStream<Integer> c = s.collect();
        Md md = Md.of(c);
        List<Object> pairs = new ArrayList<>();
        c.sinkWithMetadata((x, m) -> pairs.add(List.of(x, m)));
        emit(s, 0);
        emit(s, 1, Md.v(1));
        emit(s, 2, Md.v(2));
        c.flush();
        emit(s, 3, Md.v(3));
        emit(s, 4, Md.v(4));
        c.flush();
        c.flush(); // empty: ((), [])
        assertEquals(expect(vs(1, 2), vs(3, 4)), md.list());
        assertEquals(List.of(List.of(List.of(0, 1, 2), vs(1, 2)), List.of(List.of(3, 4), vs(3, 4)),
                List.of(List.of(), List.of())), pairs);
    }

    @Test
    void D20_collectWithBoundedCache() {
        Stream<Integer> s = Stream.create();
        CollectStream<Integer> c = s.collect(2);
        List<List<Integer>> l = c.sinkToList();
        Md md = Md.of(c);
        List<RefCounter> refs = List.of(new RefCounter(), new RefCounter(), new RefCounter());
        for (int i = 0; i < 3; i++) {
            emit(s, i, Md.v(i, refs.get(i)));
        }
        assertEquals(2, c.bufferedCount());
        assertEquals(List.of(1, 1, 1), counts(refs), "the dropped element's ref is still held by the metadata cache");
        c.flush();
        assertEquals(List.of(List.of(1, 2)), l);
        // As in streamz 0.6.4 (checked by running it): the metadata cache is unbounded, so the flush carries
        // the dropped element's metadata too.
        assertEquals(expect(vs(0, 1, 2)), md.list());
        assertEquals(List.of(0, 0, 0), counts(refs));
        assertFalse(refs.stream().anyMatch(r -> r.count() != 0));
    }
}
