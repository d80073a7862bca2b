package dev.streamz.hazelcast.internal;

import java.util.function.BiFunction;

/**
 * {@code accumulate(f[, start])} on a member. The state is not kept here: {@link BatchTask} reads it from
 * the cluster's state map before a batch and writes it back after, so it outlives the member that ran
 * the batch.
 *
 * @param f the user function {@code (state, x) -> new state}, serializable
 * @param start the initial state, or {@link NoState#NONE} when the first element becomes the state
 * @param describe the step in words
 */
public record AccumulateStep(BiFunction<Object, Object, Object> f, Object start, String describe)
        implements RemoteStep {
    private static final long serialVersionUID = 1L;

    @Override
    public String operator() {
        return "accumulate";
    }
}
