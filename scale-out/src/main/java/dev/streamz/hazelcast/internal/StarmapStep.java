package dev.streamz.hazelcast.internal;

import java.util.List;
import java.util.function.BiFunction;

/**
 * {@code starmap(f)} on a member: unpacks a two-item {@code List} (a {@code Tuple2} too) or array into
 * {@code f}'s two arguments, as core's {@code starmap} does.
 *
 * @param f the user function, serializable
 * @param describe the step in words
 */
public record StarmapStep(BiFunction<Object, Object, Object> f, String describe) implements RemoteStep {
    private static final long serialVersionUID = 1L;

    @Override
    public String operator() {
        return "starmap";
    }

    Object apply(Object x) {
        Object[] items;
        if (x instanceof dev.streamz.Tuple t) {
            items = t.toList().toArray();
        } else if (x instanceof List<?> list) {
            items = list.toArray();
        } else if (x instanceof Object[] arr) {
            items = arr;
        } else {
            throw new IllegalArgumentException("starmap expects a List or an array to unpack, got "
                    + (x == null ? "null" : x.getClass().getName()));
        }
        if (items.length != 2) {
            throw new IllegalArgumentException("starmap with a two-argument function expects 2 items, got "
                    + items.length);
        }
        return f.apply(items[0], items[1]);
    }
}
