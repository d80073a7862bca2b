package dev.streamz.disruptor;

import dev.streamz.RefCounter;
import dev.streamz.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Seeded randomized races: several producer threads emit into randomly shaped pipelines (map, filter,
 * async boundaries, branches, zip and union joins, per-branch multicast) over random ring sizes. Every
 * sink checks, per producer, that elements arrive in order, none lost, none duplicated; every ref fires.
 * CI runs about 1e6 events in total; {@code -Dstreamz.stress.events=N} runs more.
 */
class StressTest {
    private static final long TOTAL = Long.getLong("streamz.stress.events", 1_000_000);
    private static final int SHAPES = 12;

    @AfterEach
    void noThreadLeftBehind() {
        ThreadLeaks.assertNone();
    }

    /** Element: producer in the high bits, sequence in the low 40. */
    private static long element(int producer, long seq) {
        return ((long) producer << 40) | seq;
    }

    /** Checks one sink: per producer, strictly the expected sequence numbers, in order. */
    private static final class Checker {
        final String name;
        final long[] next;           // per producer: the next sequence expected
        final int modulus;           // elements whose seq % modulus == 0 are filtered out (0: no filter)
        final long perProducer;
        volatile String error;

        Checker(String name, int producers, int modulus, long perProducer) {
            this.name = name;
            this.next = new long[producers];
            this.modulus = modulus;
            this.perProducer = perProducer;
            for (int i = 0; i < producers; i++) {
                next[i] = advance(0);
            }
        }

        private long advance(long seq) {
            while (modulus > 0 && seq % modulus == 0 && seq < perProducer) {
                seq++;
            }
            return seq;
        }

        void accept(long x) { // runs on one segment thread
            int producer = (int) (x >>> 40);
            long seq = x & ((1L << 40) - 1);
            if (seq != next[producer] && error == null) {
                error = name + ": producer " + producer + " expected " + next[producer] + " got " + seq;
            }
            next[producer] = advance(seq + 1);
        }

        void assertComplete() {
            assertTrue(error == null, error);
            for (int p = 0; p < next.length; p++) {
                assertEquals(perProducer, next[p], name + ": producer " + p + " incomplete");
            }
        }
    }

    @Test
    void randomizedShapesLoseNothingDuplicateNothingAndKeepPerProducerOrder() throws Exception {
        long perShape = Math.max(1, TOTAL / SHAPES);
        for (int shape = 0; shape < SHAPES; shape++) {
            runShape(0x5EED0000L + shape, perShape);
        }
    }

    private void runShape(long seed, long events) throws Exception {
        Random rnd = new Random(seed);
        int producers = 1 + rnd.nextInt(4);
        long perProducer = events / producers;
        int ringSize = 1 << (3 + rnd.nextInt(8)); // 8 to 1024 (tiny rings are covered by the conformance run)
        String shape = "seed " + Long.toHexString(seed) + ", " + producers + " producers, ring " + ringSize;
        List<Checker> checkers = new ArrayList<>();

        Stream<Long> source = Stream.create();
        Stream<Long> a = maybeAsync(rnd, source.map(x -> x));
        int mod = rnd.nextBoolean() ? 2 + rnd.nextInt(5) : 0;
        Stream<Long> filtered = mod == 0 ? a : a.filter(x -> (x & ((1L << 40) - 1)) % mod != 0);
        Stream<Long> main = maybeAsync(rnd, filtered);
        int branches = 1 + rnd.nextInt(3);
        List<Stream<Long>> ends = new ArrayList<>();
        for (int b = 0; b < branches; b++) {
            Stream<Long> br = maybeAsync(rnd, main.map(x -> x));
            ends.add(br);
            Checker c = new Checker(shape + " branch " + b, producers, mod, perProducer);
            checkers.add(c);
            br.sink(c::accept);
        }
        int join = rnd.nextInt(3);
        AtomicLong zipMismatch = new AtomicLong();
        if (branches >= 2 && join == 1) {
            // zip of two branches of the same stream: each tuple must pair the same element.
            Checker c = new Checker(shape + " zip", producers, mod, perProducer);
            checkers.add(c);
            maybeAsync(rnd, ends.get(0).zip(ends.get(1))).sink(t -> {
                if (!t.get(0).equals(t.get(1))) {
                    zipMismatch.incrementAndGet();
                }
                c.accept((Long) t.get(0));
            });
        } else if (branches >= 2 && join == 2) {
            // union of two branches: every element exactly twice; order per producer within each input.
            Checker c0 = new Checker(shape + " union<-0", producers, mod, perProducer);
            Checker c1 = new Checker(shape + " union<-1", producers, mod, perProducer);
            checkers.add(c0);
            checkers.add(c1);
            ends.get(0).map(x -> x << 1).union(ends.get(1).map(x -> (x << 1) | 1)).sink(x -> {
                if ((x & 1) == 0) {
                    c0.accept(x >>> 1);
                } else {
                    c1.accept(x >>> 1);
                }
            });
        }

        PipelineOptions options = PipelineOptions.builder()
                .ringSize(ringSize)
                .segmentation(rnd.nextInt(3) == 0 ? Segmentation.PER_BRANCH : Segmentation.AT_BOUNDARIES)
                .waitStrategy(rnd.nextBoolean() ? WaitStrategyKind.BLOCKING : WaitStrategyKind.SLEEPING)
                .build();
        AtomicLong refsFired = new AtomicLong();
        long refEvery = 997;
        ConcurrentLinkedQueue<Throwable> producerErrors = new ConcurrentLinkedQueue<>();
        try (CompiledPipeline<Long> p = DisruptorRuntime.compile(source, options)) {
            CountDownLatch start = new CountDownLatch(1);
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < producers; i++) {
                int producer = i;
                Thread t = new Thread(() -> {
                    try {
                        start.await();
                        for (long seq = 0; seq < perProducer; seq++) {
                            long x = element(producer, seq);
                            if (seq % refEvery == 0) {
                                p.emit(x, List.of(Map.of(RefCounter.METADATA_KEY,
                                        new RefCounter(refsFired::incrementAndGet))));
                            } else if ((seq & 7) == 3) {
                                while (p.tryEmit(x) == EmitResult.BACK_PRESSURED) {
                                    Thread.onSpinWait();
                                }
                            } else {
                                p.emit(x);
                            }
                        }
                    } catch (Throwable e) {
                        producerErrors.add(e);
                    }
                }, "test-seg-producer-" + i);
                threads.add(t);
                t.start();
            }
            start.countDown();
            for (Thread t : threads) {
                t.join(Duration.ofMinutes(5).toMillis());
                assertTrue(!t.isAlive(), shape + ": producer stuck");
            }
            assertTrue(producerErrors.isEmpty(), () -> shape + ": " + producerErrors);
            assertTrue(p.awaitQuiescence(Duration.ofMinutes(2)), () -> shape + ": not quiescent " + p.segments());
            for (SegmentInfo s : p.segments()) {
                assertTrue(s.backlog() == 0, shape + ": " + s);
            }
        }
        for (Checker c : checkers) {
            c.assertComplete();
        }
        assertEquals(0, zipMismatch.get(), shape + ": zip paired different elements");
        long refs = producers * ((perProducer + refEvery - 1) / refEvery);
        assertEquals(refs, refsFired.get(), shape + ": every ref fires once");
    }

    private static <T> Stream<T> maybeAsync(Random rnd, Stream<T> s) {
        return rnd.nextInt(3) == 0 ? s : s.async();
    }
}
