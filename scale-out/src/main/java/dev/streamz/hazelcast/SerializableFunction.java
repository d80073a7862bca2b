package dev.streamz.hazelcast;

import java.io.Serializable;
import java.util.function.Function;

/**
 * A {@link Function} that can be sent to a cluster member. A lambda whose target type is this interface
 * is serializable; what it captures must be serializable too, which {@link DistributedStream} checks when
 * the step is built.
 *
 * @param <T> input type
 * @param <R> result type
 */
@FunctionalInterface
public interface SerializableFunction<T, R> extends Function<T, R>, Serializable {
}
