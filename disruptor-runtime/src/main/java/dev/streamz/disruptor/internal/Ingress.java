package dev.streamz.disruptor.internal;

import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.RingBuffer;
import dev.streamz.Stream;
import dev.streamz.disruptor.EmitResult;
import dev.streamz.disruptor.PipelineInput;
import dev.streamz.internal.runtime.GraphAccess;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** Emits into one node of the entry segment by publishing into the entry ring. Allocation-free. */
final class Ingress<T> implements PipelineInput<T> {
    private final PipelineImpl<?> pipeline;
    private final Lifecycle lifecycle;
    private final Stream<T> node;
    private final Ring ring;
    private final RingBuffer<RingEvent<Object>> buffer;

    Ingress(PipelineImpl<?> pipeline, Lifecycle lifecycle, Stream<T> node, Ring ring) {
        this.pipeline = pipeline;
        this.lifecycle = lifecycle;
        this.node = node;
        this.ring = ring;
        this.buffer = ring.buffer;
    }

    @Override
    public void emit(T x) {
        publish(x, GraphAccess.none());
    }

    @Override
    public void emit(T x, List<Map<String, Object>> metadata) {
        publish(x, GraphAccess.validate(metadata, node));
    }

    void publish(Object x, List<Map<String, Object>> md) {
        lifecycle.checkOpen();
        if (!md.isEmpty()) {
            GraphAccess.retain(md, 1); // released by the entry segment once the element is processed
        }
        long seq = ring.claim();
        buffer.get(seq).set(x, md, node, null, 1);
        buffer.publish(seq);
    }

    @Override
    public EmitResult tryEmit(T x) {
        return tryPublish(x, GraphAccess.none());
    }

    @Override
    public EmitResult tryEmit(T x, List<Map<String, Object>> metadata) {
        return tryPublish(x, GraphAccess.validate(metadata, node));
    }

    EmitResult tryPublish(Object x, List<Map<String, Object>> md) {
        EmitResult refused = lifecycle.refusal();
        if (refused != null) {
            return refused;
        }
        long seq;
        try {
            seq = buffer.tryNext();
        } catch (InsufficientCapacityException full) { // a preallocated singleton: no allocation
            return EmitResult.BACK_PRESSURED;
        }
        if (!md.isEmpty()) {
            GraphAccess.retain(md, 1);
        }
        buffer.get(seq).set(x, md, node, null, 1);
        buffer.publish(seq);
        return EmitResult.ACCEPTED;
    }

    @Override
    public CompletableFuture<Void> emitAsync(T x) {
        return pipeline.emitAsync(this, x);
    }
}
