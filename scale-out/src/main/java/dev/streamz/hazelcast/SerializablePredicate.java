package dev.streamz.hazelcast;

import java.io.Serializable;
import java.util.function.Predicate;

/**
 * A {@link Predicate} that can be sent to a cluster member (see {@link SerializableFunction}).
 *
 * @param <T> input type
 */
@FunctionalInterface
public interface SerializablePredicate<T> extends Predicate<T>, Serializable {
}
