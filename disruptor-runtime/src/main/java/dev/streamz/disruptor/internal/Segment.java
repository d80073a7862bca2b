package dev.streamz.disruptor.internal;

import com.lmax.disruptor.BatchEventProcessor;
import com.lmax.disruptor.BatchEventProcessorBuilder;
import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.ExceptionHandler;
import dev.streamz.Stream;
import dev.streamz.disruptor.SegmentInfo;
import dev.streamz.internal.runtime.GraphAccess;

import java.util.List;
import java.util.Map;

/**
 * One segment: the event handler that runs a fused synchronous sub-graph for every slot of its ring, on
 * its own thread. It calls the nodes exactly as direct execution does, so a segment is as fast as the
 * direct engine plus one ring hop.
 */
final class Segment implements EventHandler<RingEvent<Object>>, SegmentInfo {
    private final Lifecycle lifecycle;
    private final int index;
    private final String name;
    private final String threadName;
    private final List<String> heads;
    private final List<String> nodes;
    final Ring ring;
    /** The head of a multicast reader; null when each slot names its entry node. */
    private final Stream<?> fixedHead;
    /** true: run the entry's downstream cascade (an emitted-into node, a boundary); false: call its update. */
    private final boolean passThrough;
    private final boolean multicast;
    private final GraphAccess.Hooks hooks = GraphAccess.hooks();
    /** The segment's own scheduler when a reader of its ring runs timers, else null. */
    final SegmentClock clock;
    /** Whether it runs time-driven nodes: each element then waits for their acceptance, and timers run. */
    private final boolean timed;
    private final List<Stream<?>> timeDriven;
    private final List<Stream<?>> members;
    /** Ring latency, publish to processed, when the options ask for it; else null. */
    private final LatencyHistogram latency;
    BatchEventProcessor<RingEvent<Object>> processor;
    Thread thread;

    Segment(Lifecycle lifecycle, SegmentPlan.PlannedSegment plan, Ring ring, SegmentClock clock,
            boolean latencyHistogram) {
        this.lifecycle = lifecycle;
        this.index = plan.index();
        this.name = plan.name();
        this.threadName = plan.threadName();
        this.heads = plan.headNames();
        this.nodes = plan.nodeNames();
        this.ring = ring;
        this.fixedHead = plan.fixedHead();
        this.passThrough = plan.kind().passesThrough();
        this.multicast = fixedHead != null;
        this.clock = clock;
        this.timed = plan.timed();
        this.timeDriven = plan.timeDriven();
        this.members = plan.nodes();
        this.latency = latencyHistogram ? new LatencyHistogram() : null;
        if (clock != null) {
            clock.segment = this;
        }
    }

    boolean timed() {
        return timed;
    }

    List<Stream<?>> timeDriven() {
        return timeDriven;
    }

    /** @return the first time-driven node, named by a failure of a scheduled task that names none */
    Stream<?> firstTimeDriven() {
        return timeDriven.isEmpty() ? members.getFirst() : timeDriven.getFirst();
    }

    @Override
    public void onStart() {
        if (clock != null) {
            clock.bind();
        }
    }

    @Override
    public void onShutdown() {
        if (clock != null) {
            clock.unbind();
        }
    }

    /** The ring was idle and the clock has work (a due timer, a task from another thread): run it. */
    @Override
    public void onTimeout(long sequence) {
        if (clock != null) {
            clock.runDue();
        }
    }

    /** Builds the processor on the ring and gates the ring's producers on it. */
    void attach() {
        processor = new BatchEventProcessorBuilder().build(ring.buffer, ring.buffer.newBarrier(), this);
        processor.setExceptionHandler(new LastResort());
        // A producer that publishes into this ring stamps the slot when this segment keeps a histogram.
        ring.stamp |= latency != null;
        ring.buffer.addGatingSequences(processor.getSequence());
    }

    @Override
    public void onEvent(RingEvent<Object> e, long sequence, boolean endOfBatch) {
        Object x = e.payload;
        List<Map<String, Object>> md = e.metadata;
        Stream<?> target = multicast ? fixedHead : e.entry;
        Stream<?> from = e.from;
        long stamped = e.stampedAt;
        // Locals hold what we need: clear the slot now, so it never retains the element (on a multicast
        // ring, the last reader clears).
        if (!multicast || e.lastReader()) {
            e.clear();
        }
        if (!lifecycle.runsNodes()) {
            return; // halted: run nothing, keep the refs (the checkpoint is not acknowledged)
        }
        if (timed) {
            onTimedEvent(x, md, target, from, endOfBatch);
        } else {
            try {
                if (passThrough) {
                    // The slot's hold covers the cascade (as emit's own hold does directly), so a failure
                    // leaves no hold of ours behind and the refs are released below.
                    hooks.dispatch(target, x, md);
                } else {
                    target.update(x, md, from);
                }
            } catch (Throwable t) {
                failed(target, t);
            }
            if (!md.isEmpty() && lifecycle.runsNodes()) {
                // The hold taken when the element was published into this ring; also after a failure (the
                // element is skipped, as ErrorPolicy.REPORT_AND_SKIP says).
                GraphAccess.release(md);
            }
        }
        if (latency != null) {
            latency.record(System.nanoTime() - stamped);
        }
    }

    /**
     * An element in a segment with time-driven nodes: the nodes may hold its emitter (a rate limit's turn,
     * an asynchronous map's free slot); the segment then runs its clock until they accept, taking no
     * further element meanwhile, which is the back pressure. After a batch it runs the due timers.
     */
    private void onTimedEvent(Object x, List<Map<String, Object>> md, Stream<?> target, Stream<?> from,
                              boolean endOfBatch) {
        int mark = GraphAccess.beginHolds();
        java.util.concurrent.CompletableFuture<Void> accepted = null;
        try {
            if (passThrough) {
                // The slot's hold covers the cascade (as emit's own hold does directly), so a failure
                // leaves no hold of ours behind and the refs are released below.
                hooks.dispatch(target, x, md);
            } else {
                target.update(x, md, from);
            }
            accepted = GraphAccess.endHolds(mark);
        } catch (Throwable t) {
            GraphAccess.abandonHolds(mark);
            failed(target, t);
        }
        if (accepted != null && !accepted.isDone()) {
            clock.runUntil(accepted);
        }
        if (!md.isEmpty() && lifecycle.runsNodes()) {
            GraphAccess.release(md);
        }
        if (endOfBatch) {
            clock.runDue();
        } else {
            clock.publishHeld();
        }
    }

    /**
     * A node failed: report a {@link dev.streamz.StreamException} naming the node that threw. Nodes wrap
     * what their user functions throw; anything else that escaped (an {@code Error} thrown past a node) is
     * wrapped here, naming the node it escaped from as precisely as the stack allows, never the boundary.
     */
    private void failed(Stream<?> target, Throwable t) {
        lifecycle.failed(this, target, NodeFailures.wrap(t, target, members));
    }

    @Override
    public int index() {
        return index;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String threadName() {
        return threadName;
    }

    @Override
    public List<String> heads() {
        return heads;
    }

    @Override
    public List<String> nodes() {
        return nodes;
    }

    @Override
    public int ringSize() {
        return ring.size;
    }

    @Override
    public boolean multicast() {
        return multicast;
    }

    @Override
    public long published() {
        return ring.published();
    }

    @Override
    public long processed() {
        return processor.getSequence().get() + 1;
    }

    @Override
    public long backlog() {
        return Math.max(0, published() - processed());
    }

    @Override
    public java.util.Optional<dev.streamz.disruptor.LatencyPercentiles> latency() {
        return latency == null ? java.util.Optional.empty() : java.util.Optional.of(latency.snapshot());
    }

    /** @return how many elements its time-driven nodes hold (0 without a clock) */
    int held() {
        return clock == null ? 0 : clock.held();
    }

    @Override
    public String toString() {
        return "segment " + index + " '" + name + "' (thread " + threadName + ", ring " + ring.size
                + (clock != null ? ", " + clock : "") + ")";
    }

    /** onEvent catches everything; should something still escape, report it and keep the thread alive. */
    private final class LastResort implements ExceptionHandler<RingEvent<Object>> {
        @Override
        public void handleEventException(Throwable ex, long sequence, RingEvent<Object> event) {
            lifecycle.failed(Segment.this, null, ex);
        }

        @Override
        public void handleOnStartException(Throwable ex) {
            lifecycle.failed(Segment.this, null, ex);
        }

        @Override
        public void handleOnShutdownException(Throwable ex) {
            lifecycle.failed(Segment.this, null, ex);
        }
    }
}
