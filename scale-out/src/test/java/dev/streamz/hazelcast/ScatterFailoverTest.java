package dev.streamz.hazelcast;

import com.hazelcast.core.HazelcastInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A member terminated mid-stream (its instance killed, not shut down): its batches are sent again to
 * another member, and downstream of {@code gather()} nothing is lost, nothing is duplicated, and every
 * ref fires once (case M13 in docs/conformance.md). Its own cluster: the test kills a member.
 */
class ScatterFailoverTest {
    static EmbeddedCluster members;

    @BeforeAll
    static void startCluster() {
        members = EmbeddedCluster.start("streamz-scatter-failover-test", 3);
    }

    @AfterAll
    static void stopCluster() {
        if (members != null) {
            members.close();
        }
    }

    @Test
    void M13_aMemberTerminatedMidStreamLosesNothingAndDuplicatesNothing() {
        Cluster cluster = members.cluster();
        HazelcastInstance victim = cluster.embeddedMembers().get(2);
        int n = 3000;
        ScatterOptions options = ScatterOptions.builder().batchSize(25).maxBatchesInFlight(6).build();
        try (Gathered<Integer> stateless = new Gathered<>("stateless");
             Gathered<Integer> stateful = new Gathered<>("stateful")) {
            stateless.collect(cluster.scatter(stateless.source, options).map(x -> {
                LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(200)); // long enough to be caught mid-batch
                return x * 2;
            }).gather());
            // A running sum whose state lives in the cluster's map: it must survive the member and count
            // each element once although a batch may run twice.
            stateful.collect(cluster.scatter(stateful.source, options).map(x -> {
                LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(200));
                return (long) x;
            }).accumulate(Long::sum).gather());
            AtomicInteger fired = new AtomicInteger();
            Thread producer = Thread.ofPlatform().name("producer").start(() -> {
                for (int i = 0; i < n; i++) {
                    stateless.emitWithRef(i, fired);
                    stateful.emitWithRef(i, fired);
                }
            });
            stateless.await(n / 5); // well under way: batches are out on every member
            victim.getLifecycleService().terminate();
            join(producer);

            List<Object> doubled = stateless.awaitExactly(n);
            List<Object> sums = stateful.awaitExactly(n);
            assertEquals(IntStream.range(0, n).map(i -> i * 2).boxed().toList(), doubled);
            List<Long> expected = new ArrayList<>();
            long sum = 0;
            for (int i = 0; i < n; i++) {
                sum += i;
                expected.add(sum);
            }
            assertEquals(expected, sums);
            stateless.awaitOnLoop(() -> true, "the loop");
            stateful.awaitOnLoop(() -> fired.get() == 2 * n, "every ref released once");
            assertEquals(2 * n, fired.get());
            assertEquals(0, stateless.refsFiredEarly.get() + stateful.refsFiredEarly.get());
            assertEquals(List.of(), stateless.errors);
            assertEquals(List.of(), stateful.errors);
            assertEquals(2, cluster.memberCount());
        }
    }

    private static void join(Thread t) {
        try {
            t.join(TimeUnit.SECONDS.toMillis(120));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        assertTrue(!t.isAlive(), "the producer did not finish");
    }
}
