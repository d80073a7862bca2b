package dev.streamz.hazelcast;

import java.io.Serializable;
import java.util.function.BiFunction;

/**
 * A {@link BiFunction} that can be sent to a cluster member (see {@link SerializableFunction}).
 *
 * @param <A> first argument type
 * @param <B> second argument type
 * @param <R> result type
 */
@FunctionalInterface
public interface SerializableBiFunction<A, B, R> extends BiFunction<A, B, R>, Serializable {
}
