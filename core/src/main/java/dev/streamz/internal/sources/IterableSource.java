package dev.streamz.internal.sources;

import java.time.Duration;
import java.util.Iterator;
import java.util.Map;

/**
 * {@code fromIterable} / {@code fromIterator} (I02-I04, F21): emits the elements one at a time on the
 * scheduler, pulling the next only after the previous one was accepted, and stops itself when the
 * elements run out. Each start of an {@code Iterable} source iterates it again from the beginning; an
 * {@code Iterator} source continues where it stopped.
 *
 * @param <T> element type
 */
public final class IterableSource<T> extends ScheduledSource<T> {
    private final Iterable<? extends T> iterable;
    private Iterator<? extends T> iterator; // used on the scheduler only

    /**
     * A source over a re-iterable collection.
     *
     * @param iterable iterated again by each start
     */
    public IterableSource(Iterable<? extends T> iterable) {
        super("from_iterable", Map.of());
        this.iterable = iterable;
    }

    /**
     * A source over a one-shot iterator.
     *
     * @param iterator consumed across starts
     */
    public IterableSource(Iterator<? extends T> iterator) {
        super("from_iterator", Map.of());
        this.iterable = null;
        this.iterator = iterator;
    }

    @Override
    void begin() {
        if (iterable != null) {
            iterator = iterable.iterator();
        }
    }

    @Override
    Object next() {
        return iterator.hasNext() ? iterator.next() : END;
    }

    @Override
    Duration idleDelay() {
        return Duration.ZERO;
    }

    @Override
    String failureDetail() {
        return operator() + ": the iterator threw";
    }
}
