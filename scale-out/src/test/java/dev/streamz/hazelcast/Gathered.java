package dev.streamz.hazelcast;

import dev.streamz.EventLoop;
import dev.streamz.RefCounter;
import dev.streamz.Schedulers;
import dev.streamz.Stream;
import dev.streamz.StreamException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Test support for one scattered pipeline on a real event loop: a source to emit into from the test
 * thread, what arrived downstream of {@code gather()} (and, per element, whether its ref had fired by
 * then), the errors the loop reported, and a wait for a number of outputs that fails instead of hanging.
 */
final class Gathered<T> implements AutoCloseable {
    final EventLoop loop;
    final Stream<T> source;
    final List<StreamException> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final List<Object> out = new ArrayList<>();
    /** Refs that had fired when each output arrived: a ref must not fire before its element's result. */
    final List<RefCounter> refs = new ArrayList<>();
    final AtomicInteger refsFiredEarly = new AtomicInteger();

    Gathered(String name) {
        loop = Schedulers.newEventLoop("test-" + name, errors::add);
        source = Stream.<T>create(name).withScheduler(loop);
    }

    /** Collects what {@code gathered} emits. */
    <R> void collect(Stream<R> gathered) {
        gathered.sinkWithMetadata((x, md) -> {
            for (Map<String, Object> m : md) {
                if (m.get(RefCounter.METADATA_KEY) instanceof RefCounter r && r.fired()) {
                    refsFiredEarly.incrementAndGet();
                }
            }
            synchronized (out) {
                out.add(x);
                out.notifyAll();
            }
        });
    }

    /** Emits {@code x} with a fresh ref whose callback counts; blocking until the graph accepted it. */
    RefCounter emitWithRef(T x, AtomicInteger fired) {
        RefCounter ref = new RefCounter(fired::incrementAndGet);
        refs.add(ref);
        source.emit(x, List.of(Map.of(RefCounter.METADATA_KEY, ref)));
        return ref;
    }

    /** Waits until {@code n} outputs arrived (at most 60 s) and returns a copy of them. */
    List<Object> await(int n) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        synchronized (out) {
            while (out.size() < n) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    fail("waited 60 s for " + n + " outputs, got " + out.size() + "; errors: " + errors);
                }
                try {
                    out.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    fail("interrupted");
                }
            }
            return new ArrayList<>(out);
        }
    }

    /** Waits for {@code n} outputs, then until the loop ran everything queued, and checks no more came. */
    List<Object> awaitExactly(int n) {
        List<Object> got = await(n);
        settle();
        synchronized (out) {
            assertEquals(n, out.size(), "outputs after the expected " + n + ": " + out.subList(n, out.size()));
        }
        return got;
    }

    /** Returns after the loop has run a task submitted now (and so everything queued before it). */
    void settle() {
        java.util.concurrent.CompletableFuture<Void> f = new java.util.concurrent.CompletableFuture<>();
        loop.execute(() -> f.complete(null));
        f.orTimeout(60, TimeUnit.SECONDS).join();
    }

    /** Waits until {@code condition} holds, checking on the loop, at most 60 s. */
    void awaitOnLoop(java.util.function.BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            java.util.concurrent.CompletableFuture<Boolean> f = new java.util.concurrent.CompletableFuture<>();
            loop.execute(() -> f.complete(condition.getAsBoolean()));
            if (f.orTimeout(60, TimeUnit.SECONDS).join()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                fail("waited 60 s for " + what + "; errors: " + errors);
            }
            java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(5).toNanos());
        }
    }

    @Override
    public void close() {
        loop.close();
    }
}
