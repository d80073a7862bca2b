package dev.streamz.hazelcast.internal;

import java.util.function.Predicate;

/**
 * {@code filter(p)} on a member.
 *
 * @param p the user predicate, serializable
 * @param describe the step in words
 */
public record FilterStep(Predicate<Object> p, String describe) implements RemoteStep {
    private static final long serialVersionUID = 1L;

    @Override
    public String operator() {
        return "filter";
    }
}
