package dev.streamz.internal.operators;

import dev.streamz.Scheduler;
import dev.streamz.internal.Metadata;
import dev.streamz.internal.Tuple;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The open partitions of {@code partition(n, key)} and {@code partition(n, timeout, key)}: one batch per
 * key (or one for all elements), each holding its elements and their metadata until it is emitted. The
 * refs of an element are retained while it waits in a batch; {@link Batch#release()} lets go of them
 * after the batch was emitted.
 */
final class KeyedBatches {
    /** One key's open partition. */
    static final class Batch {
        private final List<Object> items;
        private final List<List<Map<String, Object>>> metadata;
        /** The timed partition's flush timer; null when untimed. */
        Scheduler.Task timer;
        /** When {@link #timer} is due, in its scheduler's {@code now()} time base. */
        long deadline;

        private Batch(int n) {
            items = new ArrayList<>(n);
            metadata = new ArrayList<>(n);
        }

        /** @return how many elements the batch holds */
        int size() {
            return items.size();
        }

        /** @return the elements, as the tuple the partition emits */
        Tuple tuple() {
            return Tuple.copyOf(items);
        }

        /** @return the elements' metadata, concatenated, for the emitted tuple */
        List<Map<String, Object>> concatMetadata() {
            return Metadata.concat(metadata);
        }

        /** @return the holds the batch has on its elements' refs */
        int refCount() {
            return Metadata.refCountAll(metadata);
        }

        /** Releases the refs of every element, once the batch was emitted. */
        void release() {
            Metadata.releaseAll(metadata);
        }
    }

    private final int n;
    private final Map<Object, Batch> open = new LinkedHashMap<>();

    KeyedBatches(int n) {
        this.n = n;
    }

    /**
     * Adds {@code x} to {@code key}'s batch, opening one if needed, and retains its refs.
     *
     * @return the batch; full when its {@link Batch#size()} is {@code n} (the caller then
     *     {@linkplain #remove(Object) removes} and emits it)
     */
    Batch add(Object key, Object x, List<Map<String, Object>> md) {
        Batch b = open.get(key);
        if (b == null) {
            b = new Batch(n);
            open.put(key, b);
        }
        Metadata.retain(md);
        b.items.add(x);
        b.metadata.add(md);
        return b;
    }

    /** @return whether {@code b} is still {@code key}'s open batch (not filled and replaced since) */
    boolean isOpen(Object key, Batch b) {
        return open.get(key) == b;
    }

    /** Closes {@code key}'s batch (emitting it is the caller's). */
    void remove(Object key) {
        open.remove(key);
    }

    /** Calls {@code action} with each open batch and its key, in opening order. */
    void forEachOpen(BiConsumer<Object, Batch> action) {
        open.forEach(action);
    }

    /** @return the holds the open batches have on refs */
    int refCount() {
        int count = 0;
        for (Batch b : open.values()) {
            count += b.refCount();
        }
        return count;
    }

    /** @return how many elements the open batches hold */
    int bufferedCount() {
        int count = 0;
        for (Batch b : open.values()) {
            count += b.size();
        }
        return count;
    }
}
