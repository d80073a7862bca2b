package dev.streamz.conformance;

import dev.streamz.Keep;
import dev.streamz.RefCounter;
import dev.streamz.Stream;
import dev.streamz.VirtualScheduler;
import dev.streamz.conformance.Async.Log;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import static dev.streamz.conformance.Async.after;
import static dev.streamz.conformance.Async.ms;
import static dev.streamz.conformance.Async.source;
import static dev.streamz.conformance.Md.vs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Conformance case H07 (docs/conformance.md), the rows of the scheduler-driven operators: rate_limit, map_async, buffer, delay,
 * latest, timed_window, timed_window_unique.
 *
 * <p>Our rules (H07, F13, F27 in docs/conformance.md): every such node retains an element's refs on arrival, before its
 * {@code update} returns, and releases them once its own downstream emission of the element has
 * completed (for an asynchronous downstream: when the downstream accepted it), or when it drops the
 * element (latest: replaced; timed_window_unique: a duplicate; map_async: a failed call). So every
 * RefCounter's callback fires exactly once, after the output. streamz differs for rate_limit (F13: no
 * hold, the cb fires early and twice), map_async (F27: late hold, early cb) and timed_window_unique
 * (dropped duplicates never released).
 */
class SectionHAsyncTest {

    private record Row(String name, Function<Stream<Integer>, Stream<?>> op, boolean window) {
    }

    private static final List<Row> ROWS = List.of(
            new Row("rate_limit", s -> s.rateLimit(ms(10)), false),
            new Row("map_async", s -> s.<Integer>mapAsync(x -> CompletableFuture.completedFuture(x), 2), false),
            new Row("buffer", s -> s.buffer(3), false),
            new Row("delay", s -> s.delay(ms(10)), false),
            new Row("latest", Stream::latest, false),
            new Row("timed_window", s -> s.timedWindow(ms(10)), true),
            new Row("timed_window_unique", s -> s.timedWindowUnique(ms(10), null, Keep.LAST), true));

    /**
     * Each row behind a slow asynchronous sink: emitted metadata as the table says, refs held from
     * arrival until the sink finished with the output, callbacks exactly once, after that.
     */
    @Test
    void H07_scheduledRowsHoldUntilTheDownstreamAcceptedTheOutput() {
        for (Row row : ROWS) {
            VirtualScheduler vs = new VirtualScheduler();
            Log log = new Log();
            Stream<Integer> s = source(vs);
            Stream<?> node = row.op().apply(s);
            Md md = Md.of(node);
            node.sinkAsync(x -> {
                log.add("out:" + x);
                return after(vs, ms(100), () -> {
                    log.add("done:" + x);
                    return null;
                });
            });
            vs.runUntilIdle(); // a window's first, empty emission
            vs.advanceBy(ms(100));
            RefCounter r1 = log.ref(1);
            RefCounter r2 = log.ref(2);
            s.emitAsync(1, Md.v(1, r1));
            assertTrue(r1.count() >= 1, row.name() + ": retained on arrival");
            vs.runUntilIdle();
            s.emitAsync(2, Md.v(2, r2));
            assertTrue(r2.count() >= 1, row.name() + ": retained on arrival");
            vs.advanceBy(ms(50));
            assertFalse(r1.fired() || r2.fired(), row.name() + ": held while the sink works " + log);
            vs.advanceBy(Duration.ofSeconds(2));

            assertEquals(List.of(0, 0), Md.counts(r1, r2), row.name());
            assertEquals(1, log.occurrences("cb:1"), row.name() + " " + log);
            assertEquals(1, log.occurrences("cb:2"), row.name() + " " + log);
            List<String> events = log.events();
            String done1 = row.window() ? doneContaining(events, "1") : "done:1";
            String done2 = row.window() ? doneContaining(events, "2") : "done:2";
            assertTrue(events.indexOf(done1) >= 0 && events.indexOf(done1) < events.indexOf("cb:1"),
                    row.name() + ": cb after the output was accepted " + events);
            assertTrue(events.indexOf(done2) >= 0 && events.indexOf(done2) < events.indexOf("cb:2"),
                    row.name() + ": cb after the output was accepted " + events);
            if (row.window()) {
                assertEquals(Md.expect(vs(1, 2)), md.list(), row.name() + ": concatenated for the window");
            } else {
                assertEquals(Md.expect(vs(1), vs(2)), md.list(), row.name() + ": metadata unchanged");
            }
        }
    }

    private static String doneContaining(List<String> events, String element) {
        return events.stream().filter(e -> e.startsWith("done:") && e.contains(element)).findFirst().orElse("?");
    }

    /** A ref shared by the elements of a batch fires once, after the last of them was output. */
    @Test
    void H07_sharedRefFiresOnceAfterItsLastElement() {
        for (Row row : ROWS) {
            VirtualScheduler vs = new VirtualScheduler();
            Log log = new Log();
            Stream<Integer> s = source(vs);
            Stream<?> node = row.op().apply(s);
            node.sink(x -> log.add("out:" + x));
            vs.runUntilIdle();
            // The source holds the batch's ref (initial count 1) while it emits the batch's elements.
            RefCounter shared = new RefCounter(1, () -> log.add("cb:batch"));
            for (int i = 1; i <= 3; i++) {
                s.emitAsync(i, Md.ref(shared));
                vs.runUntilIdle(); // latest: let each one out before the next arrives
            }
            shared.release();
            vs.advanceBy(Duration.ofSeconds(1));
            assertTrue(shared.fired(), row.name() + " " + log);
            assertEquals(1, log.occurrences("cb:batch"), row.name());
            List<String> events = log.events();
            int cb = events.indexOf("cb:batch");
            String lastOut = events.stream().filter(e -> e.contains("3")).findFirst().orElseThrow();
            assertTrue(events.indexOf(lastOut) < cb, row.name() + ": " + events);
        }
    }

    @Test
    void H07_latestReleasesAReplacedValueWhenItIsReplaced() {
        VirtualScheduler vs = new VirtualScheduler();
        Log log = new Log();
        Stream<Integer> s = source(vs);
        Md md = Md.of(s.latest());
        s.latest().sink(x -> log.add("out:" + x));
        RefCounter r1 = log.ref(1);
        RefCounter r2 = log.ref(2);
        s.emit(1, Md.v(1, r1));
        s.emit(2, Md.v(2, r2));
        assertEquals(List.of("cb:1"), log.events(), "replaced before it was emitted: released at once");
        vs.runUntilIdle();
        assertEquals(List.of("cb:1", "out:2", "cb:2"), log.events());
        assertEquals(Md.expect(vs(2)), md.list());
    }

    @Test
    void H07_timedWindowUniqueReleasesDroppedDuplicatesAtOnce() {
        for (Keep keep : Keep.values()) {
            VirtualScheduler vs = new VirtualScheduler();
            Log log = new Log();
            Stream<Integer> s = source(vs);
            Stream<List<Integer>> w = s.timedWindowUnique(ms(10), null, keep);
            Md md = Md.of(w);
            w.sink(x -> log.add("out:" + x));
            vs.runUntilIdle();
            RefCounter first = log.ref("first");
            RefCounter second = log.ref("second");
            RefCounter other = log.ref("other");
            s.emit(1, Md.v("first", first));
            s.emit(2, Md.v("other", other));
            s.emit(1, Md.v("second", second));
            RefCounter dropped = keep == Keep.FIRST ? second : first;
            RefCounter kept = keep == Keep.FIRST ? first : second;
            assertTrue(dropped.fired(), keep + ": the dropped duplicate is released at once");
            assertEquals(1, kept.count());
            assertEquals(1, other.count());
            vs.advanceBy(ms(10));
            assertEquals(List.of(0, 0, 0), Md.counts(first, second, other));
            List<String> events = log.events();
            String out = keep == Keep.FIRST ? "out:(1, 2)" : "out:(2, 1)";
            assertEquals(1, events.stream().filter(out::equals).count(), keep + " " + events);
            assertTrue(events.indexOf(out) < events.indexOf(keep == Keep.FIRST ? "cb:first" : "cb:second"));
            assertTrue(events.indexOf(out) < events.indexOf("cb:other"));
            assertTrue(events.indexOf(keep == Keep.FIRST ? "cb:second" : "cb:first") < events.indexOf(out));
            List<Map<String, Object>> expected = keep == Keep.FIRST ? vs("first", "other") : vs("other", "second");
            assertEquals(Md.expect(expected), md.list(), keep + ": concatenation of the kept elements");
        }
    }

    @Test
    void H07_mapAsyncReleasesAFailedCallsRefs() {
        VirtualScheduler vs = new VirtualScheduler(e -> { });
        Log log = new Log();
        Stream<Integer> s = source(vs);
        s.<Integer>mapAsync(x -> Async.failAfter(vs, ms(10), new IllegalStateException("no")))
                .sink(x -> log.add("out:" + x));
        RefCounter r = log.ref(1);
        s.emit(1, Md.ref(r));
        assertEquals(1, r.count());
        vs.advanceBy(ms(10));
        assertEquals(List.of("cb:1"), log.events());
        assertEquals(1, vs.errors().size());
    }

    /** rate_limit's first element passes inside its emitter's call: the emitter's own hold covers it. */
    @Test
    void H07_rateLimitElementPassingAtOnce() {
        VirtualScheduler vs = new VirtualScheduler();
        Log log = new Log();
        Stream<Integer> s = source(vs);
        s.rateLimit(ms(100)).sinkAsync(x -> {
            log.add("out:" + x);
            return after(vs, ms(30), () -> {
                log.add("done:" + x);
                return null;
            });
        });
        RefCounter r = log.ref(0);
        CompletableFuture<Void> f = s.emitAsync(0, Md.ref(r));
        assertFalse(f.isDone());
        assertEquals(1, r.count(), "held by the asynchronous sink");
        vs.advanceBy(ms(30));
        assertTrue(f.isDone());
        assertEquals(List.of("out:0", "done:0", "cb:0"), log.events());
    }
}
