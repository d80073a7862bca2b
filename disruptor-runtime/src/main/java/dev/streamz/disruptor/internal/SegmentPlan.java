package dev.streamz.disruptor.internal;

import dev.streamz.Stream;

import java.util.ArrayList;
import java.util.List;

/**
 * What a compiled pipeline will be, as pure data, before any ring or thread exists: its segments in
 * topological order, the rings they read, and the graph edges that cross from one segment into another
 * (each becomes a relay). {@link Planner} makes it; {@link PipelineBuilder} turns it into a running
 * pipeline. A new kind of segment or ring (frame rings, accelerator segments) is a new
 * {@link SegmentKind} or {@link RingKind} here, planned by a phase of the planner and built by the builder.
 *
 * @param name the pipeline's name
 * @param nodes every node of the graph, in discovery order
 * @param segments the segments, in topological order (index 0 is the entry segment)
 * @param rings the rings, in order of their first reader
 * @param crossings the edges that cross into another segment, in graph order
 */
record SegmentPlan(String name, List<Stream<?>> nodes, List<PlannedSegment> segments, List<RingSpec> rings,
                   List<Crossing> crossings) {

    SegmentPlan {
        nodes = List.copyOf(nodes);
        segments = List.copyOf(segments);
        rings = List.copyOf(rings);
        crossings = List.copyOf(crossings);
    }

    /** Why a segment starts where it does; decides how its handler feeds an element to its head. */
    enum SegmentKind {
        /** The entry segment: the source and every other node without upstreams; fed by emit. */
        ENTRY,
        /** After an {@code async()} / {@code buffer(n)} boundary. */
        BOUNDARY,
        /** A join fed from several segments, on a multi-producer ring of its own. */
        JOIN,
        /** One branch of a node whose branches run in parallel ({@code Segmentation.PER_BRANCH}). */
        BRANCH;

        /**
         * @return true: the slot's node passes the element to its downstreams (it was emitted into, or is a
         *     pass-through boundary); false: the element is given to the head's {@code update}
         */
        boolean passesThrough() {
            return this == ENTRY || this == BOUNDARY;
        }
    }

    /** What a ring's slots carry. */
    enum RingKind {
        /** One reference to an element (and its metadata) per slot. */
        OBJECT
    }

    /**
     * Identifies a segment while planning: the entry segment, or the head node that starts it.
     *
     * @param head the head node; null for the entry segment
     */
    record SegmentKey(Stream<?> head) {
        /** The entry segment's key. */
        static final SegmentKey ENTRY = new SegmentKey(null);

        boolean isEntry() {
            return head == null;
        }

        @Override
        public String toString() {
            return isEntry() ? "entry" : "'" + head.name() + "'";
        }
    }

    /**
     * One planned segment.
     *
     * @param index its position in topological order
     * @param key its key
     * @param kind why it starts where it does
     * @param name its name (its head, or the entry nodes joined by '+')
     * @param threadName the name of its thread (an {@code async(threadName)} boundary's, or a generated one)
     * @param heads the nodes whose elements arrive through its ring
     * @param nodes every node it runs, in discovery order
     * @param ring the index of the ring it reads
     */
    record PlannedSegment(int index, SegmentKey key, SegmentKind kind, String name, String threadName,
                          List<Stream<?>> heads, List<Stream<?>> nodes, int ring) {
        PlannedSegment {
            heads = List.copyOf(heads);
            nodes = List.copyOf(nodes);
        }

        /** @return the head every slot goes to on a branch ring, else null (each slot names its node) */
        Stream<?> fixedHead() {
            return kind == SegmentKind.BRANCH ? key.head() : null;
        }

        /** @return the node names, for introspection */
        List<String> nodeNames() {
            return names(nodes);
        }

        /** @return the head names, for introspection */
        List<String> headNames() {
            return names(heads);
        }
    }

    /**
     * One ring.
     *
     * @param index its index
     * @param kind what its slots carry
     * @param size its capacity, a power of two
     * @param multiProducer whether more than one thread publishes into it
     * @param readers how many segments read every slot (more than one: a branch multicast)
     */
    record RingSpec(int index, RingKind kind, int size, boolean multiProducer, int readers) {
    }

    /**
     * A graph edge into the head of another segment: while compiled, a relay in {@code up}'s downstream
     * array publishes what {@code up} emits into the ring of segment {@code to}.
     *
     * @param up the upstream node
     * @param down the head it feeds
     * @param from the index of {@code up}'s segment
     * @param to the index of {@code down}'s segment
     * @param publishes false for the second and later edges into one multicast ring: the first one's
     *     relay already published the element for every reader
     */
    record Crossing(Stream<?> up, Stream<?> down, int from, int to, boolean publishes) {
    }

    /** @return the entry segment */
    PlannedSegment entry() {
        return segments.getFirst();
    }

    static List<String> names(List<Stream<?>> nodes) {
        List<String> out = new ArrayList<>(nodes.size());
        for (Stream<?> n : nodes) {
            out.add(n.name());
        }
        return out;
    }
}
