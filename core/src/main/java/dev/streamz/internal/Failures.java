package dev.streamz.internal;

import dev.streamz.Stream;
import dev.streamz.StreamException;

/** How a node reports a user function that threw: the one rule behind {@code Stream.userFailure}. */
public final class Failures {
    private Failures() {
    }

    /**
     * Wraps what a user function of {@code node} threw (any {@code Throwable}: a checked exception from a
     * {@code Throwing*} function, a {@code StackOverflowError}) so that it names the node; a
     * {@link StreamException} from further downstream is returned unchanged.
     *
     * @param node the node whose function threw
     * @param e what it threw
     * @return the exception to throw
     */
    public static StreamException userFailure(Stream<?> node, Throwable e) {
        if (e instanceof StreamException se) {
            return se;
        }
        return new StreamException(node, node.operator() + " function threw", e);
    }
}
