package dev.streamz.internal;

import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Function;

/**
 * Python's {@code x[key]} for Java values: an {@code Integer} indexes a {@code List} or an array,
 * anything else (or an integer on a {@code Map}) looks up a {@code Map}. Used by pluck and by the
 * {@code key=} argument of partition, unique and partition_unique.
 */
public final class Picks {
    private Picks() {
    }

    /**
     * @param x the element
     * @param pick the index or key
     * @return {@code x[pick]}
     * @throws IndexOutOfBoundsException when the index is outside the element
     * @throws NoSuchElementException when a map has no such key
     * @throws IllegalArgumentException when the element is neither indexable nor a map
     */
    public static Object pick(Object x, Object pick) {
        if (x instanceof dev.streamz.Tuple t) { // a typed join's Tuple2/Tuple3 indexes like a list
            x = t.toList();
        }
        if (x instanceof Map<?, ?> m) {
            Object v = m.get(pick);
            if (v == null && !m.containsKey(pick)) {
                throw new NoSuchElementException("key " + render(pick) + " not in " + x);
            }
            return v;
        }
        if (pick instanceof Integer idx) {
            int i = idx;
            if (x instanceof List<?> list) {
                int n = list.size();
                int j = i < 0 ? n + i : i;
                if (j < 0 || j >= n) {
                    throw new IndexOutOfBoundsException("index " + i + " out of range for a list of size " + n);
                }
                return list.get(j);
            }
            if (x instanceof Object[] arr) {
                int j = i < 0 ? arr.length + i : i;
                if (j < 0 || j >= arr.length) {
                    throw new IndexOutOfBoundsException("index " + i + " out of range for an array of length "
                            + arr.length);
                }
                return arr[j];
            }
            if (x != null && x.getClass().isArray()) {
                int n = java.lang.reflect.Array.getLength(x);
                int j = i < 0 ? n + i : i;
                if (j < 0 || j >= n) {
                    throw new IndexOutOfBoundsException("index " + i + " out of range for an array of length " + n);
                }
                return java.lang.reflect.Array.get(x, j);
            }
            if (x instanceof CharSequence s) {
                int n = s.length();
                int j = i < 0 ? n + i : i;
                if (j < 0 || j >= n) {
                    throw new IndexOutOfBoundsException("index " + i + " out of range for a string of length " + n);
                }
                return String.valueOf(s.charAt(j));
            }
        }
        throw new IllegalArgumentException("cannot pick " + render(pick) + " from "
                + (x == null ? "null" : "a " + x.getClass().getName())
                + ": expected a List, an array or a String (integer index) or a Map (key)");
    }

    /**
     * Turns a {@code key=} argument into a function: a {@code Function} is used as is, anything else is
     * a pick, {@code null} is the identity.
     */
    @SuppressWarnings("unchecked")
    public static Function<Object, Object> keyFunction(Object key) {
        if (key == null) {
            return Function.identity();
        }
        if (key instanceof Function<?, ?> f) {
            return (Function<Object, Object>) f;
        }
        return x -> pick(x, key);
    }

    private static String render(Object pick) {
        return pick instanceof String ? "'" + pick + "'" : String.valueOf(pick);
    }
}
