package dev.streamz.internal.sources;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.streamz.Scheduler;
import dev.streamz.ServerSource;
import dev.streamz.StreamException;
import dev.streamz.internal.Metadata;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;

/**
 * {@code fromHttpServer} (I12): an HTTP server (the JDK's {@code com.sun.net.httpserver}) that emits the
 * body of each POST whose path matches a regular expression, as a {@code byte[]}.
 *
 * <p>Responses: 200 only after the graph has accepted the element (back pressure: the client waits);
 * 404 for a path that does not match (the whole path must match); 405 for a method other than POST;
 * 413 for a body over the maximum, which is also reported to the error handler; 500 when a user
 * function downstream failed on the element (also reported). Each request is handled on a virtual
 * thread. {@code stop()} closes the listening socket and the open connections.
 */
public final class HttpServerSource extends ServerSource<byte[]> {
    private final int port;
    private final Pattern path;
    private final InetAddress bindAddress;
    private final int maxBodyBytes;

    private volatile int run;
    private volatile HttpServer server;
    private volatile ExecutorService handlers;
    private volatile Scheduler scheduler;

    /**
     * @param port the port, 0 for any free one
     * @param path the paths served; the whole path must match
     * @param bindAddress the address to listen on
     * @param maxBodyBytes the largest body accepted
     */
    public HttpServerSource(int port, Pattern path, InetAddress bindAddress, int maxBodyBytes) {
        super("from_http_server", Map.of("port", port, "path", path.pattern(),
                "bind_address", bindAddress.getHostAddress(), "max_body_bytes", maxBodyBytes));
        this.port = port;
        this.path = path;
        this.bindAddress = bindAddress;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public int boundPort() {
        HttpServer s = server;
        return s == null || isStopped() ? -1 : s.getAddress().getPort();
    }

    @Override
    protected void onStart(Scheduler s) {
        HttpServer hs;
        try {
            hs = HttpServer.create(new InetSocketAddress(bindAddress, port), 128);
        } catch (IOException e) {
            throw new StreamException(this, "fromHttpServer: cannot listen on " + bindAddress.getHostAddress()
                    + ":" + port, e);
        }
        int r = ++run;
        ExecutorService exec = Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("streamz-http-" + hs.getAddress().getPort() + "-", 0).factory());
        hs.setExecutor(exec);
        hs.createContext("/", ex -> handle(ex, r));
        scheduler = s;
        handlers = exec;
        server = hs;
        hs.start();
        markStarted();
    }

    @Override
    protected void onStop() {
        run++;
        HttpServer hs = server;
        if (hs != null) {
            hs.stop(0);
        }
        ExecutorService exec = handlers;
        if (exec != null) {
            exec.shutdownNow();
        }
    }

    private void handle(HttpExchange ex, int r) {
        try (ex) {
            if (r != run) {
                respond(ex, 503);
                return;
            }
            if (!path.matcher(ex.getRequestURI().getPath()).matches()) {
                respond(ex, 404);
                return;
            }
            if (!"POST".equalsIgnoreCase(ex.getRequestMethod())) {
                ex.getResponseHeaders().set("Allow", "POST");
                respond(ex, 405);
                return;
            }
            long declared = contentLength(ex);
            byte[] body = null;
            if (declared <= maxBodyBytes) {
                try (InputStream in = ex.getRequestBody()) {
                    body = in.readNBytes(maxBodyBytes + 1);
                }
            }
            if (body == null || body.length > maxBodyBytes) {
                scheduler.reportError(new StreamException(this, "fromHttpServer: a request body from "
                        + ex.getRemoteAddress() + " to " + ex.getRequestURI().getPath() + " exceeds the maximum of "
                        + maxBodyBytes + " bytes; answered 413", null));
                respond(ex, 413);
                return;
            }
            CompletableFuture<Void> accepted = emitAsync(body, Metadata.NONE);
            try {
                accepted.get();
                respond(ex, 200);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause() instanceof java.util.concurrent.CompletionException c
                        && c.getCause() != null ? c.getCause() : e.getCause();
                scheduler.reportError(cause instanceof StreamException se ? se
                        : new StreamException(this, "emission failed", cause));
                respond(ex, 500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                respond(ex, 503);
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    private static long contentLength(HttpExchange ex) {
        String v = ex.getRequestHeaders().getFirst("Content-Length");
        if (v == null) {
            return -1;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static void respond(HttpExchange ex, int code) throws IOException {
        ex.sendResponseHeaders(code, -1);
    }
}
