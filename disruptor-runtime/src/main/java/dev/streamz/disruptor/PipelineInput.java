package dev.streamz.disruptor;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A way into a compiled pipeline: emitting here is the compiled equivalent of {@code node.emit(x)}.
 * Thread-safe with {@link ProducerKind#MULTI} (the default); with {@link ProducerKind#SINGLE} one
 * thread at a time may emit.
 *
 * @param <T> the element type
 */
public interface PipelineInput<T> {
    /**
     * Publishes {@code x}, blocking while the entry ring is full (back pressure).
     *
     * @param x the element, may be {@code null}
     * @throws IllegalStateException if the pipeline is closed, or halted (the cause is the failure)
     */
    void emit(T x);

    /**
     * Publishes {@code x} with metadata; each {@link dev.streamz.RefCounter} in it is held until the last
     * segment that holds the element has processed it.
     *
     * @param x the element
     * @param metadata a list of maps, not {@code null} (use {@code List.of()} for none)
     * @throws IllegalStateException if the pipeline is closed or halted
     * @throws NullPointerException if the metadata is {@code null} or holds a {@code null} map
     */
    void emit(T x, List<Map<String, Object>> metadata);

    /**
     * Publishes the elements of {@code elements} in order, as that many calls to {@link #emit(Object)}
     * would, but in runs: it claims the entry ring's slots for a run of elements at once, fills them, and
     * makes the run visible to the pipeline with one publish, so the claim and the wake-up of an idle
     * segment thread are paid once per run instead of once per element. A run is at most a quarter of the
     * ring; it blocks while the ring has no room for the next run (back pressure). The elements carry no
     * metadata. The list is read during the call and not kept.
     *
     * @param elements the elements, each may be {@code null}
     * @throws IllegalStateException if the pipeline is closed, or halted (the cause is the failure); the
     *     runs published before it stay published (an exception from the list itself likewise: a run
     *     is read before its slots are claimed)
     * @throws NullPointerException if {@code elements} is {@code null}
     */
    void emitAll(List<? extends T> elements);

    /**
     * Publishes {@code x} if the entry ring has room; never blocks.
     *
     * @param x the element
     * @return {@link EmitResult#ACCEPTED}, or why not
     */
    EmitResult tryEmit(T x);

    /**
     * {@link #tryEmit(Object)} with metadata.
     *
     * @param x the element
     * @param metadata a list of maps, not {@code null}
     * @return {@link EmitResult#ACCEPTED}, or why not
     */
    EmitResult tryEmit(T x, List<Map<String, Object>> metadata);

    /**
     * Publishes {@code x} without blocking the caller: the future completes when the pipeline has accepted
     * {@code x} (it is in the ring), or exceptionally if the pipeline closes or halts first. Elements given
     * to {@code emitAsync} are accepted in call order. Needs {@link ProducerKind#MULTI}.
     *
     * @param x the element
     * @return completes on acceptance
     * @throws IllegalStateException with {@link ProducerKind#SINGLE}
     */
    CompletableFuture<Void> emitAsync(T x);
}
