package dev.streamz.disruptor.internal;

import dev.streamz.Stream;
import dev.streamz.StreamException;
import dev.streamz.disruptor.CloseReport;
import dev.streamz.disruptor.CompiledPipeline;
import dev.streamz.disruptor.EmitResult;
import dev.streamz.disruptor.ErrorPolicy;
import dev.streamz.disruptor.PipelineInput;
import dev.streamz.disruptor.PipelineOptions;
import dev.streamz.disruptor.ProducerKind;
import dev.streamz.disruptor.SegmentInfo;
import dev.streamz.internal.runtime.GraphAccess;

import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/** The running pipeline: its rings, segments and threads, the entry points, and shutdown. */
final class PipelineImpl<T> implements CompiledPipeline<T> {
    private static final System.Logger LOG = System.getLogger("dev.streamz.disruptor");
    private static final int OPEN = 0;
    private static final int CLOSING = 1;
    private static final int CLOSED = 2;

    private final String name;
    private final PipelineOptions options;
    /** Segments in topological order: a segment only publishes into later ones. */
    final List<Segment> segments = new ArrayList<>();
    final Ring entryRing;
    private final Map<Stream<?>, Ingress<?>> inputs = new IdentityHashMap<>();
    private final List<Stream<?>> entryMembers;
    final List<Compiler.Swap> swaps;
    private final List<Stream<?>> allNodes;
    private Ingress<T> primary;

    private volatile int state = OPEN;
    /** Set once by a failure under {@link ErrorPolicy#HALT}; read by every handler per element. */
    volatile boolean halted;
    private volatile Throwable failure;

    // emitAsync: elements not yet accepted, published in order by one helper thread.
    private final LinkedBlockingQueue<Pending> pending = new LinkedBlockingQueue<>();
    private final AtomicInteger pendingCount = new AtomicInteger();
    private Thread feeder;
    private CloseReport closeReport;
    private volatile boolean closeStarted;

    private record Pending(Ingress<?> input, Object x, CompletableFuture<Void> done) {
    }

    private static final Pending STOP = new Pending(null, null, null);

    PipelineImpl(String name, PipelineOptions options, Ring entryRing, List<Stream<?>> entryMembers,
                 List<Compiler.Swap> swaps, List<Stream<?>> allNodes) {
        this.name = name;
        this.options = options;
        this.entryRing = entryRing;
        this.entryMembers = entryMembers;
        this.swaps = swaps;
        this.allNodes = allNodes;
    }

    void setPrimary(Stream<T> source) {
        primary = ingress(source);
    }

    @SuppressWarnings("unchecked")
    private <U> Ingress<U> ingress(Stream<U> node) {
        synchronized (inputs) {
            return (Ingress<U>) inputs.computeIfAbsent(node, n -> new Ingress<>(this, node, entryRing));
        }
    }

    void start() {
        ThreadFactory factory = options.threadFactory() != null ? options.threadFactory() : r -> {
            Thread t = new Thread(r);
            t.setDaemon(true);
            return t;
        };
        for (Segment s : segments) {
            s.thread = factory.newThread(s.processor);
            s.thread.setName(s.threadName());
        }
        for (Segment s : segments) {
            s.thread.start();
        }
    }

    // ------------------------------------------------------------------------------------------------
    // Emitting

    @Override
    public void emit(T x) {
        primary.emit(x);
    }

    @Override
    public void emit(T x, List<Map<String, Object>> metadata) {
        primary.emit(x, metadata);
    }

    @Override
    public EmitResult tryEmit(T x) {
        return primary.tryEmit(x);
    }

    @Override
    public EmitResult tryEmit(T x, List<Map<String, Object>> metadata) {
        return primary.tryEmit(x, metadata);
    }

    @Override
    public CompletableFuture<Void> emitAsync(T x) {
        return primary.emitAsync(x);
    }

    @Override
    public <U> PipelineInput<U> input(Stream<U> node) {
        if (node == null) {
            throw new IllegalArgumentException("input: node must not be null");
        }
        boolean member = false;
        for (Stream<?> m : entryMembers) {
            if (m == node) {
                member = true;
                break;
            }
        }
        if (!member) {
            throw new IllegalArgumentException("input: node '" + node.name() + "' is not in the entry segment of"
                    + " pipeline '" + name + "' (it is behind an asynchronous boundary, or not in this graph); "
                    + "the entry segment holds " + names(entryMembers));
        }
        return ingress(node);
    }

    /** Throws when emitting is refused: one volatile read on the hot path. */
    void checkOpen() {
        if (state != OPEN) {
            throw refusedException();
        }
    }

    private IllegalStateException refusedException() {
        Throwable f = failure;
        if (f != null) {
            return new IllegalStateException("pipeline '" + name + "' halted after a failure; emit refused", f);
        }
        return new IllegalStateException("pipeline '" + name + "' is closed; emit refused");
    }

    /** @return why tryEmit is refused, or null */
    EmitResult refusal() {
        if (state == OPEN) {
            return null;
        }
        return failure != null ? EmitResult.FAILED : EmitResult.CLOSED;
    }

    <U> CompletableFuture<Void> emitAsync(Ingress<U> input, U x) {
        if (options.producerKind() != ProducerKind.MULTI) {
            throw new IllegalStateException("emitAsync needs ProducerKind.MULTI (pipeline '" + name
                    + "' has " + options.producerKind() + "): its deferred publish runs on a helper thread");
        }
        if (pendingCount.get() == 0) {
            EmitResult r = input.tryPublish(x, GraphAccess.none());
            switch (r) {
                case ACCEPTED:
                    return CompletableFuture.completedFuture(null);
                case BACK_PRESSURED:
                    break;
                default:
                    return CompletableFuture.failedFuture(refusedException());
            }
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        synchronized (pending) {
            if (state != OPEN) {
                return CompletableFuture.failedFuture(refusedException());
            }
            pendingCount.incrementAndGet();
            pending.add(new Pending(input, x, done));
            if (feeder == null) {
                feeder = (options.threadFactory() != null ? options.threadFactory() : Thread.ofPlatform()
                        .daemon(true).factory()).newThread(this::feed);
                feeder.setName("streamz-" + name + "-emitAsync");
                feeder.start();
            }
        }
        return done;
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
                pendingCount.decrementAndGet();
            }
        }
    }

    // ------------------------------------------------------------------------------------------------
    // Failures

    void failed(Segment segment, Stream<?> node, Throwable t) {
        try {
            if (options.errorHandler() != null) {
                options.errorHandler().accept(segment, t);
            } else {
                LOG.log(System.Logger.Level.WARNING, describe(segment, node, t), t);
            }
        } catch (Throwable handlerFailure) {
            LOG.log(System.Logger.Level.ERROR, "pipeline '" + name + "': the error handler threw", handlerFailure);
        }
        if (options.errorPolicy() == ErrorPolicy.HALT && failure == null) {
            synchronized (this) {
                if (failure == null) {
                    failure = t;
                    halted = true;
                    if (state == OPEN) {
                        state = CLOSING; // refuse emits; close() still drains (skipping) and stops the threads
                    }
                }
            }
        }
    }

    private String describe(Segment segment, Stream<?> node, Throwable t) {
        String what = options.errorPolicy() == ErrorPolicy.HALT ? "halting the pipeline" : "skipped an element";
        String where = t instanceof StreamException || node == null ? ""
                : " in node '" + node.name() + "' (" + node.operator() + ", built at " + node.buildSite() + ")";
        return "pipeline '" + name + "', " + segment + ": " + what + where + ": " + t;
    }

    @Override
    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    // ------------------------------------------------------------------------------------------------
    // Introspection

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<SegmentInfo> segments() {
        return List.copyOf(segments);
    }

    @Override
    public List<String> threadNames() {
        List<String> out = new ArrayList<>();
        for (Segment s : segments) {
            out.add(s.threadName());
        }
        return out;
    }

    @Override
    public boolean awaitQuiescence(Duration timeout) throws InterruptedException {
        return quiesce(System.nanoTime() + timeout.toNanos(), true);
    }

    /**
     * Waits until every segment has processed everything claimed in its ring, segment by segment in
     * topological order: once the segments before one are quiescent, nothing more arrives in it.
     */
    private boolean quiesce(long deadline, boolean interruptible) throws InterruptedException {
        while (pendingCount.get() > 0) {
            if (!pause(deadline, interruptible)) {
                return false;
            }
        }
        for (Segment s : segments) {
            while (s.processed() < s.ring.published()) {
                if (!pause(deadline, interruptible)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean pause(long deadline, boolean interruptible) throws InterruptedException {
        if (System.nanoTime() - deadline > 0) {
            return false;
        }
        Thread.onSpinWait();
        LockSupport.parkNanos(20_000);
        if (interruptible && Thread.interrupted()) {
            throw new InterruptedException();
        }
        return true;
    }

    // ------------------------------------------------------------------------------------------------
    // Shutdown

    @Override
    public boolean isClosed() {
        return closeStarted;
    }

    @Override
    public void close() {
        CloseReport r = close(options.closeTimeout());
        if (!r.drained()) {
            LOG.log(System.Logger.Level.WARNING, "pipeline '" + name + "' closed without draining: " + r);
        }
    }

    @Override
    public synchronized CloseReport close(Duration timeout) {
        if (timeout == null || timeout.isNegative()) {
            throw new IllegalArgumentException("close: timeout must be a non-negative Duration, got " + timeout);
        }
        if (closeReport != null) {
            return closeReport;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        closeStarted = true;
        synchronized (pending) {
            state = CLOSING;
        }
        stopFeeder(deadline);
        boolean drained;
        try {
            drained = quiesce(deadline, false);
        } catch (InterruptedException impossible) {
            drained = false;
        }
        Map<String, Long> undrained = new LinkedHashMap<>();
        if (!drained) {
            for (Segment s : segments) {
                if (s.backlog() > 0) {
                    undrained.put(s.name(), s.backlog());
                }
            }
        }
        for (Segment s : segments) {
            s.processor.halt();
        }
        List<String> alive = new ArrayList<>();
        boolean interrupted = false;
        for (Segment s : segments) {
            long waitMs = Math.max(100, (deadline - System.nanoTime()) / 1_000_000);
            try {
                s.thread.join(waitMs);
            } catch (InterruptedException e) {
                interrupted = true;
            }
            if (s.thread.isAlive()) {
                alive.add(s.thread.getName());
            }
        }
        for (int i = swaps.size() - 1; i >= 0; i--) {
            swaps.get(i).undo();
        }
        Compiler.unregister(allNodes);
        state = CLOSED;
        closeReport = new CloseReport(drained, undrained, alive);
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return closeReport;
    }

    private void stopFeeder(long deadline) {
        Thread f;
        synchronized (pending) {
            f = feeder;
            if (f == null) {
                return;
            }
            pending.add(STOP);
        }
        // The feeder fails the futures queued before STOP (publish refuses once closing); if it did not
        // stop in time, fail what is left here.
        try {
            f.join(Math.max(100, (deadline - System.nanoTime()) / 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Pending p;
        while ((p = pending.poll()) != null) {
            if (p != STOP) {
                p.done.completeExceptionally(refusedException());
                pendingCount.decrementAndGet();
            }
        }
    }

    static String names(List<Stream<?>> nodes) {
        List<String> out = new ArrayList<>(nodes.size());
        for (Stream<?> n : nodes) {
            out.add(n.name());
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return "CompiledPipeline[" + name + ", " + segments.size() + " segments]";
    }
}
