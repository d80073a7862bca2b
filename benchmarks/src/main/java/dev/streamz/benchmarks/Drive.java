package dev.streamz.benchmarks;

import dev.streamz.Stream;
import io.reactivex.rxjava3.subjects.PublishSubject;
import reactor.core.publisher.Sinks;

/** Pushes a batch of inputs, one emit per element, into a pre-built pipeline of each library. */
public final class Drive {
    private Drive() {
    }

    /** streamz-jvm: {@code Stream.emit(x)} per element. */
    public static void streamz(Stream<Integer> source, Integer[] inputs) {
        for (int i = 0; i < inputs.length; i++) {
            source.emit(inputs[i]);
        }
    }

    /** RxJava 3: {@code PublishSubject.onNext(x)} per element. */
    public static void rxjava(PublishSubject<Integer> source, Integer[] inputs) {
        for (int i = 0; i < inputs.length; i++) {
            source.onNext(inputs[i]);
        }
    }

    /**
     * Reactor: {@code Sinks.Many.tryEmitNext(x)} per element on an unsafe (non-serialized) direct multicast
     * sink. The result is checked, so an element that a subscriber dropped fails the run instead of being
     * counted as delivered.
     */
    public static void reactor(Sinks.Many<Integer> source, Integer[] inputs) {
        for (int i = 0; i < inputs.length; i++) {
            Sinks.EmitResult r = source.tryEmitNext(inputs[i]);
            if (r != Sinks.EmitResult.OK) {
                throw new IllegalStateException("Reactor sink refused element " + i + ": " + r);
            }
        }
    }

    /** @return the cheapest multicast sink Reactor offers that matches emit's contract (one emitting thread) */
    public static Sinks.Many<Integer> reactorSource() {
        return Sinks.unsafe().many().multicast().directBestEffort();
    }
}
