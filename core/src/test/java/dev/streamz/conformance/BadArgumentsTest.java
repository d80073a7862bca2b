package dev.streamz.conformance;

import dev.streamz.EmitOn;
import dev.streamz.Keep;
import dev.streamz.RefCounter;
import dev.streamz.Schedulers;
import dev.streamz.Step;
import dev.streamz.Stream;
import dev.streamz.StreamException;
import dev.streamz.VirtualScheduler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad arguments and bad elements: each is rejected with a message that names the operator (or argument)
 * and what was expected; a node rejected at construction is not left attached; after a rejected element
 * the graph keeps working and keeps what it had already accepted.
 *
 * <p>The null policy, the same across the public API: a {@code null} where a value is required is a
 * {@link NullPointerException} whose message names the operation and argument ("map: function must not
 * be null"), as {@code Objects.requireNonNull} does in the JDK; any other bad value is an
 * {@link IllegalArgumentException}.
 */
public class BadArgumentsTest extends ConformanceBase {

    private static <T extends Throwable> T rejects(Class<T> type, Executable call, String... fragments) {
        T e = assertThrows(type, call);
        for (String f : fragments) {
            assertTrue(e.getMessage() != null && e.getMessage().contains(f),
                    "message should contain '" + f + "' but was: " + e.getMessage());
        }
        return e;
    }

    @Test
    void constructionArgumentsAreValidatedAndNothingIsLeftAttached() {
        Stream<Integer> s = Stream.create();
        rejects(IllegalArgumentException.class, () -> s.partition(0), "partition", "n must be >= 1", "got 0");
        rejects(IllegalArgumentException.class, () -> s.partition(-3, 0), "partition", "n must be >= 1", "got -3");
        rejects(IllegalArgumentException.class, () -> s.slidingWindow(-1), "slidingWindow", "n must be >= 1",
                "got -1");
        rejects(IllegalArgumentException.class, () -> s.slidingWindow(0), "slidingWindow", "n must be >= 1",
                "got 0");
        rejects(IllegalArgumentException.class, () -> s.slidingWindow(0, false), "slidingWindow", "got 0");
        rejects(IllegalArgumentException.class, () -> s.unique(0), "unique", "maxsize must be >= 1", "got 0");
        rejects(IllegalArgumentException.class, () -> s.unique(-1, null, false), "unique", "maxsize", "got -1");
        rejects(IllegalArgumentException.class, () -> s.collect(0), "collect", "cacheSize must be >= 1", "got 0");
        rejects(IllegalArgumentException.class, () -> s.partitionUnique(0, null, Keep.FIRST), "partitionUnique",
                "n must be >= 1", "got 0");
        rejects(NullPointerException.class, () -> s.partitionUnique(2, null, null), "partitionUnique",
                "keep must not be null");
        rejects(IllegalArgumentException.class, () -> s.slice(-1, null), "slice", "start", "non-negative",
                "got -1");
        rejects(IllegalArgumentException.class, () -> s.slice(null, -1), "slice", "end", "got -1");
        rejects(IllegalArgumentException.class, () -> s.slice(null, null, 0), "slice", "step", ">= 1", "got 0");
        assertEquals(List.of(), s.downstreams(), "rejected nodes are detached from their upstream");

        // After all that, the stream works.
        List<List<Integer>> l = s.partition(2).sinkToList();
        emit(s, 1);
        emit(s, 2);
        assertEquals(List.of(List.of(1, 2)), l);
    }

    @Test
    void zipNeedsAStream() {
        rejects(IllegalArgumentException.class, () -> Stream.zipAll(1, 2), "zip",
                "needs at least one upstream stream", "only constants [1, 2]");
        rejects(IllegalArgumentException.class, Stream::zipAll, "zip", "needs at least one upstream stream");
    }

    @Test
    void combineLatestEmitOnMustBeAnInput() {
        Stream<Integer> a = Stream.create("a");
        Stream<Integer> b = Stream.create("b");
        Stream<Integer> other = Stream.create("other");
        rejects(IllegalArgumentException.class, () -> a.combineLatest(EmitOn.indices(2), b), "combineLatest",
                "emitOn index 2", "out of range for 2 inputs");
        rejects(IllegalArgumentException.class, () -> a.combineLatest(EmitOn.streams(other), b), "combineLatest",
                "emitOn stream 'other'", "not one of the inputs");
        rejects(IllegalArgumentException.class, () -> EmitOn.indices(-1), "EmitOn.indices", "must be >= 0",
                "got -1");
        rejects(IllegalArgumentException.class, EmitOn::indices, "EmitOn.indices", "at least one index");
        rejects(IllegalArgumentException.class, EmitOn::streams, "EmitOn.streams", "at least one stream");
        rejects(NullPointerException.class, () -> EmitOn.streams(a, null), "EmitOn.streams", "null");
        rejects(NullPointerException.class, () -> a.combineLatest((EmitOn) null, b), "combineLatest",
                "emitOn must not be null");
        rejects(NullPointerException.class, () -> a.combineLatest(b, null), "combineLatest",
                "input stream must not be null");
        rejects(IllegalArgumentException.class, () -> a.zipLatest(b, b), "zipLatest", "'b'", "more than once");
        assertEquals(List.of(), a.downstreams());
        assertEquals(List.of(), b.downstreams());
        assertEquals(List.of(), other.downstreams());
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    @Test
    void nullFunctionsAndNullArgumentsAreRejected() {
        Stream<Integer> s = Stream.create();
        rejects(NullPointerException.class, () -> s.map(null), "map: function must not be null");
        rejects(NullPointerException.class, () -> s.filter(null), "filter: predicate must not be null");
        rejects(NullPointerException.class, () -> s.remove(null), "remove: predicate must not be null");
        rejects(NullPointerException.class, () -> s.accumulate(null), "accumulate: function must not be null");
        rejects(NullPointerException.class, () -> s.accumulate((BiFunction) null, 0),
                "accumulate: function must not be null");
        rejects(NullPointerException.class, () -> s.accumulateWithState(null, 0),
                "accumulateWithState: function must not be null");
        rejects(NullPointerException.class, () -> s.starmap((BiFunction<Object, Object, Object>) null),
                "starmap: function must not be null");
        rejects(NullPointerException.class, () -> s.starmap((Function<List<Object>, Object>) null),
                "starmap: function must not be null");
        rejects(NullPointerException.class, () -> s.sink(null), "sink: consumer must not be null");
        rejects(NullPointerException.class, () -> s.sinkWithMetadata(null),
                "sinkWithMetadata: consumer must not be null");
        rejects(NullPointerException.class, () -> s.partition(2, (Object) null), "partition: key must not be null");
        rejects(NullPointerException.class, () -> s.pluck((List<?>) null), "pluck: picks must not be null");
        rejects(NullPointerException.class, () -> s.through(null), "through: fragment must not be null");
        rejects(NullPointerException.class, () -> s.connect(null), "connect: downstream must not be null");
        rejects(NullPointerException.class, () -> s.disconnect(null), "disconnect: downstream must not be null");
        rejects(NullPointerException.class, () -> s.named(null), "named: name must not be null");
        rejects(NullPointerException.class, () -> Stream.create(null), "name must not be null");
        rejects(NullPointerException.class, () -> s.union((Stream<Integer>) null), "union", "upstream 1 is null");
        rejects(NullPointerException.class, () -> s.<Integer>toBatch().map(null),
                "Batch.map: function must not be null");
        rejects(NullPointerException.class, () -> s.<Integer>toBatch().filter(null),
                "Batch.filter: predicate must not be null");
        Stream<Integer> stranger = Stream.create("stranger");
        rejects(IllegalArgumentException.class, () -> s.disconnect(stranger), "disconnect", "'stranger'",
                "is not downstream");
        assertEquals(List.of(), s.downstreams());
    }

    @Test
    void everyNullArgumentIsANullPointerExceptionNamingIt() {
        Stream<Integer> s = Stream.create();
        rejects(NullPointerException.class, () -> s.withScheduler(null), "withScheduler: scheduler must not be null");
        rejects(NullPointerException.class, () -> s.mapAsync(null), "mapAsync: function must not be null");
        rejects(NullPointerException.class, () -> s.sinkAsync(null), "sinkAsync: function must not be null");
        rejects(NullPointerException.class, () -> s.async(null), "async: threadName must not be null");
        rejects(NullPointerException.class, () -> s.delay((Duration) null), "delay: interval must not be null");
        rejects(NullPointerException.class, () -> s.partition(2, (Duration) null), "partition: timeout must not be null");
        rejects(NullPointerException.class, () -> s.timedWindowUnique(Duration.ofSeconds(1), null, null),
                "timedWindowUnique: keep must not be null");
        rejects(NullPointerException.class, () -> s.emitAsync(1, null), "metadata must not be null");
        rejects(NullPointerException.class, () -> Schedulers.newEventLoop(null, e -> { }),
                "newEventLoop: threadName must not be null");
        rejects(NullPointerException.class, () -> Schedulers.fromExecutor(null, e -> { }),
                "fromExecutor: executor must not be null");
        rejects(NullPointerException.class, () -> new VirtualScheduler(null),
                "VirtualScheduler: errorHandler must not be null");
        rejects(NullPointerException.class, () -> new VirtualScheduler().advanceBy(null),
                "advanceBy: delta must not be null");
        assertEquals(List.of(), s.downstreams(), "no rejected node is left attached");
    }

    @Test
    void nullMetadataAndNullEntriesAreRejectedBeforeAnythingHappens() {
        Stream<Integer> s = Stream.create("in");
        List<Integer> l = s.sinkToList();
        rejects(NullPointerException.class, () -> emit(s, 1, null), "emit into 'in'",
                "metadata must not be null", "List.of()");
        RefCounter r = new RefCounter();
        List<Map<String, Object>> withNull = Arrays.asList(Map.of("ref", r), null);
        rejects(NullPointerException.class, () -> emit(s, 2, withNull), "emit into 'in'",
                "metadata entry 1 is null", "expected a Map");
        assertEquals(List.of(), l, "nothing was emitted");
        assertEquals(0, r.count(), "nothing was retained");
        emit(s, 3, List.of());
        assertEquals(List.of(3), l);
    }

    @Test
    void badElementsAreReportedByTheNodeThatCannotHandleThem() {
        Stream<Object> p = Stream.create();
        List<Object> pl = p.pluck(0).sinkToList();
        StreamException ep = rejects(StreamException.class, () -> emit(p, 5), "pluck", "cannot pick 0 from",
                "java.lang.Integer", "expected a List, an array or a String");
        assertEquals("pluck", ep.operator());
        assertInstanceOf(IllegalArgumentException.class, ep.getCause());
        emit(p, List.of(7));
        assertEquals(List.of(7), pl);

        Stream<Object> mp = Stream.create();
        mp.pluck("k");
        StreamException missing = rejects(StreamException.class, () -> emit(mp, Map.of("j", 1)), "pluck",
                "key 'k' not in");
        assertInstanceOf(java.util.NoSuchElementException.class, missing.getCause());

        Stream<Object> sm = Stream.create();
        List<List<Object>> sml = sm.starmap((x, y) -> List.of(y, x)).sinkToList();
        assertEquals("starmap", rejects(StreamException.class, () -> emit(sm, 5), "starmap",
                "expects a List or an array to unpack", "got java.lang.Integer").operator());
        rejects(StreamException.class, () -> emit(sm, List.of(1, 2, 3)), "starmap",
                "two-argument function expects 2 items", "got 3");
        emit(sm, List.of(1, 2));
        assertEquals(List.of(List.of(2, 1)), sml);

        Stream<Object> f = Stream.create();
        List<Object> fl = f.flatten().sinkToList();
        assertEquals("flatten", rejects(StreamException.class, () -> emit(f, 5), "flatten",
                "expects an Iterable, Iterator, array, Map or String", "got java.lang.Integer").operator());
        rejects(StreamException.class, () -> emit(f, null), "flatten", "got null");
        emit(f, List.of(1, 2));
        assertEquals(List.of(1, 2), fl);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    @Test
    void accumulateWithStateMustReturnAStep() {
        Stream<Integer> s = Stream.create();
        s.accumulateWithState((Integer st, Integer x) -> null, 0);
        StreamException e = rejects(StreamException.class, () -> emit(s, 1), "accumulate",
                "accumulateWithState function must return a Step", "Step.of(state, result)", "got null");
        assertEquals("accumulate", e.operator());

        Stream<Integer> t = Stream.create();
        BiFunction raw = (st, x) -> 42;
        List<Object> l = t.accumulateWithState(raw, 0).sinkToList();
        rejects(StreamException.class, () -> emit(t, 1), "must return a Step", "got java.lang.Integer");
        assertEquals(List.of(), l);

        // The state is unchanged by a rejected result.
        Stream<Integer> u = Stream.create();
        List<Integer> ul = u.accumulateWithState((Integer st, Integer x) -> x < 0 ? null : Step.of(st + x, st + x), 0)
                .sinkToList();
        emit(u, 1);
        rejects(StreamException.class, () -> emit(u, -5), "must return a Step");
        emit(u, 2);
        assertEquals(List.of(1, 3), ul);
    }

    @Test
    void refCounterArgumentsAndOverRelease() {
        rejects(IllegalArgumentException.class, () -> new RefCounter(-1, null), "RefCounter", "initial count",
                ">= 0", "got -1");
        RefCounter r = new RefCounter();
        rejects(IllegalArgumentException.class, () -> r.retain(-1), "retain(n)", "n >= 0", "got -1");
        rejects(IllegalArgumentException.class, () -> r.release(-2), "release(n)", "n >= 0", "got -2");
        r.retain(2);
        rejects(IllegalStateException.class, () -> r.release(3), "released more times than it was retained");
        assertEquals(2, r.count(), "a rejected release does not change the count");
        List<String> fired = new ArrayList<>();
        RefCounter cb = new RefCounter(1, () -> fired.add("cb"));
        rejects(IllegalStateException.class, () -> cb.release(2), "released more times");
        assertEquals(List.of(), fired, "an over-release does not fire the callback");
        cb.release();
        assertEquals(List.of("cb"), fired);
        rejects(IllegalStateException.class, cb::release, "released more times");
        assertEquals(List.of("cb"), fired);
    }

    @Test
    void afterARejectedElementAcceptedDataIsKeptAndTheGraphWorks() {
        // partition by key: the element whose key cannot be picked is rejected; the buffer keeps what it had.
        Stream<Object> s = Stream.create();
        Stream<List<Object>> p = s.partition(3, 0);
        List<List<Object>> l = p.sinkToList();
        emit(s, List.of(0, "a"));
        StreamException e = rejects(StreamException.class, () -> emit(s, 5), "partition");
        assertInstanceOf(IllegalArgumentException.class, e.getCause());
        assertEquals(1, p.bufferedCount());
        emit(s, List.of(0, "b"));
        emit(s, List.of(0, "c"));
        assertEquals(List.of(List.of(List.of(0, "a"), List.of(0, "b"), List.of(0, "c"))), l);

        // zip behind a pluck: a rejected element does not consume the other input's buffered value.
        Stream<Object> a = Stream.create();
        Stream<Object> b = Stream.create();
        List<List<Object>> zl = a.pluck(0).zip(b).sinkToList();
        emit(b, "x");
        rejects(StreamException.class, () -> emit(a, 7), "pluck");
        emit(a, List.of(1));
        assertEquals(List.of(List.of(1, "x")), zl);

        // sliding window behind flatten: the window is intact after the rejection.
        Stream<Object> f = Stream.create();
        Stream<List<Object>> w = f.flatten().slidingWindow(2);
        List<List<Object>> wl = w.sinkToList();
        RefCounter held = new RefCounter();
        emit(f, List.of(1), Md.ref(held));
        rejects(StreamException.class, () -> emit(f, 5), "flatten");
        assertEquals(1, held.count(), "still held by the window");
        emit(f, List.of(2));
        assertEquals(List.of(List.of(1), List.of(1, 2)), wl);
        assertEquals(0, held.count());

        // A downstream failure after a partition's emission: the partition starts a fresh buffer.
        Stream<Integer> t = Stream.create();
        Stream<List<Integer>> tp = t.partition(2);
        List<List<Integer>> good = new ArrayList<>();
        tp.sink(x -> {
            if (x.contains(0)) {
                throw new IllegalStateException("no zeros");
            }
            good.add(x);
        });
        emit(t, 0);
        rejects(StreamException.class, () -> emit(t, 1), "sink", "no zeros");
        assertEquals(0, tp.bufferedCount());
        emit(t, 2);
        emit(t, 3);
        assertEquals(List.of(List.of(2, 3)), good);
    }
}
