package dev.streamz.frames;

import dev.streamz.RefCounter;
import dev.streamz.Stream;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The frame pool: reuse, ownership by holders, bounds, the link to RefCounter, close. */
class FramePoolTest {
    static final Schema SCHEMA = Schema.builder().int64("seq").float64("x").category("tag").build();

    static FramePool pool(int frames) {
        return FramePool.builder(SCHEMA).frameCapacity(64).frames(frames).name("p")
                .acquireTimeout(Duration.ofSeconds(5)).build();
    }

    @Test
    void P11_aFrameReturnsToItsPoolWhenItsLastHolderReleasesIt() {
        try (FramePool pool = pool(2)) {
            Frame a = pool.acquire();
            assertEquals("p#0", a.name());
            assertEquals(1, a.holders());
            FrameBuilder.into(a).addLong(1).addDouble(2).addString("t").endRow();
            a.retain(); // a second holder
            a.release();
            assertEquals(1, pool.held());
            assertEquals(1, a.rowCount(), "still held once: not recycled");
            a.release();
            assertEquals(0, pool.held());
            assertEquals(1, a.generation());
            IllegalStateException stale = assertThrows(IllegalStateException.class, () -> a.column("seq").getLong(0));
            assertEquals("p#0 was used after its last holder released it (back in pool 'p', generation 1)",
                    stale.getMessage());
            assertThrows(IllegalStateException.class, a::release);
            Frame b = pool.acquire();
            Frame c = pool.acquire();
            assertNotSame(b, c);
            Frame again = b == a ? b : c;
            assertSame(a, again, "the pool reuses its frames");
            assertEquals(0, again.rowCount(), "a recycled frame starts empty");
            assertSame(pool.dictionary("tag"), again.column("tag").dictionary(), "one dictionary per pool column");
            assertEquals(0, again.column("tag").dictionary().code("t"), "codes survive recycling");
            b.release();
            c.release();
            assertThrows(IllegalStateException.class, () -> pool.dictionary("x"));
        }
    }

    @Test
    void P12_anEmptyPoolWaitsThenFailsClearly_andAReleaseWakesTheWaiter() throws Exception {
        try (FramePool pool = pool(1)) {
            Frame only = pool.acquire();
            assertNull(pool.tryAcquire());
            IllegalStateException exhausted = assertThrows(IllegalStateException.class,
                    () -> pool.acquire(Duration.ofMillis(20)));
            assertEquals("pool 'p' is exhausted: all 1 frames still held after waiting PT0.02S (every holder must"
                    + " release() its frame; a frame kept by a window or a buffer holds one)", exhausted.getMessage());
            AtomicReference<Frame> got = new AtomicReference<>();
            Thread waiter = new Thread(() -> got.set(pool.acquire(Duration.ofSeconds(30))));
            waiter.start();
            while (waiter.getState() != Thread.State.TIMED_WAITING && waiter.isAlive()) {
                Thread.onSpinWait();
            }
            only.release();
            waiter.join(TimeUnit.SECONDS.toMillis(30));
            assertSame(only, got.get());
            got.get().release();
        }
    }

    /**
     * Several threads hold each frame and release it in a random (seeded) order; the producer stamps each
     * frame with a sequence number, and every holder checks the stamp is still its own just before it
     * releases: a frame recycled while still held would be refilled and show another stamp.
     */
    @Test
    void P13_concurrentHoldersReleasingInRandomOrdersNeverSeeTheirFrameReused() throws Exception {
        int holders = 3;
        int frames = 4;
        int rounds = 20_000;
        try (FramePool pool = pool(frames)) {
            List<java.util.concurrent.BlockingQueue<Frame>> inboxes = new ArrayList<>();
            for (int h = 0; h < holders; h++) {
                inboxes.add(new java.util.concurrent.ArrayBlockingQueue<>(rounds));
            }
            AtomicInteger corrupt = new AtomicInteger();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            List<Thread> threads = new ArrayList<>();
            for (int h = 0; h < holders; h++) {
                java.util.concurrent.BlockingQueue<Frame> inbox = inboxes.get(h);
                Random rnd = new Random(1000 + h);
                Thread t = new Thread(() -> {
                    try {
                        List<Frame> held = new ArrayList<>();
                        List<Long> stamps = new ArrayList<>();
                        for (int i = 0; i < rounds; i++) {
                            Frame f = inbox.take();
                            held.add(f);
                            stamps.add(f.column("seq").getLong(0));
                            // release a random subset of what this thread holds, in random order
                            while (!held.isEmpty() && (held.size() > 1 || rnd.nextBoolean())) {
                                int k = rnd.nextInt(held.size());
                                Frame r = held.remove(k);
                                long stamp = stamps.remove(k);
                                if (r.column("seq").getLong(0) != stamp) {
                                    corrupt.incrementAndGet();
                                }
                                Thread.onSpinWait();
                                r.release();
                            }
                        }
                        Collections.shuffle(held, rnd);
                        for (Frame f : held) {
                            f.release();
                        }
                    } catch (Throwable e) {
                        failure.compareAndSet(null, e);
                    }
                }, "holder-" + h);
                threads.add(t);
                t.start();
            }
            FrameBuilder b = null;
            for (long seq = 0; seq < rounds; seq++) {
                Frame f = pool.acquire();
                b = b == null ? FrameBuilder.into(f) : b.reset(f);
                b.addLong(seq).addDouble(seq).addString(seq % 2 == 0 ? "even" : "odd").endRow();
                f.retain(holders - 1); // one hold per holder thread; the producer's own becomes holder 0's
                for (java.util.concurrent.BlockingQueue<Frame> inbox : inboxes) {
                    inbox.put(f);
                }
            }
            for (Thread t : threads) {
                t.join(TimeUnit.SECONDS.toMillis(60));
                assertFalse(t.isAlive(), t.getName() + " did not finish");
            }
            assertNull(failure.get());
            assertEquals(0, corrupt.get(), "a frame was reused while a holder still held it");
            assertEquals(0, pool.held());
            assertEquals(frames, pool.available());
            long recycled = 0;
            for (Frame f : pool.frames()) {
                recycled += f.generation();
            }
            assertEquals(rounds, recycled, "every frame handed out came back exactly once");
        }
    }

    /**
     * A core window keeps frames through their RefCounter: a frame is recycled only when the window lets
     * it go, so the window never sees its frames overwritten.
     */
    @Test
    void P14_aFrameKeptByAWindowIsNeverRecycledWhileKept() {
        try (FramePool pool = pool(3)) {
            Stream<Frame> source = Stream.create();
            List<List<Long>> seen = new ArrayList<>();
            source.slidingWindow(2).sink(window -> {
                List<Long> stamps = new ArrayList<>();
                for (Frame f : window) {
                    stamps.add(f.column("seq").getLong(0));
                }
                seen.add(stamps);
            });
            for (long seq = 0; seq < 50; seq++) {
                Frame f = pool.acquire(Duration.ofMillis(100)); // never waits: the window holds at most 2
                FrameBuilder.into(f).addLong(seq).addDouble(0).addString("w").endRow();
                RefCounter ref = f.refCounter();
                f.release(); // the counter owns the frame now
                source.emit(f, List.of(Map.of(RefCounter.METADATA_KEY, ref)));
                ref.release(); // the producer's hold on the counter
                assertTrue(pool.held() <= 2, "held " + pool.held());
            }
            for (int i = 0; i < seen.size(); i++) {
                List<Long> w = seen.get(i);
                assertEquals(i == 0 ? List.of(0L) : List.of((long) i - 1, (long) i), w, "window " + i);
            }
        }
    }

    @Test
    void P15_closeRefusesAcquiresAndFreesOnceEveryFrameIsBack() {
        FramePool pool = pool(2);
        Frame held = pool.acquire();
        pool.close();
        assertTrue(pool.isClosed());
        assertFalse(pool.isFreed(), "a frame is still held");
        assertEquals("pool 'p' is closed", assertThrows(IllegalStateException.class, pool::acquire).getMessage());
        held.column("x").setDouble(0, 1.0); // still usable by its holder
        held.release();
        assertTrue(pool.isFreed());
        assertThrows(IllegalStateException.class, () -> held.column("x").getDouble(0));
        // builder validation
        assertThrows(IllegalArgumentException.class, () -> FramePool.builder(SCHEMA).frames(0));
        assertThrows(IllegalArgumentException.class, () -> FramePool.builder(SCHEMA).frameCapacity(0));
        assertThrows(IllegalArgumentException.class, () -> FramePool.builder(SCHEMA).acquireTimeout(Duration.ofSeconds(-1)));
        assertEquals("FramePool.builder: schema must not be null",
                assertThrows(NullPointerException.class, () -> FramePool.builder(null)).getMessage());
    }
}
