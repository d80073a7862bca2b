package dev.streamz.conformance;

import dev.streamz.EventLoop;
import dev.streamz.Schedulers;
import dev.streamz.Stream;
import dev.streamz.StreamException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A23 (docs/conformance.md): a blocking {@code emit} from another thread into a graph on an idle event loop
 * runs the emission on the calling thread while holding the loop, so the graph still runs one thing at a
 * time, in order, with the same errors, and without a hand-over per element.
 */
class ForeignEmitTest {
    private static final long TIMEOUT_S = 30;

    /** On an idle loop the emitting thread runs the emission, as the scheduler's thread for its duration. */
    @Test
    void A23_blockingEmitOnAnIdleLoopRunsOnTheCallerHoldingTheLoop() {
        try (EventLoop loop = Schedulers.newEventLoop("a23-inline", e -> { })) {
            Stream<Integer> s = Stream.<Integer>create().withScheduler(loop);
            List<Thread> ranOn = new ArrayList<>();
            List<Boolean> asScheduler = new ArrayList<>();
            s.map(x -> x + 1).sink(x -> {
                ranOn.add(Thread.currentThread());
                asScheduler.add(loop.inSchedulerThread());
            });
            s.emit(1);
            s.emit(2);
            assertEquals(List.of(Thread.currentThread(), Thread.currentThread()), ranOn);
            assertEquals(List.of(true, true), asScheduler, "inSchedulerThread() during the inline emission");
            assertFalse(loop.inSchedulerThread(), "the loop is given back when emit returns");
        }
    }

    /**
     * The loop's own tasks (timers, handed-over emitAsync elements, execute) and inline emissions from several
     * threads never overlap: a plain counter updated by all of them loses nothing, and each producer's
     * elements arrive in its order.
     */
    @Test
    void A23_inlineEmissionsNeverOverlapTheLoopsTasks() throws Exception {
        int producers = 3;
        int perProducer = 20_000;
        try (EventLoop loop = Schedulers.newEventLoop("a23-stress", e -> { })) {
            Stream<long[]> s = Stream.<long[]>create().withScheduler(loop);
            AtomicInteger inside = new AtomicInteger();
            AtomicInteger overlaps = new AtomicInteger();
            long[] plainCount = {0};
            long[] lastSeq = new long[producers + 1];
            AtomicInteger outOfOrder = new AtomicInteger();
            Runnable critical = () -> {
                if (inside.getAndIncrement() != 0) {
                    overlaps.incrementAndGet();
                }
                plainCount[0]++;
                inside.decrementAndGet();
            };
            s.sink(e -> {
                critical.run();
                int p = (int) e[0];
                if (e[1] <= lastSeq[p]) {
                    outOfOrder.incrementAndGet();
                }
                lastSeq[p] = e[1];
            });
            AtomicInteger ticks = new AtomicInteger();
            var timer = loop.scheduleAtRate(() -> {
                critical.run();
                ticks.incrementAndGet();
            }, Duration.ZERO, Duration.ofNanos(200_000));
            List<Thread> threads = new ArrayList<>();
            AtomicReference<Throwable> failed = new AtomicReference<>();
            for (int p = 1; p <= producers; p++) {
                int id = p;
                threads.add(Thread.ofPlatform().name("a23-producer-" + p).start(() -> {
                    try {
                        for (long i = 1; i <= perProducer; i++) {
                            if (id == 1 && i % 7 == 0) {
                                s.emitAsync(new long[] {id, i}).join(); // handed over: a loop task
                            } else {
                                s.emit(new long[] {id, i});
                            }
                            if (id == 2 && i % 11 == 0) {
                                loop.execute(critical);
                            }
                        }
                    } catch (Throwable t) {
                        failed.set(t);
                    }
                }));
            }
            for (Thread t : threads) {
                t.join(TimeUnit.SECONDS.toMillis(TIMEOUT_S));
                assertFalse(t.isAlive(), t.getName() + " finished");
            }
            timer.cancel();
            CompletableFuture<Long> total = new CompletableFuture<>();
            loop.execute(() -> total.complete(plainCount[0]));
            long executes = perProducer / 11;
            long seen = total.get(TIMEOUT_S, TimeUnit.SECONDS);
            assertEquals(null, failed.get());
            assertEquals(0, overlaps.get(), "a loop task and an inline emission ran at the same time");
            assertEquals(0, outOfOrder.get(), "a producer's elements arrived out of order");
            assertEquals((long) producers * perProducer + executes + ticks.get(), seen, "updates lost");
        }
    }

    /**
     * A user function failing in an inline emission throws to the emitter (a StreamException naming the
     * node) and gives the loop back: the next emit and the loop's tasks run.
     */
    @Test
    void A23_aFailureInAnInlineEmissionThrowsAndFreesTheLoop() throws Exception {
        try (EventLoop loop = Schedulers.newEventLoop("a23-failure", e -> { })) {
            Stream<Integer> s = Stream.<Integer>create().withScheduler(loop);
            List<Integer> out = new ArrayList<>();
            s.map(x -> 10 / x).sink(out::add);
            StreamException e = assertThrows(StreamException.class, () -> s.emit(0));
            assertTrue(e.getMessage().contains("map"), e.getMessage());
            assertFalse(loop.inSchedulerThread());
            s.emit(5);
            CompletableFuture<List<Integer>> seen = new CompletableFuture<>();
            loop.execute(() -> seen.complete(List.copyOf(out)));
            assertEquals(List.of(2), seen.get(TIMEOUT_S, TimeUnit.SECONDS));
        }
    }

    /**
     * A task handed to the loop while an inline emission holds it runs after that emission, on the loop's
     * thread; the emission is not interrupted by it.
     */
    @Test
    void A23_aTaskQueuedDuringAnInlineEmissionRunsAfterIt() throws Exception {
        try (EventLoop loop = Schedulers.newEventLoop("a23-queued", e -> { })) {
            Stream<Integer> s = Stream.<Integer>create().withScheduler(loop);
            CountDownLatch inEmission = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            AtomicInteger emitting = new AtomicInteger();
            s.sink(x -> {
                emitting.set(1);
                inEmission.countDown();
                try {
                    assertTrue(release.await(TIMEOUT_S, TimeUnit.SECONDS));
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                emitting.set(0);
            });
            Thread emitter = Thread.ofPlatform().name("a23-emitter").start(() -> s.emit(1));
            assertTrue(inEmission.await(TIMEOUT_S, TimeUnit.SECONDS));
            CompletableFuture<Integer> taskSaw = new CompletableFuture<>();
            CompletableFuture<Thread> taskRanOn = new CompletableFuture<>();
            loop.execute(() -> {
                taskSaw.complete(emitting.get());
                taskRanOn.complete(Thread.currentThread());
            });
            assertFalse(taskSaw.isDone(), "the task waits for the inline emission");
            release.countDown();
            assertEquals(0, taskSaw.get(TIMEOUT_S, TimeUnit.SECONDS), "it ran after the emission");
            emitter.join(TimeUnit.SECONDS.toMillis(TIMEOUT_S));
            assertFalse(emitter.isAlive());
            Thread loopThread = taskRanOn.get(TIMEOUT_S, TimeUnit.SECONDS);
            assertFalse(loopThread == emitter || loopThread == Thread.currentThread(),
                    "handed to the loop's own thread, not run by the emitter");
            CompletableFuture<Thread> later = new CompletableFuture<>();
            loop.execute(() -> later.complete(Thread.currentThread()));
            assertSame(loopThread, later.get(TIMEOUT_S, TimeUnit.SECONDS));
        }
    }
}
