package dev.streamz.hazelcast;

import java.io.Serializable;
import java.util.function.BinaryOperator;

/**
 * A {@link BinaryOperator} that can be sent to a cluster member (see {@link SerializableFunction}).
 *
 * @param <T> operand and result type
 */
@FunctionalInterface
public interface SerializableBinaryOperator<T> extends BinaryOperator<T>, Serializable {
}
