package dev.streamz.conformance;

import dev.streamz.EmitOn;
import dev.streamz.Sink;
import dev.streamz.Stream;
import dev.streamz.StreamException;
import dev.streamz.internal.PluginRegistry;
import dev.streamz.spi.StreamPlugin;
import org.junit.jupiter.api.Test;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Conformance section A (docs/conformance.md) (graph construction, emit, topology).
 *
 * <p>A16 (mixing schedulers), A17 (scheduler propagation and sharing) and A18 (sync emit blocks on
 * async work) are in {@link AsyncGraphTest}; the {@code asynchronous=True} half of A02 (emitAsync) is
 * exercised by {@link SectionFTest} and {@link SectionGAsyncTest}.
 */
public class SectionATest extends ConformanceBase {

    private static int line() {
        return StackWalker.getInstance().walk(f -> f.skip(1).findFirst().orElseThrow()).getLineNumber();
    }

    @Test
    void A01_basicBranchAndScan() {
        Stream<Integer> s = Stream.create();
        List<Integer> lc = s.map(x -> x + 1).scan(Integer::sum).sinkToList();
        List<Integer> lb = s.map(x -> x * 2).sinkToList();
        for (int i = 0; i < 4; i++) {
            emit(s, i);
        }
        assertEquals(List.of(1, 3, 6, 10), lc);
        assertEquals(List.of(0, 2, 4, 6), lb);
    }

    @Test
    void A02_emitReturnsVoidAfterTheWholeSyncGraphRan() throws Exception {
        // streamz returns None from a pure sync emit; the Java analogue is a void method that returns
        // only when every synchronous consequence is done. (emitAsync for asynchronous=True: deferred.)
        assertEquals(void.class, Stream.class.getMethod("emit", Object.class).getReturnType());
        assertEquals(void.class, Stream.class.getMethod("emit", Object.class, List.class).getReturnType());
        Stream<Integer> s = Stream.create();
        List<Integer> out = s.map(x -> x + 1).map(x -> x * 3).sinkToList();
        emit(s, 1);
        assertEquals(List.of(6), out);
    }

    @Test
    void A03_emitAtAnIntermediateNodeSkipsItsFunction() {
        Stream<Integer> s = Stream.create();
        Stream<Integer> m = s.map(x -> x * 10);
        List<Integer> l1 = s.sinkToList();
        List<Integer> l2 = m.sinkToList();
        emit(m, 7);
        assertEquals(List.of(), l1);
        assertEquals(List.of(7), l2);
        emit(s, 7);
        assertEquals(List.of(7), l1);
        assertEquals(List.of(7, 70), l2);
    }

    @Test
    void A04_downstreamCallOrderIsAttachmentOrder() {
        List<List<Object>> input = List.of(List.of(1, "red"), List.of(2, "blue"), List.of(3, "green"));
        for (int run = 0; run < 20; run++) { // deterministic across runs
            // Case 1: B attached before A.
            Stream<List<Object>> s = Stream.create();
            Stream<Object> b = s.pluck(1);
            Stream<Object> a = s.pluck(0);
            List<List<Object>> l = a.combineLatest(EmitOn.streams(a), b).sinkToList();
            input.forEach(emitter(s));
            assertEquals(List.of(List.of(1, "red"), List.of(2, "blue"), List.of(3, "green")), l);

            // Case 2: A attached before B.
            Stream<List<Object>> s2 = Stream.create();
            Stream<Object> a2 = s2.pluck(0);
            Stream<Object> b2 = s2.pluck(1);
            List<List<Object>> l2 = a2.combineLatest(EmitOn.streams(a2), b2).sinkToList();
            input.forEach(emitter(s2));
            assertEquals(List.of(List.of(2, "red"), List.of(3, "blue")), l2);
        }

        // The G03 rule seen through attachment order: fail-fast, depth-first. The element reaches the
        // branches attached before the failing one and not those after it; emit throws a StreamException
        // naming the node, its operator and its build site; the next element flows normally.
        Stream<Integer> s = Stream.create();
        List<Integer> l1 = new ArrayList<>();
        int badLine = line() + 1;
        Sink<Integer> bad = s.sink(x -> {
            if (x == 1) {
                throw new IllegalStateException("bad 1");
            }
            l1.add(x);
        });
        List<Integer> l2 = s.sinkToList();
        emit(s, 0);
        StreamException e = assertThrows(StreamException.class, () -> emit(s, 1));
        emit(s, 2);
        assertEquals(List.of(0, 2), l1);
        assertEquals(List.of(0, 2), l2);
        assertEquals("sink", e.nodeName());
        assertEquals("sink", e.operator());
        assertEquals("SectionATest.java:" + badLine, e.buildSite());
        assertEquals(bad.buildSite(), e.buildSite());
        assertInstanceOf(IllegalStateException.class, e.getCause());
        assertTrue(e.getMessage().contains("'sink'"), e.getMessage());
        assertTrue(e.getMessage().contains("SectionATest.java:" + badLine), e.getMessage());
        assertTrue(e.getMessage().contains("bad 1"), e.getMessage());

        // A failure deep in a chain names the failing node, not the one the element entered by.
        Stream<Integer> t = Stream.create();
        Stream<Integer> outer = t.map(x -> x + 1).named("outer");
        int divideLine = line() + 1;
        List<Integer> out = outer.map(x -> 10 / (x - 2)).named("divide").sinkToList();
        StreamException deep = assertThrows(StreamException.class, () -> emit(t, 1));
        assertEquals("divide", deep.nodeName());
        assertEquals("map", deep.operator());
        assertEquals("SectionATest.java:" + divideLine, deep.buildSite());
        assertInstanceOf(ArithmeticException.class, deep.getCause());
        emit(t, 3);
        assertEquals(List.of(5), out);
    }

    @Test
    void A05_sameDownstreamAttachedTwiceIsCalledOnce() {
        Stream<Integer> s = Stream.create();
        List<Integer> u = s.union(s).sinkToList();
        emit(s, 1);
        assertEquals(List.of(1), u);

        Stream<Integer> z = Stream.create();
        Stream<List<Object>> zipped = z.zip(z);
        List<List<Object>> l = zipped.sinkToList();
        emit(z, 1);
        emit(z, 2);
        assertEquals(List.of(List.of(1, 1), List.of(2, 2)), l);
        assertEquals(1, z.downstreams().size());
        assertEquals(List.of(z, z), zipped.upstreams());
    }

    @Test
    void A06_diamond() {
        Stream<Integer> s = Stream.create();
        List<Integer> out = s.map(x -> x + 1).zip(s.map(x -> x - 1))
                .map(t -> (Integer) t.get(0) + (Integer) t.get(1)).sinkToList();
        emit(s, 10);
        assertEquals(List.of(20), out);
    }

    @Test
    void A07_cyclesRunDepthFirst() {
        Stream<Integer> s = Stream.create();
        Stream<Integer> u = s.unique();
        List<Integer> l = u.sinkToList();
        u.map(x -> List.of((2 * x) % 7, (x + 3) % 7)).<Integer>flatten().connect(s);
        emit(s, 1);
        // Depth-first recursion (each re-entrant emission runs to completion before its sibling).
        assertEquals(List.of(1, 2, 4, 0, 3, 6, 5), l);
    }

    @Test
    void A08_connect() {
        List<Integer> l = new ArrayList<>();
        Stream<Integer> d = Stream.create();
        d.map(x -> x + 1).map(l::add);
        Stream<Integer> u = Stream.create();
        u.connect(d);
        emit(u, 2);
        emit(u, 4);
        assertEquals(List.of(3, 5), l);
        assertEquals(List.of(u), d.upstreams());
        assertEquals(List.of(d), u.downstreams());
    }

    @Test
    void A09_connectIntoAMultiUpstreamNode() {
        List<Integer> l = new ArrayList<>();
        Stream<Integer> s0 = Stream.create();
        Stream<Integer> s1 = Stream.create();
        Stream<Integer> d = s0.union(s1);
        d.map(x -> x + 1).map(l::add);
        Stream<Integer> u = Stream.create();
        u.connect(d);
        emit(u, 2);
        emit(u, 4);
        assertEquals(List.of(3, 5), l);
        emit(s0, 10);
        assertEquals(List.of(3, 5, 11), l);
    }

    @Test
    void A10_disconnect() {
        Stream<Integer> src = Stream.create();
        Stream<Integer> up = Stream.create();
        List<Integer> l = up.sinkToList();
        emit(src, 1);
        assertEquals(List.of(), l);
        src.connect(up);
        emit(src, 2);
        emit(src, 3);
        assertEquals(List.of(2, 3), l);
        src.disconnect(up);
        emit(src, 4);
        assertEquals(List.of(2, 3), l);
        assertEquals(List.of(), src.downstreams());
        assertEquals(List.of(), up.upstreams());
        // Ours: disconnecting a node that is not downstream is an error, not a silent no-op.
        assertThrows(IllegalArgumentException.class, () -> src.disconnect(up));
    }

    @Test
    void A11_destroy() {
        Stream<Integer> s = Stream.create();
        Stream<Integer> m = s.map(x -> x + 1);
        List<Integer> l = m.sinkToList();
        List<Integer> siblings = s.map(x -> -x).sinkToList();
        emit(s, 1);
        assertEquals(List.of(2), l);
        m.destroy();
        assertFalse(s.downstreams().contains(m));
        assertEquals(1, s.downstreams().size()); // only the sibling is left
        assertEquals(List.of(), m.upstreams());
        emit(s, 2);
        assertEquals(List.of(2), l);
        assertEquals(List.of(-1, -2), siblings);
        // A destroyed node still forwards what is emitted directly into it.
        emit(m, 5);
        assertEquals(List.of(2, 5), l);
    }

    @Test
    void A12_strongReferencesAndExplicitDestroy() {
        // Deliberate difference (A12 in docs/conformance.md): streamz holds downstreams weakly, so an unreferenced
        // non-sink node is collected and stops receiving; sinks live in a global set until destroy().
        // We hold downstreams strongly (no global registry) and nodes leave only via destroy/disconnect.
        Stream<Integer> s = Stream.create();
        List<Integer> viaUnreferenced = new ArrayList<>();
        WeakReference<Stream<Boolean>> unreferenced = new WeakReference<>(s.map(viaUnreferenced::add));
        gc(unreferenced, 5);
        assertNotNull(unreferenced.get(), "an attached node must not be collected");
        emit(s, 1);
        assertEquals(List.of(1), viaUnreferenced);

        List<Integer> sunk = new ArrayList<>();
        WeakReference<Stream<Integer>> sinkRef = attachEmitAndDestroySink(s, sunk);
        emit(s, 3);
        assertEquals(List.of(2), sunk, "a destroyed sink receives nothing");
        gc(sinkRef, 50);
        assertNull(sinkRef.get(), "a destroyed sink is not kept alive by its former upstream");
        assertEquals(List.of(1, 2, 3), viaUnreferenced);
    }

    private WeakReference<Stream<Integer>> attachEmitAndDestroySink(Stream<Integer> s, List<Integer> sunk) {
        Stream<Integer> sink = s.sink(sunk::add).node();
        assertTrue(s.downstreams().contains(sink));
        emit(s, 2);
        assertEquals(List.of(2), sunk);
        sink.destroy();
        assertFalse(s.downstreams().contains(sink));
        assertEquals(List.of(), sink.upstreams());
        return new WeakReference<>(sink);
    }

    private static void gc(WeakReference<?> ref, int maxRounds) {
        for (int i = 0; i < maxRounds && ref.get() != null; i++) {
            System.gc();
        }
    }

    /** A source that records start/stop calls (streamz's {@code MySource}). */
    static final class MySource extends Stream<Integer> {
        int starts;
        int stops;

        MySource() {
            super("my_source", Map.of());
        }

        @Override
        public void start() {
            starts++;
        }

        @Override
        public void stop() {
            stops++;
        }
    }

    @Test
    void A13_startAndStopPropagateUpstream() {
        MySource src = new MySource();
        Stream<Integer> m = src.map(x -> x + 1);
        m.start();
        assertEquals(1, src.starts);
        assertEquals(0, src.stops);
        m.stop();
        assertEquals(1, src.starts);
        assertEquals(1, src.stops);
        // Through several levels too.
        Stream<Integer> deeper = m.filter(x -> true).map(x -> x);
        deeper.start();
        assertEquals(2, src.starts);
        deeper.stop();
        assertEquals(2, src.stops);
    }

    @Test
    void A14_currentValueAndMetadata() {
        Stream<Integer> s = Stream.create();
        Stream<Integer> m = s.map(x -> x + 1);
        assertNull(s.currentValue());
        assertEquals(List.of(), m.currentMetadata());
        emit(s, 5);
        assertEquals(5, s.currentValue());
        assertEquals(6, m.currentValue());
        assertEquals(List.of(), m.currentMetadata());
        List<Map<String, Object>> md = List.of(Map.of("v", 1));
        emit(s, 7, md);
        assertEquals(7, s.currentValue());
        assertEquals(8, m.currentValue());
        assertEquals(md, s.currentMetadata());
        assertEquals(md, m.currentMetadata());
    }

    @Test
    void A15_stringForm() {
        // The string form is ours (streamz prints function names, which lambdas do not have):
        // <operator: param=value, ...>, prefixed by "name; " when the node is named.
        Stream<Integer> s = Stream.create();
        assertEquals("<Stream>", s.toString());
        assertEquals("<this is not a stream; Stream>", Stream.create("this is not a stream").toString());
        assertEquals("<map>", s.map(x -> x + 1).toString());
        assertEquals("<add; map>", s.map(x -> x + 1).named("add").toString());
        assertEquals("<filter>", s.filter(x -> x % 2 == 0).toString());
        assertEquals("<filter: predicate=truthy>", s.filter().toString());
        assertEquals("<partition: n=2>", s.partition(2).toString());
        assertEquals("<sliding_window: n=2, returnPartial=true>", s.slidingWindow(2).toString());
    }

    /** A user-defined operator (streamz registers it on a subclass; Java subclasses Stream). */
    static final class Incrementer extends Stream<Integer> {
        Incrementer(Stream<Integer> upstream) {
            super("incrementer", Map.of("by", 1), upstream);
        }

        @Override
        public void update(Object x, List<Map<String, Object>> metadata, Stream<?> from) {
            emitDownstream((Integer) x + 1, metadata);
        }

        /** An operator only the subclass has. */
        Stream<Integer> doubled() {
            return map(x -> x * 2);
        }
    }

    @Test
    void A19_extensionBySubclassing() throws Exception {
        Stream<Integer> s = Stream.create();
        Incrementer inc = s.through(Incrementer::new);
        List<Integer> out = inc.sinkToList();
        List<Integer> doubled = inc.doubled().sinkToList();      // subclass-only operator
        List<Integer> mapped = inc.map(x -> -x).sinkToList();    // built-in on the subclass
        List<Map<String, Object>> md = List.of(Map.of("v", 1));
        emit(s, 1);
        emit(s, 2, md);
        assertEquals(List.of(2, 3), out);
        assertEquals(List.of(4, 6), doubled);
        assertEquals(List.of(-2, -3), mapped);
        assertEquals(md, inc.currentMetadata());
        assertEquals(List.of(s), inc.upstreams());
        assertEquals("incrementer", inc.operator());
        assertEquals("<incrementer: by=1>", inc.toString());
        // Available on the subclass, not on the base Stream; built-ins are on both.
        assertNotNull(Incrementer.class.getDeclaredMethod("doubled"));
        assertThrows(NoSuchMethodException.class, () -> Stream.class.getMethod("doubled"));
        assertNotNull(Stream.class.getMethod("map", java.util.function.Function.class));
    }

    @Test
    void A20_pluginsViaServiceLoader() {
        assertTrue(Stream.pluginNames().containsAll(List.of("conformanceAdd", "conformanceRange")),
                Stream.pluginNames().toString());

        // OPERATOR plugin, with its argument.
        Stream<Integer> s = Stream.create();
        Stream<Integer> added = s.plugin("conformanceAdd", 10);
        List<Integer> out = added.sinkToList();
        emit(s, 1);
        emit(s, 2);
        assertEquals(List.of(11, 12), out);
        assertEquals(List.of(s), added.upstreams());

        // SOURCE plugin: a static factory (streamz's Stream.from_test()).
        Stream<Integer> src = Stream.fromPlugin("conformanceRange", 3);
        List<Integer> fromSrc = src.map(x -> x * 10).sinkToList();
        assertEquals(List.of(), src.upstreams());
        src.start();
        assertEquals(List.of(0, 10, 20), fromSrc);

        // Unknown name: the message lists the available plugins.
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> s.plugin("noSuchPlugin"));
        assertTrue(unknown.getMessage().contains("noSuchPlugin"), unknown.getMessage());
        assertTrue(unknown.getMessage().contains("conformanceAdd"), unknown.getMessage());
        assertTrue(unknown.getMessage().contains("conformanceRange"), unknown.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Stream.fromPlugin("noSuchPlugin"));

        // Kind mismatches and rejected arguments.
        assertThrows(IllegalArgumentException.class, () -> Stream.fromPlugin("conformanceAdd", 1));
        assertThrows(IllegalArgumentException.class, () -> s.plugin("conformanceRange", 1));
        IllegalArgumentException badArgs = assertThrows(IllegalArgumentException.class,
                () -> s.plugin("conformanceAdd", "ten"));
        assertTrue(badArgs.getMessage().contains("conformanceAdd"), badArgs.getMessage());

        // A name that is a built-in operator (streamz: ValueError) is refused when the registry loads.
        IllegalStateException clash = assertThrows(IllegalStateException.class,
                () -> PluginRegistry.of(List.of(new Named("map", StreamPlugin.Kind.OPERATOR))));
        assertTrue(clash.getMessage().contains("'map'"), clash.getMessage());
        assertTrue(clash.getMessage().contains("built-in"), clash.getMessage());

        // Two plugins with one name are refused.
        IllegalStateException dup = assertThrows(IllegalStateException.class, () -> PluginRegistry.of(List.of(
                new Named("conformanceDup", StreamPlugin.Kind.OPERATOR),
                new Named("conformanceDup", StreamPlugin.Kind.SOURCE))));
        assertTrue(dup.getMessage().contains("conformanceDup"), dup.getMessage());

        // streamz's TypeError for a plugin that is not a Stream subclass: in Java the type system rules
        // that out; the run-time analogue is a plugin whose node is not attached where it was called.
        PluginRegistry detached = PluginRegistry.of(List.of(new Named("conformanceDetached",
                StreamPlugin.Kind.OPERATOR)));
        assertEquals(List.of("conformanceDetached"), detached.names());
        assertThrows(IllegalStateException.class, () -> detached.create(s, "conformanceDetached", new Object[0]));
        // An explicit registry answers only for its own plugins.
        IllegalArgumentException notThere = assertThrows(IllegalArgumentException.class,
                () -> detached.create(s, "conformanceAdd", new Object[] {1}));
        assertTrue(notThere.getMessage().contains("conformanceDetached"), notThere.getMessage());

        // Calling a plugin twice attaches two nodes, in call order.
        Stream<Integer> t = Stream.create();
        Stream<Integer> a = t.plugin("conformanceAdd", 1);
        Stream<Integer> b = t.plugin("conformanceAdd", 2);
        assertSame(t, a.upstreams().get(0));
        assertEquals(List.of(a, b), t.downstreams());
        assertEquals("conformanceAdd", a.name());
    }

    /** A plugin with a given name whose operator returns a node that is not attached to anything. */
    private record Named(String name, StreamPlugin.Kind kind) implements StreamPlugin {
        @Override
        public Stream<?> create(Stream<?> upstream, Object[] args) {
            return Stream.create();
        }
    }
}
