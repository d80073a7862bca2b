package dev.streamz.disruptor.internal;

import dev.streamz.Stream;
import dev.streamz.internal.runtime.GraphAccess;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything the compiler reads from a {@code Stream} graph, in one place: the walk that finds the nodes
 * to compile and the per-node facts the planner needs. Nothing else in this package walks the graph, so
 * moving to a graph walk shared with core is a change to this file alone.
 */
final class GraphView {
    private GraphView() {
    }

    /** @return every node connected to {@code source}, upstream or downstream, in breadth-first order */
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

    /** @return whether the graph is cut at {@code node} ({@code async()}, {@code buffer(n)}) */
    static boolean isBoundary(Stream<?> node) {
        return GraphAccess.isSegmentBoundary(node);
    }

    /** @return whether {@code node} runs on a scheduler or holds elements across time */
    static boolean isTimeDriven(Stream<?> node) {
        return GraphAccess.isTimeDriven(node);
    }

    /** @return the smallest ring the boundary {@code node} asks for, 0 for none */
    static int ringCapacityHint(Stream<?> node) {
        return GraphAccess.ringCapacityHint(node);
    }

    /** @return the thread name an {@code async(threadName)} boundary asks for, or null */
    static String boundaryThreadName(Stream<?> node) {
        // async(threadName) records its argument as the "thread" parameter; core has no typed accessor yet.
        Map<String, Object> p = node.parameters();
        return isBoundary(node) && p.get("thread") instanceof String t ? t : null;
    }

    /** @return a node as error messages name it */
    static String describe(Stream<?> n) {
        return "'" + n.name() + "' (" + n.operator() + ", built at " + n.buildSite() + ")";
    }
}
