package dev.streamz.internal.sources;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/** Helpers for the sources whose blocking I/O runs on threads of their own. */
final class IoThreads {
    private IoThreads() {
    }

    /** Starts a platform daemon thread. */
    static Thread daemon(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    /**
     * Waits until the graph accepted an element (the future of {@code emitReporting}, which completes
     * normally). Back pressure: the I/O thread reads nothing more meanwhile.
     *
     * @return false if the thread was interrupted (the source is stopping)
     */
    static boolean await(CompletableFuture<Void> accepted) {
        try {
            accepted.get();
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            return true; // already reported by emitReporting
        }
    }
}
