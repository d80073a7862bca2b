package dev.streamz.hazelcast.internal;

import java.io.Serial;
import java.io.Serializable;

/**
 * A scattered pipeline's {@code accumulate} states in the cluster's state map, with the batch they follow
 * and what that batch produced: a retry of that batch (its first member left after writing this) gets
 * the stored result back instead of applying the batch to the state twice.
 *
 * @param seq the last batch applied
 * @param states one per step, {@code null} for steps without state
 * @param last what batch {@code seq} produced
 */
public record StateEntry(long seq, Object[] states, BatchResult last) implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;
}
