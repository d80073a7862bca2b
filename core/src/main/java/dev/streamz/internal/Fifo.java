package dev.streamz.internal;

import java.util.Arrays;

/**
 * A growable array ring used as a FIFO by the holding operators. Unlike {@code ArrayDeque} it accepts
 * {@code null}, which is an ordinary element in a stream (Python's {@code None}).
 *
 * @param <E> element type
 */
public final class Fifo<E> {
    private Object[] ring = new Object[8];
    private int head;
    private int size;

    /** @return whether the queue is empty */
    public boolean isEmpty() {
        return size == 0;
    }

    /** @return the number of elements */
    public int size() {
        return size;
    }

    /** Appends {@code e} (may be {@code null}). */
    public void addLast(E e) {
        if (size == ring.length) {
            Object[] bigger = new Object[ring.length * 2];
            for (int i = 0; i < size; i++) {
                bigger[i] = ring[(head + i) & (ring.length - 1)];
            }
            ring = bigger;
            head = 0;
        }
        ring[(head + size) & (ring.length - 1)] = e;
        size++;
    }

    /** @return the oldest element; the queue must not be empty */
    @SuppressWarnings("unchecked")
    public E peekFirst() {
        if (size == 0) {
            throw new IllegalStateException("empty");
        }
        return (E) ring[head];
    }

    /** @return the element {@code i} positions from the oldest */
    @SuppressWarnings("unchecked")
    public E get(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException(i);
        }
        return (E) ring[(head + i) & (ring.length - 1)];
    }

    /** Removes and returns the oldest element; the queue must not be empty. */
    public E pollFirst() {
        E e = peekFirst();
        ring[head] = null; // no retention of user objects
        head = (head + 1) & (ring.length - 1);
        size--;
        return e;
    }

    /** @return the elements, oldest first, in a new array */
    public Object[] toArray() {
        Object[] out = new Object[size];
        for (int i = 0; i < size; i++) {
            out[i] = ring[(head + i) & (ring.length - 1)];
        }
        return out;
    }

    /** Removes everything. */
    public void clear() {
        Arrays.fill(ring, null);
        head = 0;
        size = 0;
    }
}
