package dev.streamz;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A stream whose elements are batches (lists); operations apply to each item inside each batch and emit
 * one list per incoming batch (streamz's {@code Batch}).
 *
 * @param <E> the item type
 */
public final class Batch<E> {
    private final Stream<List<E>> stream;

    Batch(Stream<List<E>> stream) {
        this.stream = stream;
    }

    /** Checks that a stream element really is a batch, so a stray value fails with a clear message. */
    @SuppressWarnings("unchecked")
    private static <E> List<E> asBatch(Object element, String operation) {
        if (element instanceof List<?> list) {
            return (List<E>) list;
        }
        throw new IllegalArgumentException("Batch." + operation + " expects each element to be a List (a batch), got "
                + (element == null ? "null" : element.getClass().getName()));
    }

    /** {@return the underlying stream of lists} */
    public Stream<List<E>> stream() {
        return stream;
    }

    /**
     * Applies {@code f} to each item of each batch.
     *
     * @param f applied to each item
     * @param <R> result item type
     * @return a batch of the results
     * @throws NullPointerException if {@code f} is null
     */
    public <R> Batch<R> map(Function<? super E, ? extends R> f) {
        Stream.requireNonNull(f, "Batch.map: function");
        return new Batch<>(stream.map((Object element) -> {
            List<E> batch = asBatch(element, "map");
            List<R> out = new ArrayList<>(batch.size());
            for (E e : batch) {
                out.add(f.apply(e));
            }
            return out;
        }));
    }

    /**
     * Keeps the items of each batch for which {@code predicate} holds.
     *
     * @param predicate which items to keep
     * @return a batch of the kept items (possibly empty)
     * @throws NullPointerException if {@code predicate} is null
     */
    public Batch<E> filter(Predicate<? super E> predicate) {
        Stream.requireNonNull(predicate, "Batch.filter: predicate");
        return new Batch<>(stream.map((Object element) -> {
            List<E> batch = asBatch(element, "filter");
            List<E> out = new ArrayList<>(batch.size());
            for (E e : batch) {
                if (predicate.test(e)) {
                    out.add(e);
                }
            }
            return out;
        }));
    }

    /**
     * Picks one part of each item of each batch.
     *
     * @param pick an index or map key picked from each item
     * @param <R> result item type
     * @return a batch of the picked values
     */
    @SuppressWarnings("unchecked")
    public <R> Batch<R> pluck(Object pick) {
        return map(e -> (R) dev.streamz.internal.Picks.pick(e, pick));
    }

    /**
     * Applies {@code f} to each whole batch.
     *
     * @param f applied to each whole batch
     * @param <R> result item type
     * @return a batch of what {@code f} returned
     * @throws NullPointerException if {@code f} is null
     */
    public <R> Batch<R> mapPartitions(Function<? super List<E>, ? extends List<R>> f) {
        Stream.requireNonNull(f, "Batch.mapPartitions: function");
        return new Batch<>(stream.map(f));
    }

    /**
     * Accumulates over whole batches.
     *
     * @param f {@code f(state, batch)} is the new state, emitted after each batch
     * @param start the initial state
     * @param <S> state type
     * @return a stream of states
     */
    public <S> Stream<S> accumulatePartitions(BiFunction<? super S, ? super List<E>, ? extends S> f, S start) {
        return stream.accumulate(f, start);
    }

    /**
     * A running total of every item of every batch, emitted after each batch. Integral items sum to a
     * {@code Long}, others to a {@code Double}.
     *
     * @return a stream of totals
     */
    public Stream<Number> sum() {
        return stream.accumulate((Number total, Object element) -> {
            List<E> batch = asBatch(element, "sum");
            Number t = total;
            for (E e : batch) {
                if (!(e instanceof Number n)) {
                    throw new IllegalArgumentException("Batch.sum: item " + e + " is not a Number");
                }
                t = add(t, n);
            }
            return t;
        }, 0L);
    }

    /** {@return a stream of the items, batch after batch (flatten)} */
    public Stream<E> toStream() {
        return stream.flatten();
    }

    private static Number add(Number a, Number b) {
        if (isIntegral(a) && isIntegral(b)) {
            return Math.addExact(a.longValue(), b.longValue());
        }
        return a.doubleValue() + b.doubleValue();
    }

    private static boolean isIntegral(Number n) {
        return n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte;
    }
}
