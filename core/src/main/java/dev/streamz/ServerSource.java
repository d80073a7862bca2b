package dev.streamz;

import java.util.Map;

/**
 * A source that listens on a network port ({@link Stream#fromTcp(int, byte)},
 * {@link Stream#fromHttpServer(int, String)}). The port is opened by {@link #start()} and closed by
 * {@link #stop()}; with port 0 the system picks a free one, which {@link #boundPort()} tells.
 *
 * @param <T> the type of the elements produced
 */
public abstract class ServerSource<T> extends Source<T> {

    /**
     * Creates a stopped server source with no upstream.
     *
     * @param operator the operator name, e.g. {@code from_tcp}
     * @param parameters its parameters, for introspection
     */
    protected ServerSource(String operator, Map<String, Object> parameters) {
        super(operator, parameters);
    }

    /**
     * Tells the port the server listens on. Thread-safe.
     *
     * @return the bound port while the source runs, or -1 while it is stopped
     */
    public abstract int boundPort();

    /**
     * Tells how many bytes of unfinished messages the server holds now, across its connections (see
     * {@link ServerLimits#maxBufferedBytes()}). Thread-safe.
     *
     * @return the bytes held; 0 for a server that does not count them
     */
    public long bufferedBytes() {
        return 0;
    }

    /**
     * Tells the most bytes of unfinished messages the server held at once since it was created.
     * Thread-safe.
     *
     * @return the high-water mark of {@link #bufferedBytes()}
     */
    public long peakBufferedBytes() {
        return 0;
    }

    /**
     * Tells how many times each limit was hit since the server was created, exactly: every refused
     * connection, oversize message, idle timeout and so on counts, also those whose reports were summed up.
     * A limit hit is reported to the error handler at once the first time; during a flood, further hits of
     * the same limit within a second are summed up in one report per second that gives their number and
     * the last one's peer. Keys are the {@link ServerLimits} names: {@code maxConnections},
     * {@code maxMessageBytes}, {@code maxBufferedBytes}, {@code idleTimeout}, {@code maxHeaderBytes},
     * {@code maxUriBytes}, and {@code badRequest} for malformed HTTP requests (answered 400). Thread-safe.
     *
     * @return the hits per limit, sorted by name; a limit never hit is absent; empty for a server that
     *     does not count them
     */
    public Map<String, Long> limitHits() {
        return Map.of();
    }
}
