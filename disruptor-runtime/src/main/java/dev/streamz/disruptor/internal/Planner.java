package dev.streamz.disruptor.internal;

import dev.streamz.Stream;
import dev.streamz.disruptor.PipelineOptions;
import dev.streamz.disruptor.ProducerKind;
import dev.streamz.disruptor.Segmentation;
import dev.streamz.disruptor.internal.SegmentPlan.Crossing;
import dev.streamz.disruptor.internal.SegmentPlan.PlannedSegment;
import dev.streamz.disruptor.internal.SegmentPlan.RingKind;
import dev.streamz.disruptor.internal.SegmentPlan.RingSpec;
import dev.streamz.disruptor.internal.SegmentPlan.SegmentKey;
import dev.streamz.disruptor.internal.SegmentPlan.SegmentKind;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Cuts a graph into segments: a pure function from the graph and the options to a {@link SegmentPlan}.
 * It reads the graph (through {@link GraphView}) and changes nothing; no ring or thread exists yet.
 *
 * <p>A segment starts at a <em>head</em>: the entry nodes (the source, every node without upstreams, all
 * sharing the entry segment), each boundary ({@code async()}, {@code buffer(n)}), each join fed from more
 * than one segment, and, with {@link Segmentation#PER_BRANCH}, each branch. Every other node belongs to
 * the one segment that reaches it without crossing a head; a node reached from two segments becomes a
 * join head, and the assignment is repeated until it is stable. The segments and the edges between them
 * must form an acyclic graph, otherwise a full ring could deadlock a feedback loop, so such a graph is
 * refused. The phases, in order: {@link #refuseTimeDriven}, {@link #findHeads}, {@link #assign},
 * {@link #crossings}, {@link #order}, {@link #rings}, {@link #segments}.
 */
final class Planner {
    private Planner() {
    }

    /** The heads found so far: why each starts a segment, and each branch head's parent. */
    record Heads(Map<Stream<?>, SegmentKind> kinds, Map<Stream<?>, Stream<?>> branchParent) {
        SegmentKind kind(Stream<?> n) {
            return kinds.get(n);
        }

        boolean contains(Stream<?> n) {
            return kinds.containsKey(n);
        }

        SegmentKey keyOf(Stream<?> head) {
            return kinds.get(head) == SegmentKind.ENTRY ? SegmentKey.ENTRY : new SegmentKey(head);
        }
    }

    /** A crossing before the segments are ordered: segment keys instead of indices. */
    private record Edge(Stream<?> up, Stream<?> down, SegmentKey from, SegmentKey to) {
    }

    /**
     * @param source the node the pipeline is compiled from
     * @param nodes every node connected to it ({@link GraphView#component})
     * @param options the options (segmentation, ring size, producers)
     * @param name the pipeline's name (the generated thread names start with it)
     * @return the plan
     * @throws IllegalArgumentException for a time-driven node that is not a boundary, or a feedback loop
     *     across segments; the message names the nodes
     */
    static SegmentPlan plan(Stream<?> source, List<Stream<?>> nodes, PipelineOptions options, String name) {
        refuseTimeDriven(nodes);
        Heads heads = findHeads(source, nodes, options.segmentation());
        Map<Stream<?>, SegmentKey> segmentOf = assign(nodes, heads);
        List<SegmentKey> keys = keysInDiscoveryOrder(nodes, heads);
        List<Edge> edges = crossings(nodes, heads, segmentOf);
        List<SegmentKey> order = order(keys, edges);
        Map<SegmentKey, List<Stream<?>>> members = members(order, nodes, segmentOf);
        Map<SegmentKey, RingSpec> rings = rings(order, heads, edges, options);
        List<PlannedSegment> segments = segments(order, heads, members, rings, name);

        Map<SegmentKey, Integer> index = new HashMap<>();
        for (PlannedSegment s : segments) {
            index.put(s.key(), s.index());
        }
        List<Crossing> crossings = new ArrayList<>();
        Set<Integer> multicastPublished = new LinkedHashSet<>();
        for (Edge e : edges) {
            int to = index.get(e.to());
            boolean publishes = heads.kind(e.down()) != SegmentKind.BRANCH
                    || multicastPublished.add(rings.get(e.to()).index());
            crossings.add(new Crossing(e.up(), e.down(), index.get(e.from()), to, publishes));
        }
        List<RingSpec> ringList = new ArrayList<>(new LinkedHashSet<>(rings.values()));
        ringList.sort((a, b) -> Integer.compare(a.index(), b.index()));
        return new SegmentPlan(name, nodes, segments, ringList, crossings);
    }

    /** Phase 1: a time-driven node cannot be fused into a synchronous segment unless it is a boundary. */
    static void refuseTimeDriven(List<Stream<?>> nodes) {
        for (Stream<?> n : nodes) {
            if (GraphView.isTimeDriven(n) && !GraphView.isBoundary(n)) {
                throw new IllegalArgumentException("compile: node " + GraphView.describe(n) + " is time-driven"
                        + " (it runs on the scheduler or holds elements across time) and cannot be fused into a"
                        + " synchronous segment; run this graph directly, or put the time-based part in a graph"
                        + " of its own");
            }
        }
    }

    /** Phase 2: the entry nodes, the boundaries and (per branch) the branch heads. */
    static Heads findHeads(Stream<?> source, List<Stream<?>> nodes, Segmentation segmentation) {
        Map<Stream<?>, SegmentKind> kinds = new IdentityHashMap<>();
        Map<Stream<?>, Stream<?>> branchParent = new IdentityHashMap<>();
        kinds.put(source, SegmentKind.ENTRY);
        for (Stream<?> n : nodes) {
            if (n.upstreams().isEmpty()) {
                kinds.put(n, SegmentKind.ENTRY);
            }
        }
        for (Stream<?> n : nodes) {
            if (GraphView.isBoundary(n) && !kinds.containsKey(n)) {
                kinds.put(n, SegmentKind.BOUNDARY);
            }
        }
        if (segmentation == Segmentation.PER_BRANCH) {
            for (Stream<?> n : nodes) {
                List<Stream<?>> branches = new ArrayList<>();
                for (Stream<?> d : n.downstreams()) {
                    if (!kinds.containsKey(d) && distinct(d.upstreams()).equals(List.of(n))) {
                        branches.add(d);
                    }
                }
                if (branches.size() >= 2) {
                    for (Stream<?> d : branches) {
                        kinds.put(d, SegmentKind.BRANCH);
                        branchParent.put(d, n);
                    }
                }
            }
        }
        return new Heads(kinds, branchParent);
    }

    /**
     * Phase 3: assigns every node to the one segment that reaches it, promoting nodes reached from several
     * segments to join heads (and nodes reached from none, behind a loop upstream of everything, to entry
     * nodes) until nothing changes. Adds those heads to {@code heads}.
     *
     * @return each node's segment
     */
    static Map<Stream<?>, SegmentKey> assign(List<Stream<?>> nodes, Heads heads) {
        while (true) {
            Map<Stream<?>, Set<SegmentKey>> reach = reach(nodes, heads);
            boolean changed = false;
            // A join is where two segments meet directly: two upstreams bring different segments. Nodes
            // after it are reached from several segments only through it, and stay in its segment.
            List<Stream<?>> multi = new ArrayList<>();
            for (Stream<?> n : nodes) {
                if (!heads.contains(n) && reach.get(n).size() > 1) {
                    multi.add(n);
                }
            }
            List<Stream<?>> joins = new ArrayList<>();
            for (Stream<?> n : multi) {
                Set<SegmentKey> direct = new LinkedHashSet<>();
                for (Stream<?> u : n.upstreams()) {
                    if (heads.contains(u)) {
                        direct.add(heads.keyOf(u));
                    } else if (reach.get(u).size() == 1) {
                        direct.addAll(reach.get(u));
                    }
                }
                if (direct.size() > 1) {
                    joins.add(n);
                }
            }
            for (Stream<?> n : joins.isEmpty() ? multi : joins) {
                heads.kinds().put(n, SegmentKind.JOIN);
                changed = true;
            }
            for (Stream<?> n : nodes) {
                if (reach.get(n).isEmpty()) {
                    heads.kinds().put(n, SegmentKind.ENTRY); // only reachable from a loop upstream of everything
                    changed = true;
                }
            }
            if (!changed) {
                Map<Stream<?>, SegmentKey> segmentOf = new IdentityHashMap<>();
                for (Stream<?> n : nodes) {
                    segmentOf.put(n, reach.get(n).iterator().next());
                }
                return segmentOf;
            }
        }
    }

    /** The segments that reach each node from their head without crossing another head. */
    private static Map<Stream<?>, Set<SegmentKey>> reach(List<Stream<?>> nodes, Heads heads) {
        Map<Stream<?>, Set<SegmentKey>> reach = new IdentityHashMap<>();
        for (Stream<?> n : nodes) {
            reach.put(n, new LinkedHashSet<>());
        }
        for (Stream<?> h : nodes) {
            if (!heads.contains(h)) {
                continue;
            }
            SegmentKey key = heads.keyOf(h);
            reach.get(h).add(key);
            ArrayDeque<Stream<?>> todo = new ArrayDeque<>(h.downstreams());
            while (!todo.isEmpty()) {
                Stream<?> d = todo.poll();
                if (!heads.contains(d) && reach.get(d).add(key)) {
                    todo.addAll(d.downstreams());
                }
            }
        }
        return reach;
    }

    /** The segment keys, the entry first, then the other heads in node order. */
    private static List<SegmentKey> keysInDiscoveryOrder(List<Stream<?>> nodes, Heads heads) {
        List<SegmentKey> keys = new ArrayList<>();
        keys.add(SegmentKey.ENTRY);
        for (Stream<?> n : nodes) {
            SegmentKind k = heads.kind(n);
            if (k != null && k != SegmentKind.ENTRY) {
                keys.add(new SegmentKey(n));
            }
        }
        return keys;
    }

    /**
     * Phase 4: the edges into a head that cross into another segment. An edge into a boundary or a branch
     * always does (even from its own segment's nodes: that is a loop); one into an entry node or a join only
     * when it comes from another segment.
     */
    private static List<Edge> crossings(List<Stream<?>> nodes, Heads heads, Map<Stream<?>, SegmentKey> segmentOf) {
        List<Edge> out = new ArrayList<>();
        for (Stream<?> u : nodes) {
            for (Stream<?> d : u.downstreams()) {
                SegmentKind k = heads.kind(d);
                if (k == null) {
                    continue;
                }
                SegmentKey from = segmentOf.get(u);
                SegmentKey to = segmentOf.get(d);
                boolean crosses = switch (k) {
                    case BOUNDARY, BRANCH -> true;
                    case ENTRY, JOIN -> !from.equals(to);
                };
                if (crosses) {
                    out.add(new Edge(u, d, from, to));
                }
            }
        }
        return out;
    }

    /**
     * Phase 5: orders the segments topologically (Kahn's algorithm, taking the earliest-discovered ready
     * segment first, so the indices follow the graph's attachment order; the entry segment comes first,
     * every segment descends from it), after refusing a cycle: a feedback loop across segments.
     */
    static List<SegmentKey> order(List<SegmentKey> keys, List<Edge> edges) {
        Map<SegmentKey, Set<SegmentKey>> next = new LinkedHashMap<>();
        for (SegmentKey k : keys) {
            next.put(k, new LinkedHashSet<>());
        }
        for (Edge e : edges) {
            next.get(e.from()).add(e.to());
        }
        refuseCycles(keys, next, edges);
        Map<SegmentKey, Integer> indegree = new HashMap<>();
        for (SegmentKey k : keys) {
            indegree.putIfAbsent(k, 0);
            for (SegmentKey n : next.get(k)) {
                indegree.merge(n, 1, Integer::sum);
            }
        }
        List<SegmentKey> order = new ArrayList<>();
        List<SegmentKey> ready = new ArrayList<>();
        for (SegmentKey k : keys) {
            if (indegree.get(k) == 0) {
                ready.add(k);
            }
        }
        while (!ready.isEmpty()) {
            SegmentKey k = ready.removeFirst();
            order.add(k);
            for (SegmentKey n : next.get(k)) {
                if (indegree.merge(n, -1, Integer::sum) == 0) {
                    ready.add(n);
                }
            }
            ready.sort((x, y) -> Integer.compare(keys.indexOf(x), keys.indexOf(y)));
        }
        return order;
    }

    private static void refuseCycles(List<SegmentKey> keys, Map<SegmentKey, Set<SegmentKey>> next, List<Edge> edges) {
        Map<SegmentKey, Boolean> done = new HashMap<>(); // false: on the current path
        ArrayDeque<SegmentKey> path = new ArrayDeque<>();
        for (SegmentKey k : keys) {
            visit(k, next, done, path, edges);
        }
    }

    private static void visit(SegmentKey k, Map<SegmentKey, Set<SegmentKey>> next, Map<SegmentKey, Boolean> done,
                              ArrayDeque<SegmentKey> path, List<Edge> edges) {
        Boolean d = done.get(k);
        if (d != null) {
            if (!d) {
                throw feedbackLoop(k, path, edges);
            }
            return;
        }
        done.put(k, false);
        path.addLast(k);
        for (SegmentKey n : next.get(k)) {
            visit(n, next, done, path, edges);
        }
        path.removeLast();
        done.put(k, true);
    }

    private static IllegalArgumentException feedbackLoop(SegmentKey start, ArrayDeque<SegmentKey> path,
                                                         List<Edge> edges) {
        List<SegmentKey> loop = new ArrayList<>(path);
        loop = loop.subList(loop.indexOf(start), loop.size());
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < loop.size(); i++) {
            SegmentKey from = loop.get(i);
            SegmentKey to = loop.get((i + 1) % loop.size());
            for (Edge e : edges) {
                if (e.from().equals(from) && e.to().equals(to)) {
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

    /** Each segment's nodes, in node order. */
    private static Map<SegmentKey, List<Stream<?>>> members(List<SegmentKey> order, List<Stream<?>> nodes,
                                                           Map<Stream<?>, SegmentKey> segmentOf) {
        Map<SegmentKey, List<Stream<?>>> members = new LinkedHashMap<>();
        for (SegmentKey k : order) {
            members.put(k, new ArrayList<>());
        }
        for (Stream<?> n : nodes) {
            members.get(segmentOf.get(n)).add(n);
        }
        return members;
    }

    /**
     * Phase 6: the ring each segment reads: the entry ring (multi-producer as the options say), one per
     * boundary or join (at least a {@code buffer(n)}'s {@code n} slots; multi-producer when fed from several
     * segments), one shared by the branches of one node (a multicast).
     */
    static Map<SegmentKey, RingSpec> rings(List<SegmentKey> order, Heads heads, List<Edge> edges,
                                           PipelineOptions options) {
        Map<SegmentKey, Set<SegmentKey>> producers = new HashMap<>();
        for (Edge e : edges) {
            producers.computeIfAbsent(e.to(), k -> new LinkedHashSet<>()).add(e.from());
        }
        Map<SegmentKey, Integer> ringIndex = new LinkedHashMap<>();
        Map<Stream<?>, Integer> branchRing = new IdentityHashMap<>();
        List<int[]> sizeAndMulti = new ArrayList<>();
        List<Integer> readers = new ArrayList<>();
        for (SegmentKey k : order) {
            int multi = producers.getOrDefault(k, Set.of()).size() > 1 ? 1 : 0;
            Integer ring = null;
            int size = options.ringSize();
            if (k.isEntry()) {
                multi = options.producerKind() == ProducerKind.MULTI ? 1 : 0;
            } else if (heads.kind(k.head()) == SegmentKind.BRANCH) {
                ring = branchRing.get(heads.branchParent().get(k.head()));
            } else {
                size = ringSize(options.ringSize(), GraphView.ringCapacityHint(k.head()));
            }
            if (ring == null) {
                ring = sizeAndMulti.size();
                sizeAndMulti.add(new int[] {size, multi});
                readers.add(0);
                if (!k.isEntry() && heads.kind(k.head()) == SegmentKind.BRANCH) {
                    branchRing.put(heads.branchParent().get(k.head()), ring);
                }
            }
            readers.set(ring, readers.get(ring) + 1);
            ringIndex.put(k, ring);
        }
        Map<SegmentKey, RingSpec> out = new LinkedHashMap<>();
        List<RingSpec> specs = new ArrayList<>();
        for (int i = 0; i < sizeAndMulti.size(); i++) {
            specs.add(new RingSpec(i, RingKind.OBJECT, sizeAndMulti.get(i)[0], sizeAndMulti.get(i)[1] == 1,
                    readers.get(i)));
        }
        for (Map.Entry<SegmentKey, Integer> e : ringIndex.entrySet()) {
            out.put(e.getKey(), specs.get(e.getValue()));
        }
        return out;
    }

    /** A ring size: the options' size, raised to the next power of two of a boundary's hint. */
    static int ringSize(int configured, int hint) {
        if (hint <= configured) {
            return configured;
        }
        return hint >= PipelineOptions.MAX_RING_SIZE ? PipelineOptions.MAX_RING_SIZE
                : Integer.highestOneBit(hint - 1) << 1;
    }

    /** Phase 7: the segments, with their names and thread names. */
    private static List<PlannedSegment> segments(List<SegmentKey> order, Heads heads,
                                                 Map<SegmentKey, List<Stream<?>>> members,
                                                 Map<SegmentKey, RingSpec> rings, String pipelineName) {
        List<PlannedSegment> out = new ArrayList<>();
        for (SegmentKey k : order) {
            int index = out.size();
            List<Stream<?>> segHeads = new ArrayList<>();
            for (Stream<?> n : members.get(k)) {
                if (heads.contains(n)) {
                    segHeads.add(n);
                }
            }
            SegmentKind kind = k.isEntry() ? SegmentKind.ENTRY : heads.kind(k.head());
            String name = k.isEntry() ? String.join("+", SegmentPlan.names(segHeads)) : k.head().name();
            String asked = kind == SegmentKind.BOUNDARY ? GraphView.boundaryThreadName(k.head()) : null;
            String threadName = asked != null ? asked : "streamz-" + pipelineName + "-" + index + "-" + name;
            out.add(new PlannedSegment(index, k, kind, name, threadName, segHeads, members.get(k),
                    rings.get(k).index()));
        }
        return out;
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
}
