package dev.streamz.internal.runtime;

import dev.streamz.Stream;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The walks over a stream graph that core (scheduler spreading, graph descriptions) and the compiled
 * runtime (segmenting) share. Nodes are compared by identity; every walk is iterative (a graph may be
 * deeper than the call stack) and visits each node once, so feedback loops end. All walks run at build
 * or compile time, never per element. Exported only to {@code dev.streamz.disruptor}.
 */
public final class GraphWalk {
    private GraphWalk() {
    }

    /**
     * Every node connected to {@code start}, upstream or downstream, transitively: breadth-first from
     * {@code start} (first), each node's upstreams before its downstreams. This order numbers the nodes
     * of a {@code GraphDescription}.
     *
     * @param start any node of the graph
     * @return the graph's nodes, each once
     */
    public static List<Stream<?>> connected(Stream<?> start) {
        return walk(start, true);
    }

    /**
     * {@link #connected(Stream)} with each node's downstreams visited before its upstreams: the order in
     * which the compiled runtime discovers (and numbers) its segments.
     *
     * @param start any node of the graph
     * @return the graph's nodes, each once
     */
    public static List<Stream<?>> connectedDownstreamsFirst(Stream<?> start) {
        return walk(start, false);
    }

    /**
     * The nodes reachable downstream of {@code from}, breadth-first, without entering a node for which
     * {@code stop} holds (such a node is neither listed nor walked through). {@code from} itself is listed
     * only if a feedback loop leads back to it.
     *
     * @param from where the walk starts
     * @param stop the nodes that end the walk, e.g. segment heads
     * @return the nodes reached, each once
     */
    public static List<Stream<?>> downstreamOf(Stream<?> from, Predicate<? super Stream<?>> stop) {
        Set<Stream<?>> seen = identitySet();
        List<Stream<?>> out = new ArrayList<>();
        ArrayDeque<Stream<?>> todo = new ArrayDeque<>(from.downstreams());
        while (!todo.isEmpty()) {
            Stream<?> n = todo.poll();
            if (stop.test(n) || !seen.add(n)) {
                continue;
            }
            out.add(n);
            todo.addAll(n.downstreams());
        }
        return out;
    }

    /**
     * The sources of {@code nodes}: those with no upstream, in the order given.
     *
     * @param nodes a graph, e.g. from {@link #connected(Stream)}
     * @return the nodes without upstreams
     */
    public static List<Stream<?>> sources(List<Stream<?>> nodes) {
        List<Stream<?>> out = new ArrayList<>();
        for (Stream<?> n : nodes) {
            if (n.upstreams().isEmpty()) {
                out.add(n);
            }
        }
        return out;
    }

    /**
     * {@code nodes} without repeats, in first-seen order: a node's upstream list repeats a node that
     * feeds it twice, as in {@code zip(s, s)}.
     *
     * @param nodes a list that may repeat nodes
     * @return each node once
     */
    public static List<Stream<?>> distinct(List<? extends Stream<?>> nodes) {
        List<Stream<?>> out = new ArrayList<>(nodes.size());
        for (Stream<?> s : nodes) {
            if (!containsIdentical(out, s)) {
                out.add(s);
            }
        }
        return out;
    }

    private static List<Stream<?>> walk(Stream<?> start, boolean upstreamsFirst) {
        Set<Stream<?>> seen = identitySet();
        List<Stream<?>> out = new ArrayList<>();
        ArrayDeque<Stream<?>> todo = new ArrayDeque<>();
        todo.add(start);
        seen.add(start);
        while (!todo.isEmpty()) {
            Stream<?> n = todo.poll();
            out.add(n);
            List<Stream<?>> first = upstreamsFirst ? n.upstreams() : n.downstreams();
            List<Stream<?>> second = upstreamsFirst ? n.downstreams() : n.upstreams();
            for (Stream<?> m : first) {
                if (seen.add(m)) {
                    todo.add(m);
                }
            }
            for (Stream<?> m : second) {
                if (seen.add(m)) {
                    todo.add(m);
                }
            }
        }
        return out;
    }

    private static boolean containsIdentical(List<Stream<?>> list, Stream<?> s) {
        for (Stream<?> x : list) {
            if (x == s) {
                return true;
            }
        }
        return false;
    }

    private static Set<Stream<?>> identitySet() {
        return Collections.newSetFromMap(new IdentityHashMap<>());
    }
}
