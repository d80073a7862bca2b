package dev.streamz.disruptor.internal;

import dev.streamz.Stream;
import dev.streamz.internal.runtime.GraphAccess;
import dev.streamz.internal.runtime.GraphWalk;

import java.util.List;

/**
 * Everything the compiler reads from a {@code Stream} graph, in one place: the walk that finds the nodes
 * to compile and the per-node facts the planner needs. Nothing else in this package walks the graph; the walk
 * itself is core's {@link GraphWalk}, shared with the engine.
 */
final class GraphView {
    private GraphView() {
    }

    /** @return every node connected to {@code source}, upstream or downstream, in breadth-first order */
    static List<Stream<?>> component(Stream<?> source) {
        return GraphWalk.connectedDownstreamsFirst(source);
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
        return GraphAccess.boundaryThreadName(node);
    }

    /** @return a node as error messages name it */
    static String describe(Stream<?> n) {
        return "'" + n.name() + "' (" + n.operator() + ", built at " + n.buildSite() + ")";
    }
}
