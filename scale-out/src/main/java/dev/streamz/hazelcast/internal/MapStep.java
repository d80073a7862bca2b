package dev.streamz.hazelcast.internal;

import java.util.function.Function;

/**
 * {@code map(f)} on a member.
 *
 * @param f the user function, serializable
 * @param describe the step in words
 */
public record MapStep(Function<Object, Object> f, String describe) implements RemoteStep {
    private static final long serialVersionUID = 1L;

    @Override
    public String operator() {
        return "map";
    }
}
