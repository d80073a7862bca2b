package dev.streamz.internal;

import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;

/**
 * An immutable list standing in for a Python tuple: fixed order, nulls allowed (unlike {@code List.of}),
 * equal to any {@code List} with the same elements.
 */
public final class Tuple extends AbstractList<Object> implements RandomAccess {
    private static final Tuple EMPTY = new Tuple(new Object[0]);
    private final Object[] items;

    private Tuple(Object[] items) {
        this.items = items;
    }

    /** Wraps {@code items} without copying; the caller must not touch the array afterwards. */
    public static Tuple wrap(Object[] items) {
        return items.length == 0 ? EMPTY : new Tuple(items);
    }

    /** Copies {@code items} into a new tuple. */
    public static Tuple copyOf(List<?> items) {
        return items.isEmpty() ? EMPTY : new Tuple(items.toArray());
    }

    @Override
    public Object get(int index) {
        return items[index];
    }

    @Override
    public int size() {
        return items.length;
    }

    @Override
    public String toString() {
        if (items.length == 1) {
            return "(" + items[0] + ",)";
        }
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < items.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(items[i]);
        }
        return sb.append(')').toString();
    }
}
