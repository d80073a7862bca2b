package dev.streamz;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A pair, emitted by the typed two-way joins ({@code zipWith(other)}, {@code combineLatestWith(other)},
 * {@code zipLatestWith(other)}). Prints as a Python tuple: {@code (1, a)}.
 *
 * @param first the item from this stream
 * @param second the item from the other stream
 * @param <A> first item type
 * @param <B> second item type
 */
public record Tuple2<A, B>(A first, B second) implements Tuple {
    @Override
    public int size() {
        return 2;
    }

    @Override
    public Object get(int index) {
        return switch (index) {
            case 0 -> first;
            case 1 -> second;
            default -> throw new IndexOutOfBoundsException("index " + index + " out of range for a Tuple2");
        };
    }

    @Override
    public List<Object> toList() {
        return Collections.unmodifiableList(Arrays.asList(first, second));
    }

    @Override
    public String toString() {
        return "(" + first + ", " + second + ")";
    }
}
