package dev.streamz.interop;

import dev.streamz.PublisherOptions;
import dev.streamz.RefCounter;
import dev.streamz.Source;
import dev.streamz.Stream;
import dev.streamz.SubscriberOptions;
import dev.streamz.VirtualScheduler;
import org.junit.jupiter.api.Test;
import reactor.adapter.JdkFlowAdapter;
import reactor.core.publisher.Flux;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Demand accounting and metadata refs across the Flow boundary, on virtual time (deterministic). */
class PublisherInteropTest {

    /**
     * fromPublisher requests {@code prefetch} up front and then {@code prefetch - lowWater} at a time, only
     * as the graph accepts: a sink that has not finished its work holds the publisher back.
     */
    @Test
    void demandFollowsAcceptanceNotArrival() {
        VirtualScheduler vs = new VirtualScheduler();
        List<Long> requests = new ArrayList<>();
        Flux<Integer> upstream = Flux.range(0, 100).doOnRequest(requests::add);
        Source<Integer> source = Stream.fromPublisher(JdkFlowAdapter.publisherToFlowPublisher(upstream),
                SubscriberOptions.builder().prefetch(8).lowWater(2).build());
        source.withScheduler(vs);
        List<CompletableFuture<Void>> work = new ArrayList<>();
        List<Integer> taken = new ArrayList<>();
        source.sinkAsync(x -> {
            taken.add(x);
            CompletableFuture<Void> f = new CompletableFuture<>();
            work.add(f);
            return f;
        });
        source.start();
        vs.runUntilIdle();
        assertEquals(List.of(8L), requests);
        assertEquals(List.of(0), taken, "the next element waits for the sink's work");
        assertEquals(7, source.bufferedCount());
        for (int i = 0; i < 5; i++) {
            work.get(i).complete(null);
            vs.runUntilIdle();
        }
        assertEquals(List.of(8L), requests, "5 accepted: outstanding demand 3 > low water 2");
        work.get(5).complete(null);
        vs.runUntilIdle();
        assertEquals(List.of(8L, 6L), requests, "6 accepted: demand fell to the low-water mark");
        for (int i = 6; i < 100; i++) {
            work.get(i).complete(null);
            vs.runUntilIdle();
        }
        assertEquals(100, taken.size());
        assertTrue(source.isStopped(), "onComplete ended the source");
    }

    /** A queued element's ref is held until the subscriber's onNext returns, and released right after. */
    @Test
    void refsAreReleasedWhenOnNextReturns() {
        VirtualScheduler vs = new VirtualScheduler();
        Stream<String> in = Stream.create();
        in.withScheduler(vs);
        Flow.Publisher<String> out = in.toPublisher(PublisherOptions.defaults());
        AtomicBoolean acked = new AtomicBoolean();
        List<Boolean> ackedDuringOnNext = new ArrayList<>();
        AtomicReference<Flow.Subscription> subscription = new AtomicReference<>();
        out.subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription s) {
                subscription.set(s);
            }

            @Override
            public void onNext(String item) {
                ackedDuringOnNext.add(acked.get());
            }

            @Override
            public void onError(Throwable t) {
            }

            @Override
            public void onComplete() {
            }
        });
        RefCounter ref = new RefCounter(() -> acked.set(true));
        in.emit("order-1", List.of(Map.of(RefCounter.METADATA_KEY, ref)));
        assertFalse(acked.get(), "queued for a subscriber without demand: still held");
        subscription.get().request(1);
        assertEquals(List.of(false), ackedDuringOnNext);
        assertTrue(acked.get(), "released once onNext returned");
    }

    /** A subscriber without demand holds the emitter once its queue is full (back pressure into the graph). */
    @Test
    void aFullQueueHoldsTheEmitter() {
        VirtualScheduler vs = new VirtualScheduler();
        Stream<Integer> in = Stream.create();
        in.withScheduler(vs);
        Flow.Publisher<Integer> out = in.toPublisher(PublisherOptions.builder().bufferSize(2).build());
        List<Integer> got = new ArrayList<>();
        AtomicReference<Flow.Subscription> subscription = new AtomicReference<>();
        out.subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription s) {
                subscription.set(s);
            }

            @Override
            public void onNext(Integer item) {
                got.add(item);
            }

            @Override
            public void onError(Throwable t) {
            }

            @Override
            public void onComplete() {
            }
        });
        assertTrue(in.emitAsync(1).isDone());
        CompletableFuture<Void> second = in.emitAsync(2);
        vs.runUntilIdle();
        assertFalse(second.isDone(), "the queue is full: the graph has not accepted 2");
        subscription.get().request(1);
        vs.runUntilIdle();
        assertTrue(second.isDone(), "room again: accepted");
        assertEquals(List.of(1), got);
    }

    @Test
    void badArgumentsNameTheFactoryAndTheArgument() {
        NullPointerException npe = assertThrows(NullPointerException.class,
                () -> Stream.fromPublisher(null, SubscriberOptions.defaults()));
        assertEquals("fromPublisher: publisher must not be null", npe.getMessage());
        npe = assertThrows(NullPointerException.class, () -> Stream.create().toPublisher(null));
        assertEquals("toPublisher: options must not be null", npe.getMessage());
        IllegalArgumentException iae = assertThrows(IllegalArgumentException.class,
                () -> SubscriberOptions.builder().prefetch(4).lowWater(4).build());
        assertTrue(iae.getMessage().startsWith("fromPublisher: lowWater"), iae.getMessage());
        iae = assertThrows(IllegalArgumentException.class, () -> PublisherOptions.builder().bufferSize(0).build());
        assertEquals("toPublisher: bufferSize must be >= 1, got 0", iae.getMessage());
    }
}
