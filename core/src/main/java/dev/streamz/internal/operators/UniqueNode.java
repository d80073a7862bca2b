package dev.streamz.internal.operators;

import dev.streamz.Stream;
import dev.streamz.internal.Picks;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * {@code unique(maxsize, key, hashable)}: passes an element only if its key is not in the history. With
 * a maxsize the history is an LRU of keys: a repeat refreshes its key (B17).
 */
public final class UniqueNode<T> extends Stream<T> {
    private final Integer maxsize;
    private final Function<Object, Object> key;
    private final boolean hashable;
    private final Set<Object> unboundedSeen = new HashSet<>();
    private final LinkedHashMap<Object, Boolean> lruSeen; // access order: eldest is least recently seen
    private final List<Object> listSeen = new ArrayList<>(); // hashable=false: most recent first

    public UniqueNode(Stream<T> upstream, Integer maxsize, Object key, boolean hashable) {
        if (maxsize != null && maxsize < 1) { // before super: a rejected node never joins the graph
            throw new IllegalArgumentException("unique: maxsize must be >= 1 or null (unbounded), got " + maxsize);
        }
        super("unique", params(maxsize, key, hashable), upstream);
        this.maxsize = maxsize;
        this.key = Picks.keyFunction(key);
        this.hashable = hashable;
        this.lruSeen = maxsize == null ? null : new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<Object, Boolean> eldest) {
                return size() > maxsize;
            }
        };
    }

    private static Map<String, Object> params(Integer maxsize, Object key, boolean hashable) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("maxsize", String.valueOf(maxsize));
        if (key != null) {
            p.put("key", String.valueOf(key));
        }
        if (!hashable) {
            p.put("hashable", false);
        }
        return p;
    }

    @Override
    public void update(Object x, List<Map<String, Object>> md, Stream<?> from) {
        Object k = Keys.apply(this, key, x);
        boolean fresh;
        if (!hashable) {
            fresh = !listSeen.remove(k);
            listSeen.add(0, k);
            if (maxsize != null && listSeen.size() > maxsize) {
                listSeen.remove(listSeen.size() - 1);
            }
        } else if (lruSeen != null) {
            fresh = lruSeen.put(k, Boolean.TRUE) == null;
        } else {
            fresh = unboundedSeen.add(k);
        }
        if (fresh) {
            emitDownstream(x, md);
        }
    }

    @Override
    public int bufferedCount() {
        return !hashable ? listSeen.size() : lruSeen != null ? lruSeen.size() : unboundedSeen.size();
    }
}
