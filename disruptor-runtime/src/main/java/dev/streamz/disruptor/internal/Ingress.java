package dev.streamz.disruptor.internal;

import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.RingBuffer;
import dev.streamz.Stream;
import dev.streamz.disruptor.EmitResult;
import dev.streamz.disruptor.PipelineInput;
import dev.streamz.internal.runtime.GraphAccess;

import java.util.Arrays;
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
    private final boolean stamp;
    /**
     * Each producer thread's scratch array for {@link #emitAll}: a run is at most a quarter of the ring, so
     * the segment works on one run while the producer fills the next.
     */
    private final ThreadLocal<Object[]> runs;

    /** @return the node this input feeds */
    Stream<T> node() {
        return node;
    }

    Ingress(PipelineImpl<?> pipeline, Lifecycle lifecycle, Stream<T> node, Ring ring) {
        this.pipeline = pipeline;
        this.lifecycle = lifecycle;
        this.node = node;
        this.ring = ring;
        this.buffer = ring.buffer;
        this.stamp = ring.stamp;
        int maxRun = Math.max(1, ring.size / 4);
        this.runs = ThreadLocal.withInitial(() -> new Object[maxRun]);
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
        RingEvent<Object> e = buffer.get(seq);
        e.set(x, md, node, null, 1);
        if (stamp) {
            e.stampedAt = System.nanoTime();
        }
        buffer.publish(seq);
    }

    @Override
    public void emitAll(List<? extends T> elements) {
        if (elements == null) {
            throw new NullPointerException("emitAll: elements must not be null");
        }
        int n = elements.size();
        Object[] run = null;
        for (int from = 0; from < n; ) {
            lifecycle.checkOpen();
            if (run == null) {
                run = runs.get();
            }
            int len = Math.min(n - from, run.length);
            // Read the run before claiming its slots: claimed slots must be published, so nothing that can
            // throw (a list changed by another thread) may run between the claim and the publish.
            try {
                for (int i = 0; i < len; i++) {
                    run[i] = elements.get(from + i);
                }
            } catch (RuntimeException | Error e) {
                Arrays.fill(run, 0, len, null);
                throw e;
            }
            long hi = ring.claim(len);
            long lo = hi - len + 1;
            for (int i = 0; i < len; i++) {
                RingEvent<Object> e = buffer.get(lo + i);
                e.set(run[i], GraphAccess.none(), node, null, 1);
                run[i] = null; // the scratch array keeps no user object alive
                if (stamp) {
                    e.stampedAt = System.nanoTime();
                }
            }
            buffer.publish(lo, hi);
            from += len;
        }
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
        RingEvent<Object> e = buffer.get(seq);
        e.set(x, md, node, null, 1);
        if (stamp) {
            e.stampedAt = System.nanoTime();
        }
        buffer.publish(seq);
        return EmitResult.ACCEPTED;
    }

    @Override
    public CompletableFuture<Void> emitAsync(T x) {
        return pipeline.emitAsync(this, x);
    }
}
