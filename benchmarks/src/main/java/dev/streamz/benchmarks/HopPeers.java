package dev.streamz.benchmarks;

import com.lmax.disruptor.BatchEventProcessor;
import com.lmax.disruptor.BatchEventProcessorBuilder;
import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.SequenceBarrier;
import com.lmax.disruptor.dsl.ProducerType;
import dev.streamz.Stream;
import dev.streamz.disruptor.CompiledPipeline;
import dev.streamz.disruptor.DisruptorRuntime;
import dev.streamz.disruptor.PipelineOptions;
import dev.streamz.disruptor.ProducerKind;
import dev.streamz.disruptor.WaitStrategyKind;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.function.Consumer;

/**
 * The same pipeline three ways, for the hop benchmarks: {@code stages} threads after the producer, each
 * stage doing the same work ({@link Stage#apply}: add the element to a per-stage sum, pass it on), the last
 * one handing it to {@code sink}.
 * <ul>
 *   <li><b>streamz</b>: {@code source.map(stage1).async().map(stage2).async().map(stage3).sink(sink)},
 *       compiled by {@link DisruptorRuntime} (one ring per segment);</li>
 *   <li><b>disruptor</b>: hand-written Disruptor 4, the idiomatic way: one ring, the stages as handlers
 *       chained on it (each waits on the previous one's sequence), each on its own thread;</li>
 *   <li><b>disruptor-lite</b>: the same, with {@code LiteBlockingWaitStrategy} for {@code BLOCKING} (the
 *       strategy the compiled runtime uses for it); identical to <b>disruptor</b> for the others;</li>
 *   <li><b>abq</b>: one {@link ArrayBlockingQueue} and one thread per stage.</li>
 * </ul>
 * All three use the same capacity, single-producer claims where they exist, and the same wait strategy.
 */
final class HopPeers {
    private HopPeers() {
    }

    /** Per-stage work: cheap, allocation-free, not dead code. */
    static final class Stage {
        long sum;

        Object apply(Object x) {
            sum += x instanceof Long l ? l : 1; // the latency harness sends reusable stamps instead
            return x;
        }
    }

    /** A running peer: offer elements, then close. */
    interface Peer extends AutoCloseable {
        void offer(Object x) throws InterruptedException;

        @Override
        void close();
    }

    static Peer create(String impl, int stages, int capacity, WaitStrategyKind wait, Consumer<Object> sink) {
        return switch (impl) {
            case "streamz" -> streamz(stages, capacity, wait, sink);
            case "disruptor" -> disruptor(stages, capacity, waitStrategy(wait), sink);
            case "disruptor-lite" -> disruptor(stages, capacity, wait == WaitStrategyKind.BLOCKING
                    ? new com.lmax.disruptor.LiteBlockingWaitStrategy() : waitStrategy(wait), sink);
            case "abq" -> abq(stages, capacity, sink);
            default -> throw new IllegalArgumentException("impl must be streamz, disruptor, disruptor-lite or abq, got "
                    + impl);
        };
    }

    static Peer streamz(int stages, int capacity, WaitStrategyKind wait, Consumer<Object> sink) {
        Stream<Object> source = Stream.create();
        Stream<Object> s = source;
        for (int i = 0; i < stages; i++) {
            Stage st = new Stage();
            s = (i == 0 ? s : s.async()).map(st::apply);
        }
        s.sink(sink::accept);
        CompiledPipeline<Object> p = DisruptorRuntime.compile(source, PipelineOptions.builder()
                .ringSize(capacity).waitStrategy(wait).producerKind(ProducerKind.SINGLE).name("bench").build());
        return new Peer() {
            @Override
            public void offer(Object x) {
                p.emit(x);
            }

            @Override
            public void close() {
                p.close(Duration.ofSeconds(30));
            }
        };
    }

    /** The hand-written Disruptor's slot. */
    static final class Slot {
        Object value;
    }

    static Peer disruptor(int stages, int capacity, com.lmax.disruptor.WaitStrategy wait, Consumer<Object> sink) {
        RingBuffer<Slot> ring = RingBuffer.create(ProducerType.SINGLE, Slot::new, capacity, wait);
        List<BatchEventProcessor<Slot>> processors = new ArrayList<>();
        Sequence[] previous = new Sequence[0];
        for (int i = 0; i < stages; i++) {
            Stage st = new Stage();
            boolean last = i == stages - 1;
            EventHandler<Slot> h = (e, seq, eob) -> {
                Object y = st.apply(e.value);
                if (last) {
                    sink.accept(y);
                    e.value = null;
                }
            };
            SequenceBarrier barrier = ring.newBarrier(previous);
            BatchEventProcessor<Slot> p = new BatchEventProcessorBuilder().build(ring, barrier, h);
            processors.add(p);
            previous = new Sequence[] {p.getSequence()};
        }
        ring.addGatingSequences(previous);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < processors.size(); i++) {
            Thread t = new Thread(processors.get(i), "bench-disruptor-" + i);
            t.setDaemon(true);
            t.start();
            threads.add(t);
        }
        Sequence lastSeq = previous[0];
        return new Peer() {
            @Override
            public void offer(Object x) {
                long seq = ring.next();
                ring.get(seq).value = x;
                ring.publish(seq);
            }

            @Override
            public void close() {
                while (lastSeq.get() < ring.getCursor()) {
                    Thread.onSpinWait();
                }
                processors.forEach(BatchEventProcessor::halt);
                join(threads);
            }
        };
    }

    private static final Object STOP = new Object();

    static Peer abq(int stages, int capacity, Consumer<Object> sink) {
        List<ArrayBlockingQueue<Object>> queues = new ArrayList<>();
        for (int i = 0; i < stages; i++) {
            queues.add(new ArrayBlockingQueue<>(capacity));
        }
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < stages; i++) {
            ArrayBlockingQueue<Object> in = queues.get(i);
            ArrayBlockingQueue<Object> out = i + 1 < stages ? queues.get(i + 1) : null;
            Stage st = new Stage();
            Thread t = new Thread(() -> {
                try {
                    while (true) {
                        Object x = in.take();
                        if (x == STOP) {
                            if (out != null) {
                                out.put(STOP);
                            }
                            return;
                        }
                        Object y = st.apply(x);
                        if (out != null) {
                            out.put(y);
                        } else {
                            sink.accept(y);
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "bench-abq-" + i);
            t.setDaemon(true);
            t.start();
            threads.add(t);
        }
        ArrayBlockingQueue<Object> first = queues.get(0);
        return new Peer() {
            @Override
            public void offer(Object x) throws InterruptedException {
                first.put(x);
            }

            @Override
            public void close() {
                try {
                    first.put(STOP);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                join(threads);
            }
        };
    }

    static com.lmax.disruptor.WaitStrategy waitStrategy(WaitStrategyKind kind) {
        return switch (kind) {
            case BUSY_SPIN -> new com.lmax.disruptor.BusySpinWaitStrategy();
            case YIELDING -> new com.lmax.disruptor.YieldingWaitStrategy();
            case SLEEPING -> new com.lmax.disruptor.SleepingWaitStrategy();
            case BLOCKING -> new com.lmax.disruptor.BlockingWaitStrategy();
        };
    }

    private static void join(List<Thread> threads) {
        for (Thread t : threads) {
            try {
                t.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
