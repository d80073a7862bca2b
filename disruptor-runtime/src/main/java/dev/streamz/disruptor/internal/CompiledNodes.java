package dev.streamz.disruptor.internal;

import dev.streamz.Stream;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/** The nodes of every open pipeline: a node runs on one pipeline's threads at a time. */
final class CompiledNodes {
    private static final Set<Stream<?>> OPEN = Collections.newSetFromMap(new IdentityHashMap<>());

    private CompiledNodes() {
    }

    /** Claims {@code nodes} for a new pipeline, or refuses, naming a node already claimed. */
    static void claim(List<Stream<?>> nodes) {
        synchronized (OPEN) {
            for (Stream<?> n : nodes) {
                if (OPEN.contains(n)) {
                    throw new IllegalArgumentException("compile: node " + GraphView.describe(n) + " is already"
                            + " part of an open compiled pipeline; close that pipeline first");
                }
            }
            OPEN.addAll(nodes);
        }
    }

    static void release(List<Stream<?>> nodes) {
        synchronized (OPEN) {
            for (Stream<?> n : nodes) {
                OPEN.remove(n);
            }
        }
    }
}
