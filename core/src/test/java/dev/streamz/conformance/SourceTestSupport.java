package dev.streamz.conformance;

import dev.streamz.Scheduler;
import dev.streamz.Schedulers;
import dev.streamz.Stream;
import dev.streamz.StreamException;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertNotNull;

/** Test helpers for the sources: a slow consumer, a collecting sink one can wait on, an error recorder. */
final class SourceTestSupport {
    static final long TIMEOUT_MS = 10_000;

    private SourceTestSupport() {
    }

    /**
     * A node that records each element, passes it on, and holds its emitter until released: a slow
     * consumer (what rate_limit or a full buffer does), written here with the protected holdEmitter.
     */
    static final class Gate<T> extends Stream<T> {
        final List<Object> seen = new ArrayList<>();
        private final ArrayDeque<CompletableFuture<Void>> holds = new ArrayDeque<>();

        Gate(Stream<T> upstream) {
            super("gate", Map.of(), upstream);
        }

        @Override
        public void update(Object x, List<Map<String, Object>> metadata, Stream<?> from) {
            CompletableFuture<Void> hold = new CompletableFuture<>();
            synchronized (this) {
                seen.add(x);
                holds.add(hold);
                notifyAll();
            }
            holdEmitter(hold);
            emitDownstream(x, metadata);
        }

        /** Accepts the oldest held element. */
        void releaseOne() {
            CompletableFuture<Void> h;
            synchronized (this) {
                h = holds.poll();
            }
            assertNotNull(h, "nothing is held");
            h.complete(null);
        }

        synchronized List<Object> seen() {
            return List.copyOf(seen);
        }

        /** Waits (on real threads) until {@code n} elements arrived. */
        synchronized List<Object> awaitSeen(int n) throws InterruptedException {
            long deadline = System.currentTimeMillis() + TIMEOUT_MS;
            while (seen.size() < n) {
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    throw new AssertionError("timed out waiting for " + n + " elements, got " + seen);
                }
                wait(left);
            }
            return List.copyOf(seen);
        }
    }

    /** A thread-safe list fed by a sink, which a test can wait on. */
    static final class Collected<T> {
        private final List<T> items = new ArrayList<>();

        static <T> Collected<T> from(Stream<T> s) {
            Collected<T> c = new Collected<>();
            s.sink(c::add);
            return c;
        }

        synchronized void add(T x) {
            items.add(x);
            notifyAll();
        }

        synchronized List<T> snapshot() {
            return List.copyOf(items);
        }

        List<T> awaitSize(int n) throws InterruptedException {
            return await(l -> l.size() >= n, "at least " + n + " elements");
        }

        synchronized List<T> await(Predicate<List<T>> done, String what) throws InterruptedException {
            long deadline = System.currentTimeMillis() + TIMEOUT_MS;
            while (!done.test(items)) {
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    throw new AssertionError("timed out waiting for " + what + "; got " + items);
                }
                wait(left);
            }
            return List.copyOf(items);
        }
    }

    /** A private event loop whose reported errors a test can wait for. */
    static final class Loop {
        final LinkedBlockingQueue<StreamException> errors = new LinkedBlockingQueue<>();
        final Scheduler scheduler = Schedulers.newEventLoop("sources-test-loop", errors::add);

        StreamException awaitError() throws InterruptedException {
            StreamException e = errors.poll(TIMEOUT_MS, TimeUnit.MILLISECONDS);
            assertNotNull(e, "timed out waiting for a reported error");
            return e;
        }
    }

    static String utf8(Object bytes) {
        return new String((byte[]) bytes, java.nio.charset.StandardCharsets.UTF_8);
    }

    static List<String> utf8(List<?> frames) {
        List<String> out = new ArrayList<>();
        for (Object f : frames) {
            out.add(utf8(f));
        }
        return out;
    }
}
