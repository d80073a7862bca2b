package dev.streamz.conformance;

import dev.streamz.Scheduler;
import dev.streamz.Schedulers;
import dev.streamz.Stream;
import dev.streamz.StreamException;
import dev.streamz.VirtualScheduler;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static dev.streamz.conformance.Async.after;
import static dev.streamz.conformance.Async.ms;
import static dev.streamz.conformance.Async.now;
import static dev.streamz.conformance.Async.source;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Back pressure end to end: a producer that waits on each {@code emitAsync} never outruns the graph, so
 * what the graph holds stays bounded; and a multi-producer stress run on a real event loop.
 */
class BackPressureTest {

    /**
     * A producer written like a source: it emits the next element only when the previous emitAsync
     * completed. It runs on the virtual scheduler's thread, so nothing blocks.
     */
    private static final class Producer {
        private final Stream<Integer> into;
        private final VirtualScheduler vs;
        private final int count;
        private final Runnable onEach;
        int produced;
        int accepted;

        Producer(Stream<Integer> into, VirtualScheduler vs, int count, Runnable onEach) {
            this.into = into;
            this.vs = vs;
            this.count = count;
            this.onEach = onEach;
        }

        void start() {
            vs.execute(this::next);
        }

        private void next() {
            if (produced == count) {
                return;
            }
            onEach.run();
            CompletableFuture<Void> f = into.emitAsync(produced++);
            f.whenComplete((v, e) -> {
                accepted++;
                onEach.run();
                vs.execute(this::next);
            });
        }
    }

    @Test
    void slowAsyncSinkThrottlesEmitAsync() {
        VirtualScheduler vs = new VirtualScheduler();
        Stream<Integer> s = source(vs);
        List<Long> writtenAt = new ArrayList<>();
        AtomicInteger written = new AtomicInteger();
        AtomicInteger maxAhead = new AtomicInteger();
        Producer[] p = new Producer[1];
        s.map(x -> x * 2).sinkAsync(x -> {
            maxAhead.accumulateAndGet(p[0].produced - written.get(), Math::max);
            return after(vs, ms(100), () -> {
                writtenAt.add(now(vs));
                return written.incrementAndGet();
            });
        });
        p[0] = new Producer(s, vs, 10, () -> maxAhead.accumulateAndGet(p[0].produced - written.get(), Math::max));
        p[0].start();
        vs.advanceBy(ms(5_000));
        assertEquals(10, p[0].accepted);
        assertEquals(List.of(100L, 200L, 300L, 400L, 500L, 600L, 700L, 800L, 900L, 1000L), writtenAt,
                "one write at a time: the producer waited for each");
        assertEquals(1, maxAhead.get(), "never more than one element ahead of the sink");
    }

    /**
     * buffer(n) in front of a slow sink, fed by a producer that awaits each emitAsync: at most n + 1
     * elements are accepted and unfinished (n waiting and the one being passed on, F15), and the buffer
     * holds at most one more: the element whose emitter waits for a place.
     */
    @Test
    void bufferKeepsMemoryBounded() {
        for (int n : new int[] {1, 4, 16}) {
            VirtualScheduler vs = new VirtualScheduler();
            Stream<Integer> s = source(vs);
            Stream<Integer> buffer = s.buffer(n);
            AtomicInteger finished = new AtomicInteger();
            AtomicInteger maxBuffered = new AtomicInteger();
            AtomicInteger maxAccepted = new AtomicInteger();
            Producer[] p = new Producer[1];
            Runnable sample = () -> {
                maxBuffered.accumulateAndGet(buffer.bufferedCount(), Math::max);
                maxAccepted.accumulateAndGet(p[0].accepted - finished.get(), Math::max);
            };
            List<Integer> out = new ArrayList<>();
            buffer.sinkAsync(x -> {
                sample.run();
                return after(vs, ms(10), () -> {
                    out.add(x);
                    finished.incrementAndGet();
                    sample.run();
                    return null;
                });
            });
            p[0] = new Producer(s, vs, 200, sample);
            p[0].start();
            for (int t = 0; t < 300; t++) {
                vs.advanceBy(ms(10));
                sample.run();
            }
            assertEquals(200, out.size(), "n=" + n);
            assertEquals(0, buffer.bufferedCount());
            assertEquals(n + 1, maxAccepted.get(), "n=" + n + ": accepted and not yet written");
            assertEquals(n + 2, maxBuffered.get(), "n=" + n + ": n waiting, 1 being passed on, 1 whose emitter waits");
        }
    }

    /**
     * Four threads emit 50k elements each into {@code map -> buffer(16) -> sink} on a real event loop,
     * two with a blocking emit and two waiting on emitAsync: nothing is lost, each producer's order is
     * kept, and the buffer never holds more than 16 + 1 + one waiting element per producer.
     */
    @Test
    void multiProducerStress() throws Exception {
        int producers = 4;
        int perProducer = 50_000;
        List<StreamException> errors = new CopyOnWriteArrayList<>();
        Scheduler loop = Schedulers.newEventLoop("back-pressure-stress", errors::add);
        Stream<Long> s = Stream.<Long>create().withScheduler(loop);
        Stream<Long> buffer = s.map(x -> x).buffer(16);
        long[] next = new long[producers]; // touched only on the loop thread
        int[] total = new int[1];
        AtomicInteger maxBuffered = new AtomicInteger();
        AtomicReference<String> problem = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        buffer.sink(x -> {
            int producer = (int) (x >>> 32);
            long seq = x & 0xffff_ffffL;
            if (seq != next[producer] && problem.get() == null) {
                problem.set("producer " + producer + ": expected " + next[producer] + ", got " + seq);
            }
            next[producer] = seq + 1;
            maxBuffered.accumulateAndGet(buffer.bufferedCount(), Math::max);
            if (++total[0] == producers * perProducer) {
                done.countDown();
            }
        });
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        AtomicReference<Throwable> producerFailure = new AtomicReference<>();
        for (int p = 0; p < producers; p++) {
            int id = p;
            Thread t = new Thread(() -> {
                try {
                    go.await();
                    for (long i = 0; i < perProducer; i++) {
                        long x = ((long) id << 32) | i;
                        if (id % 2 == 0) {
                            s.emit(x);
                        } else {
                            s.emitAsync(x).join();
                        }
                    }
                } catch (Throwable e) {
                    producerFailure.compareAndSet(null, e);
                }
            }, "producer-" + p);
            t.start();
            threads.add(t);
        }
        go.countDown();
        for (Thread t : threads) {
            t.join(TimeUnit.SECONDS.toMillis(60));
        }
        assertNull(producerFailure.get());
        assertTrue(done.await(60, TimeUnit.SECONDS), "not everything arrived");
        assertNull(problem.get());
        assertEquals(List.of(), errors);
        CountDownLatch checked = new CountDownLatch(1);
        long[][] seen = new long[1][];
        loop.execute(() -> {
            seen[0] = next.clone();
            checked.countDown();
        });
        assertTrue(checked.await(10, TimeUnit.SECONDS));
        for (int p = 0; p < producers; p++) {
            assertEquals(perProducer, seen[0][p], "producer " + p);
        }
        assertTrue(maxBuffered.get() <= 16 + 1 + producers, "buffered " + maxBuffered.get());
    }
}
