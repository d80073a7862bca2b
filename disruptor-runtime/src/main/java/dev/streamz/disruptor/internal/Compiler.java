package dev.streamz.disruptor.internal;

import dev.streamz.Stream;
import dev.streamz.disruptor.CompiledPipeline;
import dev.streamz.disruptor.PipelineOptions;
import dev.streamz.disruptor.Segmentation;
import dev.streamz.internal.runtime.GraphAccess;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Cuts a graph into segments and builds the pipeline.
 *
 * <p>A segment starts at a <em>head</em>: the entry nodes (the source, every node without upstreams, all
 * sharing segment 0), each {@code SegmentBoundary}, each join fed from more than one segment, and, with
 * {@link Segmentation#PER_BRANCH}, each branch. Every other node belongs to the one segment that reaches
 * it without crossing a head; a node reached from two segments becomes a join head, and the assignment
 * is repeated until it is stable. An edge into a head of another segment gets a {@link Relay} in the
 * upstream's downstream array (undone on close); the segments and relays form a graph that must be
 * acyclic, otherwise a full ring could deadlock a feedback loop, so such a graph is refused.
 */
public final class Compiler {
    private static final AtomicLong PIPELINES = new AtomicLong();
    /** Nodes of open pipelines: a node runs on one pipeline's threads at a time. */
    private static final Set<Stream<?>> COMPILED = Collections.newSetFromMap(new IdentityHashMap<>());

    private enum Kind { ENTRY, BOUNDARY, JOIN, BRANCH }

    private static final Object ENTRY_KEY = new Object();

    /** A downstream entry replaced while compiled. */
    record Swap(Stream<?> upstream, Stream<?> original, Stream<?> replacement) {
        void apply() {
            if (!GraphAccess.hooks().replaceDownstream(upstream, original, replacement)) {
                throw new IllegalStateException("'" + original.name() + "' is not downstream of '"
                        + upstream.name() + "'");
            }
        }

        void undo() {
            GraphAccess.hooks().replaceDownstream(upstream, replacement, original);
        }
    }

    /** A graph edge that crosses into another segment's head. */
    private record Edge(Stream<?> up, Stream<?> down) {
    }

    private Compiler() {
    }

    public static <T> CompiledPipeline<T> compile(Stream<T> source, PipelineOptions o) {
        List<Stream<?>> nodes = component(source);
        for (Stream<?> n : nodes) {
            if (GraphAccess.isTimeDriven(n) && !GraphAccess.isSegmentBoundary(n)) {
                throw new IllegalArgumentException("compile: node " + describe(n) + " is time-driven (it runs on"
                        + " the scheduler or holds elements across time) and cannot be fused into a synchronous"
                        + " segment; run this graph directly, or put the time-based part in a graph of its own");
            }
        }

        Map<Stream<?>, Kind> heads = new IdentityHashMap<>();
        Map<Stream<?>, Stream<?>> branchParent = new IdentityHashMap<>();
        heads.put(source, Kind.ENTRY);
        for (Stream<?> n : nodes) {
            if (n.upstreams().isEmpty()) {
                heads.put(n, Kind.ENTRY);
            }
        }
        for (Stream<?> n : nodes) {
            if (GraphAccess.isSegmentBoundary(n) && !heads.containsKey(n)) {
                heads.put(n, Kind.BOUNDARY);
            }
        }
        if (o.segmentation() == Segmentation.PER_BRANCH) {
            for (Stream<?> n : nodes) {
                List<Stream<?>> candidates = new ArrayList<>();
                for (Stream<?> d : n.downstreams()) {
                    if (!heads.containsKey(d) && distinct(d.upstreams()).equals(List.of(n))) {
                        candidates.add(d);
                    }
                }
                if (candidates.size() >= 2) {
                    for (Stream<?> d : candidates) {
                        heads.put(d, Kind.BRANCH);
                        branchParent.put(d, n);
                    }
                }
            }
        }

        // Assign every node to the one segment that reaches it; promote nodes reached from several to joins.
        Map<Stream<?>, Object> segKey;
        while (true) {
            Map<Stream<?>, Set<Object>> reach = new IdentityHashMap<>();
            for (Stream<?> n : nodes) {
                reach.put(n, new LinkedHashSet<>());
            }
            for (Stream<?> h : nodes) {
                Kind k = heads.get(h);
                if (k == null) {
                    continue;
                }
                Object key = k == Kind.ENTRY ? ENTRY_KEY : h;
                reach.get(h).add(key);
                ArrayDeque<Stream<?>> todo = new ArrayDeque<>(h.downstreams());
                while (!todo.isEmpty()) {
                    Stream<?> d = todo.poll();
                    if (heads.containsKey(d)) {
                        continue;
                    }
                    if (reach.get(d).add(key)) {
                        todo.addAll(d.downstreams());
                    }
                }
            }
            boolean changed = false;
            // A join is where two segments meet directly: two upstreams bring different segments. Nodes
            // after it are reached from several segments only through it, and stay in its segment.
            List<Stream<?>> multi = new ArrayList<>();
            for (Stream<?> n : nodes) {
                if (!heads.containsKey(n) && reach.get(n).size() > 1) {
                    multi.add(n);
                }
            }
            List<Stream<?>> joins = new ArrayList<>();
            for (Stream<?> n : multi) {
                Set<Object> direct = new LinkedHashSet<>();
                for (Stream<?> u : n.upstreams()) {
                    Kind uk = heads.get(u);
                    if (uk != null) {
                        direct.add(uk == Kind.ENTRY ? ENTRY_KEY : u);
                    } else if (reach.get(u).size() == 1) {
                        direct.addAll(reach.get(u));
                    }
                }
                if (direct.size() > 1) {
                    joins.add(n);
                }
            }
            for (Stream<?> n : joins.isEmpty() ? multi : joins) {
                heads.put(n, Kind.JOIN);
                changed = true;
            }
            for (Stream<?> n : nodes) {
                int r = reach.get(n).size();
                if (r == 0) {
                    heads.put(n, Kind.ENTRY); // only reachable from a loop upstream of everything: an entry
                    changed = true;
                }
            }
            if (!changed) {
                segKey = new IdentityHashMap<>();
                for (Stream<?> n : nodes) {
                    segKey.put(n, reach.get(n).iterator().next());
                }
                break;
            }
        }

        // Segment keys in discovery order; ENTRY first.
        List<Object> keys = new ArrayList<>();
        keys.add(ENTRY_KEY);
        for (Stream<?> n : nodes) {
            Kind k = heads.get(n);
            if (k != null && k != Kind.ENTRY) {
                keys.add(n);
            }
        }
        Map<Object, List<Stream<?>>> members = new LinkedHashMap<>();
        for (Object k : keys) {
            members.put(k, new ArrayList<>());
        }
        for (Stream<?> n : nodes) {
            members.get(segKey.get(n)).add(n);
        }

        // Edges that cross into a head: relays. Collect the segment graph as we go.
        List<Edge> relayEdges = new ArrayList<>();
        Map<Object, Set<Object>> segEdges = new LinkedHashMap<>();
        Map<Object, List<Edge>> segEdgeWitness = new LinkedHashMap<>();
        for (Object k : keys) {
            segEdges.put(k, new LinkedHashSet<>());
        }
        for (Stream<?> u : nodes) {
            for (Stream<?> d : u.downstreams()) {
                Kind k = heads.get(d);
                if (k == null) {
                    continue;
                }
                Object from = segKey.get(u);
                Object to = segKey.get(d);
                boolean sameSegment = from == to;
                boolean relay = switch (k) {
                    case BOUNDARY, BRANCH -> true;
                    case ENTRY, JOIN -> !sameSegment;
                };
                if (relay) {
                    relayEdges.add(new Edge(u, d));
                    segEdges.get(from).add(to);
                    segEdgeWitness.computeIfAbsent(from, x -> new ArrayList<>()).add(new Edge(u, d));
                }
            }
        }

        // Refuse feedback across segments; order segments topologically (ENTRY first: all reach from it).
        List<Object> order = topologicalOrder(keys, segEdges, segEdgeWitness, segKey);

        String name = o.name() != null ? o.name() : "pipeline-" + PIPELINES.incrementAndGet();
        synchronized (COMPILED) {
            for (Stream<?> n : nodes) {
                if (COMPILED.contains(n)) {
                    throw new IllegalArgumentException("compile: node " + describe(n) + " is already part of an"
                            + " open compiled pipeline; close that pipeline first");
                }
            }
            COMPILED.addAll(nodes);
        }
        try {
            return build(source, o, name, nodes, heads, branchParent, segKey, order, members, relayEdges);
        } catch (RuntimeException | Error e) {
            unregister(nodes);
            throw e;
        }
    }

    private static <T> CompiledPipeline<T> build(Stream<T> source, PipelineOptions o, String name,
                                                 List<Stream<?>> nodes, Map<Stream<?>, Kind> heads,
                                                 Map<Stream<?>, Stream<?>> branchParent,
                                                 Map<Stream<?>, Object> segKey, List<Object> order,
                                                 Map<Object, List<Stream<?>>> members,
                                                 List<Edge> relayEdgesRaw) {
        // Producers per segment (for the ring's producer type).
        Map<Object, Set<Object>> producers = new IdentityHashMap<>();
        for (Object k : order) {
            producers.put(k, new LinkedHashSet<>());
        }
        for (Edge e : relayEdgesRaw) {
            producers.get(segKey.get(e.down())).add(segKey.get(e.up()));
        }

        // Rings: the entry ring, one per boundary or join, one shared per branch group.
        Map<Object, Ring> ringOfSegment = new IdentityHashMap<>();
        Map<Stream<?>, Ring> branchRings = new IdentityHashMap<>();
        for (Object k : order) {
            Ring ring;
            if (k == ENTRY_KEY) {
                ring = new Ring(o.ringSize(), o.producerKind() == dev.streamz.disruptor.ProducerKind.MULTI,
                        o.waitStrategy());
            } else {
                Stream<?> head = (Stream<?>) k;
                Kind kind = heads.get(head);
                if (kind == Kind.BRANCH) {
                    Stream<?> parent = branchParent.get(head);
                    ring = branchRings.get(parent);
                    if (ring == null) {
                        ring = new Ring(o.ringSize(), producers.get(k).size() > 1, o.waitStrategy());
                        branchRings.put(parent, ring);
                    }
                } else {
                    int size = o.ringSize();
                    int hint = GraphAccess.ringCapacityHint(head);
                    if (hint > size) {
                        size = hint >= PipelineOptions.MAX_RING_SIZE ? PipelineOptions.MAX_RING_SIZE
                                : Integer.highestOneBit(hint - 1) << 1;
                    }
                    ring = new Ring(size, producers.get(k).size() > 1, o.waitStrategy());
                }
            }
            ringOfSegment.put(k, ring);
        }

        PipelineImpl<T> p = new PipelineImpl<>(name, o, ringOfSegment.get(ENTRY_KEY), members.get(ENTRY_KEY),
                new ArrayList<>(), nodes);
        int index = 0;
        for (Object k : order) {
            Ring ring = ringOfSegment.get(k);
            List<Stream<?>> segHeads = new ArrayList<>();
            for (Stream<?> n : members.get(k)) {
                if (heads.containsKey(n)) {
                    segHeads.add(n);
                }
            }
            String segName = k == ENTRY_KEY ? joinNames(segHeads) : ((Stream<?>) k).name();
            String threadName = "streamz-" + name + "-" + index + "-" + segName;
            if (k != ENTRY_KEY && ((Stream<?>) k).parameters().get("thread") instanceof String t
                    && heads.get(k) == Kind.BOUNDARY) {
                threadName = t;
            }
            Kind kind = k == ENTRY_KEY ? Kind.ENTRY : heads.get(k);
            Stream<?> fixedHead = kind == Kind.BRANCH ? (Stream<?>) k : null;
            boolean pass = kind == Kind.ENTRY || kind == Kind.BOUNDARY;
            Segment s = new Segment(p, index, segName, threadName, names(segHeads), names(members.get(k)), ring,
                    fixedHead, pass);
            ring.readers.add(s);
            p.segments.add(s);
            index++;
        }
        for (Segment s : p.segments) {
            s.attach();
        }

        // Relays, now that each ring knows its reader count.
        List<Swap> swaps = p.swaps;
        Set<Ring> multicastRelayed = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Edge e : relayEdgesRaw) {
            Stream<?> up = e.up();
            Stream<?> down = e.down();
            Kind kind = heads.get(down);
            Ring ring = ringOfSegment.get(segKey.get(down));
            Stream<?> replacement;
            if (kind == Kind.BRANCH) {
                replacement = multicastRelayed.add(ring) ? new Relay(ring, null) : new Relay.Silent();
            } else {
                replacement = new Relay(ring, down);
            }
            Swap swap = new Swap(up, down, replacement);
            try {
                swap.apply();
            } catch (RuntimeException failure) {
                for (int i = swaps.size() - 1; i >= 0; i--) {
                    swaps.get(i).undo(); // a failed compile leaves the graph as it found it
                }
                throw failure;
            }
            swaps.add(swap);
        }
        p.setPrimary(source);
        p.start();
        return p;
    }

    private static List<Object> topologicalOrder(List<Object> keys, Map<Object, Set<Object>> edges,
                                                 Map<Object, List<Edge>> witness, Map<Stream<?>, Object> segKey) {
        // Depth-first; a back edge is a feedback loop across segments.
        Map<Object, Integer> mark = new IdentityHashMap<>(); // 1 in progress, 2 done
        List<Object> post = new ArrayList<>();
        ArrayDeque<Object> path = new ArrayDeque<>();
        for (Object k : keys) {
            visit(k, edges, mark, post, path, witness, segKey);
        }
        // Acyclic: order by Kahn's algorithm, taking the earliest-discovered ready segment first, so the
        // indices follow the graph's attachment order (the entry segment is first: every segment descends
        // from it).
        Map<Object, Integer> indegree = new IdentityHashMap<>();
        for (Object k : keys) {
            indegree.put(k, 0);
        }
        for (Object k : keys) {
            for (Object next : edges.get(k)) {
                indegree.merge(next, 1, Integer::sum);
            }
        }
        List<Object> order = new ArrayList<>();
        List<Object> ready = new ArrayList<>();
        for (Object k : keys) {
            if (indegree.get(k) == 0) {
                ready.add(k);
            }
        }
        while (!ready.isEmpty()) {
            Object k = ready.remove(0);
            order.add(k);
            for (Object next : edges.get(k)) {
                if (indegree.merge(next, -1, Integer::sum) == 0) {
                    ready.add(next);
                }
            }
            ready.sort((x, y) -> Integer.compare(keys.indexOf(x), keys.indexOf(y)));
        }
        return order;
    }

    private static void visit(Object k, Map<Object, Set<Object>> edges, Map<Object, Integer> mark,
                              List<Object> post, ArrayDeque<Object> path,
                              Map<Object, List<Edge>> witness, Map<Stream<?>, Object> segKey) {
        Integer m = mark.get(k);
        if (m != null) {
            if (m == 1) {
                throw cycle(k, path, witness, segKey);
            }
            return;
        }
        mark.put(k, 1);
        path.addLast(k);
        for (Object next : edges.get(k)) {
            visit(next, edges, mark, post, path, witness, segKey);
        }
        path.removeLast();
        mark.put(k, 2);
        post.add(k);
    }

    private static IllegalArgumentException cycle(Object start, ArrayDeque<Object> path,
                                                  Map<Object, List<Edge>> witness, Map<Stream<?>, Object> segKey) {
        List<Object> loop = new ArrayList<>(path);
        loop = loop.subList(loop.indexOf(start), loop.size());
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < loop.size(); i++) {
            Object from = loop.get(i);
            Object to = loop.get((i + 1) % loop.size());
            for (Edge e : witness.getOrDefault(from, List.of())) {
                if (segKey.get(e.down()) == to) {
                    sb.append(sb.isEmpty() ? "" : ", ").append("'").append(e.up().name()).append("' -> '")
                            .append(e.down().name()).append("' (built at ").append(e.down().buildSite()).append(")");
                    break;
                }
            }
        }
        return new IllegalArgumentException("compile: feedback loop across segments: " + sb + "; a loop through"
                + " a ring could deadlock once the ring is full. Keep a feedback loop inside one segment (no"
                + " async()/buffer() on the loop), or run this graph directly");
    }

    /** Every node connected to {@code source}, upstream or downstream, in breadth-first order. */
    static List<Stream<?>> component(Stream<?> source) {
        Set<Stream<?>> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Stream<?>> out = new ArrayList<>();
        ArrayDeque<Stream<?>> todo = new ArrayDeque<>();
        todo.add(source);
        seen.add(source);
        while (!todo.isEmpty()) {
            Stream<?> n = todo.poll();
            out.add(n);
            for (Stream<?> d : n.downstreams()) {
                if (seen.add(d)) {
                    todo.add(d);
                }
            }
            for (Stream<?> u : n.upstreams()) {
                if (seen.add(u)) {
                    todo.add(u);
                }
            }
        }
        return out;
    }

    static void unregister(List<Stream<?>> nodes) {
        synchronized (COMPILED) {
            for (Stream<?> n : nodes) {
                COMPILED.remove(n);
            }
        }
    }

    private static List<Stream<?>> distinct(List<Stream<?>> list) {
        List<Stream<?>> out = new ArrayList<>();
        for (Stream<?> s : list) {
            if (!out.contains(s)) {
                out.add(s);
            }
        }
        return out;
    }

    private static List<String> names(List<Stream<?>> nodes) {
        List<String> out = new ArrayList<>(nodes.size());
        for (Stream<?> n : nodes) {
            out.add(n.name());
        }
        return out;
    }

    private static String joinNames(List<Stream<?>> nodes) {
        return String.join("+", names(nodes));
    }

    static String describe(Stream<?> n) {
        return "'" + n.name() + "' (" + n.operator() + ", built at " + n.buildSite() + ")";
    }
}
