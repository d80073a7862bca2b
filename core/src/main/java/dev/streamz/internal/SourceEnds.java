package dev.streamz.internal;

import dev.streamz.Source;
import dev.streamz.Stream;
import dev.streamz.internal.runtime.GraphWalk;

import java.util.List;

/**
 * Carries "this source has ended" to the nodes downstream that turn the end of their input into a signal of
 * their own (a {@code toPublisher} node completes its subscribers). A push graph has no end-of-stream
 * element, so the news travels out of band, once per end, off the per-element path.
 */
public final class SourceEnds {
    private SourceEnds() {
    }

    /** A node that wants to hear when a source upstream of it ends. */
    public interface Listener {
        /**
         * Called on the thread that ended {@code source}, after its last element was accepted.
         *
         * @param source the source that ended
         */
        void upstreamSourceEnded(Source<?> source);
    }

    /**
     * Tells every {@link Listener} downstream of {@code source} that it ended.
     *
     * @param source a source that just ran out (not one stopped by the user)
     */
    public static void ended(Source<?> source) {
        List<Stream<?>> down = GraphWalk.downstreamOf(source, n -> false);
        for (Stream<?> n : down) {
            if (n instanceof Listener l) {
                l.upstreamSourceEnded(source);
            }
        }
    }
}
