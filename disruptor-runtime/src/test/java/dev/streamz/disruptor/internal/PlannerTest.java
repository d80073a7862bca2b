package dev.streamz.disruptor.internal;

import dev.streamz.Stream;
import dev.streamz.disruptor.PipelineOptions;
import dev.streamz.disruptor.ProducerKind;
import dev.streamz.disruptor.Segmentation;
import dev.streamz.disruptor.WaitStrategyKind;
import dev.streamz.disruptor.internal.SegmentPlan.Crossing;
import dev.streamz.disruptor.internal.SegmentPlan.PlannedSegment;
import dev.streamz.disruptor.internal.SegmentPlan.RingKind;
import dev.streamz.disruptor.internal.SegmentPlan.RingSpec;
import dev.streamz.disruptor.internal.SegmentPlan.SegmentKind;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The planner as a pure function: graphs in, plans (segments, rings, crossings, order) out; no threads. */
class PlannerTest {
    private static final PipelineOptions DEFAULTS = PipelineOptions.builder().ringSize(64).build();

    private static SegmentPlan plan(Stream<?> source, PipelineOptions options) {
        return Planner.plan(source, GraphView.component(source), options, "p");
    }

    private static List<SegmentKind> kinds(SegmentPlan plan) {
        return plan.segments().stream().map(PlannedSegment::kind).toList();
    }

    @Test
    void aChainWithoutBoundariesIsOneEntrySegment() {
        Stream<Integer> s = Stream.create("src");
        Stream<Integer> m = s.map(x -> x + 1);
        Stream<Integer> f = m.filter(x -> x > 0);
        int threadsBefore = Thread.activeCount();

        SegmentPlan plan = plan(s, DEFAULTS);

        assertEquals(List.of(SegmentKind.ENTRY), kinds(plan));
        PlannedSegment entry = plan.entry();
        assertEquals(List.of(s), entry.heads());
        assertEquals(List.of(s, m, f), entry.nodes());
        assertEquals("src", entry.name());
        assertEquals("streamz-p-0-src", entry.threadName());
        assertEquals(List.of(new RingSpec(0, RingKind.OBJECT, 64, true, 1)), plan.rings());
        assertEquals(List.of(), plan.crossings());
        assertEquals(threadsBefore, Thread.activeCount(), "planning starts no thread");
        assertEquals(List.of(m), s.downstreams(), "planning changes no edge");
    }

    @Test
    void asyncStartsABoundarySegmentThatExposesItsThreadName() {
        Stream<Integer> s = Stream.create("src");
        Stream<Integer> a = s.map(x -> x).async("worker");
        Stream<Integer> b = a.map(x -> x).async();
        b.sink(x -> { });

        SegmentPlan plan = plan(s, PipelineOptions.builder().ringSize(32).producerKind(ProducerKind.SINGLE).build());

        assertEquals(List.of(SegmentKind.ENTRY, SegmentKind.BOUNDARY, SegmentKind.BOUNDARY), kinds(plan));
        assertEquals("worker", plan.segments().get(1).threadName(), "async(threadName) names the thread");
        assertEquals("streamz-p-2-async", plan.segments().get(2).threadName());
        assertEquals(List.of(a), plan.segments().get(1).heads());
        assertSame(a, plan.segments().get(1).key().head());
        assertFalse(plan.rings().get(0).multiProducer(), "SINGLE: the entry ring has one producer");
        assertFalse(plan.rings().get(1).multiProducer(), "one relay feeds a boundary ring");
        assertEquals(3, plan.rings().size());
        assertEquals(List.of(new Crossing(a.upstreams().get(0), a, 0, 1, true),
                new Crossing(b.upstreams().get(0), b, 1, 2, true)), plan.crossings());
        for (PlannedSegment seg : plan.segments()) {
            assertEquals(seg.index(), seg.ring(), "one ring per segment");
            assertTrue(seg.kind().passesThrough() || seg.kind() == SegmentKind.JOIN);
        }
    }

    @Test
    void aJoinFedFromTwoSegmentsGetsAMultiProducerRingAfterBothInputs() {
        Stream<Integer> s = Stream.create("src");
        Stream<Integer> left = s.async("left").map(x -> x + 1);
        Stream<Integer> right = s.async("right").map(x -> x * 2);
        Stream<Integer> union = left.union(right);
        union.sink(x -> { });

        SegmentPlan plan = plan(s, DEFAULTS);

        assertEquals(List.of(SegmentKind.ENTRY, SegmentKind.BOUNDARY, SegmentKind.BOUNDARY, SegmentKind.JOIN),
                kinds(plan));
        PlannedSegment join = plan.segments().get(3);
        assertSame(union, join.key().head());
        assertEquals("streamz-p-3-union", join.threadName());
        assertTrue(plan.rings().get(join.ring()).multiProducer());
        assertEquals(List.of(1, 2), plan.crossings().stream().filter(c -> c.to() == 3).map(Crossing::from).toList());
        for (Crossing c : plan.crossings()) {
            assertTrue(c.from() < c.to(), "topological order: " + c);
        }
    }

    @Test
    void everyNodeWithoutUpstreamsIsInTheEntrySegment() {
        Stream<Integer> a = Stream.create("a");
        Stream<Integer> b = Stream.create("b");
        Stream<List<Object>> zip = a.zip(b);
        zip.async().sink(x -> { });

        SegmentPlan plan = plan(a, DEFAULTS);

        assertEquals(List.of(SegmentKind.ENTRY, SegmentKind.BOUNDARY), kinds(plan));
        assertEquals(List.of(a, b), plan.entry().heads());
        assertTrue(plan.entry().nodes().contains(zip));
        assertEquals("a+b", plan.entry().name());
    }

    @Test
    void perBranchSharesOneMulticastRingAndPublishesOnce() {
        Stream<Integer> s = Stream.create("src");
        Stream<Integer> x = s.map(v -> v + 1);
        Stream<Integer> y = s.map(v -> v * 2);
        x.sink(v -> { });
        y.sink(v -> { });

        SegmentPlan plan = plan(s, PipelineOptions.builder().ringSize(64).segmentation(Segmentation.PER_BRANCH).build());

        assertEquals(List.of(SegmentKind.ENTRY, SegmentKind.BRANCH, SegmentKind.BRANCH), kinds(plan));
        PlannedSegment bx = plan.segments().get(1);
        PlannedSegment by = plan.segments().get(2);
        assertEquals(bx.ring(), by.ring());
        assertEquals(2, plan.rings().get(bx.ring()).readers());
        assertSame(x, bx.fixedHead());
        assertNull(plan.entry().fixedHead());
        assertEquals(List.of(true, false), plan.crossings().stream().map(Crossing::publishes).toList());
        assertEquals(2, plan.rings().size());
    }

    @Test
    void aBoundarysCapacityHintRaisesItsRingToAPowerOfTwo() {
        assertEquals(64, Planner.ringSize(64, 0));
        assertEquals(64, Planner.ringSize(64, 50));
        assertEquals(128, Planner.ringSize(64, 100));
        assertEquals(PipelineOptions.MAX_RING_SIZE, Planner.ringSize(64, Integer.MAX_VALUE));

        Stream<Integer> s = Stream.create();
        s.buffer(100).sink(x -> { });
        SegmentPlan plan = plan(s, DEFAULTS);
        assertEquals(List.of(64, 128), plan.rings().stream().map(RingSpec::size).toList());
    }

    @Test
    void aFeedbackLoopAcrossSegmentsIsRefusedNamingTheEdge() {
        Stream<Integer> u = Stream.create();
        Stream<Integer> looped = u.unique().async().map(x -> (x + 1) % 5).named("next");
        looped.connect(u);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> plan(u, DEFAULTS));
        assertTrue(e.getMessage().contains("feedback loop across segments") && e.getMessage().contains("'next' ->"),
                e.getMessage());
        assertEquals(List.of(u), looped.downstreams());
    }

    @Test
    void aTimeDrivenNodeInsideASegmentIsRefusedNamingIt() {
        Stream<Integer> s = Stream.create();
        s.rateLimit("1s").named("throttle").sink(x -> { });

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> plan(s, DEFAULTS));
        assertTrue(e.getMessage().contains("'throttle'") && e.getMessage().contains("time-driven"), e.getMessage());
    }

    @Test
    void producersSpinWhenFullOnlyWhereTheChosenStrategyOrTheCoresAllowIt() {
        assertTrue(PipelineBuilder.spinWhenFull(WaitStrategyKind.YIELDING, 3, 2));
        assertTrue(PipelineBuilder.spinWhenFull(WaitStrategyKind.BUSY_SPIN, 8, 2));
        assertTrue(PipelineBuilder.spinWhenFull(WaitStrategyKind.BLOCKING, 1, 2), "producer + 1 segment on 2 cores");
        assertFalse(PipelineBuilder.spinWhenFull(WaitStrategyKind.BLOCKING, 3, 2), "4 threads on 2 cores park");
        assertFalse(PipelineBuilder.spinWhenFull(WaitStrategyKind.SLEEPING, 1, 64));
    }
}
