package dev.streamz.disruptor.internal;

import dev.streamz.Stream;
import dev.streamz.StreamException;

import java.util.List;

/**
 * Names the node behind a failure in a segment. A node wraps what its user function throws in a
 * {@link StreamException} naming itself; a {@code Throwable} that escaped unwrapped (an {@code Error} such
 * as a {@code StackOverflowError}) is wrapped here: the node is the innermost member of the segment whose
 * {@code update} frame is on the failure's stack, or, when the stack was cut short (a stack overflow keeps
 * only its top frames), the segment's first node after its heads. Never the boundary the element came in by.
 */
final class NodeFailures {
    private NodeFailures() {
    }

    static StreamException wrap(Throwable t, Stream<?> target, List<Stream<?>> members) {
        if (t instanceof StreamException se) {
            return se;
        }
        Stream<?> node = fromStack(t, target, members);
        if (node == null) {
            node = firstAfter(target, members);
        }
        String what = GraphView.javaName(node.operator()) + " threw " + t.getClass().getSimpleName();
        return new StreamException(node, what, t);
    }

    private static Stream<?> fromStack(Throwable t, Stream<?> target, List<Stream<?>> members) {
        for (StackTraceElement f : t.getStackTrace()) {
            if (!f.getMethodName().equals("update")) {
                continue;
            }
            for (Stream<?> m : members) {
                if (m != target && !GraphView.isBoundary(m) && m.getClass().getName().equals(f.getClassName())) {
                    return m;
                }
            }
        }
        return null;
    }

    /** The first member downstream of the entry node (in the segment's discovery order), else the entry. */
    private static Stream<?> firstAfter(Stream<?> target, List<Stream<?>> members) {
        for (Stream<?> d : target.downstreams()) {
            if (members.contains(d) && !GraphView.isBoundary(d)) {
                return d;
            }
        }
        for (Stream<?> m : members) {
            if (m != target && !GraphView.isBoundary(m) && !m.upstreams().isEmpty()) {
                return m;
            }
        }
        return target;
    }
}
