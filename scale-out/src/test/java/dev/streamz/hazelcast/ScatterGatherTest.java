package dev.streamz.hazelcast;

import dev.streamz.RefCounter;
import dev.streamz.Stream;
import dev.streamz.StreamException;
import dev.streamz.VirtualScheduler;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Scatter / gather on three embedded members (section M of docs/conformance.md): streamz's Dask cases,
 * and the core conformance pipelines that use map, starmap, filter, accumulate and flatten, run on the
 * cluster and compared with the same pipeline run directly in this JVM.
 */
class ScatterGatherTest {
    static EmbeddedCluster members;
    static Cluster cluster;

    @BeforeAll
    static void startCluster() {
        members = EmbeddedCluster.start("streamz-scatter-gather-test", 3);
        cluster = members.cluster();
    }

    @AfterAll
    static void stopCluster() {
        if (members != null) {
            members.close();
        }
    }

    static ScatterOptions batches(int size) {
        return ScatterOptions.builder().batchSize(size).build();
    }

    /** Runs {@code remote} on the cluster over {@code input}, each element with a ref, and returns the outputs. */
    static <T> List<Object> gathered(List<T> input, ScatterOptions options, int expected,
                                     Function<DistributedStream<T>, DistributedStream<?>> remote) {
        try (Gathered<T> g = new Gathered<>("gathered")) {
            g.collect(remote.apply(cluster.scatter(g.source, options)).gather());
            AtomicInteger fired = new AtomicInteger();
            for (T x : input) {
                g.emitWithRef(x, fired);
            }
            g.await(expected);
            // Every ref fires (a filtered element's too, when its batch's turn comes), so every batch is
            // done: no output can follow the ones counted below.
            g.awaitOnLoop(() -> fired.get() == input.size(), input.size() + " ref callbacks, got " + fired.get());
            List<Object> out = g.awaitExactly(expected);
            // Exactly once, and never before the element's result was emitted downstream of gather.
            assertEquals(input.size(), fired.get(), "ref callbacks");
            assertEquals(0, g.refsFiredEarly.get(), "refs that fired before their element's result arrived");
            assertEquals(List.of(), g.errors);
            return out;
        }
    }

    static <T> List<Object> direct(List<T> input, Function<Stream<T>, Stream<?>> local) {
        Stream<T> s = Stream.create();
        List<Object> out = new ArrayList<>();
        local.apply(s).sink(out::add);
        input.forEach(s::emit);
        return out;
    }

    static <T> void assertSameAsDirect(List<T> input, ScatterOptions options, Function<Stream<T>, Stream<?>> local,
                                       Function<DistributedStream<T>, DistributedStream<?>> remote) {
        List<Object> expected = direct(input, local);
        assertEquals(expected, gathered(input, options, expected.size(), remote));
    }

    static List<Integer> range(int n) {
        return IntStream.range(0, n).boxed().toList();
    }

    @Test
    void M01_mapRunsOnMembersAndGathersInOrder() {
        assertEquals(List.of(1, 2, 3, 4, 5), gathered(range(5), ScatterOptions.defaults(), 5,
                d -> d.map(x -> x + 1)));
        // Many batches, on every member, still in input order.
        assertEquals(range(1001).subList(1, 1001), gathered(range(1000), batches(10), 1000,
                d -> d.map(x -> x + 1)));
    }

    @Test
    void M02_aMapElementTravelsWhole() {
        List<Map<String, Integer>> dicts = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            dicts.add(Map.of("x", i, "y", i));
        }
        assertEquals(List.of(0, 1, 2, 3, 4), gathered(dicts, ScatterOptions.defaults(), 5, d -> d.map(m -> m.get("x"))));
    }

    @Test
    void M03_identicalValuesAreProcessedSeparately() {
        List<Object> out = gathered(List.of(0, 0, 0), ScatterOptions.defaults(), 3,
                d -> d.map(x -> Math.random()));
        assertEquals(3, out.size());
        assertTrue(new HashSet<>(out).size() > 1, "three random draws, not one value reused: " + out);
    }

    @Test
    void M04_accumulateKeepsItsStateInTheClusterAcrossBatches() {
        // streamz: scatter().map(inc).scan(add) over 0..4.
        assertEquals(List.of(1, 3, 6, 10, 15), gathered(range(5), batches(2), 5,
                d -> d.map(x -> x + 1).accumulate(Integer::sum)));
        // C04 with a start value, one element per batch: the state carries from batch to batch.
        assertEquals(List.of(1, 2, 3, 4, 5), gathered(List.of(0, 0, 0, 0, 0), batches(1), 5,
                d -> d.accumulate((Integer acc, Integer x) -> acc + 1, 0)));
    }

    @Test
    void M06_starmapUnpacksPairs() {
        List<List<Integer>> pairs = range(5).stream().map(i -> List.of(i, i)).toList();
        assertEquals(List.of(10, 12, 14, 16, 18), gathered(pairs, ScatterOptions.defaults(), 5,
                d -> d.starmap((a, b) -> (Integer) a + (Integer) b + 10)));
        assertSameAsDirect(List.of(List.of(1, 10)), ScatterOptions.defaults(),
                s -> s.starmap((a, b) -> (Integer) a + (Integer) b), d -> d.starmap((a, b) -> (Integer) a + (Integer) b));
    }

    @Test
    void M07_emitFromAnotherThreadReturnsOnAcceptanceAndResultsArriveInOrder() {
        try (Gathered<Integer> g = new Gathered<>("sync")) {
            g.collect(cluster.scatter(g.source).map(x -> x + 1).gather());
            for (int i = 0; i < 10; i++) {
                g.source.emit(i); // from the test thread: handed to the loop, returns once accepted
            }
            assertEquals(range(11).subList(1, 11), g.awaitExactly(10));
        }
    }

    @Test
    void M08_batchesRunOnSeveralMembersAndLeaveInInputOrder() {
        // Member 1 is slow: its batches answer last, yet every result leaves in input order.
        ScatterOptions options = ScatterOptions.builder().batchSize(5).maxBatchesInFlight(6).build();
        List<Object> out = gathered(range(300), options, 300, d -> d.map(x -> {
            String thread = Thread.currentThread().getName();
            if (thread.contains("-member-1")) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
            }
            return List.of(x, thread);
        }));
        Set<String> ranOn = new HashSet<>();
        for (int i = 0; i < out.size(); i++) {
            List<?> pair = (List<?>) out.get(i);
            assertEquals(i, pair.get(0));
            String thread = (String) pair.get(1);
            ranOn.add(thread.replaceAll(".*(-member-[0-9]+).*", "$1"));
        }
        assertEquals(Set.of("-member-0", "-member-1", "-member-2"), ranOn);
    }

    @Test
    void M09_partitionThenScatterHoldsTheSharedRefUntilTheLastResult() {
        try (Gathered<Integer> g = new Gathered<>("partition")) {
            Stream<List<Integer>> pairs = g.source.partition(2, Duration.ofMillis(100));
            g.collect(cluster.scatter(pairs)
                    .map(t -> t.stream().map(v -> v + 1).toList())
                    .gather()
                    .flatten());
            AtomicInteger fired = new AtomicInteger();
            RefCounter ref = new RefCounter(fired::incrementAndGet);
            for (int i = 0; i < 3; i++) {
                g.source.emit(i, List.of(Map.of(RefCounter.METADATA_KEY, ref)));
            }
            assertEquals(List.of(1, 2, 3), g.awaitExactly(3)); // the partial (2,) leaves by the timeout
            g.awaitOnLoop(ref::fired, "the shared ref");
            assertEquals(1, fired.get());
            assertEquals(0, g.refsFiredEarly.get());
        }
    }

    @Test
    void M10_gatherRunsOnTheGraphsScheduler() {
        try (Gathered<Integer> g = new Gathered<>("loop")) {
            Stream<Integer> gathered = cluster.scatter(g.source).map(x -> x).gather();
            assertSame(g.loop, gathered.scheduler().orElseThrow());
            assertEquals("gather", gathered.operator());
            assertEquals(List.of("map"), gathered.parameters().get("steps"));
        }
    }

    @Test
    void M11_coreConformancePipelinesGiveTheDirectResults() {
        // A01: map then scan, next to a local branch.
        assertSameAsDirect(range(4), ScatterOptions.defaults(), s -> s.map(x -> x + 1).scan(Integer::sum),
                d -> d.map(x -> x + 1).accumulate(Integer::sum));
        // B03: starmap over a pair.
        assertSameAsDirect(List.of(List.of(1, 10), List.of(2, 20)), ScatterOptions.defaults(),
                s -> s.starmap((a, b) -> (Integer) a + (Integer) b), d -> d.starmap((a, b) -> (Integer) a + (Integer) b));
        // B04: filter, with captured arguments.
        int lo = 3;
        int hi = 5;
        assertSameAsDirect(range(10), batches(3), s -> s.filter(x -> lo <= x && x < hi),
                d -> d.filter(x -> lo <= x && x < hi));
        // B09, B10: flatten lists, an empty one among them, strings and maps' keys.
        assertSameAsDirect(List.<Object>of(List.of(1, 2, 3), List.of(), List.of(4, 5), "abc", Map.of("x", 1)),
                batches(2), s -> s.flatten(), d -> d.flatten());
        // C01, C04: accumulate without and with a start value.
        assertSameAsDirect(range(4), batches(1), s -> s.map(x -> x + 1).scan(Integer::sum),
                d -> d.map(x -> x + 1).accumulate(Integer::sum));
        assertSameAsDirect(List.of(0, 0, 0, 0, 0), batches(2), s -> s.accumulate((Integer acc, Integer x) -> acc + 1, 0),
                d -> d.accumulate((Integer acc, Integer x) -> acc + 1, 0));
        // Every step at once over a seeded random input, across many batches.
        Random random = new Random(42);
        List<Integer> input = IntStream.range(0, 3000).map(i -> random.nextInt(100)).boxed().toList();
        assertSameAsDirect(input, batches(64),
                s -> s.map(x -> x * 3).filter(x -> x % 2 == 0).map(x -> List.of(x, x + 1)).<Integer>flatten()
                        .accumulate((Long acc, Integer x) -> acc + x, 0L).map(x -> x % 1000),
                d -> d.map(x -> x * 3).filter(x -> x % 2 == 0).map(x -> List.of(x, x + 1)).<Integer>flatten()
                        .accumulate((Long acc, Integer x) -> acc + x, 0L).map(x -> x % 1000));
    }

    @Test
    void M12_backPressureBoundsWhatTheGatherNodeHolds() {
        ScatterOptions options = ScatterOptions.builder().batchSize(20).maxBatchesInFlight(2).build();
        try (Gathered<Integer> g = new Gathered<>("slow")) {
            AtomicInteger maxHeld = new AtomicInteger();
            java.util.concurrent.atomic.AtomicReference<Stream<Integer>> gather = new java.util.concurrent.atomic.AtomicReference<>();
            Stream<Integer> probe = g.source.map(x -> {
                if (gather.get() != null) {
                    maxHeld.accumulateAndGet(gather.get().bufferedCount(), Math::max);
                }
                return x;
            });
            gather.set(cluster.scatter(probe, options).map(x -> {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1)); // the cluster is slower than the producer
                return x;
            }).gather());
            g.collect(gather.get());
            for (int i = 0; i < 1000; i++) {
                g.source.emit(i);
            }
            assertEquals(range(1000), g.awaitExactly(1000));
            // Two batches in flight, one waiting (its emitters are held) and one filling: 4 x 20.
            assertTrue(maxHeld.get() <= 80, "held " + maxHeld.get() + " elements, the bound is 80");
            assertTrue(maxHeld.get() >= 40, "the producer was held, so it must have filled what flies: "
                    + maxHeld.get());
        }
        // emitAsync: the futures of elements that wait for a place in flight complete later, all of them.
        try (Gathered<Integer> g = new Gathered<>("slow-async")) {
            g.collect(cluster.scatter(g.source, options).map(x -> {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
                return x;
            }).gather());
            List<java.util.concurrent.CompletableFuture<Void>> accepted = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                accepted.add(g.source.emitAsync(i));
            }
            // 200 elements need 10 batches of 20 ms each; only 3 fit before the emitters are held.
            assertTrue(accepted.stream().anyMatch(f -> !f.isDone()), "every emitAsync completed at once");
            java.util.concurrent.CompletableFuture.allOf(accepted.toArray(java.util.concurrent.CompletableFuture<?>[]::new))
                    .orTimeout(60, TimeUnit.SECONDS).join();
            assertEquals(range(200), g.awaitExactly(200));
        }
    }

    @Test
    void M14_aNonSerializableFunctionFailsAtBuildNamingTheStep() {
        Object notSerializable = new Object();
        try (Gathered<Integer> g = new Gathered<>("unserializable")) {
            DistributedStream<Integer> d = cluster.scatter(g.source).map(x -> x + 1);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> d.filter(x -> x.equals(notSerializable)));
            assertTrue(e.getMessage().startsWith("scatter filter (step 2 after 'unserializable', built at "
                    + "ScatterGatherTest.java:"), e.getMessage());
            assertTrue(e.getMessage().contains("the predicate is not serializable"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> d.accumulate((Object acc, Integer x) -> acc, notSerializable));

            // An element that does not serialize is reported at run time, naming the gather node; the next ones go on.
            Gathered<Object> h = new Gathered<>("unserializable-element");
            try (h) {
                h.collect(cluster.scatter(h.source, batches(1)).map(x -> x).gather());
                AtomicInteger fired = new AtomicInteger();
                h.emitWithRef(1, fired);
                h.emitWithRef(notSerializable, fired);
                h.emitWithRef(3, fired);
                assertEquals(List.of(1, 3), h.awaitExactly(2));
                h.awaitOnLoop(() -> fired.get() == 3, "every ref released");
                assertEquals(1, h.errors.size(), h.errors.toString());
                assertEquals("gather", h.errors.getFirst().operator());
            }
        }
    }

    @Test
    void M15_aFailingFunctionOnAMemberIsReportedAndItsElementReleased() {
        try (Gathered<Integer> g = new Gathered<>("failing")) {
            g.collect(cluster.scatter(g.source, batches(3)).map(x -> 10 / x).gather());
            AtomicInteger fired = new AtomicInteger();
            for (int x : List.of(1, 0, 2)) {
                g.emitWithRef(x, fired);
            }
            assertEquals(List.of(10, 5), g.awaitExactly(2));
            g.awaitOnLoop(() -> fired.get() == 3, "every ref released");
            assertEquals(1, g.errors.size(), g.errors.toString());
            StreamException e = g.errors.getFirst();
            assertEquals("gather", e.operator());
            assertTrue(e.getMessage().contains("scatter map (step 1 after 'failing', built at ScatterGatherTest.java:"),
                    e.getMessage());
            assertTrue(e.getMessage().contains("failed on member") && e.getMessage().contains("ArithmeticException"),
                    e.getMessage());
        }
    }

    @Test
    void M16_lingerSendsAPartialBatchOnTheGraphsClock() {
        VirtualScheduler clock = new VirtualScheduler();
        Stream<Integer> source = Stream.<Integer>create("virtual").withScheduler(clock);
        ScatterOptions options = ScatterOptions.builder().batchSize(100).linger(Duration.ofMillis(50)).build();
        Stream<Integer> gathered = cluster.scatter(source, options).map(x -> x * 10).gather();
        List<Integer> out = gathered.sinkToList();
        for (int i = 0; i < 3; i++) {
            source.emit(i);
        }
        clock.advanceBy(Duration.ofMillis(49));
        assertEquals(3, gathered.bufferedCount());
        assertEquals(List.of(), out);
        clock.advanceBy(Duration.ofMillis(1)); // the linger timer sends the three
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (out.size() < 3) { // the members answer on their own threads; their answers queue on the clock
            if (System.nanoTime() > deadline) {
                fail("no answer from the cluster in 60 s");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            clock.runUntilIdle();
        }
        assertEquals(List.of(0, 10, 20), out);
        assertEquals(Duration.ofMillis(50), clock.elapsed());
        assertEquals(0, gathered.bufferedCount());
    }

    @Test
    void M17_aClientOfTheClusterScattersToo() {
        ClusterOptions o = members.options();
        List<String> addresses = List.of(o.host() + ":" + o.port(), o.host() + ":" + (o.port() + 1));
        try (Cluster client = Cluster.client(o.toBuilder().members(addresses).build());
             Gathered<Integer> g = new Gathered<>("client")) {
            assertEquals(3, client.memberCount());
            g.collect(client.scatter(g.source, batches(7)).map(x -> x * x).filter(x -> x % 2 == 1)
                    .accumulate(Integer::sum).gather());
            for (int i = 0; i < 50; i++) {
                g.source.emit(i);
            }
            assertEquals(direct(range(50), s -> s.map(x -> x * x).filter(x -> x % 2 == 1).scan(Integer::sum)),
                    g.awaitExactly(25));
        }
        assertNotEquals(0, cluster.memberCount());
    }
}
