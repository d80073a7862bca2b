package dev.streamz.disruptor.internal;

import dev.streamz.Stream;
import dev.streamz.disruptor.CloseReport;
import dev.streamz.disruptor.CompiledPipeline;
import dev.streamz.disruptor.EmitResult;
import dev.streamz.disruptor.PipelineInput;
import dev.streamz.disruptor.PipelineOptions;
import dev.streamz.disruptor.ProducerKind;
import dev.streamz.disruptor.SegmentInfo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.locks.LockSupport;

/** The running pipeline: its segments and threads, the entry points, and shutdown. */
final class PipelineImpl<T> implements CompiledPipeline<T> {
    private static final System.Logger LOG = System.getLogger("dev.streamz.disruptor");

    private final String name;
    private final PipelineOptions options;
    private final Lifecycle lifecycle;
    /** Segments in topological order: a segment only publishes into later ones. */
    private final List<Segment> segments;
    private final Ring entryRing;
    private final List<Stream<?>> entryMembers;
    private final List<PipelineBuilder.Swap> swaps;
    private final List<PipelineBuilder.Rebind> rebinds;
    private final List<Stream<?>> allNodes;
    private final ThreadFactory threads;
    private final AsyncFeeder feeder;
    private final Map<Stream<?>, Ingress<?>> inputs = new IdentityHashMap<>();
    private final Ingress<T> primary;
    private CloseReport closeReport; // guarded by this

    PipelineImpl(SegmentPlan plan, PipelineOptions options, Lifecycle lifecycle, List<Segment> segments,
                 Ring entryRing, List<PipelineBuilder.Swap> swaps, List<PipelineBuilder.Rebind> rebinds,
                 Stream<T> source) {
        this.name = plan.name();
        this.options = options;
        this.lifecycle = lifecycle;
        this.segments = List.copyOf(segments);
        this.entryRing = entryRing;
        this.entryMembers = plan.entry().nodes();
        this.swaps = List.copyOf(swaps);
        this.rebinds = List.copyOf(rebinds);
        this.allNodes = plan.nodes();
        this.threads = threadFactory(options);
        this.feeder = new AsyncFeeder(name, lifecycle, threads, options.maxPendingEmits());
        this.primary = ingress(source);
    }

    /** The one place the segment and helper threads come from: the options' factory, or daemon threads. */
    private static ThreadFactory threadFactory(PipelineOptions options) {
        return options.threadFactory() != null ? options.threadFactory()
                : Thread.ofPlatform().daemon(true).factory();
    }

    @SuppressWarnings("unchecked")
    private <U> Ingress<U> ingress(Stream<U> node) {
        synchronized (inputs) {
            return (Ingress<U>) inputs.computeIfAbsent(node, n -> new Ingress<>(this, lifecycle, node, entryRing));
        }
    }

    void start() {
        for (Segment s : segments) {
            s.thread = threads.newThread(s.processor);
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
    public void emitAll(List<? extends T> elements) {
        primary.emitAll(elements);
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
        Objects.requireNonNull(node, "input: node must not be null");
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
                    + "the entry segment holds " + SegmentPlan.names(entryMembers));
        }
        return ingress(node);
    }

    <U> CompletableFuture<Void> emitAsync(Ingress<U> input, U x) {
        if (options.producerKind() != ProducerKind.MULTI) {
            throw new IllegalStateException("emitAsync needs ProducerKind.MULTI (pipeline '" + name
                    + "' has " + options.producerKind() + "): its deferred publish runs on a helper thread");
        }
        return feeder.emitAsync(input, x);
    }

    // ------------------------------------------------------------------------------------------------
    // Introspection

    @Override
    public Optional<Throwable> failure() {
        return Optional.ofNullable(lifecycle.failure());
    }

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
        return quiesce(System.nanoTime() + timeout.toNanos(), true, false);
    }

    /**
     * Waits until every segment has processed everything claimed in its ring, segment by segment in
     * topological order: once the segments before one are quiescent, nothing more arrives in it. With
     * time-driven nodes, also until no timer is overdue and no task is ready, and, when {@code held} (for
     * close), until they hold nothing (a delay's elements have left, a window with members has closed); and
     * then once more: what a timer emitted went into later rings.
     */
    private boolean quiesce(long deadline, boolean interruptible, boolean held) throws InterruptedException {
        while (feeder.pending() > 0) {
            if (!pause(deadline, interruptible)) {
                return false;
            }
        }
        while (true) {
            long published = 0;
            for (Segment s : segments) {
                // A segment whose element waits for virtual time to move is as quiescent as it gets: only
                // the caller (a test advancing the virtual scheduler) can let it go on.
                while (s.processed() < s.ring.published() && (s.clock == null || !s.clock.waitsForVirtualTime())) {
                    if (!pause(deadline, interruptible)) {
                        return false;
                    }
                }
                published += s.ring.published();
            }
            if (!timersOwe(held)) {
                long now = 0;
                for (Segment s : segments) {
                    now += s.ring.published();
                }
                if (now == published) {
                    return true; // no timer ran into a later ring since the rings were drained
                }
                continue;
            }
            while (timersOwe(held)) {
                if (!pause(deadline, interruptible)) {
                    return false;
                }
            }
        }
    }

    /**
     * @param held whether elements a time-driven node holds count (on a virtual clock they never do: only
     *     the test moves its time)
     * @return whether a timer is overdue, a task is ready, or (if {@code held}) a node holds an element
     */
    private boolean timersOwe(boolean held) {
        for (Segment s : segments) {
            if (s.clock != null && (s.clock.owesDueWork() || held && !s.clock.isVirtual() && s.held() > 0)) {
                return true;
            }
        }
        return false;
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
        return lifecycle.closeBegun();
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
        Objects.requireNonNull(timeout, "close: timeout must not be null");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("close: timeout must be a non-negative Duration, got " + timeout);
        }
        if (closeReport != null) {
            return closeReport;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        lifecycle.beginClose();
        feeder.stop(deadline);
        boolean drained;
        try {
            drained = quiesce(deadline, false, true);
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
            if (s.clock != null) {
                s.clock.stop();
            }
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
        PipelineBuilder.undo(swaps);
        PipelineBuilder.undoRebinds(rebinds);
        CompiledNodes.release(allNodes);
        lifecycle.closed();
        closeReport = new CloseReport(drained, undrained, alive);
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return closeReport;
    }

    @Override
    public String toString() {
        return "CompiledPipeline[" + name + ", " + segments.size() + " segments]";
    }
}
