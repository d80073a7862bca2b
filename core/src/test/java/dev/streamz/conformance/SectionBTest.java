package dev.streamz.conformance;

import dev.streamz.Sink;
import dev.streamz.Stream;
import dev.streamz.StreamException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Function;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Conformance section B (docs/conformance.md) (element-wise operators). Python keyword and positional extra
 * arguments become values captured by the lambda.
 *
 * <p>Not covered: B21 ({@code sink_to_textfile}) and B22 ({@code sink_to_file}), which core does not
 * provide yet. B20's awaitable half (a sink returning the function's future for back pressure) belongs
 * with the async machinery (F15).
 */
public class SectionBTest extends ConformanceBase {

    private static List<Integer> range(int n) {
        return IntStream.range(0, n).boxed().toList();
    }

    private <T> List<T> run(Function<Stream<Integer>, Stream<T>> op, List<Integer> input) {
        Stream<Integer> s = Stream.create();
        List<T> out = op.apply(s).sinkToList();
        input.forEach(emitter(s));
        return out;
    }

    private static int add(int x, int y) {
        return x + y;
    }

    @Test
    void B01_mapWithKwargs() {
        int y = 10; // streamz: S.map(add, y=10)
        assertEquals(List.of(11), run(s -> s.map(x -> add(x, y)), List.of(1)));
    }

    @Test
    void B02_mapWithPositionalArgs() {
        int ten = 10; // streamz: S.map(operator.add, 10)
        assertEquals(List.of(11), run(s -> s.map(x -> Integer.sum(x, ten)), List.of(1)));
    }

    @Test
    void B03_starmap() {
        Stream<List<Integer>> s = Stream.create();
        List<Integer> out = s.starmap((a, b) -> (Integer) a + (Integer) b).sinkToList();
        emit(s, List.of(1, 10));
        assertEquals(List.of(11), out);

        // Extra positional arguments follow the unpacked items: starmap(f, 99) on (1, 2) calls f(1, 2, 99).
        Stream<List<Integer>> t = Stream.create();
        List<List<Object>> calls = new ArrayList<>();
        List<Integer> sums = t.starmap(args -> {
            calls.add(args);
            return args.stream().mapToInt(a -> (Integer) a).sum();
        }, 99).sinkToList();
        emit(t, List.of(1, 2));
        assertEquals(List.of(List.of(1, 2, 99)), calls);
        assertEquals(List.of(102), sums);

        // An element that cannot be unpacked is reported, naming the node.
        Stream<Object> u = Stream.create();
        u.starmap((a, b) -> a);
        StreamException e = assertThrows(StreamException.class, () -> emit(u, 5));
        assertEquals("starmap", e.operator());
    }

    @Test
    void B04_filterWithArgsAndKwargs() {
        List<Integer> input = range(10);
        assertEquals(List.of(0, 2, 4, 6, 8), run(s -> s.filter(x -> x % 2 == 0), input));
        int n = 2; // filter(λ(x, n): x % n == 0, 2) and filter(λ(x, n=1): ..., n=2)
        assertEquals(List.of(0, 2, 4, 6, 8), run(s -> s.filter(x -> x % n == 0), input));
        int lo = 3;
        int hi = 5; // filter(λ(x, lo, hi): lo <= x < hi, 3, hi=5)
        assertEquals(List.of(3, 4), run(s -> s.filter(x -> lo <= x && x < hi), input));
    }

    @Test
    void B05_filterNoneIsTruthiness() {
        assertEquals(List.of(1, 2, 1, 2, 1, 2), run(s -> s.map(i -> i % 3).filter(), range(10)));

        Stream<Object> s = Stream.create();
        List<Object> out = s.filter().sinkToList();
        List<Object> input = new ArrayList<>();
        input.add(0);
        input.add(1);
        input.add("");
        input.add(List.of());
        input.add("a");
        input.add(null);
        input.add(2);
        input.forEach(emitter(s));
        assertEquals(List.of(1, "a", 2), out);
    }

    @Test
    void B06_remove() {
        assertEquals(List.of(1, 3, 5, 7, 9), run(s -> s.remove(x -> x % 2 == 0), range(10)));
    }

    @Test
    void B07_pluckSingleKeyOrIndex() {
        Stream<Object> s = Stream.create();
        List<Object> out = s.pluck(1).sinkToList();
        emit(s, List.of(1, 2, 3));
        emit(s, List.of(4, 5, 6, 7, 8, 9));
        assertEquals(List.of(2, 5), out);
        // Python's IndexError reaches the emitter as a StreamException caused by IndexOutOfBoundsException.
        StreamException e = assertThrows(StreamException.class, () -> emit(s, List.of(1)));
        assertInstanceOf(IndexOutOfBoundsException.class, e.getCause());
        assertEquals("pluck", e.operator());
        emit(s, List.of(7, 8));
        assertEquals(List.of(2, 5, 8), out);

        // Python's KeyError: NoSuchElementException.
        Stream<Object> d = Stream.create();
        List<Object> dout = d.pluck("a").sinkToList();
        emit(d, Map.of("a", 1, "b", 2));
        assertEquals(List.of(1), dout);
        StreamException k = assertThrows(StreamException.class, () -> emit(d, Map.of("b", 2)));
        assertInstanceOf(NoSuchElementException.class, k.getCause());
        assertEquals("pluck", k.operator());
    }

    @Test
    void B08_pluckListGivesATuple() {
        Stream<Object> s = Stream.create();
        List<List<Object>> out = s.pluck(List.of(0, 2)).sinkToList();
        emit(s, List.of(1, 2, 3));
        emit(s, List.of(4, 5, 6, 7, 8, 9));
        assertEquals(List.of(List.of(1, 3), List.of(4, 6)), out);
        StreamException e = assertThrows(StreamException.class, () -> emit(s, List.of(1)));
        assertInstanceOf(IndexOutOfBoundsException.class, e.getCause());

        Stream<Object> d = Stream.create();
        List<List<Object>> dout = d.pluck(List.of("a", "b")).sinkToList();
        emit(d, Map.of("a", 1, "b", 2, "c", 3));
        assertEquals(List.of(List.of(1, 2)), dout);
        StreamException k = assertThrows(StreamException.class, () -> emit(d, Map.of("a", 1)));
        assertInstanceOf(NoSuchElementException.class, k.getCause());

        // A one-item pick list still gives a one-element tuple, not the bare item.
        Stream<Object> one = Stream.create();
        List<List<Object>> oneOut = one.pluck(List.of(0)).sinkToList();
        emit(one, List.of(5, 6));
        assertEquals(List.of(List.of(5)), oneOut);
        assertInstanceOf(List.class, oneOut.get(0));
    }

    @Test
    void B09_flatten() {
        Stream<Object> s = Stream.create();
        List<Object> out = s.flatten().sinkToList();
        emit(s, List.of(1, 2, 3));
        emit(s, List.of(4, 5));
        emit(s, List.of(6, 7, 8));
        assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8), out);

        // Iterators and streams without a known length work too (Python: range / generators).
        Stream<Object> g = Stream.create();
        List<Object> gout = g.flatten().sinkToList();
        emit(g, List.of(1, 2, 3, 4, 5, 6).iterator());
        emit(g, IntStream.range(7, 9).boxed());
        assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8), gout);

        // Not recursive.
        Stream<Object> n = Stream.create();
        List<Object> nout = n.flatten().sinkToList();
        emit(n, List.of(List.of(1, 2), List.of(3)));
        assertEquals(List.of(List.of(1, 2), List.of(3)), nout);

        // A string flattens to its characters (as strings), a map to its keys.
        Stream<Object> c = Stream.create();
        List<Object> cout = c.flatten().sinkToList();
        emit(c, "abc");
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put("x", 1);
        m.put("y", 2);
        emit(c, m);
        assertEquals(List.of("a", "b", "c", "x", "y"), cout);
    }

    @Test
    void B10_flattenEmptyInput() {
        Stream<List<Integer>> s = Stream.create();
        List<Integer> out = s.<Integer>flatten().sinkToList();
        emit(s, List.of(1, 2));
        emit(s, List.of());
        emit(s, List.of(3, 4));
        assertEquals(List.of(1, 2, 3, 4), out);
    }

    @Test
    void B11_unionKeepsArrivalOrder() {
        Stream<Integer> a = Stream.create();
        Stream<Integer> b = Stream.create();
        Stream<Integer> c = Stream.create();
        List<Integer> out = a.union(b, c).sinkToList();
        emit(a, 1);
        assertEquals(List.of(1), out);
        emit(b, 2);
        assertEquals(List.of(1, 2), out);
        emit(a, 3);
        assertEquals(List.of(1, 2, 3), out);
        emit(c, 4);
        assertEquals(List.of(1, 2, 3, 4), out);
    }

    @Test
    void B12_slice() {
        List<Integer> input = range(6);
        assertEquals(List.of(0, 1, 2, 3, 4, 5), run(Stream::slice, input));
        assertEquals(List.of(0, 1, 2, 3, 4, 5), run(s -> s.slice(null, null, null), input));
        assertEquals(List.of(1, 2, 3, 4, 5), run(s -> s.slice(1, null, null), input));
        assertEquals(List.of(0, 1, 2, 3), run(s -> s.slice(null, 4, null), input));
        assertEquals(List.of(0, 2), run(s -> s.slice(null, 4, 2), input));
        assertEquals(List.of(), run(s -> s.slice(3, 1, null), input));
        assertEquals(List.of(1, 2, 3, 4, 5), run(s -> s.slice(1, null), input));
    }

    @Test
    void B13_sliceErrorsAndIsliceSemantics() {
        // Deliberate difference (B13 in docs/conformance.md): we follow itertools.islice. streamz 0.6 counts step
        // from index 0 (slice(1, None, 2) -> [2, 4, 6, 8]) and treats end=0 as "no end".
        List<Integer> input = range(10);
        assertEquals(List.of(1, 3, 5, 7, 9), run(s -> s.slice(1, null, 2), input));
        assertEquals(List.of(1, 4, 7), run(s -> s.slice(1, null, 3), input));
        assertEquals(List.of(2, 4), run(s -> s.slice(2, 5, 2), input));
        assertEquals(List.of(), run(s -> s.slice(0, 0), input));
        assertEquals(List.of(), run(s -> s.slice(null, 0, null), input));

        // Negative start/end/step (and step 0) are refused at construction, like islice's ValueError,
        // and leave nothing attached to the upstream.
        Stream<Integer> s = Stream.create();
        assertThrows(IllegalArgumentException.class, () -> s.slice(null, -1, null));
        assertThrows(IllegalArgumentException.class, () -> s.slice(-1, null, null));
        assertThrows(IllegalArgumentException.class, () -> s.slice(null, null, -1));
        assertThrows(IllegalArgumentException.class, () -> s.slice(null, null, 0));
        assertEquals(List.of(), s.downstreams());

        // When end is reached the slice detaches from its upstream.
        Stream<Integer> up = Stream.create();
        Stream<Integer> sl = up.slice(null, 3);
        List<Integer> out = sl.sinkToList();
        emit(up, 0);
        emit(up, 1);
        assertTrue(up.downstreams().contains(sl));
        assertEquals(List.of(up), sl.upstreams());
        emit(up, 2);
        assertFalse(up.downstreams().contains(sl));
        assertEquals(List.of(), sl.upstreams());
        emit(up, 3);
        assertEquals(List.of(0, 1, 2), out);

        // end=0 is reached at once: nothing passes and the slice detaches at its first element.
        Stream<Integer> up0 = Stream.create();
        Stream<Integer> sl0 = up0.slice(0, 0);
        List<Integer> out0 = sl0.sinkToList();
        emit(up0, 0);
        assertEquals(List.of(), out0);
        assertFalse(up0.downstreams().contains(sl0));

        // Without an end it never detaches.
        Stream<Integer> upOpen = Stream.create();
        Stream<Integer> slOpen = upOpen.slice(1, null, 2);
        input.forEach(emitter(upOpen));
        assertTrue(upOpen.downstreams().contains(slOpen));
    }

    @Test
    void B14_uniqueUnboundedHashable() {
        assertEquals(List.of(1, 2), run(Stream::unique, List.of(1, 2, 1)));
    }

    @Test
    void B15_uniqueWithKeyAndMaxsize() {
        Function<Object, Object> key = x -> (Integer) x % 2;
        assertEquals(List.of(1, 2, 3), run(s -> s.unique(1, key, true), List.of(1, 2, 4, 6, 3)));
    }

    @Test
    void B16_uniqueMaxsizeOneDropsConsecutiveDuplicates() {
        assertEquals(List.of(1, 2, 1, 3), run(s -> s.unique(1), List.of(1, 1, 2, 2, 2, 1, 3)));
    }

    @Test
    void B17_uniqueLruHistory() {
        for (boolean hashable : new boolean[] {true, false}) {
            Stream<Integer> s = Stream.create();
            Stream<Integer> u = s.unique(2, null, hashable);
            List<Integer> out = u.sinkToList();
            List.of(1, 2, 1, 2, 1, 2).forEach(emitter(s));
            assertEquals(List.of(1, 2), out, "hashable=" + hashable);
            assertEquals(2, u.bufferedCount());
            List.of(3, 2).forEach(emitter(s));
            assertEquals(List.of(1, 2, 3), out, "hashable=" + hashable);
            emit(s, 1); // history [2, 3]: 1 is new, 3 is evicted
            assertEquals(List.of(1, 2, 3, 1), out, "hashable=" + hashable);
            List.of(2, 3, 2).forEach(emitter(s)); // 2 is a hit that refreshes it; 3 was evicted
            assertEquals(List.of(1, 2, 3, 1, 3), out, "hashable=" + hashable);
            assertEquals(2, u.bufferedCount());
        }
    }

    @Test
    void B18_uniqueOnNonHashableValues() {
        Map<String, String> a = Map.of("hi", "world");
        Map<String, String> b = Map.of("hi", "bar");
        Map<String, String> c = Map.of("foo", "bar");
        Stream<Map<String, String>> s = Stream.create();
        List<Map<String, String>> out = s.unique(2, null, false).sinkToList();
        List.of(a, b, a, b, a, b).forEach(emitter(s));
        assertEquals(List.of(a, b), out);
        List.of(c, b).forEach(emitter(s));
        assertEquals(List.of(a, b, c), out);
        emit(s, a);
        assertEquals(List.of(a, b, c, a), out);

        // No maxsize: equality, not identity.
        Stream<List<Integer>> l = Stream.create();
        List<List<Integer>> lout = l.unique(null, null, false).sinkToList();
        List.of(List.of(1), List.of(2), new ArrayList<>(List.of(1)), List.of(3), new ArrayList<>(List.of(2)))
                .forEach(emitter(l));
        assertEquals(List.of(List.of(1), List.of(2), List.of(3)), lout);

        // Deliberate difference: Java lists and maps are hashable, so the default hashable=true has no
        // TypeError and gives the same answers.
        Stream<List<Integer>> h = Stream.create();
        List<List<Integer>> hout = h.unique().sinkToList();
        List.of(List.of(1), List.of(2), List.of(1), List.of(3), List.of(2)).forEach(emitter(h));
        assertEquals(List.of(List.of(1), List.of(2), List.of(3)), hout);

        // hashable=false compares with equals at the time of the comparison, so a key whose hash code
        // changed after it was seen (a mutated list) is still found.
        Stream<List<Integer>> mut = Stream.create();
        List<List<Integer>> mout = mut.unique(null, null, false).sinkToList();
        List<Integer> mutable = new ArrayList<>(List.of(1));
        int hashBefore = mutable.hashCode();
        emit(mut, mutable);
        mutable.set(0, 2);
        assertNotEquals(hashBefore, mutable.hashCode());
        emit(mut, new ArrayList<>(List.of(2)));
        assertEquals(1, mout.size());
        emit(mut, List.of(3));
        assertEquals(List.of(List.of(2), List.of(3)), mout);
    }

    @Test
    void B19_sinkWithArgsAndName() {
        Map<String, List<Integer>> d = new HashMap<>();
        Stream<Integer> s = Stream.create();
        String key = "cat";
        String prefix = "super"; // streamz: S.sink(f, "cat", "super", stream_name="test")
        Sink<Integer> sink = s.sink(x -> d.computeIfAbsent(prefix + key, k -> new ArrayList<>()).add(x))
                .named("test");
        emit(s, 1);
        emit(s, 2);
        assertEquals(Map.of("supercat", List.of(1, 2)), d);
        assertEquals("test", sink.name());
        assertEquals("sink", sink.operator());
        assertEquals("<test; sink>", sink.toString());
    }

    @Test
    void B20_sinkEmitsNothingDownstream() {
        // streamz's sink.update returns [] for a plain function (the awaitable case is async: F15). A sink
        // is terminal: it calls its function and emits nothing, so a node attached below it sees nothing.
        Stream<Integer> s = Stream.create();
        List<Integer> called = new ArrayList<>();
        // The Java surface returns a Sink handle with no operators, so chaining after it does not compile;
        // the node underneath still behaves as streamz's (a node attached below it sees nothing).
        Sink<Integer> sink = s.sink(called::add);
        List<Integer> below = sink.node().sinkToList();
        emit(s, 1);
        emit(s, 2);
        assertEquals(List.of(1, 2), called);
        assertEquals(List.of(), below);
    }

    @Test
    void B23_frequenciesEmitsANewMapEachTime() {
        Stream<String> s = Stream.create();
        List<Map<String, Long>> out = s.frequencies().sinkToList();
        List.of("a", "b", "a").forEach(emitter(s));
        assertEquals(List.of(Map.of("a", 1L), Map.of("a", 1L, "b", 1L), Map.of("a", 2L, "b", 1L)), out);
        // Earlier emissions are not mutated by later ones, and consumers cannot mutate them either.
        emit(s, "c");
        assertEquals(Map.of("a", 1L), out.get(0));
        assertEquals(Map.of("a", 2L, "b", 1L), out.get(2));
        assertThrows(UnsupportedOperationException.class, () -> out.get(0).put("z", 9L));
    }
}
