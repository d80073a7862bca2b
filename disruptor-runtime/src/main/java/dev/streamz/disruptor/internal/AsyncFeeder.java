package dev.streamz.disruptor.internal;

import dev.streamz.disruptor.EmitResult;
import dev.streamz.internal.runtime.GraphAccess;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code emitAsync}: an element the ring takes at once is published on the caller's thread; otherwise it
 * waits, in call order, for one helper thread (started on first need) that publishes it, blocking while
 * the ring is full, and then completes its future.
 */
final class AsyncFeeder {
    private record Pending(Ingress<?> input, Object x, CompletableFuture<Void> done) {
    }

    private static final Pending STOP = new Pending(null, null, null);

    private final String pipelineName;
    private final Lifecycle lifecycle;
    private final ThreadFactory threads;
    private final LinkedBlockingQueue<Pending> pending = new LinkedBlockingQueue<>();
    /** Elements handed to the feeder and not yet published or failed. */
    private final AtomicInteger count = new AtomicInteger();
    private Thread thread; // guarded by pending

    AsyncFeeder(String pipelineName, Lifecycle lifecycle, ThreadFactory threads) {
        this.pipelineName = pipelineName;
        this.lifecycle = lifecycle;
        this.threads = threads;
    }

    <U> CompletableFuture<Void> emitAsync(Ingress<U> input, U x) {
        if (count.get() == 0) { // nothing queued before it: it may overtake nothing
            EmitResult r = input.tryPublish(x, GraphAccess.none());
            switch (r) {
                case ACCEPTED:
                    return CompletableFuture.completedFuture(null);
                case BACK_PRESSURED:
                    break;
                default:
                    return CompletableFuture.failedFuture(lifecycle.refused());
            }
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        synchronized (pending) {
            if (lifecycle.refusal() != null) {
                return CompletableFuture.failedFuture(lifecycle.refused());
            }
            count.incrementAndGet();
            pending.add(new Pending(input, x, done));
            if (thread == null) {
                thread = threads.newThread(this::feed);
                thread.setName("streamz-" + pipelineName + "-emitAsync");
                thread.start();
            }
        }
        return done;
    }

    /** @return how many elements wait to be published */
    int pending() {
        return count.get();
    }

    private void feed() {
        while (true) {
            Pending p;
            try {
                p = pending.take();
            } catch (InterruptedException e) {
                return;
            }
            if (p == STOP) {
                return;
            }
            try {
                p.input.publish(p.x, GraphAccess.none()); // blocks while the ring is full
                p.done.complete(null);
            } catch (Throwable t) {
                p.done.completeExceptionally(t);
            } finally {
                count.decrementAndGet();
            }
        }
    }

    /**
     * Stops the helper thread once it has worked through what was queued (publish refuses once closing,
     * so those futures fail); if it does not stop by {@code deadline}, fails what is left here.
     */
    void stop(long deadline) {
        Thread t;
        synchronized (pending) {
            t = thread;
            if (t == null) {
                return;
            }
            pending.add(STOP);
        }
        try {
            t.join(Math.max(100, (deadline - System.nanoTime()) / 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Pending p;
        while ((p = pending.poll()) != null) {
            if (p != STOP) {
                p.done.completeExceptionally(lifecycle.refused());
                count.decrementAndGet();
            }
        }
    }
}
