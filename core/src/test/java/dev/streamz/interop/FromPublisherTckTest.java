package dev.streamz.interop;

import dev.streamz.Source;
import dev.streamz.Stream;
import dev.streamz.SubscriberOptions;
import org.reactivestreams.tck.flow.FlowSubscriberBlackboxVerification;
import org.testng.annotations.Test;

import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The Reactive Streams TCK's blackbox subscriber verification against the subscriber inside
 * {@code fromPublisher}: a real graph ({@code fromPublisher -> map -> sink}) is started against a publisher
 * that only hands over the subscriber, which the TCK then drives.
 */
@Test
public class FromPublisherTckTest extends FlowSubscriberBlackboxVerification<Integer> {
    public FromPublisherTckTest() {
        super(Tck.environment());
    }

    @Override
    @SuppressWarnings("unchecked")
    public Flow.Subscriber<Integer> createFlowSubscriber() {
        AtomicReference<Flow.Subscriber<? super Integer>> handedOver = new AtomicReference<>();
        Flow.Publisher<Integer> capture = handedOver::set;
        Source<Integer> source = Stream.fromPublisher(capture, SubscriberOptions.builder().prefetch(8).lowWater(2)
                .build());
        source.withScheduler(Tck.SCHEDULER);
        source.map(x -> x + 1).sink(x -> { });
        source.start();
        return (Flow.Subscriber<Integer>) handedOver.get();
    }

    @Override
    public Integer createElement(int element) {
        return element;
    }
}
