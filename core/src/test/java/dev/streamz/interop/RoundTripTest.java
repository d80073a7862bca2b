package dev.streamz.interop;

import dev.streamz.PublisherOptions;
import dev.streamz.PublisherOptions.Overflow;
import dev.streamz.RefCounter;
import dev.streamz.Scheduler;
import dev.streamz.Schedulers;
import dev.streamz.Source;
import dev.streamz.Stream;
import dev.streamz.StreamException;
import dev.streamz.SubscriberOptions;
import dev.streamz.internal.operators.PublisherNode;
import io.reactivex.rxjava3.core.Flowable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.reactivestreams.FlowAdapters;
import reactor.adapter.JdkFlowAdapter;
import reactor.core.publisher.Flux;
import java.util.concurrent.locks.LockSupport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Round trips through real Reactor and RxJava pipelines, over their {@code Flow} adapters: order,
 * completeness, back pressure in both directions, bounded buffering, cancellation and errors.
 */
class RoundTripTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final List<StreamException> ERRORS = new CopyOnWriteArrayList<>();
    private static final Scheduler LOOP = Schedulers.newEventLoop("round-trip", ERRORS::add);

    @AfterAll
    static void noUnexpectedErrors() {
        ERRORS.removeIf(e -> String.valueOf(e.getMessage()).contains("signalled onError"));
        assertEquals(List.of(), ERRORS);
    }

    private static SubscriberOptions prefetch(int n, int low) {
        return SubscriberOptions.builder().prefetch(n).lowWater(low).build();
    }

    private static PublisherOptions buffer(int n) {
        return PublisherOptions.builder().bufferSize(n).build();
    }

    @Test
    void fluxThroughAPipelineBackToFluxKeepsOrderAndCompletes() {
        Flux<Integer> upstream = Flux.range(0, 20_000);
        Source<Integer> source = Stream.fromPublisher(JdkFlowAdapter.publisherToFlowPublisher(upstream),
                prefetch(64, 16));
        source.withScheduler(LOOP);
        Flow.Publisher<Integer> out = source.map(x -> x * 2).toPublisher(buffer(32));
        source.start();
        List<Integer> got = JdkFlowAdapter.flowPublisherToFlux(out).collectList().block(WAIT);
        assertEquals(IntStream.range(0, 20_000).map(x -> x * 2).boxed().toList(), got);
        assertTrue(source.isStopped(), "the source ended with its publisher");
    }

    @Test
    void flowableThroughAPipelineBackToFlowable() {
        Flowable<Long> upstream = Flowable.rangeLong(1, 10_000);
        Source<Long> source = Stream.fromPublisher(FlowAdapters.toFlowPublisher(upstream), prefetch(16, 4));
        source.withScheduler(LOOP);
        Flow.Publisher<Long> out = source.filter(x -> x % 3 == 0).toPublisher(buffer(8));
        source.start();
        List<Long> got = Flowable.fromPublisher(FlowAdapters.toPublisher(out)).toList().blockingGet();
        assertEquals(LongStream.rangeClosed(1, 10_000).filter(x -> x % 3 == 0).boxed().toList(), got);
    }

    /**
     * A slow downstream subscriber (requests 4 at a time, 1 ms per element) behind a fast upstream: the
     * elements between the upstream's onNext and the downstream's never exceed what the buffers allow:
     * prefetch + the subscriber's queue + the downstream's request batch + the one being handed over.
     */
    @Test
    void aSlowDownstreamSlowsAFastUpstreamWithBoundedBuffering() {
        int prefetch = 16;
        int bufferSize = 8;
        int batch = 4;
        AtomicLong produced = new AtomicLong();
        AtomicLong consumed = new AtomicLong();
        AtomicLong maxInFlight = new AtomicLong();
        Flux<Integer> upstream = Flux.range(0, 600).doOnNext(x -> {
            long inFlight = produced.incrementAndGet() - consumed.get();
            maxInFlight.accumulateAndGet(inFlight, Math::max);
        });
        Source<Integer> source = Stream.fromPublisher(JdkFlowAdapter.publisherToFlowPublisher(upstream),
                prefetch(prefetch, 4));
        source.withScheduler(LOOP);
        Flow.Publisher<Integer> out = source.toPublisher(buffer(bufferSize));
        source.start();
        List<Integer> got = JdkFlowAdapter.flowPublisherToFlux(out)
                .limitRate(batch)
                .doOnNext(x -> {
                    consumed.incrementAndGet();
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
                })
                .collectList().block(WAIT);
        assertEquals(IntStream.range(0, 600).boxed().toList(), got);
        assertTrue(maxInFlight.get() <= prefetch + bufferSize + batch + 1,
                "in flight at most " + (prefetch + bufferSize + batch + 1) + ", saw " + maxInFlight.get());
    }

    /** A slow upstream (elements on a timer) into a fast downstream: everything arrives, in order. */
    @Test
    void aSlowUpstreamIntoAFastDownstream() {
        Flux<Long> upstream = Flux.range(0, 100).map(Integer::longValue).delayElements(Duration.ofMillis(1));
        Source<Long> source = Stream.fromPublisher(JdkFlowAdapter.publisherToFlowPublisher(upstream),
                prefetch(4, 1));
        source.withScheduler(LOOP);
        Flow.Publisher<Long> out = source.toPublisher(buffer(2));
        source.start();
        List<Long> got = Flowable.fromPublisher(FlowAdapters.toPublisher(out)).toList().blockingGet();
        assertEquals(LongStream.range(0, 100).boxed().toList(), got);
    }

    /** Two subscribers with different speeds and demands both get every element, in order. */
    @Test
    void twoSubscribersEachWithItsOwnDemand() throws Exception {
        Stream<Integer> in = Stream.create();
        in.withScheduler(LOOP);
        Flow.Publisher<Integer> out = in.map(x -> x + 1).toPublisher(buffer(4));
        var fast = JdkFlowAdapter.flowPublisherToFlux(out).collectList().toFuture();
        var slow = Flowable.fromPublisher(FlowAdapters.toPublisher(out)).rebatchRequests(1)
                .doOnNext(x -> LockSupport.parkNanos(200_000)).toList().toCompletionStage().toCompletableFuture();
        awaitSubscribers(out, 2);
        for (int i = 0; i < 500; i++) {
            in.emit(i); // blocks while the slow subscriber's queue is full
        }
        in.destroy(); // nothing else comes: the publisher completes
        ((PublisherNode<?>) out).destroy();
        List<Integer> expected = IntStream.range(1, 501).boxed().toList();
        assertEquals(expected, fast.get(30, TimeUnit.SECONDS));
        assertEquals(expected, slow.get(30, TimeUnit.SECONDS));
    }

    @Test
    void cancellationDetachesTheSubscriberAndElementsWaitForTheNext() {
        Stream<Integer> in = Stream.create();
        in.withScheduler(LOOP);
        Flow.Publisher<Integer> out = in.toPublisher(buffer(4));
        var firstTen = JdkFlowAdapter.flowPublisherToFlux(out).take(10).collectList().toFuture();
        awaitSubscribers(out, 1);
        for (int i = 0; i < 10; i++) {
            in.emit(i);
        }
        assertEquals(IntStream.range(0, 10).boxed().toList(), firstTen.join());
        awaitSubscribers(out, 0);
        for (int i = 10; i < 13; i++) {
            in.emit(i); // nobody subscribed: parked, within the buffer
        }
        ((PublisherNode<?>) out).destroy();
        assertEquals(List.of(10, 11, 12), JdkFlowAdapter.flowPublisherToFlux(out).collectList().block(WAIT));
    }

    @Test
    void dropOldestKeepsTheNewestWhileNobodyIsSubscribedAndNeverHoldsTheGraph() {
        Source<Integer> source = Stream.fromIterable(IntStream.range(0, 1000).boxed().toList());
        source.withScheduler(LOOP);
        Flow.Publisher<Integer> out = source.toPublisher(PublisherOptions.builder().bufferSize(5)
                .overflow(Overflow.DROP_OLDEST).build());
        source.start();
        awaitStopped(source); // every element was offered before anyone subscribed
        List<Integer> got = JdkFlowAdapter.flowPublisherToFlux(out).collectList().block(WAIT);
        assertEquals(List.of(995, 996, 997, 998, 999), got);
        assertEquals(995, ((PublisherNode<?>) out).droppedCount());
    }

    @Test
    void stopCancelsTheUpstreamSubscription() throws Exception {
        CountDownLatch cancelled = new CountDownLatch(1);
        Flux<Long> endless = Flux.interval(Duration.ofMillis(1)).doOnCancel(cancelled::countDown);
        Source<Long> source = Stream.fromPublisher(JdkFlowAdapter.publisherToFlowPublisher(endless),
                SubscriberOptions.defaults());
        source.withScheduler(LOOP);
        List<Long> seen = new CopyOnWriteArrayList<>();
        source.sink(seen::add);
        source.start();
        while (seen.size() < 5) {
            Thread.onSpinWait();
        }
        source.stop();
        assertTrue(cancelled.await(30, TimeUnit.SECONDS), "stop() cancelled the Flux");
    }

    @Test
    void anUpstreamErrorIsReportedEndsTheSourceAndReachesTheDownstreamAfterTheElements() {
        List<StreamException> errors = new CopyOnWriteArrayList<>();
        Scheduler loop = Schedulers.newEventLoop("round-trip-error", errors::add);
        Flux<Integer> failing = Flux.range(0, 3).concatWith(Flux.error(new IllegalStateException("disk gone")));
        Source<Integer> source = Stream.fromPublisher(JdkFlowAdapter.publisherToFlowPublisher(failing),
                SubscriberOptions.defaults());
        source.withScheduler(loop);
        Flow.Publisher<Integer> out = source.toPublisher(PublisherOptions.defaults());
        source.start();
        List<Integer> got = new ArrayList<>();
        Throwable end = JdkFlowAdapter.flowPublisherToFlux(out).doOnNext(got::add).then()
                .onErrorResume(e -> reactor.core.publisher.Mono.error(e)).materialize().block(WAIT).getThrowable();
        assertEquals(List.of(0, 1, 2), got);
        assertInstanceOf(IllegalStateException.class, end);
        assertEquals("disk gone", end.getMessage());
        assertTrue(source.isStopped());
        assertEquals(1, errors.size(), errors.toString());
        assertTrue(errors.get(0).getMessage().contains("from_publisher"), errors.get(0).getMessage());
    }

    private static void awaitStopped(Source<?> source) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!source.isStopped()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(source + " did not end");
            }
            Thread.onSpinWait();
        }
    }

    private static void awaitSubscribers(Flow.Publisher<?> out, int n) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (((PublisherNode<?>) out).subscriberCount() != n) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("expected " + n + " subscribers");
            }
            Thread.onSpinWait();
        }
    }
}
