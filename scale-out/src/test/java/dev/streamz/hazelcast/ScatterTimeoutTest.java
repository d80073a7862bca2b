package dev.streamz.hazelcast;

import com.hazelcast.cluster.Address;
import dev.streamz.Stream;
import dev.streamz.StreamException;
import dev.streamz.VirtualScheduler;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A member that stays in the cluster but never answers (its function blocks on a latch for as long as the
 * test wants): the batch is sent again to another member after {@code batchTimeout}, the hung member's late
 * answer is ignored, and after the last attempt the batch's elements fail, reported and released (cases
 * M18 and M19 in docs/conformance.md). Its own cluster: the test ties up a member's executor threads.
 */
class ScatterTimeoutTest {
    static EmbeddedCluster members;
    /**
     * One test's hang: the latch the members' functions wait on while it is closed, and the calls that hung
     * and returned. A call counts in the hang that was current when it started, so a call left hanging by an
     * earlier test (freed by that test's {@code @AfterEach}) cannot return into a later test's counts.
     */
    static final class Hang {
        final CountDownLatch latch = new CountDownLatch(1);
        final AtomicInteger hungCalls = new AtomicInteger();
        final AtomicInteger lateReturns = new AtomicInteger();
        final java.util.concurrent.atomic.AtomicBoolean zeroRan = new java.util.concurrent.atomic.AtomicBoolean();

        int await() {
            hungCalls.incrementAndGet();
            try {
                latch.await(120, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return lateReturns.incrementAndGet();
        }
    }

    /** The current test's hang; the members run in this JVM, so they see it. */
    static volatile Hang hang = new Hang();

    @BeforeAll
    static void startCluster() {
        hang.latch.countDown(); // nothing hangs outside a test
        members = EmbeddedCluster.start("streamz-scatter-timeout-test", 3);
    }

    @AfterAll
    static void stopCluster() {
        if (members != null) {
            members.close();
        }
    }

    @BeforeEach
    void closeTheLatch() {
        hang = new Hang();
    }

    @AfterEach
    void openTheLatch() {
        hang.latch.countDown(); // whatever happened, member 1's executor threads go free
    }

    /** The function the members run: on member 1, while the latch is closed, it does not answer. */
    static int timesTenHangingOnMember1(int x) {
        Hang h = hang;
        if (Thread.currentThread().getName().contains("-member-1") && h.latch.getCount() > 0) {
            h.await();
        }
        return x * 10;
    }

    /** Another function: the first run of element 0 does not answer (on any member) while the latch is closed. */
    static int timesTenHangingOnFirstZero(int x) {
        Hang h = hang;
        if (x == 0 && h.zeroRan.compareAndSet(false, true)) {
            h.await();
        }
        return x * 10;
    }

    static List<Object> timesTen(int from, int to) {
        return IntStream.range(from, to).map(i -> i * 10).boxed().map(Object.class::cast).toList();
    }

    @Test
    void M18_aBatchWhoseMemberHangsIsSentToAnotherAndItsLateAnswerIgnored() {
        ScatterOptions options = ScatterOptions.builder().batchSize(5).maxBatchesInFlight(4)
                .batchTimeout(Duration.ofMillis(300)).build();
        try (Gathered<Integer> g = new Gathered<>("hung")) {
            g.collect(members.cluster().scatter(g.source, options)
                    .map(ScatterTimeoutTest::timesTenHangingOnMember1).gather());
            AtomicInteger fired = new AtomicInteger();
            for (int i = 0; i < 40; i++) {
                g.emitWithRef(i, fired);
            }
            assertEquals(timesTen(0, 40), g.await(40));
            Hang h = hang;
            int hung = h.hungCalls.get();
            assertTrue(hung > 0, "member 1 got batches and hung on them");
            g.awaitOnLoop(() -> fired.get() == 40, "every ref, got " + fired.get());

            // Member 1 answers now, late: those answers belong to attempts given up on and are ignored. An
            // attempt sent before the last answer came may have reached member 1 and hung after `hung` was read;
            // once the latch is open no call hangs any more, so every hung call returns.
            h.latch.countDown();
            g.awaitOnLoop(() -> h.lateReturns.get() == h.hungCalls.get(), "the hung calls to return");
            for (int i = 40; i < 60; i++) { // the pipeline goes on, member 1 included
                g.emitWithRef(i, fired);
            }
            assertEquals(timesTen(0, 60), g.awaitExactly(60));
            g.awaitOnLoop(() -> fired.get() == 60, "every ref");
            assertEquals(60, fired.get(), "each ref fired once");
            assertEquals(0, g.refsFiredEarly.get());
            assertEquals(List.of(), g.errors);
        }
    }

    @Test
    void M18_theTimeoutIsTimedOnTheGraphsClock() {
        VirtualScheduler clock = new VirtualScheduler();
        Stream<Integer> source = Stream.<Integer>create("virtual").withScheduler(clock);
        // One element per batch; the first run of element 0 hangs, whichever member runs it. (Hanging on
        // member 1 instead would let a batch whose answer had not reached the clock by 30 s be resent there.)
        ScatterOptions options = ScatterOptions.builder().batchSize(1).batchTimeout(Duration.ofSeconds(30)).build();
        Stream<Integer> gathered = members.cluster().scatter(source, options)
                .map(ScatterTimeoutTest::timesTenHangingOnFirstZero).gather();
        List<Integer> out = gathered.sinkToList();
        for (int i = 0; i < 3; i++) {
            source.emit(i);
        }
        Hang h = hang;
        pollUntil(clock, () -> h.hungCalls.get() == 1, "element 0 to hang");
        clock.advanceBy(Duration.ofMillis(29_999));
        assertEquals(List.of(), out, "the hung batch holds back what follows it, before the timeout");
        clock.advanceBy(Duration.ofMillis(1)); // the timeout: the batch goes to another member
        pollUntil(clock, () -> out.size() == 3, "the three results");
        assertEquals(List.of(0, 10, 20), out);
        assertEquals(Duration.ofSeconds(30), clock.elapsed());
        assertEquals(1, h.hungCalls.get(), "the retry did not hang");
        assertEquals(0, gathered.bufferedCount());
    }

    /** Runs what the members' answers queued on the virtual clock until {@code done}, at most 60 s of real time. */
    static void pollUntil(VirtualScheduler clock, java.util.function.BooleanSupplier done, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            clock.runUntilIdle();
            if (done.getAsBoolean()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                fail("waited 60 s for " + what + "; errors: " + clock.errors());
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }

    @Test
    void M19_afterTheLastAttemptAHungBatchsElementsFailNamingTheMember() {
        ScatterOptions options = ScatterOptions.builder().batchSize(5).maxBatchesInFlight(4).maxAttempts(1)
                .batchTimeout(Duration.ofSeconds(1)).build(); // one attempt: roomy, so only member 1 misses it
        Address hungMember = members.cluster().embeddedMembers().get(1).getCluster().getLocalMember().getAddress();
        try (Gathered<Integer> g = new Gathered<>("given-up")) {
            g.collect(members.cluster().scatter(g.source, options)
                    .map(ScatterTimeoutTest::timesTenHangingOnMember1).gather());
            AtomicInteger fired = new AtomicInteger();
            for (int i = 0; i < 30; i++) {
                g.emitWithRef(i, fired);
            }
            g.awaitOnLoop(() -> fired.get() == 30, "every ref, got " + fired.get());
            List<Object> out = g.await(0);
            List<StreamException> errors = new ArrayList<>(g.errors);
            assertTrue(!errors.isEmpty(), "member 1's batches failed");
            int lost = 0;
            for (StreamException e : errors) {
                String m = e.getMessage();
                java.util.regex.Matcher size = java.util.regex.Pattern.compile("batch \\d+ of (\\d+) elements failed")
                        .matcher(m);
                assertTrue(size.find(), m);
                lost += Integer.parseInt(size.group(1)); // a batch may leave part full (linger)
                assertTrue(m.contains("gather") && m.contains("did not answer within PT1S")
                        && m.contains(hungMember.toString()) && m.contains("maxAttempts 1"), m);
            }
            // Each failed batch lost its elements, the others arrived in order, nothing twice.
            assertEquals(30 - lost, out.size(), "outputs " + out + ", errors " + errors);
            List<Object> sorted = new ArrayList<>(out);
            sorted.sort(null);
            assertEquals(sorted, out);
            assertEquals(out.size(), new java.util.HashSet<>(out).size());
            assertEquals(30, fired.get(), "each ref released once");
            assertEquals(0, g.refsFiredEarly.get());
        }
    }
}
