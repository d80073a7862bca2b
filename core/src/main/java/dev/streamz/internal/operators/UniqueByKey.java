package dev.streamz.internal.operators;

import dev.streamz.Keep;
import dev.streamz.internal.Metadata;
import dev.streamz.internal.Tuple;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One element per key, in key order, for {@code partitionUnique} and {@code timedWindowUnique}: with
 * {@link Keep#FIRST} a later duplicate is dropped; with {@link Keep#LAST} it replaces the earlier one,
 * which moves to the end. A kept element's refs are retained until it is {@linkplain #drain(List)
 * drained}; a replaced element's refs are released at once (streamz never releases them).
 */
final class UniqueByKey {
    private final Keep keep;
    private final LinkedHashMap<Object, Object[]> entries = new LinkedHashMap<>(); // key -> {element, metadata}

    UniqueByKey(Keep keep) {
        this.keep = keep;
    }

    /**
     * Offers {@code x} under {@code key}.
     *
     * @return whether {@code x} was kept (and its refs retained)
     */
    @SuppressWarnings("unchecked")
    boolean offer(Object key, Object x, List<Map<String, Object>> md) {
        Object[] previous = entries.get(key);
        if (previous != null) {
            if (keep == Keep.FIRST) {
                return false; // dropped: never retained, nothing to release
            }
            entries.remove(key);
            Metadata.release((List<Map<String, Object>>) previous[1]);
        }
        Metadata.retain(md);
        entries.put(key, new Object[] {x, md});
        return true;
    }

    /** @return the holds the kept elements have on refs */
    @SuppressWarnings("unchecked")
    int refCount() {
        int n = 0;
        for (Object[] e : entries.values()) {
            n += Metadata.refCount((List<Map<String, Object>>) e[1]);
        }
        return n;
    }

    /** @return how many elements are kept */
    int size() {
        return entries.size();
    }

    /**
     * Takes every kept element, in order, and empties this set. The elements' refs stay retained: the
     * caller releases {@code memberMetadata} after emitting the tuple.
     *
     * @param memberMetadata receives each element's metadata, in order
     * @return the elements, as a tuple
     */
    @SuppressWarnings("unchecked")
    Tuple drain(List<List<Map<String, Object>>> memberMetadata) {
        List<Object> items = new ArrayList<>(entries.size());
        for (Object[] e : entries.values()) {
            items.add(e[0]);
            memberMetadata.add((List<Map<String, Object>>) e[1]);
        }
        entries.clear();
        return Tuple.copyOf(items);
    }
}
