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
    BatchEventProcessor<RingEvent<Object>> processor;
    Thread thread;

    Segment(Lifecycle lifecycle, SegmentPlan.PlannedSegment plan, Ring ring) {
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
    }

    /** Builds the processor on the ring and gates the ring's producers on it. */
    void attach() {
        processor = new BatchEventProcessorBuilder().build(ring.buffer, ring.buffer.newBarrier(), this);
        processor.setExceptionHandler(new LastResort());
        ring.buffer.addGatingSequences(processor.getSequence());
    }

    @Override
    public void onEvent(RingEvent<Object> e, long sequence, boolean endOfBatch) {
        Object x = e.payload;
        List<Map<String, Object>> md = e.metadata;
        Stream<?> target = multicast ? fixedHead : e.entry;
        Stream<?> from = e.from;
        // Locals hold what we need: clear the slot now, so it never retains the element (on a multicast
        // ring, the last reader clears).
        if (!multicast || e.lastReader()) {
            e.clear();
        }
        if (!lifecycle.runsNodes()) {
            return; // halted: run nothing, keep the refs (the checkpoint is not acknowledged)
        }
        try {
            if (passThrough) {
                // The slot's hold covers the cascade (as emit's own hold does directly), so a failure
                // leaves no hold of ours behind and the refs are released below.
                hooks.dispatch(target, x, md);
            } else {
                target.update(x, md, from);
            }
        } catch (Throwable t) {
            lifecycle.failed(this, target, t);
        }
        if (!md.isEmpty() && lifecycle.runsNodes()) {
            // The hold taken when the element was published into this ring; also after a failure (the
            // element is skipped, as ErrorPolicy.REPORT_AND_SKIP says).
            GraphAccess.release(md);
        }
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
    public String toString() {
        return "segment " + index + " '" + name + "' (thread " + threadName + ", ring " + ring.size + ")";
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
