package dev.streamz.conformance;

import dev.streamz.EmitOn;
import dev.streamz.RefCounter;
import dev.streamz.Stream;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.streamz.conformance.Md.counts;
import static dev.streamz.conformance.Md.expect;
import static dev.streamz.conformance.Md.vs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Conformance section E (docs/conformance.md): zip, combine_latest, zip_latest.
 *
 * <p>E04 (zip maxsize back pressure) and the bounded form of E05 are in {@link AsyncGraphTest}.
 */
public class SectionETest extends ConformanceBase {

    @Test
    void E01_zip() {
        Stream<Object> a = Stream.create();
        Stream<Object> b = Stream.create();
        List<List<Object>> l = a.zip(b).sinkToList();
        emit(a, 1);
        emit(b, "a");
        emit(a, 2);
        emit(b, "b");
        assertEquals(List.of(List.of(1, "a"), List.of(2, "b")), l);

        Stream<Integer> x = Stream.create();
        Stream<Integer> y = Stream.create();
        Stream<Integer> z = Stream.create();
        List<List<Object>> l3 = x.zip(y, z).sinkToList();
        emit(x, 1);
        emit(y, 2);
        assertEquals(List.of(), l3);
        emit(z, 3);
        assertEquals(List.of(List.of(1, 2, 3)), l3);
    }

    @Test
    void E02_zipLiterals() {
        Stream<Integer> a = Stream.create();
        Stream<Integer> b = Stream.create();
        List<List<Object>> l = Stream.zipAll(a, 123, b).sinkToList();
        emit(a, 1);
        emit(b, 2);
        assertEquals(List.of(List.of(1, 123, 2)), l);
        emit(a, 4);
        emit(b, 5);
        assertEquals(List.of(List.of(1, 123, 2), List.of(4, 123, 5)), l);

        Stream<Integer> c = Stream.create();
        Stream<Integer> d = Stream.create();
        List<List<Object>> l2 = c.zip(d, "lit").sinkToList();
        emit(c, 1);
        emit(d, 2);
        assertEquals(List.of(List.of(1, 2, "lit")), l2);
    }

    @Test
    void E03_zipKeepsFifoPerInput() {
        Stream<Object> a = Stream.create();
        Stream<Object> b = Stream.create();
        List<List<Object>> l = a.zip(b).sinkToList();
        emit(b, "x");
        emit(b, "y");
        emit(a, 1);
        emit(a, 2);
        emit(a, 3);
        assertEquals(List.of(List.of(1, "x"), List.of(2, "y")), l);
        emit(b, "z");
        assertEquals(List.of(List.of(1, "x"), List.of(2, "y"), List.of(3, "z")), l);
    }

    /**
     * In a purely synchronous graph zip never blocks and never drops: there is no maxsize in the
     * synchronous graph (the bound belongs to asynchronous emitters, E04 in AsyncGraphTest), so one input can run
     * ahead without limit. streamz's threaded-sync deadlock (the QUIRK) cannot happen here.
     */
    @Test
    void E05_zipSyncDoesNotBlock() {
        Stream<Integer> a = Stream.create();
        Stream<Integer> b = Stream.create();
        Stream<List<Object>> z = a.zip(b);
        List<List<Object>> l = z.sinkToList();
        for (int i = 0; i < 5; i++) {
            emit(a, i);
        }
        assertEquals(5, z.bufferedCount());
        assertEquals(List.of(), l);
        for (int i = 0; i < 5; i++) {
            emit(b, i);
        }
        assertEquals(List.of(List.of(0, 0), List.of(1, 1), List.of(2, 2), List.of(3, 3), List.of(4, 4)), l);
        assertEquals(0, z.bufferedCount());
    }

    @Test
    void E06_zipRefCounts() {
        Stream<Integer> a = Stream.create();
        Stream<Integer> b = Stream.create();
        a.zip(b);
        RefCounter r1 = new RefCounter();
        RefCounter r2 = new RefCounter();
        RefCounter r3 = new RefCounter();
        emit(a, 1, Md.ref(r1));
        assertEquals(List.of(1, 0, 0), counts(r1, r2, r3));
        emit(a, 2, Md.ref(r2));
        assertEquals(List.of(1, 1, 0), counts(r1, r2, r3));
        emit(b, 3, Md.ref(r3));
        assertEquals(List.of(0, 1, 0), counts(r1, r2, r3));
    }

    @Test
    void E07_zipMetadataInUpstreamOrder() {
        Stream<Integer> a = Stream.create();
        Stream<Integer> b = Stream.create();
        Md md = Md.of(a.zip(b));
        emit(a, 1, Md.v(1));
        emit(b, 2, Md.v(2));
        emit(a, 3);
        emit(b, 4, Md.v(4));
        assertEquals(expect(vs(1, 2), vs(4)), md.list());

        // Upstream order, not arrival order: b's metadata arrives first but comes second.
        Stream<Integer> c = Stream.create();
        Stream<Integer> d = Stream.create();
        Md md2 = Md.of(c.zip(d));
        emit(d, 1, Md.v("d"));
        emit(c, 2, Md.v("c"));
        assertEquals(expect(vs("c", "d")), md2.list());
    }

    @Test
    void E08_connectAddsAZipInput() {
        Stream<Integer> a = Stream.create();
        Stream<Integer> b = Stream.create();
        Stream<Integer> c = Stream.create();
        Stream<List<Object>> x = a.zip(b);
        List<List<Object>> l = x.sinkToList();
        c.connect(x);
        emit(a, 1);
        emit(b, 1);
        assertEquals(List.of(), l);
        emit(c, 1);
        assertEquals(List.of(List.of(1, 1, 1)), l);
    }

    @Test
    void E09_disconnectRemovesAZipInput() {
        Stream<Integer> a = Stream.create();
        Stream<Integer> b = Stream.create();
        Stream<Integer> c = Stream.create();
        Stream<List<Object>> x = a.zip(b, c);
        List<List<Object>> l = x.sinkToList();
        b.disconnect(x);
        emit(a, 1);
        emit(b, 1);
        assertEquals(List.of(), l);
        emit(c, 1);
        assertEquals(List.of(List.of(1, 1)), l);

        // Our addition: disconnecting an input releases the refs of the elements it had buffered.
        Stream<Integer> d = Stream.create();
        Stream<Integer> e = Stream.create();
        Stream<List<Object>> y = d.zip(e);
        RefCounter r1 = new RefCounter();
        RefCounter r2 = new RefCounter();
        emit(e, 1, Md.ref(r1));
        emit(e, 2, Md.ref(r2));
        assertEquals(List.of(1, 1), counts(r1, r2));
        e.disconnect(y);
        assertEquals(List.of(0, 0), counts(r1, r2));
        assertEquals(0, y.bufferedCount());
    }

    @Test
    void E10_combineLatest() {
        Stream<Object> a = Stream.create();
        Stream<Object> b = Stream.create();
        List<List<Object>> c = a.combineLatest(b).sinkToList();
        List<List<Object>> d = a.combineLatest(EmitOn.streams(a, b), b).sinkToList();
        emit(a, 1);
        emit(a, 2);
        emit(b, "a");
        emit(a, 3);
        emit(b, "b");
        List<List<Object>> expected = List.of(List.of(2, "a"), List.of(3, "a"), List.of(3, "b"));
        assertEquals(expected, c);
        assertEquals(expected, d);
    }

    @Test
    void E11_emitOnASingleStream() {
        Stream<Object> a = Stream.create();
        Stream<Object> b = Stream.create();
        List<List<Object>> l = a.combineLatest(EmitOn.streams(a), b).sinkToList();
        emit(a, 1);
        emit(b, "a");
        assertEquals(List.of(), l, "b completes the set but is not in emitOn");
        emit(a, 2);
        emit(a, 3);
        emit(b, "b");
        emit(a, 4);
        assertEquals(List.of(List.of(2, "a"), List.of(3, "a"), List.of(4, "b")), l);
    }

    @Test
    void E12_emitOnByIndex() {
        Stream<Object> a = Stream.create();
        Stream<Object> b = Stream.create();
        List<List<Object>> l = a.combineLatest(EmitOn.indices(0), b).sinkToList();
        emit(a, 1);
        emit(b, "a");
        emit(a, 2);
        emit(a, 3);
        emit(b, "b");
        emit(a, 4);
        assertEquals(List.of(List.of(2, "a"), List.of(3, "a"), List.of(4, "b")), l);

        Stream<Integer> x = Stream.create();
        Stream<Integer> y = Stream.create();
        Stream<Integer> z = Stream.create();
        List<List<Object>> l3 = x.combineLatest(EmitOn.indices(0, 2), y, z).sinkToList();
        emit(x, 1);
        emit(y, 2);
        emit(z, 3);
        emit(y, 20);
        emit(x, 10);
        emit(z, 30);
        assertEquals(List.of(List.of(1, 2, 3), List.of(10, 20, 3), List.of(10, 20, 30)), l3);
    }

    @Test
    void E13_combineLatestRefCounts() {
        Stream<Integer> a = Stream.create();
        Stream<Integer> b = Stream.create();
        List<List<Object>> l = a.combineLatest(b).sinkToList();
        RefCounter r1 = new RefCounter();
        RefCounter r2 = new RefCounter();
        RefCounter r3 = new RefCounter();
        emit(a, 1, Md.ref(r1));
        assertEquals(List.of(1, 0, 0), counts(r1, r2, r3));
        emit(a, 2, Md.ref(r2));
        assertEquals(List.of(0, 1, 0), counts(r1, r2, r3), "replaced: released");
        emit(b, 3, Md.ref(r3));
        assertEquals(List.of(0, 1, 1), counts(r1, r2, r3), "emitting does not release");
        assertEquals(List.of(List.of(2, 3)), l);
    }

    @Test
    void E14_combineLatestMetadata() {
        Stream<Integer> a = Stream.create();
        Stream<Integer> b = Stream.create();
        Md md = Md.of(a.combineLatest(b));
        emit(a, 1, Md.v(1));
        emit(b, 2, Md.v(2));
        emit(b, 3);
        emit(b, 4, Md.v(4));
        assertEquals(expect(vs(1, 2), vs(1), vs(1, 4)), md.list());
    }

    @Test
    void E15_combineLatestConnectAndDisconnect() {
        Stream<Integer> a = Stream.create();
        Stream<Integer> b = Stream.create();
        Stream<Integer> c = Stream.create();
        Stream<List<Object>> x = a.combineLatest(EmitOn.streams(a), b);
        List<List<Object>> l = x.sinkToList();
        c.connect(x);
        emit(b, 1);
        emit(c, 1);
        assertEquals(List.of(), l);
        emit(a, 1);
        assertEquals(List.of(List.of(1, 1, 1)), l);

        Stream<Integer> a2 = Stream.create();
        Stream<Integer> b2 = Stream.create();
        Stream<Integer> c2 = Stream.create();
        Stream<List<Object>> x2 = a2.combineLatest(EmitOn.streams(a2), b2, c2);
        List<List<Object>> l2 = x2.sinkToList();
        c2.disconnect(x2);
        emit(b2, 1);
        emit(c2, 1);
        emit(a2, 1);
        assertEquals(List.of(List.of(1, 1)), l2);

        // Without emitOn, a newly connected input becomes an emit-on input.
        Stream<Integer> a3 = Stream.create();
        Stream<Integer> b3 = Stream.create();
        Stream<Integer> c3 = Stream.create();
        Stream<List<Object>> x3 = a3.combineLatest(b3);
        List<List<Object>> l3 = x3.sinkToList();
        c3.connect(x3);
        emit(a3, 1);
        emit(b3, 2);
        emit(c3, 3);
        emit(a3, 4);
        assertEquals(List.of(List.of(1, 2, 3), List.of(4, 2, 3)), l3);

        // Our addition: disconnecting an input releases the ref of its latest value (combineLatest and
        // zipLatest alike).
        Stream<Integer> a4 = Stream.create();
        Stream<Integer> b4 = Stream.create();
        Stream<List<Object>> cl = a4.combineLatest(b4);
        Stream<List<Object>> zl = a4.zipLatest(b4);
        RefCounter r = new RefCounter();
        emit(b4, 1, Md.ref(r));
        assertEquals(2, r.count());
        b4.disconnect(cl);
        assertEquals(1, r.count());
        b4.disconnect(zl);
        assertEquals(0, r.count());
    }

    @Test
    void E16_zipLatestVersusCombineLatest() {
        Stream<Object> a = Stream.create();
        Stream<Object> b = Stream.create();
        List<List<Object>> c = a.zipLatest(b).sinkToList();
        List<List<Object>> d = a.combineLatest(EmitOn.streams(a), b).sinkToList();
        emit(a, 1);
        emit(a, 2);
        emit(b, "a");
        emit(b, "b");
        emit(a, 3);
        assertEquals(List.of(List.of(1, "a"), List.of(2, "a"), List.of(3, "b")), c);
        assertEquals(List.of(List.of(3, "b")), d);
    }

    @Test
    void E17_zipLatestReverse() {
        Stream<Object> a = Stream.create();
        Stream<Object> b = Stream.create();
        List<List<Object>> l = a.zipLatest(b).sinkToList();
        emit(b, "a");
        emit(a, 1);
        emit(a, 2);
        emit(a, 3);
        emit(b, "b");
        emit(a, 4);
        assertEquals(List.of(List.of(1, "a"), List.of(2, "a"), List.of(3, "a"), List.of(4, "b")), l);
    }

    @Test
    void E18_zipLatestThreeInputs() {
        Stream<Object> s1 = Stream.create();
        Stream<Object> s2 = Stream.create();
        Stream<Object> s3 = Stream.create();
        List<List<Object>> l = s1.zipLatest(s2, s3).sinkToList();
        emit(s1, 1);
        emit(s2, "I");
        emit(s2, "II");
        emit(s1, 2);
        emit(s2, "III");
        assertEquals(List.of(), l);
        emit(s3, "a");
        assertEquals(List.of(List.of(1, "III", "a"), List.of(2, "III", "a")), l);
        emit(s3, "b");
        emit(s1, 3);
        assertEquals(List.of(List.of(1, "III", "a"), List.of(2, "III", "a"), List.of(3, "III", "b")), l);
    }

    @Test
    void E19_zipLatestRefCounts() {
        Stream<Integer> a = Stream.create();
        Stream<Integer> b = Stream.create();
        a.zipLatest(b);
        RefCounter r1 = new RefCounter();
        RefCounter r2 = new RefCounter();
        RefCounter r3 = new RefCounter();
        RefCounter r4 = new RefCounter();
        emit(a, 1, Md.ref(r1));
        assertEquals(List.of(1, 0, 0, 0), counts(r1, r2, r3, r4), "buffered");
        emit(b, 2, Md.ref(r2));
        assertEquals(List.of(0, 1, 0, 0), counts(r1, r2, r3, r4));
        emit(b, 3, Md.ref(r3));
        assertEquals(List.of(0, 0, 1, 0), counts(r1, r2, r3, r4));
        emit(a, 3, Md.ref(r4));
        assertEquals(List.of(0, 0, 1, 0), counts(r1, r2, r3, r4), "lossless values are released after emission");
    }

    @Test
    void E20_zipLatestMetadata() {
        Stream<Integer> a = Stream.create();
        Stream<Integer> b = Stream.create();
        Md md = Md.of(a.zipLatest(b));
        emit(a, 1, Md.v(1));
        emit(b, 2, Md.v(2));
        emit(a, 3);
        emit(b, 4, Md.v(4));
        assertEquals(expect(vs(1, 2), vs(2)), md.list(), "b<-4 emits nothing");

        // Draining: each buffered lossless value with its own metadata and the lossy input's current one.
        Stream<Object> c = Stream.create();
        Stream<Object> d = Stream.create();
        List<Object> pairs = new ArrayList<>();
        c.zipLatest(d).sinkWithMetadata((x, m) -> pairs.add(List.of(x, m)));
        emit(c, 1, Md.v(1));
        emit(c, 2, Md.v(2));
        emit(d, "x", Md.v("x"));
        emit(d, "y");
        emit(c, 3);
        assertEquals(List.of(
                List.of(List.of(1, "x"), vs(1, "x")),
                List.of(List.of(2, "x"), vs(2, "x")),
                List.of(List.of(3, "y"), List.of())), pairs);
    }

    /**
     * DELIBERATE DIFFERENCE (E21 in docs/conformance.md): streamz accepts combine_latest(S, S) and fails with a
     * TypeError on the first emit; we reject it at construction with IllegalArgumentException, and the
     * rejected node is not left attached to S. zipLatest(S, S) is rejected the same way; zip(S, S) is
     * allowed (A05).
     */
    @Test
    void E21_combineLatestOfTheSameStreamIsRejected() {
        Stream<Integer> s = Stream.create("S");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.combineLatest(s));
        assertTrue(e.getMessage().contains("combineLatest") && e.getMessage().contains("'S'")
                && e.getMessage().contains("more than once"), e.getMessage());
        assertEquals(List.of(), s.downstreams());

        IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class, () -> s.zipLatest(s));
        assertTrue(e2.getMessage().contains("zipLatest"), e2.getMessage());
        assertEquals(List.of(), s.downstreams());

        List<List<Object>> l = s.zip(s).sinkToList();
        emit(s, 1);
        assertEquals(List.of(List.of(1, 1)), l);
    }
}
