package dev.streamz.internal.operators;

import dev.streamz.PublisherOptions;
import dev.streamz.PublisherOptions.Overflow;
import dev.streamz.Source;
import dev.streamz.Stream;
import dev.streamz.StreamException;
import dev.streamz.internal.Args;
import dev.streamz.internal.Metadata;
import dev.streamz.internal.SourceEnds;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Collections;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code toPublisher}: a terminal node that is also a Reactive Streams {@link Flow.Publisher}. Every element
 * the node receives is queued for every current subscriber, each with its own demand and its own bounded
 * queue ({@link PublisherOptions#bufferSize()}); a subscriber's queue is drained as it requests, on the thread
 * that emitted into the graph or the thread that called {@code request}, whichever finds demand and elements
 * together. Signals to one subscriber are serial (rule 1.3): a work-in-progress counter lets one thread at a
 * time deliver, and others leave their work to it.
 *
 * <p>A full queue under {@link Overflow#BACK_PRESSURE} holds the emitter ({@code holdEmitter}) until the
 * subscriber made room, so the slowest subscriber paces the graph; the drop policies drop (counted, refs
 * released) for that subscriber only. While nobody is subscribed, a <em>parked</em> queue with no subscriber
 * takes the elements under the same policy and is handed to the next subscriber, so elements emitted before
 * the first subscription are not lost.
 *
 * <p>Metadata refs of a queued element are retained per subscriber and released right after that
 * subscriber's {@code onNext} returns (or when the element is dropped, or the subscriber cancels).
 *
 * <p>Completion: subscribers get {@code onComplete} after their queue drained, once every source upstream of
 * this node has ended or is stopped (news of an end reaches this node through {@link SourceEnds}), or when
 * this node is destroyed. If a source ended with a failure (a {@code fromPublisher} whose publisher signalled
 * {@code onError}) they get {@code onError} with it instead. A subscriber arriving later gets what its parked
 * queue holds, then the same terminal signal.
 *
 * @param <T> element type
 */
public final class PublisherNode<T> extends ScheduledNode<T> implements Flow.Publisher<T>, SourceEnds.Listener {
    private final int capacity;
    private final Overflow overflow;
    private final Object lock = new Object();
    /** Current subscriptions; never empty: a parked one stands in while nobody is subscribed. Copy-on-write. */
    private volatile Sub<T>[] subs;
    /** The subscription waiting for a subscriber, or null. Guarded by {@link #lock}. */
    private Sub<T> parked;
    /** Null while open; then the end every subscriber gets once its queue drained. */
    private volatile Terminal terminal;
    private final AtomicLong dropped = new AtomicLong();

    /**
     * @param upstream the node whose elements are published
     * @param options buffer size and overflow policy
     */
    public PublisherNode(Stream<T> upstream, PublisherOptions options) {
        Args.notNull(options, "toPublisher: options");
        super("to_publisher", Map.of("buffer_size", options.bufferSize(), "overflow", options.overflow()), upstream);
        this.capacity = options.bufferSize();
        this.overflow = options.overflow();
        this.parked = new Sub<>(this);
        this.subs = one(parked);
    }

    @Override
    public void update(Object x, List<Map<String, Object>> md, Stream<?> from) {
        in++;
        if (x == null) {
            throw badElement("toPublisher cannot publish null (Reactive Streams rule 2.13)", null);
        }
        Sub<T>[] s = subs;
        for (int i = 0; i < s.length; i++) {
            s[i].offer(x, md);
        }
    }

    @Override
    public void subscribe(Flow.Subscriber<? super T> subscriber) {
        if (subscriber == null) {
            throw new NullPointerException("toPublisher: subscriber must not be null (Reactive Streams rule 1.9)");
        }
        Sub<T> sub;
        synchronized (lock) {
            if (parked != null) {
                sub = parked; // takes over what was emitted while nobody was subscribed
                parked = null;
            } else {
                sub = new Sub<>(this);
                subs = append(subs, sub);
            }
            sub.subscriber = subscriber;
        }
        try {
            subscriber.onSubscribe(sub);
        } catch (RuntimeException e) {
            sub.cancel();
            scheduler.reportError(new StreamException(this, "subscriber " + subscriber
                    + " threw from onSubscribe (Reactive Streams rule 2.13); it was cancelled", e));
            return;
        }
        sub.ready = true;
        sub.drain();
    }

    @Override
    public void upstreamSourceEnded(Source<?> source) {
        Throwable failure = null;
        for (Source<?> s : upstreamSources()) {
            if (!s.isStopped()) {
                return;
            }
            if (failure == null) {
                failure = s.failure().orElse(null);
            }
        }
        end(failure);
    }

    /** Completes the subscribers (after their queues drained): the node leaves the graph. */
    @Override
    public void destroy() {
        super.destroy();
        end(null);
    }

    @Override
    public int bufferedCount() {
        int n = 0;
        for (Sub<T> s : subs) {
            n += s.count;
        }
        return n;
    }

    /** @return elements dropped by a drop policy so far, over all subscribers */
    public long droppedCount() {
        return dropped.get();
    }

    /** @return how many subscribers are attached (not counting the parked queue) */
    public int subscriberCount() {
        int n = 0;
        for (Sub<T> s : subs) {
            if (s.subscriber != null) {
                n++;
            }
        }
        return n;
    }

    private void end(Throwable failure) {
        synchronized (lock) {
            if (terminal != null) {
                return;
            }
            terminal = new Terminal(failure);
        }
        for (Sub<T> s : subs) {
            s.drain();
        }
    }

    private List<Source<?>> upstreamSources() {
        Set<Stream<?>> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        ArrayDeque<Stream<?>> todo = new ArrayDeque<>(upstreams());
        List<Source<?>> out = new ArrayList<>();
        while (!todo.isEmpty()) {
            Stream<?> n = todo.poll();
            if (!seen.add(n)) {
                continue;
            }
            if (n instanceof Source<?> src) {
                out.add(src);
            }
            todo.addAll(n.upstreams());
        }
        return out;
    }

    private void detach(Sub<T> s) {
        synchronized (lock) {
            Sub<T>[] cur = subs;
            int i = Arrays.asList(cur).indexOf(s);
            if (i < 0) {
                return;
            }
            Sub<T>[] b = Arrays.copyOf(cur, cur.length - 1);
            System.arraycopy(cur, i + 1, b, i, cur.length - i - 1);
            if (b.length == 0 && parked == null) {
                parked = new Sub<>(this);
                b = one(parked);
            }
            subs = b;
        }
    }

    private static <T> Sub<T>[] append(Sub<T>[] a, Sub<T> s) {
        Sub<T>[] b = Arrays.copyOf(a, a.length + 1);
        b[a.length] = s;
        return b;
    }

    @SuppressWarnings("unchecked")
    private static <T> Sub<T>[] one(Sub<T> s) {
        Sub<T>[] a = (Sub<T>[]) new Sub<?>[1];
        a[0] = s;
        return a;
    }

    private static long addCap(long a, long b) {
        long r = a + b;
        return r < 0 ? Long.MAX_VALUE : r;
    }

    /** How the publisher ended: normally ({@code error == null}) or with a failure. */
    private record Terminal(Throwable error) {
    }

    /** One subscriber's subscription: its queue, its demand, and the serial drain. */
    private static final class Sub<T> implements Flow.Subscription {
        private final PublisherNode<T> node;

        Sub(PublisherNode<T> node) {
            this.node = node;
        }

        /** Element then metadata, alternating: two slots per element, so queueing allocates no node. */
        private final ArrayDeque<Object> queue = new ArrayDeque<>();
        private final AtomicLong requested = new AtomicLong();
        private final AtomicInteger wip = new AtomicInteger();
        volatile Flow.Subscriber<? super T> subscriber;
        /** Set once {@code onSubscribe} returned: nothing is delivered before (rule 1.3). */
        volatile boolean ready;
        private volatile boolean cancelled;
        private volatile boolean finished;
        private volatile long badRequest;
        private volatile boolean badRequested;
        /** Queued elements; written under this subscription's lock. */
        volatile int count;
        /** Completes when a full queue has room again; the emitter waits on it. Guarded by this. */
        private CompletableFuture<Void> room;

        /** Queues {@code x} (on the emitting thread) and delivers what demand allows. */
        void offer(Object x, List<Map<String, Object>> md) {
            if (wip.get() == 0 && count == 0 && ready && requested.get() != 0 && wip.compareAndSet(0, 1)) {
                if (handOver(x)) {
                    return;
                }
            }
            List<Map<String, Object>> droppedMd = null;
            synchronized (this) {
                if (cancelled || finished) {
                    return;
                }
                if (count >= node.capacity) {
                    if (node.overflow == Overflow.DROP_NEWEST) {
                        node.dropped.incrementAndGet();
                        return;
                    }
                    if (node.overflow == Overflow.DROP_OLDEST) {
                        queue.poll();
                        @SuppressWarnings("unchecked")
                        List<Map<String, Object>> old = (List<Map<String, Object>>) queue.poll();
                        droppedMd = old;
                        count--;
                        node.dropped.incrementAndGet();
                    }
                    // BACK_PRESSURE: only an emitter that did not wait for acceptance gets here; the element
                    // is queued all the same (nothing is lost) and the emitter is held again below.
                }
                Metadata.retain(md);
                queue.add(x);
                queue.add(md);
                count++;
            }
            if (droppedMd != null) {
                Metadata.release(droppedMd);
            }
            drain();
            if (node.overflow == Overflow.BACK_PRESSURE && count >= node.capacity) {
                CompletableFuture<Void> wait;
                synchronized (this) {
                    if (count < node.capacity || cancelled || finished) {
                        return;
                    }
                    if (room == null) {
                        room = new CompletableFuture<>();
                    }
                    wait = room;
                }
                holdEmitter(wait);
            }
        }

        /**
         * The fast path, entered owning the drain: nothing queued and demand outstanding, so {@code x} goes
         * straight to {@code onNext} without a queue or a ref of its own (the emission holds its refs until
         * onNext returned). Leaves the drain owned only if it must go on.
         *
         * @return false if the element must take the queued path after all
         */
        @SuppressWarnings("unchecked")
        private boolean handOver(Object x) {
            Flow.Subscriber<? super T> s = subscriber;
            long r = requested.get();
            if (cancelled || finished || badRequested || count != 0 || r == 0 || node.terminal != null || s == null) {
                int missed = wip.decrementAndGet();
                if (missed != 0) {
                    drainLoop(missed);
                }
                return false;
            }
            try {
                s.onNext((T) x);
            } catch (RuntimeException ex) {
                cancel();
                node.scheduler.reportError(new StreamException(node, "subscriber " + s
                        + " threw from onNext (Reactive Streams rule 2.13); it was cancelled", ex));
            }
            if (r != Long.MAX_VALUE) {
                requested.decrementAndGet();
            }
            int missed = wip.decrementAndGet();
            if (missed != 0) {
                drainLoop(missed); // signals that came in meanwhile
            }
            return true;
        }

        @Override
        public void request(long n) {
            if (n <= 0) {
                badRequest = n;
                badRequested = true;
            } else {
                long r;
                do {
                    r = requested.get();
                    if (r == Long.MAX_VALUE) {
                        break;
                    }
                } while (!requested.compareAndSet(r, addCap(r, n)));
            }
            drain();
        }

        @Override
        public void cancel() {
            if (cancelled) {
                return;
            }
            cancelled = true;
            node.detach(this);
            drain();
        }

        /** Delivers while there is demand and elements, then the node.terminal signal; one thread at a time. */
        @SuppressWarnings("unchecked")
        void drain() {
            if (wip.getAndIncrement() != 0) {
                return;
            }
            drainLoop(1);
        }

        /** The owner's loop: {@code missed} is the work signalled so far; others leave theirs to it. */
        private void drainLoop(int missed) {
            for (;;) {
                if (cancelled || finished) {
                    clear();
                } else if (ready) {
                    deliver();
                }
                missed = wip.addAndGet(-missed);
                if (missed == 0) {
                    return;
                }
            }
        }

        @SuppressWarnings("unchecked")
        private void deliver() {
            Flow.Subscriber<? super T> s = subscriber;
            long r = requested.get();
            long e = 0;
            for (;;) {
                if (cancelled) {
                    clear();
                    return;
                }
                if (badRequested) {
                    IllegalArgumentException iae = new IllegalArgumentException("toPublisher: request(" + badRequest
                            + ") by " + s + ": n must be positive (Reactive Streams rule 3.9)");
                    finish();
                    s.onError(iae);
                    return;
                }
                Terminal t = node.terminal; // read before polling: an end is delivered only behind every element
                Object x = null;
                List<Map<String, Object>> md = null;
                CompletableFuture<Void> free = null;
                if (e != r) {
                    synchronized (this) {
                        x = queue.poll();
                        if (x != null) {
                            md = (List<Map<String, Object>>) queue.poll();
                            count--;
                            if (room != null && count < node.capacity) {
                                free = room;
                                room = null;
                            }
                        }
                    }
                }
                if (x == null) {
                    if (t != null && count == 0) {
                        finish();
                        if (t.error() == null) {
                            s.onComplete();
                        } else {
                            s.onError(t.error());
                        }
                    }
                    break;
                }
                try {
                    s.onNext((T) x);
                } catch (RuntimeException ex) {
                    Metadata.release(md);
                    cancel();
                    node.scheduler.reportError(new StreamException(node, "subscriber " + s
                            + " threw from onNext (Reactive Streams rule 2.13); it was cancelled", ex));
                    return;
                } finally {
                    if (free != null) {
                        free.complete(null);
                    }
                }
                Metadata.release(md); // the subscriber is done with the element: its refs go (documented)
                e++;
            }
            if (e != 0 && r != Long.MAX_VALUE) {
                requested.addAndGet(-e);
            }
        }

        /** After a node.terminal signal: nothing more is sent, the subscriber is forgotten (rule 3.13). */
        private void finish() {
            finished = true;
            node.detach(this);
            clear();
        }

        /** Drops what is queued, releasing its refs, and lets a held emitter go. */
        @SuppressWarnings("unchecked")
        private void clear() {
            subscriber = null;
            CompletableFuture<Void> free;
            for (;;) {
                List<Map<String, Object>> md;
                synchronized (this) {
                    if (queue.poll() == null) {
                        break;
                    }
                    md = (List<Map<String, Object>>) queue.poll();
                    count--;
                }
                Metadata.release(md);
            }
            synchronized (this) {
                free = room;
                room = null;
            }
            if (free != null) {
                free.complete(null);
            }
        }
    }
}
