package dev.streamz;

/**
 * The result of one step of a stateful accumulation: the new state, and what to emit.
 *
 * <p>Returned by the function given to {@link Stream#accumulateWithState}; emitted as a whole by
 * {@link Stream#accumulateSteps}, which is streamz's {@code with_state=True}.
 *
 * @param state the state passed to the next call
 * @param result the value emitted downstream
 * @param <S> state type
 * @param <R> result type
 */
public record Step<S, R>(S state, R result) {
    /**
     * Creates a step.
     *
     * @param state the new state
     * @param result what to emit
     * @param <S> state type
     * @param <R> result type
     * @return a step
     */
    public static <S, R> Step<S, R> of(S state, R result) {
        return new Step<>(state, result);
    }
}
