package dev.streamz.internal.time;

import dev.streamz.StreamException;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The default error handler: logs each reported {@link StreamException} at ERROR level, but a failure
 * identical to one logged less than {@link #WINDOW_NANOS} ago (the same node, and the same message,
 * so the same cause) is only counted; the next one logged after the window says how many were held back.
 * A parser failing on every line of a large file then writes a line every few seconds, not one per
 * element. The node's own error counter ({@code Graph.metrics()}) still counts every one.
 */
public final class RateLimitedErrorLog implements Consumer<StreamException> {
    private static final System.Logger LOG = System.getLogger("dev.streamz");
    /** How long an identical failure is only counted after being logged. */
    static final long WINDOW_NANOS = 5_000_000_000L;
    /** Bounded memory: beyond this many distinct failures the table starts afresh. */
    private static final int MAX_KEYS = 1024;

    private final ConcurrentHashMap<String, long[]> seen = new ConcurrentHashMap<>();

    @Override
    public void accept(StreamException e) {
        String key = e.nodeId() + ":" + e.getMessage(); // per node: the same failure in two graphs logs twice
        long now = System.nanoTime();
        if (seen.size() >= MAX_KEYS) {
            seen.clear();
        }
        long[] suppressedBefore = new long[] {-1};
        seen.compute(key, (k, state) -> {
            if (state == null || now - state[0] >= WINDOW_NANOS) {
                suppressedBefore[0] = state == null ? 0 : state[1];
                return new long[] {now, 0};
            }
            state[1]++;
            return state;
        });
        if (suppressedBefore[0] > 0) {
            LOG.log(System.Logger.Level.ERROR, e.getMessage() + " (and " + suppressedBefore[0]
                    + " identical failures not logged in the last " + WINDOW_NANOS / 1_000_000_000L + " s)", e);
        } else if (suppressedBefore[0] == 0) {
            LOG.log(System.Logger.Level.ERROR, e.getMessage(), e);
        }
    }
}
