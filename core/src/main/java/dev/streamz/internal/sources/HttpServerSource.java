package dev.streamz.internal.sources;

import dev.streamz.ServerLimits;
import dev.streamz.StreamException;
import dev.streamz.internal.Metadata;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.regex.Pattern;

/**
 * {@code fromHttpServer} (I12, I22): a small HTTP/1.1 server that emits the body of each POST whose path
 * matches a regular expression, as a {@code byte[]}. It is written here rather than taken from the JDK
 * so that every limit is per server and answered with the right status.
 *
 * <p>Responses: 200 only after the graph has accepted the element (back pressure: the client waits and
 * its connection is not read meanwhile); 404 for a path that does not match (the whole path must
 * match); 405 for a method other than POST; 413 for a body over the maximum; 414 for a request target
 * over the maximum; 431 for a request head over the maximum; 408 when a request stays incomplete for the
 * idle timeout; 503 for a connection over the connection limit, or when the bytes buffered across
 * requests stayed at their limit for the idle timeout; 500 when a user function downstream failed on the
 * element. Every 4xx/5xx answer caused by the client or by a limit is reported to the error handler with
 * the peer's address and the limit (summed up during a flood; {@code limitHits()} counts every hit). Bodies are sized by {@code Content-Length} or sent chunked;
 * connections are kept alive between requests. Each connection is served by a virtual thread.
 * {@code stop()} closes the listening socket and the open connections.
 */
public final class HttpServerSource extends LimitedServerSource {
    private static final int MAX_HEADERS = 100;
    private static final byte[] CRLF = {'\r', '\n'};

    private final Pattern path;

    /**
     * @param port the port, 0 for any free one
     * @param path the paths served; the whole path must match
     * @param bindAddress the address to listen on
     * @param limits the limits; the message limit is the largest body
     */
    public HttpServerSource(int port, Pattern path, InetAddress bindAddress, ServerLimits limits) {
        super("from_http_server", "fromHttpServer", Map.of("port", port, "path", path.pattern(),
                "bind_address", bindAddress.getHostAddress(), "max_body_bytes", limits.maxMessageBytes(),
                "limits", limits), port, bindAddress, limits);
        this.path = path;
    }

    @Override
    void refuse(Socket sock) {
        Thread.ofVirtual().name("streamz-http-refuse").start(() -> {
            try (sock) {
                respond(sock.getOutputStream(), 503, true);
            } catch (IOException ignored) {
                // the client went away
            }
        });
    }

    /**
     * Thrown while reading a request: answer {@code status}, count and report {@code message} (if any) as a
     * hit of the limit {@code kind}, and close.
     */
    private static final class Reject extends Exception {
        private static final long serialVersionUID = 1;
        final int status;
        final String kind;

        Reject(int status, String message) {
            super(message, null, false, false);
            this.status = status;
            this.kind = switch (status) {
                case 408 -> "idleTimeout";
                case 413 -> "maxMessageBytes";
                case 414 -> "maxUriBytes";
                case 431 -> "maxHeaderBytes";
                case 503 -> "maxBufferedBytes";
                default -> "badRequest";
            };
        }
    }

    @Override
    void serve(Socket sock, int r) {
        try (sock) {
            applyIdleTimeout(sock);
            InputStream in = new BufferedInputStream(sock.getInputStream(), 8192);
            OutputStream out = sock.getOutputStream();
            boolean keepAlive = true;
            while (keepAlive && r == run) {
                try {
                    keepAlive = exchange(sock, in, out, r);
                } catch (Reject e) {
                    if (e.getMessage() != null) {
                        reports.hit(e.kind, e.getMessage());
                    }
                    respond(out, e.status, true);
                    lingeringClose(sock, in);
                    return;
                }
            }
        } catch (IOException e) {
            // the client went away, or stop() closed the connection
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Reads one request and answers it. @return whether the connection stays open */
    private boolean exchange(Socket sock, InputStream in, OutputStream out, int r)
            throws IOException, Reject, InterruptedException {
        Object peer = sock.getRemoteSocketAddress();
        String requestLine;
        try {
            requestLine = readLine(in, limits.maxUriBytes() + 64);
        } catch (SocketTimeoutException e) {
            return false; // idle between requests: close quietly
        }
        if (requestLine == null) {
            return false;
        }
        if (requestLine.isEmpty()) { // a stray CRLF between requests is allowed
            return true;
        }
        if (requestLine == TOO_LONG) {
            throw new Reject(414, "fromHttpServer: a request target from " + peer + " exceeds the maximum of "
                    + limits.maxUriBytes() + " bytes; answered 414");
        }
        String[] parts = requestLine.split(" ");
        if (parts.length != 3 || !parts[2].startsWith("HTTP/1.")) {
            throw new Reject(400, "fromHttpServer: a malformed request line from " + peer + "; answered 400");
        }
        String method = parts[0];
        String target = parts[1];
        if (target.length() > limits.maxUriBytes()) {
            throw new Reject(414, "fromHttpServer: a request target from " + peer + " exceeds the maximum of "
                    + limits.maxUriBytes() + " bytes; answered 414");
        }
        boolean http10 = parts[2].equals("HTTP/1.0");
        long contentLength = -1;
        boolean chunked = false;
        boolean close = http10;
        boolean expectContinue = false;
        int headBytes = requestLine.length() + 2;
        int count = 0;
        try {
            for (;;) {
                String h = readLine(in, limits.maxHeaderBytes() - headBytes);
                if (h == null) {
                    return false;
                }
                if (h == TOO_LONG || ++count > MAX_HEADERS) {
                    throw new Reject(431, "fromHttpServer: the request head from " + peer + " exceeds the maximum of "
                            + limits.maxHeaderBytes() + " bytes or " + MAX_HEADERS + " headers; answered 431");
                }
                headBytes += h.length() + 2;
                if (h.isEmpty()) {
                    break;
                }
                int colon = h.indexOf(':');
                if (colon <= 0) {
                    throw new Reject(400, "fromHttpServer: a malformed header from " + peer + "; answered 400");
                }
                String name = h.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = h.substring(colon + 1).trim();
                switch (name) {
                    case "content-length" -> {
                        try {
                            contentLength = Long.parseLong(value);
                        } catch (NumberFormatException e) {
                            throw new Reject(400, "fromHttpServer: a malformed Content-Length from " + peer
                                    + "; answered 400");
                        }
                    }
                    case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                    case "connection" -> close = value.equalsIgnoreCase("close")
                            || http10 && !value.equalsIgnoreCase("keep-alive");
                    case "expect" -> expectContinue = value.equalsIgnoreCase("100-continue");
                    default -> { }
                }
            }
        } catch (SocketTimeoutException e) {
            throw new Reject(408, "fromHttpServer: the request from " + peer + " stayed incomplete for the idle timeout of "
                    + limits.idleTimeout() + "; answered 408");
        }
        String p;
        try {
            p = new URI(target).getPath();
        } catch (java.net.URISyntaxException e) {
            throw new Reject(400, "fromHttpServer: a malformed request target from " + peer + "; answered 400");
        }
        if (p == null || !path.matcher(p).matches()) {
            throw new Reject(404, null);
        }
        if (!"POST".equals(method)) {
            throw new Reject(405, null);
        }
        if (contentLength > limits.maxMessageBytes()) {
            throw tooLarge(peer, p);
        }
        // Reserve the body's bytes before reading it: while the budget is exhausted, the socket is not read.
        long reserve = chunked ? limits.maxMessageBytes() : Math.max(0, contentLength);
        if (!budget.acquire(reserve, ByteBudget.nanos(limits.idleTimeout()))) {
            throw new Reject(503, "fromHttpServer: a request from " + peer + " refused: the limit of "
                    + limits.maxBufferedBytes() + " bytes buffered across requests stayed reached for "
                    + limits.idleTimeout() + "; answered 503");
        }
        try {
            if (expectContinue) {
                out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
            byte[] body;
            try {
                body = chunked ? readChunked(in, peer, p) : readBody(in, (int) Math.max(0, contentLength));
            } catch (SocketTimeoutException e) {
                throw new Reject(408, "fromHttpServer: the body from " + peer + " stayed incomplete for the idle "
                        + "timeout of " + limits.idleTimeout() + "; answered 408");
            }
            if (!chunked && body.length < contentLength) {
                return false; // the client went away mid-body
            }
            if (r != run) {
                respond(out, 503, true);
                return false;
            }
            CompletableFuture<Void> accepted = emitAsync(body, Metadata.NONE);
            int status = 200;
            try {
                accepted.get();
            } catch (ExecutionException e) {
                Throwable cause = e.getCause() instanceof java.util.concurrent.CompletionException c
                        && c.getCause() != null ? c.getCause() : e.getCause();
                report(cause instanceof StreamException se ? se : new StreamException(this, "emission failed", cause));
                status = 500;
            }
            respond(out, status, close);
            return !close;
        } finally {
            budget.release(reserve);
        }
    }

    /**
     * Reads a body of a known length into one array of that length: {@code readNBytes(n)} gathers chunks and
     * copies them, holding twice the body at its peak, which a small heap with many bodies in flight feels.
     * A shorter array means the client went away mid-body.
     */
    private static byte[] readBody(InputStream in, int length) throws IOException {
        byte[] body = new byte[length];
        int n = in.readNBytes(body, 0, length);
        return n == length ? body : java.util.Arrays.copyOf(body, n);
    }

    private Reject tooLarge(Object peer, String p) {
        return new Reject(413, "fromHttpServer: a request body from " + peer + " to " + p + " exceeds the maximum of "
                + limits.maxMessageBytes() + " bytes; answered 413");
    }

    private byte[] readChunked(InputStream in, Object peer, String p) throws IOException, Reject {
        ByteBuf body = new ByteBuf();
        for (;;) {
            String line = readLine(in, 64);
            if (line == null || line == TOO_LONG) {
                throw new Reject(400, "fromHttpServer: a malformed chunk from " + peer + "; answered 400");
            }
            int semi = line.indexOf(';');
            long size;
            try {
                size = Long.parseLong((semi >= 0 ? line.substring(0, semi) : line).trim(), 16);
            } catch (NumberFormatException e) {
                throw new Reject(400, "fromHttpServer: a malformed chunk size from " + peer + "; answered 400");
            }
            if (size == 0) {
                while (true) { // trailers
                    String t = readLine(in, limits.maxHeaderBytes());
                    if (t == null || t.isEmpty()) {
                        return body.takeAll();
                    }
                }
            }
            if (size < 0 || body.size() + size > limits.maxMessageBytes()) {
                throw tooLarge(peer, p);
            }
            byte[] chunk = in.readNBytes((int) size);
            if (chunk.length < size) {
                throw new IOException("the client went away mid-chunk");
            }
            body.append(chunk, 0, chunk.length);
            in.readNBytes(2); // CRLF
        }
    }

    private static final String TOO_LONG = new String("too long");

    /**
     * Reads a line ended by CRLF (or LF) in ISO-8859-1.
     *
     * @return the line without its end, {@code null} at the end of the stream, or {@link #TOO_LONG} after
     *     {@code max} bytes without an end
     */
    private static String readLine(InputStream in, int max) throws IOException {
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                int n = sb.length();
                return n > 0 && sb.charAt(n - 1) == '\r' ? sb.substring(0, n - 1) : sb.toString();
            }
            if (sb.length() >= Math.max(0, max)) {
                return TOO_LONG;
            }
            sb.append((char) c);
        }
        return null; // the stream ended (mid-line or not)
    }

    private static void respond(OutputStream out, int status, boolean close) throws IOException {
        String head = "HTTP/1.1 " + status + " " + reason(status) + "\r\nContent-Length: 0\r\n"
                + (status == 405 ? "Allow: POST\r\n" : "") + (close ? "Connection: close\r\n" : "") + "\r\n";
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 400 -> "Bad Request";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 408 -> "Request Timeout";
            case 413 -> "Content Too Large";
            case 414 -> "URI Too Long";
            case 431 -> "Request Header Fields Too Large";
            case 500 -> "Internal Server Error";
            case 503 -> "Service Unavailable";
            default -> "Status";
        };
    }

    /**
     * Closes after an error answer without resetting the connection under a client still sending its
     * request (which would lose the answer): stop writing, then read and drop a bounded amount first.
     */
    private static void lingeringClose(Socket sock, InputStream in) {
        try {
            sock.shutdownOutput();
            sock.setSoTimeout(1000);
            byte[] sink = new byte[8192];
            long left = 4L << 20;
            int n;
            while (left > 0 && (n = in.read(sink)) >= 0) {
                left -= n;
            }
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
