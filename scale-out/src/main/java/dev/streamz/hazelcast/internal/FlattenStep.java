package dev.streamz.hazelcast.internal;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * {@code flatten()} on a member: one output per item of an {@code Iterable}, {@code Iterator}, array,
 * {@code Map} (its keys) or {@code String} (its characters, as one-character strings), as core's
 * {@code flatten} accepts.
 *
 * @param describe the step in words
 */
public record FlattenStep(String describe) implements RemoteStep {
    private static final long serialVersionUID = 1L;

    @Override
    public String operator() {
        return "flatten";
    }

    Iterator<?> items(Object x) {
        if (x instanceof Iterable<?> it) {
            return it.iterator();
        }
        if (x instanceof Iterator<?> it) {
            return it;
        }
        if (x instanceof Map<?, ?> m) {
            return m.keySet().iterator();
        }
        if (x instanceof CharSequence s) {
            List<String> chars = new ArrayList<>(s.length());
            s.codePoints().forEach(c -> chars.add(new String(Character.toChars(c))));
            return chars.iterator();
        }
        if (x != null && x.getClass().isArray()) {
            int n = Array.getLength(x);
            List<Object> items = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                items.add(Array.get(x, i));
            }
            return items.iterator();
        }
        throw new IllegalArgumentException("flatten expects an Iterable, Iterator, array, Map or String, got "
                + (x == null ? "null" : x.getClass().getName()));
    }
}
