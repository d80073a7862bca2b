package dev.streamz.conformance;

import dev.streamz.RefCounter;
import dev.streamz.Scheduler;
import dev.streamz.Source;
import dev.streamz.Stream;
import dev.streamz.VirtualScheduler;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Helpers for the tests of the time machinery on a {@link VirtualScheduler}: futures completed by
 * virtual-time tasks (the Java form of streamz's {@code await gen.sleep(d)}), an event log to check that
 * a ref's callback fires after the output, and a tiny test-local {@link Source}.
 */
final class Async {
    private Async() {
    }

    static Duration ms(long millis) {
        return Duration.ofMillis(millis);
    }

    /** @return a plain stream running on {@code vs} */
    static <T> Stream<T> source(VirtualScheduler vs) {
        return Stream.<T>create().withScheduler(vs);
    }

    /** @return the virtual time in milliseconds */
    static long now(VirtualScheduler vs) {
        return vs.elapsed().toMillis();
    }

    /** @return a future completed with {@code value.get()} by a task {@code d} from now on {@code vs} */
    static <R> CompletableFuture<R> after(VirtualScheduler vs, Duration d, Supplier<R> value) {
        CompletableFuture<R> f = new CompletableFuture<>();
        vs.schedule(() -> f.complete(value.get()), d);
        return f;
    }

    /** @return a future completed exceptionally with {@code e} by a task {@code d} from now */
    static <R> CompletableFuture<R> failAfter(VirtualScheduler vs, Duration d, RuntimeException e) {
        CompletableFuture<R> f = new CompletableFuture<>();
        vs.schedule(() -> f.completeExceptionally(e), d);
        return f;
    }

    /** An ordered log of what happened: outputs, callbacks. Append-only, thread-safe. */
    static final class Log {
        private final List<String> events = Collections.synchronizedList(new ArrayList<>());

        void add(String event) {
            events.add(event);
        }

        /** @return a ref whose callback logs {@code "cb:" + name} */
        RefCounter ref(Object name) {
            return new RefCounter(() -> add("cb:" + name));
        }

        List<String> events() {
            synchronized (events) {
                return List.copyOf(events);
            }
        }

        int indexOf(String event) {
            return events().indexOf(event);
        }

        long occurrences(String event) {
            return events().stream().filter(event::equals).count();
        }

        @Override
        public String toString() {
            return events().toString();
        }
    }

    /**
     * A source over an iterator, written as the {@link Source} Javadoc says: production runs on the
     * scheduler, and the next element is pulled only after the previous {@code emitAsync} completed.
     * A stop invalidates the running production chain, so a restart resumes without duplicates.
     */
    static final class IterSource<T> extends Source<T> {
        private final Iterator<? extends T> it;
        private volatile Scheduler scheduler;
        private volatile int generation;
        volatile int pulled;

        IterSource(Iterator<? extends T> it) {
            super("iter_source", Map.of());
            this.it = it;
        }

        @Override
        protected void onStart(Scheduler s) {
            scheduler = s;
            int gen = ++generation;
            s.execute(() -> produce(gen));
        }

        @Override
        protected void onStop() {
            generation++;
        }

        private void produce(int gen) {
            if (gen != generation || isStopped()) {
                return;
            }
            markStarted();
            if (!it.hasNext()) {
                markExhausted();
                return;
            }
            T x = it.next();
            pulled++;
            emitAsync(x).whenComplete((v, e) -> scheduler.execute(() -> produce(gen)));
        }
    }
}
