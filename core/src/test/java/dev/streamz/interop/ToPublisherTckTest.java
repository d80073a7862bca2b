package dev.streamz.interop;

import dev.streamz.PublisherOptions;
import dev.streamz.Source;
import dev.streamz.Stream;
import dev.streamz.SubscriberOptions;
import org.reactivestreams.tck.flow.FlowPublisherVerification;
import org.testng.SkipException;
import org.testng.annotations.Test;

import java.io.IOException;
import java.util.concurrent.Flow;

/**
 * The Reactive Streams TCK's publisher verification against {@code toPublisher}: every required rule must
 * pass. Each publisher is a fresh graph {@code fromIterable(0..n-1) -> toPublisher} on the TCK's event loop;
 * the failed publisher is a {@code fromPublisher} whose upstream signals {@code onError}, so the failure
 * travels through the graph as a user's would.
 */
@Test
public class ToPublisherTckTest extends FlowPublisherVerification<Long> {
    public ToPublisherTckTest() {
        super(Tck.environment(), 300);
    }

    @Override
    public Flow.Publisher<Long> createFlowPublisher(long elements) {
        Source<Long> source = Stream.fromIterable(Tck.range(elements));
        source.withScheduler(Tck.SCHEDULER);
        Flow.Publisher<Long> publisher = source.toPublisher(PublisherOptions.builder().bufferSize(16).build());
        source.start();
        return publisher;
    }

    @Override
    public Flow.Publisher<Long> createFailedFlowPublisher() {
        Flow.Publisher<Long> failing = s -> {
            s.onSubscribe(new Flow.Subscription() {
                @Override
                public void request(long n) {
                }

                @Override
                public void cancel() {
                }
            });
            s.onError(new IOException("upstream failed on purpose"));
        };
        Source<Long> source = Stream.fromPublisher(failing, SubscriberOptions.defaults());
        source.withScheduler(Tck.SCHEDULER);
        Flow.Publisher<Long> publisher = source.toPublisher(PublisherOptions.defaults());
        source.start();
        return publisher;
    }

    @Override
    public long maxElementsFromPublisher() {
        return Long.MAX_VALUE - 1;
    }

    // The optional multicast rules (1.11) want every subscriber to see the same sequence. toPublisher is a hot
    // multicast: a subscriber sees what the graph emits after it subscribed (plus, for the first one, what
    // waited while nobody was subscribed), so a later subscriber of an already running graph sees less.
    private static final String HOT = "toPublisher is a hot multicast: a subscriber that arrives later sees only"
            + " the elements emitted after it subscribed (rule 1.11 leaves this to the publisher)";

    @Override
    public void optional_spec111_multicast_mustProduceTheSameElementsInTheSameSequenceToAllOfItsSubscribersWhenRequestingOneByOne() {
        throw new SkipException(HOT);
    }

    @Override
    public void optional_spec111_multicast_mustProduceTheSameElementsInTheSameSequenceToAllOfItsSubscribersWhenRequestingManyUpfront() {
        throw new SkipException(HOT);
    }

    @Override
    public void optional_spec111_multicast_mustProduceTheSameElementsInTheSameSequenceToAllOfItsSubscribersWhenRequestingManyUpfrontAndCompleteAsExpected() {
        throw new SkipException(HOT);
    }
}
