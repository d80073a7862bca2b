package dev.streamz.conformance;

import dev.streamz.Stream;
import dev.streamz.internal.runtime.GraphWalk;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The shared graph walks: their orders are what graph descriptions and the compiled runtime number by. */
class GraphWalkTest {

    @Test
    void connectedVisitsUpstreamsFirstOrDownstreamsFirstBreadthFirst() {
        Stream<Integer> a = Stream.create("a");
        Stream<Integer> b = Stream.create("b");
        Stream<Integer> m = a.map(x -> x).named("m");
        Stream<Integer> u = m.union(b).named("u");
        Stream<Integer> s = u.sink(x -> { }).named("s").node();

        assertEquals(List.of(m, a, u, b, s), GraphWalk.connected(m));
        assertEquals(List.of(m, u, a, s, b), GraphWalk.connectedDownstreamsFirst(m));
        assertEquals(List.of(b, a), GraphWalk.sources(GraphWalk.connected(s)), "in walk order: s, u, m, b, a");
    }

    @Test
    void downstreamOfStopsAtTheGivenNodesAndEndsOnLoops() {
        Stream<Integer> a = Stream.create("a");
        Stream<Integer> m = a.map(x -> x).named("m");
        Stream<Integer> f = m.filter(x -> x < 3).named("f");
        f.connect(m); // a feedback loop
        Stream<Integer> stop = m.map(x -> x).named("stop");
        Stream<Integer> after = stop.sink(x -> { }).named("after").node();

        assertEquals(List.of(m, f, stop, after), GraphWalk.downstreamOf(a, n -> false));
        assertEquals(List.of(m, f), GraphWalk.downstreamOf(a, n -> n == stop));
        assertEquals(List.of(f, m), GraphWalk.downstreamOf(m, n -> n == stop), "m is listed: the loop leads back");
    }

    @Test
    void distinctKeepsFirstSeenOrderByIdentity() {
        Stream<Integer> s = Stream.create("s");
        Stream<Integer> t = Stream.create("t");
        Stream<List<Object>> z = s.zip(t, s);
        assertEquals(List.of(s, t, s), z.upstreams());
        assertEquals(List.of(s, t), GraphWalk.distinct(z.upstreams()));
    }
}
