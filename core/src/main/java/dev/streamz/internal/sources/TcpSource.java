package dev.streamz.internal.sources;

import dev.streamz.ServerLimits;
import dev.streamz.ServerSource;
import dev.streamz.internal.Metadata;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import java.util.Map;

/**
 * {@code fromTcp} (I10, I11, I21): a TCP server whose connections send frames ended by a delimiter byte.
 * Each frame is emitted as a {@code byte[]} that includes the delimiter.
 *
 * <p><b>Threads.</b> One platform daemon thread accepts connections ({@code streamz-tcp-accept-PORT});
 * each connection is read by a virtual thread, which waits until the graph accepted a frame before it
 * reads on (back pressure per connection: the socket is not read meanwhile).
 *
 * <p><b>Limits and failures</b> ({@link ServerLimits}). A connection over the connection limit is closed
 * at once; a frame longer than the maximum (delimiter included) closes its connection; a connection
 * silent for the idle timeout is closed; the bytes of unfinished frames across all connections stay under
 * the buffered-bytes limit: a connection that needs more stops reading until others free some, and is
 * closed if that takes longer than the idle timeout. Each limit hit is reported to the error handler with
 * the peer and the limit; the server and the other connections go on, and frames already received are
 * kept (reports of one limit are summed up during a flood; {@link ServerSource#limitHits()} counts every
 * hit). A client that disconnects in the middle of a frame loses that partial frame, silently (a
 * disconnect is the client's business). An error in the accept loop (an {@code OutOfMemoryError}) is
 * reported and moves the source to its failed state. {@code stop()} closes the server socket and every
 * connection, and frees their buffers.
 */
public final class TcpSource extends LimitedServerSource {
    private static final int READ_SIZE = 8192;
    /** A frame buffer larger than this is dropped after its frame is emitted, so idle connections hold little. */
    private static final int KEEP_CAPACITY = 64 * 1024;

    private final byte delimiter;

    /**
     * @param port the port, 0 for any free one
     * @param delimiter ends each frame
     * @param bindAddress the address to listen on
     * @param limits the limits
     */
    public TcpSource(int port, byte delimiter, InetAddress bindAddress, ServerLimits limits) {
        super("from_tcp", "fromTcp", Map.of("port", port, "delimiter", delimiter,
                "bind_address", bindAddress.getHostAddress(), "max_frame_bytes", limits.maxMessageBytes(),
                "limits", limits), port, bindAddress, limits);
        this.delimiter = delimiter;
    }

    @Override
    void refuse(Socket sock) {
        closeQuietly(sock);
    }

    @Override
    void serve(Socket sock, int r) {
        ByteBuf frame = new ByteBuf();
        long held = 0; // bytes of the budget this connection holds
        byte[] buf = new byte[READ_SIZE];
        int max = limits.maxMessageBytes();
        try (sock; InputStream in = sock.getInputStream()) {
            applyIdleTimeout(sock);
            int n;
            while ((n = in.read(buf)) >= 0) {
                int start = 0;
                for (int i = 0; i < n; i++) {
                    if (buf[i] != delimiter) {
                        continue;
                    }
                    byte[] out;
                    if (frame.size() == 0) { // the whole frame is in this read: no buffering
                        if (i + 1 - start > max) {
                            oversize(sock);
                            return;
                        }
                        out = Arrays.copyOfRange(buf, start, i + 1);
                    } else {
                        if (frame.size() + (i + 1 - start) > max) {
                            oversize(sock);
                            return;
                        }
                        long h = grow(frame, held, frame.size() + i + 1 - start, sock);
                        if (h < 0) {
                            return;
                        }
                        held = h;
                        frame.append(buf, start, i + 1 - start);
                        out = frame.takeAll();
                        if (frame.capacity() > KEEP_CAPACITY) {
                            frame = new ByteBuf();
                            budget.release(held);
                            held = 0;
                        }
                    }
                    start = i + 1;
                    if (r != run || !IoThreads.await(emitReporting(out, Metadata.NONE))) {
                        return;
                    }
                }
                int rest = n - start;
                if (rest > 0) {
                    if (frame.size() + rest >= max) { // cannot end within the limit any more
                        oversize(sock);
                        return;
                    }
                    long h = grow(frame, held, frame.size() + rest, sock);
                    if (h < 0) {
                        return;
                    }
                    held = h;
                    frame.append(buf, start, rest);
                }
            }
            // End of stream: a partial frame is dropped.
        } catch (SocketTimeoutException e) {
            reports.hit("idleTimeout", "fromTcp: connection from " + sock.getRemoteSocketAddress()
                    + " sent nothing for the idle timeout of " + limits.idleTimeout() + "; closed");
        } catch (IOException e) {
            // reset by the peer or closed by stop(): the connection ends
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // stop() while waiting for buffer space
        } finally {
            budget.release(Math.max(0, held));
        }
    }

    /**
     * Makes room for {@code needed} bytes in {@code frame}, taking what it grows by from the budget.
     *
     * @return the bytes this connection now holds, or -1 if the budget stayed exhausted (reported; the
     *     caller closes the connection and releases what it held)
     */
    private long grow(ByteBuf frame, long held, int needed, Socket sock) throws InterruptedException {
        int cap = frame.capacity();
        if (needed <= cap) {
            return held;
        }
        int target = (int) Math.min(limits.maxMessageBytes(), Math.max(needed, (long) cap * 2));
        long delta = target - held; // the small initial buffer is not counted
        if (delta > 0 && !budget.acquire(delta, ByteBudget.nanos(limits.idleTimeout()))) {
            reports.hit("maxBufferedBytes", "fromTcp: connection from " + sock.getRemoteSocketAddress() + " closed: the limit of "
                    + limits.maxBufferedBytes() + " bytes buffered across connections stayed reached for "
                    + limits.idleTimeout());
            return -1;
        }
        frame.reserve(target);
        return Math.max(held, target);
    }

    private void oversize(Socket sock) {
        reports.hit("maxMessageBytes", "fromTcp: a frame from " + sock.getRemoteSocketAddress()
                + " exceeds the maximum frame size of " + limits.maxMessageBytes() + " bytes; connection closed");
    }
}
