package dev.streamz.conformance;

import dev.streamz.RefCounter;
import dev.streamz.Stream;
import dev.streamz.StreamException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Conformance section G (docs/conformance.md): exceptions in user functions.
 *
 * <p>Our choice (G01 to G04 in docs/conformance.md): a user function that throws makes {@code emit} throw a
 * {@link StreamException} naming the node, its operator and where it was built (file:line), with the
 * original exception as the cause; the graph keeps working for the next element.
 *
 * <p>Compiled mode (disruptor-runtime's {@code CompiledSectionGTest}): a segment does not throw into the
 * emitting thread; it reports the failure to the pipeline's error handler, skips the element and goes on.
 * The compiled harness rethrows the reported failure from its {@code emit}, so these tests check there
 * that the report names the same node, operator and build site, and that the graph keeps working.
 *
 * <p>G06 (asynchronous emit) and G07 (errors behind scheduler-driven nodes) are in
 * {@link SectionGAsyncTest}; G08 (map_async) is F25/F26 in {@link SectionFTest}. Deferred: G09 (streaming
 * DataFrame input validation) belongs to the dataframe issue.
 */
public class SectionGTest extends ConformanceBase {

    /** @return the line after the caller's line, i.e. the line of the next statement */
    private static int nextLine() {
        return StackWalker.getInstance().walk(f -> f.skip(1).findFirst().orElseThrow().getLineNumber()) + 1;
    }

    @Test
    void G01_mapErrorPropagatesToTheEmitter() {
        Stream<Integer> a = Stream.create();
        int line = nextLine();
        Stream<Integer> m = a.map(x -> 1 / x);
        String site = "SectionGTest.java:" + line;
        assertEquals(site, m.buildSite());

        StreamException e = assertThrows(StreamException.class, () -> emit(a, 0));
        assertInstanceOf(ArithmeticException.class, e.getCause());
        assertEquals("map", e.nodeName());
        assertEquals("map", e.operator());
        assertEquals(site, e.buildSite());
        assertTrue(e.getMessage().contains("node 'map' (map, built at " + site + ")"), e.getMessage());
        assertTrue(e.getMessage().contains("java.lang.ArithmeticException: / by zero"), e.getMessage());

        // A named node is named in the error; the failing node is the one reported, not its upstreams.
        Stream<Integer> b = Stream.create();
        Stream<Integer> first = b.map(x -> x + 1).named("inc");
        int line2 = nextLine();
        first.map(x -> 10 / (x - 1)).named("divide");
        StreamException e2 = assertThrows(StreamException.class, () -> emit(b, 0));
        assertEquals("divide", e2.nodeName());
        assertEquals("map", e2.operator());
        assertEquals("SectionGTest.java:" + line2, e2.buildSite());
        assertTrue(e2.getMessage().startsWith("node 'divide' (map, built at SectionGTest.java:" + line2 + ")"),
                e2.getMessage());
    }

    @Test
    void G02_streamKeepsWorkingAfterAnError() {
        Stream<Integer> s = Stream.create();
        List<Integer> l = s.map(x -> 10 / x).sinkToList();
        emit(s, 1);
        assertThrows(StreamException.class, () -> emit(s, 0));
        emit(s, 2);
        assertEquals(List.of(10, 5), l);

        // A stateful node downstream of the failure keeps its state.
        Stream<Integer> t = Stream.create();
        List<List<Integer>> parts = t.map(x -> 10 / x).partition(2).sinkToList();
        emit(t, 1);
        assertThrows(StreamException.class, () -> emit(t, 0));
        emit(t, 2);
        assertEquals(List.of(List.of(10, 5)), parts);
    }

    /**
     * Our choice: fail-fast, depth-first, as in streamz. The element has already reached the branches
     * attached before the failing one; it does not reach the branches attached after it. The next
     * element reaches every branch again.
     */
    @Test
    void G03_errorInOneBranchStopsLaterSiblingsForThatElement() {
        Stream<Integer> s = Stream.create();
        List<Integer> l0 = s.sinkToList(); // attached before the failing branch
        List<Integer> l1 = new ArrayList<>();
        s.sink(x -> {
            if (x == 1) {
                throw new IllegalStateException("bad " + x);
            }
            l1.add(x);
        });
        List<Integer> l2 = s.sinkToList(); // attached after it
        emit(s, 0);
        StreamException e = assertThrows(StreamException.class, () -> emit(s, 1));
        assertEquals("sink", e.operator());
        assertInstanceOf(IllegalStateException.class, e.getCause());
        emit(s, 2);
        assertEquals(List.of(0, 1, 2), l0, "earlier sibling saw the failing element");
        assertEquals(List.of(0, 2), l1);
        assertEquals(List.of(0, 2), l2, "later sibling never saw the failing element");
    }

    /**
     * Our choice (at-least-once): a ref held by an element whose processing threw is not released, so its
     * callback never fires and a checkpointing source re-reads the element.
     */
    @Test
    void G04_refsAreNotReleasedWhenAUserFunctionThrows() {
        Stream<Integer> s = Stream.create();
        List<Integer> l = s.map(x -> 1 / x).sinkToList();
        List<String> fired = new ArrayList<>();
        RefCounter r = new RefCounter(() -> fired.add("r"));
        // Compiled (ErrorPolicy.REPORT_AND_SKIP), the segment skips the element and releases the hold of the
        // ring slot it arrived in, which stands for the emit call's own hold: that one hold is not kept.
        int kept = failedEmitKeepsItsHold() ? 1 : 0;
        assertThrows(StreamException.class, () -> emit(s, 0, Md.ref(r)));
        assertEquals(kept, r.count());
        assertEquals(kept == 0, r.fired());

        RefCounter ok = new RefCounter(() -> fired.add("ok"));
        emit(s, 1, Md.ref(ok));
        assertEquals(List.of(1), l);
        assertEquals(0, ok.count());
        assertEquals(kept == 1 ? List.of("ok") : List.of("r", "ok"), fired,
                "the next element is acknowledged; the failed one never is (directly)");
        assertEquals(kept, r.count());

        // Same when a node that holds the element (partition) is upstream of the failure.
        Stream<Integer> t = Stream.create();
        t.partition(2).map(p -> 1 / p.get(1));
        RefCounter a = new RefCounter();
        RefCounter b = new RefCounter();
        emit(t, 5, Md.ref(a));
        assertThrows(StreamException.class, () -> emit(t, 0, Md.ref(b)));
        // a: the partition's hold and its failed emission's hold; b: those two and the failed emit call's
        // own hold. None is released, so neither callback can fire (the partition no longer buffers them:
        // it emitted them).
        assertEquals(List.of(2, 2 + kept), Md.counts(a, b));
    }

    @Test
    void G05_filterSinkStarmapPluckErrorsPropagate() {
        RuntimeException boom = new IllegalStateException("boom");

        Stream<Integer> f = Stream.create();
        List<Integer> fl = f.filter(x -> {
            if (x == 1) {
                throw boom;
            }
            return true;
        }).sinkToList();
        StreamException ef = assertThrows(StreamException.class, () -> emit(f, 1));
        assertEquals("filter", ef.operator());
        assertSame(boom, ef.getCause());
        emit(f, 2);
        assertEquals(List.of(2), fl);

        Stream<Integer> r = Stream.create();
        r.remove(x -> {
            throw boom;
        });
        assertEquals("remove", assertThrows(StreamException.class, () -> emit(r, 1)).operator());

        Stream<Integer> sk = Stream.create();
        sk.sink(x -> {
            throw boom;
        });
        StreamException es = assertThrows(StreamException.class, () -> emit(sk, 1));
        assertEquals("sink", es.operator());
        assertSame(boom, es.getCause());

        Stream<List<Integer>> sm = Stream.create();
        List<Integer> sml = sm.starmap((x, y) -> (Integer) x / (Integer) y).sinkToList();
        StreamException esm = assertThrows(StreamException.class, () -> emit(sm, List.of(1, 0)));
        assertEquals("starmap", esm.operator());
        assertInstanceOf(ArithmeticException.class, esm.getCause());
        emit(sm, List.of(6, 3));
        assertEquals(List.of(2), sml);

        Stream<List<Integer>> p = Stream.create();
        List<Object> pl = p.pluck(1).sinkToList();
        StreamException ep = assertThrows(StreamException.class, () -> emit(p, List.of(1)));
        assertEquals("pluck", ep.operator());
        assertInstanceOf(IndexOutOfBoundsException.class, ep.getCause());
        assertTrue(ep.getMessage().contains("pluck cannot pick 1"), ep.getMessage());
        emit(p, List.of(1, 2, 3));
        assertEquals(List.of(2), pl);

        Stream<Integer> u = Stream.create();
        u.unique(null, (Function<Integer, Object>) x -> {
            throw boom;
        }, true);
        assertEquals("unique", assertThrows(StreamException.class, () -> emit(u, 1)).operator());

        Stream<Integer> acc = Stream.create();
        acc.accumulate((x, y) -> {
            throw boom;
        });
        emit(acc, 1); // the first element becomes the state without calling the function
        assertEquals("accumulate", assertThrows(StreamException.class, () -> emit(acc, 2)).operator());
    }
}
