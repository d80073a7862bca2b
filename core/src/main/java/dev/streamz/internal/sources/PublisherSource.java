package dev.streamz.internal.sources;

import dev.streamz.Scheduler;
import dev.streamz.Source;
import dev.streamz.StreamException;
import dev.streamz.SubscriberOptions;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code fromPublisher}: a source fed by a Reactive Streams {@link Flow.Publisher}. Each start subscribes a
 * fresh subscriber, which requests {@code prefetch} elements and then, as the graph accepts them, tops the
 * demand up in batches of {@code prefetch - lowWater} (see {@link SubscriberOptions}). Elements wait in a
 * bounded single-producer ring ({@code prefetch} slots) and are emitted one at a time on the graph's
 * scheduler; the next one leaves only after the graph accepted the previous one, and consumption, not
 * arrival, drives the next request, so a slow graph slows the publisher.
 *
 * <p>Every call on the {@link Flow.Subscription} ({@code request}, {@code cancel}) is made on the scheduler's
 * thread, so they are serial (rule 2.7) even when the publisher emits inside {@code request}. {@code stop()}
 * cancels the subscription; elements the publisher delivered but the graph has not received yet are
 * discarded (at most {@code prefetch}). {@code onComplete} ends the source once every delivered element was
 * emitted; {@code onError} does the same and reports the failure to the scheduler's error handler, naming
 * this node, and a {@code toPublisher} downstream passes it on to its subscribers.
 *
 * @param <T> element type
 */
public final class PublisherSource<T> extends Source<T> {
    private final Flow.Publisher<? extends T> publisher;
    private final int prefetch;
    private final int batch;
    private volatile Inner current;

    /**
     * @param publisher what to subscribe to
     * @param options prefetch and low-water mark
     */
    public PublisherSource(Flow.Publisher<? extends T> publisher, SubscriberOptions options) {
        super("from_publisher", Map.of("prefetch", options.prefetch(), "low_water", options.lowWater()));
        this.publisher = publisher;
        this.prefetch = options.prefetch();
        this.batch = options.prefetch() - options.lowWater();
    }

    @Override
    protected void onStart(Scheduler scheduler) {
        Inner in = new Inner(scheduler);
        current = in;
        publisher.subscribe(in);
    }

    @Override
    protected void onStop() {
        Inner in = current;
        if (in != null) {
            in.cancel();
        }
    }

    @Override
    public int bufferedCount() {
        Inner in = current;
        return in == null ? 0 : in.ring.size();
    }

    /** The subscriber of one run (one start), and the scheduler task that drains what it received. */
    final class Inner implements Flow.Subscriber<T>, Runnable {
        private final Scheduler scheduler;
        final SpscRing ring = new SpscRing(prefetch);
        /** True while a drain task is queued or running, or an emission awaits acceptance. */
        private final AtomicBoolean scheduled = new AtomicBoolean();
        private volatile Flow.Subscription subscription;
        private volatile boolean cancelled;
        private volatile boolean done;
        private volatile Throwable error;
        // Scheduler-thread only:
        private boolean emitting;
        private int consumed;
        private boolean ended;

        Inner(Scheduler scheduler) {
            this.scheduler = scheduler;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            if (s == null) {
                throw new NullPointerException("fromPublisher: onSubscribe(null) (Reactive Streams rule 2.13)");
            }
            if (subscription != null) {
                s.cancel(); // rule 2.5: one subscription at a time
                return;
            }
            subscription = s;
            if (cancelled) {
                s.cancel();
                return;
            }
            scheduler.execute(() -> {
                if (!cancelled && !done) {
                    s.request(prefetch);
                }
            });
        }

        @Override
        public void onNext(T x) {
            if (x == null) {
                throw new NullPointerException("fromPublisher: onNext(null) (Reactive Streams rule 2.13)");
            }
            if (done || cancelled) {
                return;
            }
            if (!ring.offer(x)) {
                // The publisher sent more than was requested (rule 1.1): end visibly rather than grow.
                error = new IllegalStateException("publisher " + publisher + " sent more than the " + prefetch
                        + " elements requested (Reactive Streams rule 1.1)");
                done = true;
                scheduler.execute(this::cancelOnScheduler);
            }
            signal();
        }

        @Override
        public void onError(Throwable t) {
            if (t == null) {
                throw new NullPointerException("fromPublisher: onError(null) (Reactive Streams rule 2.13)");
            }
            error = t;
            done = true;
            signal();
        }

        @Override
        public void onComplete() {
            done = true;
            signal();
        }

        /** Called by stop(): cancels on the scheduler, so that request and cancel stay serial (rule 2.7). */
        void cancel() {
            if (cancelled) {
                return;
            }
            cancelled = true;
            scheduler.execute(this::cancelOnScheduler);
        }

        private void cancelOnScheduler() {
            Flow.Subscription s = subscription;
            if (s != null) {
                subscription = null; // rule 3.13: drop the reference
                if (!ended) {
                    s.cancel();
                }
            }
            ring.clear();
        }

        private void signal() {
            if (!scheduled.get() && scheduled.compareAndSet(false, true)) {
                scheduler.execute(this);
            }
        }

        @Override
        public void run() {
            drain();
        }

        @SuppressWarnings("unchecked")
        private void drain() {
            if (emitting || ended) {
                return;
            }
            for (;;) {
                if (cancelled) {
                    ring.clear();
                    return; // 'scheduled' stays set: nothing runs for this run again
                }
                boolean d = done;
                Object x = ring.poll();
                if (x == null) {
                    if (d) {
                        end();
                        return;
                    }
                    scheduled.set(false);
                    // An element offered after the poll saw 'scheduled' still set and queued no task: look again.
                    if ((ring.size() == 0 && !done) || !scheduled.compareAndSet(false, true)) {
                        return;
                    }
                    continue;
                }
                markStarted();
                CompletableFuture<Void> accepted = emitAsync((T) x);
                if (!accepted.isDone()) {
                    emitting = true;
                    accepted.whenComplete((v, e) -> scheduler.execute(() -> resume(e)));
                    return;
                }
                if (accepted.isCompletedExceptionally()) {
                    accepted.handle((v, e) -> {
                        report(e);
                        return null;
                    });
                }
                consumed();
            }
        }

        private void resume(Throwable e) {
            emitting = false;
            if (e != null) {
                report(e);
            }
            consumed();
            drain();
        }

        private void consumed() {
            if (++consumed == batch) {
                consumed = 0;
                Flow.Subscription s = subscription;
                if (s != null && !cancelled && !done) {
                    s.request(batch);
                }
            }
        }

        private void report(Throwable e) {
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            scheduler.reportError(cause instanceof StreamException se ? se
                    : new StreamException(PublisherSource.this, "emission failed", cause));
        }

        private void end() {
            ended = true;
            subscription = null; // rule 2.4 / 3.13: the subscription is over
            Throwable t = error;
            if (current != this) {
                return;
            }
            if (t != null) {
                // Reports it, sets failure(), stops, and tells toPublisher nodes downstream (onError).
                markFailed("publisher " + publisher + " signalled onError", t);
                return;
            }
            finish();
        }
    }

    private void finish() {
        markExhausted();
    }
}
