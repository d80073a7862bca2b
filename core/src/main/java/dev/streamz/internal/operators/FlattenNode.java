package dev.streamz.internal.operators;

import dev.streamz.Stream;
import dev.streamz.internal.Metadata;

import java.lang.reflect.Array;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * {@code flatten()}: emits the items of each element, one level deep. Every item but the last carries no
 * metadata; the last carries the element's (H07), so a holder downstream holds the whole element.
 */
public final class FlattenNode<R> extends Stream<R> {
    public FlattenNode(Stream<?> upstream) {
        super("flatten", Map.of(), upstream);
    }

    @Override
    public void update(Object x, List<Map<String, Object>> md, Stream<?> from) {
        Iterator<?> it;
        try {
            it = iterate(x);
        } catch (Throwable e) {
            throw userFailure(e);
        }
        if (it == null) {
            if (x != null && x.getClass().isArray()) {
                int n = Array.getLength(x);
                for (int i = 0; i < n; i++) {
                    emitDownstream(Array.get(x, i), i == n - 1 ? md : Metadata.NONE);
                }
                return;
            }
            throw badElement("flatten expects an Iterable, Iterator, array, Map or String, got "
                    + (x == null ? "null" : x.getClass().getName()), null);
        }
        boolean more;
        try {
            more = it.hasNext();
        } catch (Throwable e) {
            throw userFailure(e);
        }
        while (more) {
            Object item;
            try {
                item = it.next();
                more = it.hasNext();
            } catch (Throwable e) {
                throw userFailure(e);
            }
            emitDownstream(item, more ? Metadata.NONE : md);
        }
    }

    private static Iterator<?> iterate(Object x) {
        if (x instanceof dev.streamz.Tuple t) {
            return t.toList().iterator();
        }
        if (x instanceof Iterable<?> it) {
            return it.iterator();
        }
        if (x instanceof Iterator<?> it) {
            return it;
        }
        if (x instanceof Map<?, ?> m) {
            return m.keySet().iterator();
        }
        if (x instanceof java.util.stream.BaseStream<?, ?> s) {
            return s.iterator();
        }
        if (x instanceof CharSequence cs) {
            return cs.codePoints().mapToObj(Character::toString).iterator();
        }
        return null;
    }
}
