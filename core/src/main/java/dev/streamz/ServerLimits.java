package dev.streamz;

import java.time.Duration;

/**
 * The limits of a network source ({@link Stream#fromTcp(int, byte, String, ServerLimits)},
 * {@link Stream#fromHttpServer(int, String, String, ServerLimits)}): what a hostile or broken client, or
 * many of them, can make the server hold. Immutable; start from {@link #defaults()} and change what you
 * need with the {@code with...} methods.
 *
 * <p>A limit hit is reported to the scheduler's error handler with the peer's address and the limit, and
 * affects only that client: other connections and elements already accepted go on.
 *
 * <table class="striped">
 * <caption>Limits and their defaults</caption>
 * <thead><tr><th>Limit</th><th>Default</th><th>When hit</th></tr></thead>
 * <tbody>
 * <tr><td>{@link #maxConnections()}</td><td>1024</td><td>a connection over it is closed at once (HTTP: answered
 *     503)</td></tr>
 * <tr><td>{@link #maxMessageBytes()}</td><td>1 MiB</td><td>TCP: the connection is closed; HTTP: 413</td></tr>
 * <tr><td>{@link #maxBufferedBytes()}</td><td>64 MiB</td><td>connections stop reading their sockets until
 *     memory is freed (back pressure), and are closed (HTTP: 503) if that takes longer than the idle
 *     timeout</td></tr>
 * <tr><td>{@link #idleTimeout()}</td><td>60 s</td><td>a connection that sends nothing for that long is
 *     closed (HTTP: 408 while a request is being read)</td></tr>
 * <tr><td>{@link #maxHeaderBytes()}</td><td>16 KiB</td><td>HTTP only: 431</td></tr>
 * <tr><td>{@link #maxUriBytes()}</td><td>8 KiB</td><td>HTTP only: 414</td></tr>
 * </tbody>
 * </table>
 *
 * @param maxConnections the most connections open at once
 * @param maxMessageBytes the longest TCP frame (delimiter included) or HTTP body
 * @param maxBufferedBytes the most bytes of unfinished messages held across all connections
 * @param idleTimeout how long a connection may send nothing, or wait for buffer space
 * @param maxHeaderBytes the longest HTTP request head (request line and headers)
 * @param maxUriBytes the longest HTTP request target
 */
public record ServerLimits(int maxConnections, int maxMessageBytes, long maxBufferedBytes, Duration idleTimeout,
                           int maxHeaderBytes, int maxUriBytes) {

    /**
     * Checks the limits.
     *
     * @throws NullPointerException if the timeout is null
     * @throws IllegalArgumentException if a limit is not positive, or the buffered bytes are fewer than
     *     one message
     */
    public ServerLimits {
        dev.streamz.internal.Args.notNull(idleTimeout, "ServerLimits: idleTimeout");
        positive(maxConnections, "maxConnections");
        positive(maxMessageBytes, "maxMessageBytes");
        positive(maxBufferedBytes, "maxBufferedBytes");
        positive(maxHeaderBytes, "maxHeaderBytes");
        positive(maxUriBytes, "maxUriBytes");
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("ServerLimits: idleTimeout must be positive, got " + idleTimeout);
        }
        if (maxBufferedBytes < maxMessageBytes) {
            throw new IllegalArgumentException("ServerLimits: maxBufferedBytes (" + maxBufferedBytes
                    + ") must be at least maxMessageBytes (" + maxMessageBytes + ")");
        }
    }

    private static void positive(long v, String what) {
        if (v <= 0) {
            throw new IllegalArgumentException("ServerLimits: " + what + " must be positive, got " + v);
        }
    }

    /** {@return the defaults: 1024 connections, 1 MiB messages, 64 MiB buffered, 60 s idle, 16 KiB head, 8 KiB URI} */
    public static ServerLimits defaults() {
        return new ServerLimits(1024, 1 << 20, 64L << 20, Duration.ofSeconds(60), 16 << 10, 8 << 10);
    }

    /**
     * Sets the most connections open at once.
     *
     * @param n the most connections open at once; positive
     * @return a copy with that limit
     */
    public ServerLimits withMaxConnections(int n) {
        return new ServerLimits(n, maxMessageBytes, maxBufferedBytes, idleTimeout, maxHeaderBytes, maxUriBytes);
    }

    /**
     * Sets the longest TCP frame or HTTP body.
     *
     * @param n the longest frame or body; positive, at most {@link #maxBufferedBytes()}
     * @return a copy with that limit
     */
    public ServerLimits withMaxMessageBytes(int n) {
        return new ServerLimits(maxConnections, n, maxBufferedBytes, idleTimeout, maxHeaderBytes, maxUriBytes);
    }

    /**
     * Sets the most bytes held across connections.
     *
     * @param n the most bytes held across connections; at least {@link #maxMessageBytes()}
     * @return a copy with that limit
     */
    public ServerLimits withMaxBufferedBytes(long n) {
        return new ServerLimits(maxConnections, maxMessageBytes, n, idleTimeout, maxHeaderBytes, maxUriBytes);
    }

    /**
     * Sets the idle timeout.
     *
     * @param d how long a connection may stay silent or wait for buffer space; positive
     * @return a copy with that limit
     */
    public ServerLimits withIdleTimeout(Duration d) {
        return new ServerLimits(maxConnections, maxMessageBytes, maxBufferedBytes, d, maxHeaderBytes, maxUriBytes);
    }

    /**
     * Sets the longest HTTP request head.
     *
     * @param n the longest HTTP request head; positive
     * @return a copy with that limit
     */
    public ServerLimits withMaxHeaderBytes(int n) {
        return new ServerLimits(maxConnections, maxMessageBytes, maxBufferedBytes, idleTimeout, n, maxUriBytes);
    }

    /**
     * Sets the longest HTTP request target.
     *
     * @param n the longest HTTP request target; positive
     * @return a copy with that limit
     */
    public ServerLimits withMaxUriBytes(int n) {
        return new ServerLimits(maxConnections, maxMessageBytes, maxBufferedBytes, idleTimeout, maxHeaderBytes, n);
    }
}
