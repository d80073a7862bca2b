package dev.streamz.internal.operators;

import dev.streamz.Stream;
import dev.streamz.internal.SegmentBoundary;

import java.util.List;
import java.util.Map;

/**
 * {@code async()} / {@code async(threadName)}: a pass-through in direct execution; in a compiled pipeline
 * the segment boundary after which the downstreams run on their own thread, fed by a ring.
 */
public final class AsyncBoundaryNode<T> extends Stream<T> implements SegmentBoundary {
    private final String threadName;

    public AsyncBoundaryNode(Stream<T> upstream, String threadName) {
        super("async", threadName == null ? Map.of() : Map.of("thread", threadName), upstream);
        this.threadName = threadName;
    }

    /** @return the thread name asked for, or {@code null} for the runtime's default name */
    @Override
    public String threadName() {
        return threadName;
    }

    @Override
    public int ringCapacityHint() {
        return 0; // no minimum: the pipeline's ring size applies
    }

    @Override
    public void update(Object x, List<Map<String, Object>> metadata, Stream<?> from) {
        Stream<?>[] ds = beginEmit(x, metadata);
        if (ds.length == 1) {
            ds[0].update(x, metadata, this);
        } else {
            for (Stream<?> d : ds) {
                d.update(x, metadata, this);
            }
        }
    }
}
