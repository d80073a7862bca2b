package dev.streamz.disruptor;

import dev.streamz.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;

import static dev.streamz.disruptor.CompiledPipelineTest.WAIT;
import static dev.streamz.disruptor.CompiledPipelineTest.await;
import static dev.streamz.disruptor.CompiledPipelineTest.quiesce;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link PipelineInput#emitAll}: runs of slots claimed and published at once, in order, with back pressure. */
class EmitAllTest {
    @AfterEach
    void noThreadLeftBehind() {
        ThreadLeaks.assertNone();
    }

    private static List<Integer> range(int from, int to) {
        List<Integer> l = new ArrayList<>();
        for (int i = from; i < to; i++) {
            l.add(i);
        }
        return l;
    }

    @Test
    void everyElementArrivesInOrderWithEveryProducerKindAndWaitStrategy() throws Exception {
        for (WaitStrategyKind w : WaitStrategyKind.values()) {
            for (ProducerKind k : ProducerKind.values()) {
                Stream<Integer> s = Stream.create();
                List<Integer> out = Collections.synchronizedList(new ArrayList<>());
                s.async().map(x -> x + 1).sink(out::add);
                try (CompiledPipeline<Integer> p = DisruptorRuntime.compile(s, PipelineOptions.builder()
                        .waitStrategy(w).producerKind(k).ringSize(64).build())) {
                    // Lists longer than a run (16 here), shorter, empty, and emit in between: one order.
                    p.emitAll(range(0, 1000));
                    p.emitAll(List.of());
                    p.emit(1000);
                    p.emitAll(range(1001, 1005));
                    quiesce(p);
                    assertEquals(range(1, 1006), out, w + "/" + k);
                    assertEquals(1005, p.segments().get(0).published(), w + "/" + k);
                }
            }
        }
    }

    @Test
    void nullElementsAreElementsAndANullListIsRefused() throws Exception {
        Stream<Integer> s = Stream.create();
        List<Integer> out = Collections.synchronizedList(new ArrayList<>());
        s.sink(out::add);
        try (CompiledPipeline<Integer> p = DisruptorRuntime.compile(s)) {
            p.emitAll(java.util.Arrays.asList(1, null, 3));
            quiesce(p);
            assertEquals(java.util.Arrays.asList(1, null, 3), out);
            NullPointerException e = assertThrows(NullPointerException.class, () -> p.emitAll(null));
            assertTrue(e.getMessage().contains("emitAll: elements must not be null"), e.getMessage());
        }
    }

    @Test
    void aFullRingBlocksTheCallerUntilTheSegmentCatchesUp() throws Exception {
        Stream<Integer> s = Stream.create();
        CountDownLatch gate = new CountDownLatch(1);
        List<Integer> out = new CopyOnWriteArrayList<>();
        s.sink(x -> {
            await(gate);
            out.add(x);
        });
        try (CompiledPipeline<Integer> p = DisruptorRuntime.compile(s, PipelineOptions.builder().ringSize(8).build())) {
            Thread producer = new Thread(() -> p.emitAll(range(0, 100)), "test-emitAll-producer");
            producer.start();
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (p.segments().get(0).published() < 8) { // the ring fills up while the sink is stuck
                assertTrue(System.nanoTime() < deadline, "the ring never filled up");
                Thread.onSpinWait();
            }
            // 100 elements do not fit: at most the ring (8) and one run (2) beyond the element in the sink.
            long published = p.segments().get(0).published();
            assertTrue(published <= 8 + 2, "published " + published);
            assertTrue(producer.isAlive(), "emitAll returned before the ring had room for the rest");
            assertTrue(out.isEmpty());
            gate.countDown();
            producer.join(WAIT.toMillis());
            assertFalse(producer.isAlive());
            quiesce(p);
            assertEquals(range(0, 100), out);
        }
    }

    @Test
    void aClosedPipelineRefusesTheList() {
        Stream<Integer> s = Stream.create();
        s.sink(x -> { });
        CompiledPipeline<Integer> p = DisruptorRuntime.compile(s);
        p.close();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> p.emitAll(List.of(1, 2)));
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
    }

    @Test
    void aListThatFailsIsReadBeforeItsSlotsAreClaimed() throws Exception {
        Stream<Integer> s = Stream.create();
        List<Integer> out = Collections.synchronizedList(new ArrayList<>());
        s.sink(out::add);
        RuntimeException boom = new IllegalStateException("list changed under the producer");
        List<Integer> failing = new AbstractList<>() {
            @Override
            public Integer get(int i) {
                if (i == 6) {
                    throw boom;
                }
                return i;
            }

            @Override
            public int size() {
                return 20;
            }
        };
        try (CompiledPipeline<Integer> p = DisruptorRuntime.compile(s, PipelineOptions.builder().ringSize(16).build())) {
            assertSame(boom, assertThrows(IllegalStateException.class, () -> p.emitAll(failing)));
            // Runs of 4 (a quarter of the ring): the first was published, the one that failed to be read
            // claimed nothing, so the segment is not left waiting for a slot and goes on.
            p.emit(100);
            quiesce(p);
            assertEquals(List.of(0, 1, 2, 3, 100), out);
        }
    }
}
