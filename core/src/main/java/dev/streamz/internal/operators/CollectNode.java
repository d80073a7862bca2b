package dev.streamz.internal.operators;

import dev.streamz.internal.NodeFigures;
import dev.streamz.CollectStream;
import dev.streamz.Stream;
import dev.streamz.internal.Metadata;
import dev.streamz.internal.Tuple;

import dev.streamz.internal.Fifo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code collect(cacheSize)}: holds elements until {@link #flush()}. Non-empty metadata lists are kept in
 * a separate unbounded cache, so the refs of elements dropped from a bounded cache are still released on
 * flush.
 */
public final class CollectNode<T> extends CollectStream<T> implements NodeFigures {
    private final int cacheSize; // 0: unbounded
    private final Fifo<Object> cache = new Fifo<>();
    private final List<List<Map<String, Object>>> metadataCache = new ArrayList<>();

    public CollectNode(Stream<T> upstream, int cacheSize) {
        super(cacheSize == 0 ? Map.of() : Map.of("cacheSize", cacheSize), upstream);
        this.cacheSize = cacheSize;
    }

    @Override
    public void update(Object x, List<Map<String, Object>> md, Stream<?> from) {
        Metadata.retain(md);
        if (cacheSize > 0 && cache.size() == cacheSize) {
            cache.pollFirst();
        }
        cache.addLast(x);
        if (!md.isEmpty()) {
            metadataCache.add(md);
        }
    }

    @Override
    public void flush() {
        Tuple out = Tuple.wrap(cache.toArray());
        List<List<Map<String, Object>>> mds = new ArrayList<>(metadataCache);
        cache.clear();
        metadataCache.clear();
        emitDownstream(out, Metadata.concat(mds));
        Metadata.releaseAll(mds);
    }

    @Override
    public int refsHeld() {
        return Metadata.refCountAll(metadataCache);
    }

    @Override
    public int bufferedCount() {
        return cache.size();
    }
}
