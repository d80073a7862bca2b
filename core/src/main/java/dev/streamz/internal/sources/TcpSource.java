package dev.streamz.internal.sources;

import dev.streamz.Scheduler;
import dev.streamz.ServerSource;
import dev.streamz.StreamException;
import dev.streamz.internal.Metadata;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code fromTcp} (I10, I11): a TCP server whose connections send frames ended by a delimiter byte.
 * Each frame is emitted as a {@code byte[]} that includes the delimiter.
 *
 * <p><b>Threads.</b> One platform daemon thread accepts connections ({@code streamz-tcp-accept-PORT});
 * each connection is read by a virtual thread, which waits until the graph accepted a frame before it
 * reads on (back pressure per connection). Any number of connections may send at once.
 *
 * <p><b>Limits and failures.</b> A frame longer than the maximum (delimiter included) is reported to the
 * error handler and its connection closed; the server and the other connections go on, and the frames
 * already received are kept. A client that disconnects in the middle of a frame loses that partial
 * frame, silently (a disconnect is the client's business). {@code stop()} closes the server socket and
 * every connection.
 */
public final class TcpSource extends ServerSource<byte[]> {
    private static final int READ_SIZE = 8192;

    private final int port;
    private final byte[] delimiter;
    private final InetAddress bindAddress;
    private final int maxFrameBytes;

    private volatile int run;
    private volatile ServerSocket server;
    private volatile Scheduler scheduler;
    private final Map<Socket, Thread> connections = new ConcurrentHashMap<>();

    /**
     * @param port the port, 0 for any free one
     * @param delimiter ends each frame
     * @param bindAddress the address to listen on
     * @param maxFrameBytes the longest frame accepted, delimiter included
     */
    public TcpSource(int port, byte delimiter, InetAddress bindAddress, int maxFrameBytes) {
        super("from_tcp", Map.of("port", port, "delimiter", delimiter, "bind_address", bindAddress.getHostAddress(),
                "max_frame_bytes", maxFrameBytes));
        this.port = port;
        this.delimiter = new byte[] {delimiter};
        this.bindAddress = bindAddress;
        this.maxFrameBytes = maxFrameBytes;
    }

    @Override
    public int boundPort() {
        ServerSocket s = server;
        return s == null || isStopped() ? -1 : s.getLocalPort();
    }

    @Override
    protected void onStart(Scheduler s) {
        ServerSocket ss;
        try {
            ss = new ServerSocket();
            ss.setReuseAddress(true);
            ss.bind(new InetSocketAddress(bindAddress, port), 128);
        } catch (IOException e) {
            throw new StreamException(this, "fromTcp: cannot listen on " + bindAddress.getHostAddress() + ":" + port, e);
        }
        int r = ++run;
        scheduler = s;
        server = ss;
        IoThreads.daemon("streamz-tcp-accept-" + ss.getLocalPort(), () -> acceptLoop(ss, r));
        markStarted();
    }

    @Override
    protected void onStop() {
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

    private void acceptLoop(ServerSocket ss, int r) {
        int port = ss.getLocalPort();
        while (r == run) {
            Socket sock;
            try {
                sock = ss.accept();
            } catch (IOException e) {
                if (r == run) {
                    scheduler.reportError(new StreamException(this, "fromTcp: accept failed on port " + port
                            + "; the server stops accepting", e));
                }
                return;
            }
            Thread t = Thread.ofVirtual().name("streamz-tcp-conn-" + port).unstarted(() -> serve(sock, r));
            connections.put(sock, t);
            if (r != run) { // stopped between accept and registration
                closeQuietly(sock);
                connections.remove(sock);
                return;
            }
            t.start();
        }
    }

    private void serve(Socket sock, int r) {
        ByteBuf frame = new ByteBuf();
        byte[] buf = new byte[READ_SIZE];
        try (sock; InputStream in = sock.getInputStream()) {
            int n;
            while ((n = in.read(buf)) >= 0) {
                int start = 0;
                for (int i = 0; i < n; i++) {
                    if (buf[i] != delimiter[0]) {
                        continue;
                    }
                    if (frame.size() + (i + 1 - start) > maxFrameBytes) {
                        oversize(sock);
                        return;
                    }
                    frame.append(buf, start, i + 1 - start);
                    start = i + 1;
                    if (r != run || !IoThreads.await(emitReporting(frame.takeAll(), Metadata.NONE))) {
                        return;
                    }
                }
                frame.append(buf, start, n - start);
                if (frame.size() >= maxFrameBytes) { // cannot end within the limit any more
                    oversize(sock);
                    return;
                }
            }
            // End of stream: a partial frame is dropped.
        } catch (IOException e) {
            // reset by the peer or closed by stop(): the connection ends
        } finally {
            connections.remove(sock);
        }
    }

    private void oversize(Socket sock) {
        scheduler.reportError(new StreamException(this, "fromTcp: a frame from " + sock.getRemoteSocketAddress()
                + " exceeds the maximum frame size of " + maxFrameBytes + " bytes; connection closed", null));
    }

    private static void closeQuietly(java.io.Closeable c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
