package dev.streamz.internal.operators;

import dev.streamz.Stream;
import dev.streamz.internal.Failures;

import java.util.function.Function;

/** The {@code key=} of the keyed operators (unique, partition, partitionUnique, timedWindowUnique). */
final class Keys {
    private Keys() {
    }

    /**
     * Applies {@code key} to {@code x} for {@code node}.
     *
     * @throws dev.streamz.StreamException naming {@code node} if {@code key} throws
     */
    static Object apply(Stream<?> node, Function<Object, Object> key, Object x) {
        try {
            return key.apply(x);
        } catch (Throwable e) {
            throw Failures.userFailure(node, e);
        }
    }
}
