package dev.streamz.disruptor.internal;

import dev.streamz.Stream;
import dev.streamz.disruptor.PipelineOptions;
import dev.streamz.disruptor.WaitStrategyKind;
import dev.streamz.disruptor.internal.SegmentPlan.Crossing;
import dev.streamz.disruptor.internal.SegmentPlan.PlannedSegment;
import dev.streamz.disruptor.internal.SegmentPlan.RingSpec;
import dev.streamz.internal.runtime.GraphAccess;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns a {@link SegmentPlan} into a running pipeline: a ring per {@link RingSpec}, a handler per
 * {@link PlannedSegment}, a relay per {@link Crossing} (swapped into the graph, undone on close or when a
 * later swap fails), then starts the threads.
 */
final class PipelineBuilder {
    private PipelineBuilder() {
    }

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

    static <T> PipelineImpl<T> build(SegmentPlan plan, Stream<T> source, PipelineOptions options) {
        Lifecycle lifecycle = new Lifecycle(plan.name(), options);
        boolean spin = spinWhenFull(options.waitStrategy(), plan.segments().size(),
                Runtime.getRuntime().availableProcessors());
        List<Ring> rings = new ArrayList<>();
        for (RingSpec r : plan.rings()) {
            rings.add(ring(r, options, spin));
        }
        List<Segment> segments = new ArrayList<>();
        for (PlannedSegment s : plan.segments()) {
            Segment segment = new Segment(lifecycle, s, rings.get(s.ring()));
            segment.attach();
            segments.add(segment);
        }
        List<Swap> swaps = relays(plan, rings);
        PipelineImpl<T> p = new PipelineImpl<>(plan, options, lifecycle, segments, rings.get(plan.entry().ring()),
                swaps, source);
        p.start();
        return p;
    }

    private static Ring ring(RingSpec spec, PipelineOptions options, boolean spinWhenFull) {
        return switch (spec.kind()) {
            case OBJECT -> new Ring(spec.size(), spec.multiProducer(), spec.readers(), options.waitStrategy(),
                    spinWhenFull);
        };
    }

    /**
     * Whether a producer that finds a ring full spins and yields before it parks ({@link Ring#claim()}).
     * With {@code BUSY_SPIN} and {@code YIELDING} always: the user chose threads that may burn a core.
     * With {@code BLOCKING} only when every segment thread and one producer have a core each: then the
     * consumer is running while the producer waits, and a slot frees up within microseconds. On fewer
     * cores the spinning producer would take the core from the very segment it waits for (a 3-stage
     * pipeline on 2 cores measured 7.0 elements/µs parking and 3.8 spinning). {@code SLEEPING} never.
     */
    static boolean spinWhenFull(WaitStrategyKind wait, int segments, int cores) {
        return switch (wait) {
            case BUSY_SPIN, YIELDING -> true;
            case BLOCKING -> segments + 1 <= cores;
            case SLEEPING -> false;
        };
    }

    /** Swaps a relay in for every crossing; a failed swap undoes the earlier ones. */
    private static List<Swap> relays(SegmentPlan plan, List<Ring> rings) {
        List<Swap> swaps = new ArrayList<>();
        for (Crossing c : plan.crossings()) {
            PlannedSegment to = plan.segments().get(c.to());
            Ring ring = rings.get(to.ring());
            Stream<?> relay;
            if (!c.publishes()) {
                relay = new Relay.Silent();
            } else {
                relay = new Relay(ring, to.fixedHead() != null ? null : c.down());
            }
            Swap swap = new Swap(c.up(), c.down(), relay);
            try {
                swap.apply();
            } catch (RuntimeException failure) {
                undo(swaps); // a failed compile leaves the graph as it found it
                throw failure;
            }
            swaps.add(swap);
        }
        return swaps;
    }

    static void undo(List<Swap> swaps) {
        for (int i = swaps.size() - 1; i >= 0; i--) {
            swaps.get(i).undo();
        }
    }
}
