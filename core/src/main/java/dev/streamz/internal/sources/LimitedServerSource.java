package dev.streamz.internal.sources;

import dev.streamz.Scheduler;
import dev.streamz.ServerLimits;
import dev.streamz.ServerSource;
import dev.streamz.StreamException;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What {@link TcpSource} and {@link HttpServerSource} share: the listening socket and its accept loop on a
 * platform daemon thread, one virtual thread per connection, the connection limit, the byte budget across
 * connections, the rate-limited limit reports ({@link LimitReports}), and stop closing everything.
 * A subclass reads its protocol in {@link #serve(Socket, int)} and refuses a connection over the limit in
 * {@link #refuse(Socket)}.
 */
abstract class LimitedServerSource extends ServerSource<byte[]> {
    /** The Java name of the operator, for messages: {@code fromTcp}. */
    final String api;
    final int port;
    final InetAddress bindAddress;
    final ServerLimits limits;
    final ByteBudget budget;
    final LimitReports reports;

    /** Bumped by every start and stop; a thread of an older run sees the change and ends. */
    volatile int run;
    private volatile ServerSocket server;
    private volatile Scheduler scheduler;
    private final Map<Socket, Thread> connections = new ConcurrentHashMap<>();

    LimitedServerSource(String operator, String api, Map<String, Object> parameters, int port,
                        InetAddress bindAddress, ServerLimits limits) {
        super(operator, parameters);
        this.api = api;
        this.port = port;
        this.bindAddress = bindAddress;
        this.limits = limits;
        this.budget = new ByteBudget(limits.maxBufferedBytes());
        this.reports = new LimitReports(this);
    }

    /** Reads one connection until it ends or the run {@code r} is over; closes the socket. */
    abstract void serve(Socket sock, int r);

    /** Answers a connection over the connection limit (already counted and reported) and closes it. */
    abstract void refuse(Socket sock);

    @Override
    public final int boundPort() {
        ServerSocket s = server;
        return s == null || isStopped() ? -1 : s.getLocalPort();
    }

    @Override
    public final long bufferedBytes() {
        return budget.used();
    }

    @Override
    public final long peakBufferedBytes() {
        return budget.peak();
    }

    @Override
    public final Map<String, Long> limitHits() {
        return reports.counts();
    }

    @Override
    protected final void onStart(Scheduler s) {
        ServerSocket ss;
        try {
            ss = new ServerSocket();
            ss.setReuseAddress(true);
            ss.bind(new InetSocketAddress(bindAddress, port), 128);
        } catch (IOException e) {
            throw new StreamException(this, api + ": cannot listen on " + bindAddress.getHostAddress() + ":" + port, e);
        }
        int r = ++run;
        scheduler = s;
        server = ss;
        IoThreads.daemon("streamz-" + threadTag() + "-accept-" + ss.getLocalPort(), () -> acceptLoop(ss, r));
        markStarted();
    }

    @Override
    protected final void onStop() {
        run++;
        ServerSocket ss = server;
        if (ss != null) {
            closeQuietly(ss);
        }
        for (Map.Entry<Socket, Thread> c : connections.entrySet()) {
            closeQuietly(c.getKey());
            c.getValue().interrupt();
        }
        connections.clear();
    }

    private String threadTag() {
        return api.equals("fromTcp") ? "tcp" : "http";
    }

    private void acceptLoop(ServerSocket ss, int r) {
        int bound = ss.getLocalPort();
        try {
            while (r == run) {
                Socket sock = ss.accept();
                if (connections.size() >= limits.maxConnections()) {
                    reports.hit("maxConnections", api + ": connection from " + sock.getRemoteSocketAddress()
                            + " refused: the limit of " + limits.maxConnections() + " connections is reached");
                    refuse(sock);
                    continue;
                }
                Thread t = Thread.ofVirtual().name("streamz-" + threadTag() + "-conn-" + bound)
                        .unstarted(() -> serveAndForget(sock, r));
                connections.put(sock, t);
                if (r != run) { // stopped between accept and registration
                    closeQuietly(sock);
                    connections.remove(sock);
                    return;
                }
                t.start();
            }
        } catch (IOException | RuntimeException | Error e) {
            if (r == run) {
                markFailed(api + ": the accept loop on port " + bound + " failed", e);
            }
        }
    }

    private void serveAndForget(Socket sock, int r) {
        try {
            serve(sock, r);
        } finally {
            connections.remove(sock);
        }
    }

    /** Sets the idle timeout on a connection's reads. */
    final void applyIdleTimeout(Socket sock) throws SocketException {
        sock.setSoTimeout((int) Math.min(Integer.MAX_VALUE, Math.max(1, limits.idleTimeout().toMillis())));
    }

    /** Reports an error that is not a limit hit (a function downstream failed), unthrottled. */
    final void report(StreamException e) {
        Scheduler s = scheduler;
        if (s != null) {
            s.reportError(e);
        }
    }

    /** @return the scheduler of the current run, or null before the first start */
    final Scheduler runScheduler() {
        return scheduler;
    }

    static void closeQuietly(java.io.Closeable c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
