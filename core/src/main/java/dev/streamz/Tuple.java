package dev.streamz;

import java.util.List;

/**
 * What the typed joins emit ({@link Tuple2}, {@link Tuple3}): records for Java code (accessors, record
 * patterns), and still tuples for the streamz-shaped operators: {@code pluck(0)} picks by position,
 * {@code starmap} unpacks them, {@code flatten} iterates them, {@code filter()} finds them truthy.
 */
public sealed interface Tuple permits Tuple2, Tuple3 {
    /** {@return how many items the tuple has} */
    int size();

    /**
     * The item at {@code index} (0-based), as streamz's {@code t[index]}.
     *
     * @param index the position
     * @return the item
     * @throws IndexOutOfBoundsException if there is no such position
     */
    Object get(int index);

    /** {@return the items as an unmodifiable list (nulls allowed), equal to the untyped joins' tuples} */
    List<Object> toList();
}
