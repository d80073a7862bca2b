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
 * Catalogue section E: zip, combine_latest, zip_latest.
 *
 * <p>E04 (zip maxsize back pressure) and the bounded form of E05 are in {@link AsyncGraphTest}.
 */
class SectionETest {

    @Test
    void E01_zip() {
        Stream<Object> a = Stream.create();
        Stream<Object> b = Stream.create();
        List<List<Object>> l = a.zip(b).sinkToList();
        a.emit(1);
        b.emit("a");
        a.emit(2);
        b.emit("b");
        assertEquals(List.of(List.of(1, "a"), List.of(2, "b")), l);

        Stream<Integer> x = Stream.create();
        Stream<Integer> y = Stream.create();
        Stream<Integer> z = Stream.create();
        List<List<Object>> l3 = x.zip(y, z).sinkToList();
        x.emit(1);
        y.emit(2);
        assertEquals(List.of(), l3);
        z.emit(3);
        assertEquals(List.of(List.of(1, 2, 3)), l3);
    }

    @Test
    void E02_zipLiterals() {
        Stream<Integer> a = Stream.create();
        Stream<Integer> b = Stream.create();
        List<List<Object>> l = Stream.zipAll(a, 123, b).sinkToList();
        a.emit(1);
        b.emit(2);
        assertEquals(List.of(List.of(1, 123, 2)), l);
        a.emit(4);
        b.emit(5);
        assertEquals(List.of(List.of(1, 123, 2), List.of(4, 123, 5)), l);

        Stream<Integer> c = Stream.create();
        Stream<Integer> d = Stream.create();
        List<List<Object>> l2 = c.zip(d, "lit").sinkToList();
        c.emit(1);
        d.emit(2);
        assertEquals(List.of(List.of(1, 2, "lit")), l2);
    }

    @Test
    void E03_zipKeepsFifoPerInput() {
        Stream<Object> a = Stream.create();
        Stream<Object> b = Stream.create();
        List<List<Object>> l = a.zip(b).sinkToList();
        b.emit("x");
        b.emit("y");
        a.emit(1);
        a.emit(2);
        a.emit(3);
        assertEquals(List.of(List.of(1, "x"), List.of(2, "y")), l);
        b.emit("z");
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
            a.emit(i);
        }
        assertEquals(5, z.bufferedCount());
        assertEquals(List.of(), l);
        for (int i = 0; i < 5; i++) {
            b.emit(i);
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
        a.emit(1, Md.ref(r1));
        assertEquals(List.of(1, 0, 0), counts(r1, r2, r3));
        a.emit(2, Md.ref(r2));
        assertEquals(List.of(1, 1, 0), counts(r1, r2, r3));
        b.emit(3, Md.ref(r3));
        assertEquals(List.of(0, 1, 0), counts(r1, r2, r3));
    }

    @Test
    void E07_zipMetadataInUpstreamOrder() {
        Stream<Integer> a = Stream.create();
        Stream<Integer> b = Stream.create();
        Md md = Md.of(a.zip(b));
        a.emit(1, Md.v(1));
        b.emit(2, Md.v(2));
        a.emit(3);
        b.emit(4, Md.v(4));
        assertEquals(expect(vs(1, 2), vs(4)), md.list());

        // Upstream order, not arrival order: b's metadata arrives first but comes second.
        Stream<Integer> c = Stream.create();
        Stream<Integer> d = Stream.create();
        Md md2 = Md.of(c.zip(d));
        d.emit(1, Md.v("d"));
        c.emit(2, Md.v("c"));
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
        a.emit(1);
        b.emit(1);
        assertEquals(List.of(), l);
        c.emit(1);
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
        a.emit(1);
        b.emit(1);
        assertEquals(List.of(), l);
        c.emit(1);
        assertEquals(List.of(List.of(1, 1)), l);

        // Our addition: disconnecting an input releases the refs of the elements it had buffered.
        Stream<Integer> d = Stream.create();
        Stream<Integer> e = Stream.create();
        Stream<List<Object>> y = d.zip(e);
        RefCounter r1 = new RefCounter();
        RefCounter r2 = new RefCounter();
        e.emit(1, Md.ref(r1));
        e.emit(2, Md.ref(r2));
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
        a.emit(1);
        a.emit(2);
        b.emit("a");
        a.emit(3);
        b.emit("b");
        List<List<Object>> expected = List.of(List.of(2, "a"), List.of(3, "a"), List.of(3, "b"));
        assertEquals(expected, c);
        assertEquals(expected, d);
    }

    @Test
    void E11_emitOnASingleStream() {
        Stream<Object> a = Stream.create();
        Stream<Object> b = Stream.create();
        List<List<Object>> l = a.combineLatest(EmitOn.streams(a), b).sinkToList();
        a.emit(1);
        b.emit("a");
        assertEquals(List.of(), l, "b completes the set but is not in emitOn");
        a.emit(2);
        a.emit(3);
        b.emit("b");
        a.emit(4);
        assertEquals(List.of(List.of(2, "a"), List.of(3, "a"), List.of(4, "b")), l);
    }

    @Test
    void E12_emitOnByIndex() {
        Stream<Object> a = Stream.create();
        Stream<Object> b = Stream.create();
        List<List<Object>> l = a.combineLatest(EmitOn.indices(0), b).sinkToList();
        a.emit(1);
        b.emit("a");
        a.emit(2);
        a.emit(3);
        b.emit("b");
        a.emit(4);
        assertEquals(List.of(List.of(2, "a"), List.of(3, "a"), List.of(4, "b")), l);

        Stream<Integer> x = Stream.create();
        Stream<Integer> y = Stream.create();
        Stream<Integer> z = Stream.create();
        List<List<Object>> l3 = x.combineLatest(EmitOn.indices(0, 2), y, z).sinkToList();
        x.emit(1);
        y.emit(2);
        z.emit(3);
        y.emit(20);
        x.emit(10);
        z.emit(30);
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
        a.emit(1, Md.ref(r1));
        assertEquals(List.of(1, 0, 0), counts(r1, r2, r3));
        a.emit(2, Md.ref(r2));
        assertEquals(List.of(0, 1, 0), counts(r1, r2, r3), "replaced: released");
        b.emit(3, Md.ref(r3));
        assertEquals(List.of(0, 1, 1), counts(r1, r2, r3), "emitting does not release");
        assertEquals(List.of(List.of(2, 3)), l);
    }

    @Test
    void E14_combineLatestMetadata() {
        Stream<Integer> a = Stream.create();
        Stream<Integer> b = Stream.create();
        Md md = Md.of(a.combineLatest(b));
        a.emit(1, Md.v(1));
        b.emit(2, Md.v(2));
        b.emit(3);
        b.emit(4, Md.v(4));
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
        b.emit(1);
        c.emit(1);
        assertEquals(List.of(), l);
        a.emit(1);
        assertEquals(List.of(List.of(1, 1, 1)), l);

        Stream<Integer> a2 = Stream.create();
        Stream<Integer> b2 = Stream.create();
        Stream<Integer> c2 = Stream.create();
        Stream<List<Object>> x2 = a2.combineLatest(EmitOn.streams(a2), b2, c2);
        List<List<Object>> l2 = x2.sinkToList();
        c2.disconnect(x2);
        b2.emit(1);
        c2.emit(1);
        a2.emit(1);
        assertEquals(List.of(List.of(1, 1)), l2);

        // Without emitOn, a newly connected input becomes an emit-on input.
        Stream<Integer> a3 = Stream.create();
        Stream<Integer> b3 = Stream.create();
        Stream<Integer> c3 = Stream.create();
        Stream<List<Object>> x3 = a3.combineLatest(b3);
        List<List<Object>> l3 = x3.sinkToList();
        c3.connect(x3);
        a3.emit(1);
        b3.emit(2);
        c3.emit(3);
        a3.emit(4);
        assertEquals(List.of(List.of(1, 2, 3), List.of(4, 2, 3)), l3);

        // Our addition: disconnecting an input releases the ref of its latest value (combineLatest and
        // zipLatest alike).
        Stream<Integer> a4 = Stream.create();
        Stream<Integer> b4 = Stream.create();
        Stream<List<Object>> cl = a4.combineLatest(b4);
        Stream<List<Object>> zl = a4.zipLatest(b4);
        RefCounter r = new RefCounter();
        b4.emit(1, Md.ref(r));
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
        a.emit(1);
        a.emit(2);
        b.emit("a");
        b.emit("b");
        a.emit(3);
        assertEquals(List.of(List.of(1, "a"), List.of(2, "a"), List.of(3, "b")), c);
        assertEquals(List.of(List.of(3, "b")), d);
    }

    @Test
    void E17_zipLatestReverse() {
        Stream<Object> a = Stream.create();
        Stream<Object> b = Stream.create();
        List<List<Object>> l = a.zipLatest(b).sinkToList();
        b.emit("a");
        a.emit(1);
        a.emit(2);
        a.emit(3);
        b.emit("b");
        a.emit(4);
        assertEquals(List.of(List.of(1, "a"), List.of(2, "a"), List.of(3, "a"), List.of(4, "b")), l);
    }

    @Test
    void E18_zipLatestThreeInputs() {
        Stream<Object> s1 = Stream.create();
        Stream<Object> s2 = Stream.create();
        Stream<Object> s3 = Stream.create();
        List<List<Object>> l = s1.zipLatest(s2, s3).sinkToList();
        s1.emit(1);
        s2.emit("I");
        s2.emit("II");
        s1.emit(2);
        s2.emit("III");
        assertEquals(List.of(), l);
        s3.emit("a");
        assertEquals(List.of(List.of(1, "III", "a"), List.of(2, "III", "a")), l);
        s3.emit("b");
        s1.emit(3);
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
        a.emit(1, Md.ref(r1));
        assertEquals(List.of(1, 0, 0, 0), counts(r1, r2, r3, r4), "buffered");
        b.emit(2, Md.ref(r2));
        assertEquals(List.of(0, 1, 0, 0), counts(r1, r2, r3, r4));
        b.emit(3, Md.ref(r3));
        assertEquals(List.of(0, 0, 1, 0), counts(r1, r2, r3, r4));
        a.emit(3, Md.ref(r4));
        assertEquals(List.of(0, 0, 1, 0), counts(r1, r2, r3, r4), "lossless values are released after emission");
    }

    @Test
    void E20_zipLatestMetadata() {
        Stream<Integer> a = Stream.create();
        Stream<Integer> b = Stream.create();
        Md md = Md.of(a.zipLatest(b));
        a.emit(1, Md.v(1));
        b.emit(2, Md.v(2));
        a.emit(3);
        b.emit(4, Md.v(4));
        assertEquals(expect(vs(1, 2), vs(2)), md.list(), "b<-4 emits nothing");

        // Draining: each buffered lossless value with its own metadata and the lossy input's current one.
        Stream<Object> c = Stream.create();
        Stream<Object> d = Stream.create();
        List<Object> pairs = new ArrayList<>();
        c.zipLatest(d).sinkWithMetadata((x, m) -> pairs.add(List.of(x, m)));
        c.emit(1, Md.v(1));
        c.emit(2, Md.v(2));
        d.emit("x", Md.v("x"));
        d.emit("y");
        c.emit(3);
        assertEquals(List.of(
                List.of(List.of(1, "x"), vs(1, "x")),
                List.of(List.of(2, "x"), vs(2, "x")),
                List.of(List.of(3, "y"), List.of())), pairs);
    }

    /**
     * DELIBERATE DIFFERENCE (DESIGN.md section 4): streamz accepts combine_latest(S, S) and fails with a
     * TypeError on the first emit; we reject it at construction with IllegalArgumentException, and the
     * rejected node is not left attached to S. zipLatest(S, S) is rejected the same way; zip(S, S) is
     * allowed (catalogue A05).
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
        s.emit(1);
        assertEquals(List.of(List.of(1, 1)), l);
    }
}
