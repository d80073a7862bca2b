package dev.streamz;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A triple, emitted by the typed three-way joins ({@code zipWith(b, c)} and friends). Prints as a
 * Python tuple: {@code (1, a, true)}.
 *
 * @param first the item from this stream
 * @param second the item from the first other stream
 * @param third the item from the second other stream
 * @param <A> first item type
 * @param <B> second item type
 * @param <C> third item type
 */
public record Tuple3<A, B, C>(A first, B second, C third) implements Tuple {
    @Override
    public int size() {
        return 3;
    }

    @Override
    public Object get(int index) {
        return switch (index) {
            case 0 -> first;
            case 1 -> second;
            case 2 -> third;
            default -> throw new IndexOutOfBoundsException("index " + index + " out of range for a Tuple3");
        };
    }

    @Override
    public List<Object> toList() {
        return Collections.unmodifiableList(Arrays.asList(first, second, third));
    }

    @Override
    public String toString() {
        return "(" + first + ", " + second + ", " + third + ")";
    }
}
