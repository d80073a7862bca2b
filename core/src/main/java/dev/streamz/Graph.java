package dev.streamz;

import dev.streamz.internal.NodeFigures;
import dev.streamz.internal.Args;
import dev.streamz.internal.TimeDriven;
import dev.streamz.internal.runtime.GraphWalk;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The whole connected graph around a node ({@link Stream#graph()}), as one thing to start, watch and shut
 * down.
 *
 * <p>{@link #close()} is the one call that ends a graph: it stops every source, waits (up to
 * {@link #DEFAULT_CLOSE_TIMEOUT}) until no time-based node holds an element (buffers drained, delays
 * and rate limits passed, asynchronous calls completed, the open timed windows emitted), then destroys
 * every node: timers are cancelled (a timed window emits no more empty windows), file sinks are flushed
 * and closed, and joins drop what they buffered, releasing its refs. What a count-based batch
 * ({@code partition}, {@code slidingWindow}, {@code collect}) still holds is dropped without being
 * emitted, and its refs stay held, so a checkpointing source re-reads those elements. It is idempotent.
 *
 * <p>The graph is the set of nodes connected when the handle was made; nodes added later are not in it.
 */
public final class Graph implements AutoCloseable {
    /** How long {@link #close()} waits for the graph to go idle before destroying it. */
    public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(10);

    private final List<Stream<?>> nodes;
    private volatile boolean closed;

    Graph(Stream<?> any) {
        this.nodes = List.copyOf(GraphWalk.connected(any));
    }

    /** {@return the graph's nodes, each once, upstreams before downstreams} */
    public List<Stream<?>> nodes() {
        return nodes;
    }

    /** {@return the graph's scheduler, if it has one (a time-based node or a source)} */
    public java.util.Optional<Scheduler> scheduler() {
        for (Stream<?> n : nodes) {
            if (n.scheduler().isPresent()) {
                return n.scheduler();
            }
        }
        return java.util.Optional.empty();
    }

    /**
     * Starts every source of the graph. Idempotent.
     *
     * @return this graph
     * @throws IllegalStateException if the graph was closed
     */
    public Graph start() {
        if (closed) {
            throw new IllegalStateException("graph: start after close");
        }
        for (Stream<?> n : nodes) {
            if (n instanceof Source<?> s) {
                s.start();
            }
        }
        return this;
    }

    /**
     * Waits until no time-based node of the graph holds an element (see {@link #close()}). On a
     * {@link VirtualScheduler} it runs the virtual clock on for up to {@code timeout} instead of waiting.
     * Called on the graph's own event-loop thread it cannot wait, and answers at once.
     *
     * @param timeout how long to wait at most
     * @return whether the graph was idle in time
     * @throws NullPointerException if {@code timeout} is null
     */
    public boolean awaitIdle(Duration timeout) {
        Args.notNull(timeout, "awaitIdle: timeout");
        Scheduler s = scheduler().orElse(null);
        if (s == null) {
            return true; // synchronous graph: every emit has finished when it returns
        }
        if (s instanceof VirtualScheduler vs) {
            long end = vs.now() + timeout.toNanos();
            vs.runUntilIdle();
            while (!idleNow()) {
                if (vs.now() >= end) {
                    return false;
                }
                vs.advanceBy(Duration.ofNanos(Math.min(1_000_000L, end - vs.now())));
            }
            return true;
        }
        if (s.inSchedulerThread()) {
            return idleNow();
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Boolean idle = onScheduler(s, this::idleNow, deadline);
            if (idle == null) {
                return false;
            }
            if (idle) {
                return true;
            }
            if (System.nanoTime() >= deadline) {
                return false;
            }
            try {
                Thread.sleep(1); // polling a few times per millisecond at most: this is a shutdown path
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    /**
     * A snapshot of every node's figures, taken on the graph's scheduler (where the nodes' state lives).
     *
     * @return one entry per node, in {@link #nodes()} order
     */
    public List<NodeMetrics> metrics() {
        Supplier<List<NodeMetrics>> read = () -> {
            List<NodeMetrics> out = new ArrayList<>(nodes.size());
            for (Stream<?> n : nodes) {
                out.add(metricsOf(n));
            }
            return out;
        };
        Scheduler s = scheduler().orElse(null);
        if (s == null || s instanceof VirtualScheduler || s.inSchedulerThread()) {
            return read.get();
        }
        List<NodeMetrics> m = onScheduler(s, read, System.nanoTime() + DEFAULT_CLOSE_TIMEOUT.toNanos());
        return m != null ? m : read.get(); // a stuck loop: a racy read beats none
    }

    /** Reads one node's figures; see {@link NodeMetrics} for which node reports which. */
    private static NodeMetrics metricsOf(Stream<?> n) {
        long in = NodeMetrics.NOT_COUNTED;
        long out = NodeMetrics.NOT_COUNTED;
        int refs = 0;
        if (n instanceof NodeFigures f) {
            in = f.elementsIn();
            out = f.elementsOut();
            refs = f.refsHeld();
        } else if (n instanceof Source<?>) {
            out = n.emittedOnScheduler;
        }
        return new NodeMetrics(n.id(), n.name(), n.operator(), n.bufferedCount(), n.errorCount(), in, out, refs);
    }

        /** {@return whether {@link #close()} was called} */
    public boolean isClosed() {
        return closed;
    }

    /** Closes the graph, waiting up to {@link #DEFAULT_CLOSE_TIMEOUT} for it to go idle; see the class comment. */
    @Override
    public void close() {
        close(DEFAULT_CLOSE_TIMEOUT);
    }

    /**
     * {@link #close()} with the given wait for idleness; once it has passed the graph is destroyed anyway.
     *
     * @param timeout how long to wait for in-flight elements
     * @return whether the graph went idle before it was destroyed (nothing in flight was dropped)
     */
    public boolean close(Duration timeout) {
        Args.notNull(timeout, "close: timeout");
        synchronized (this) {
            if (closed) {
                return true;
            }
            closed = true;
        }
        for (Stream<?> n : nodes) {
            if (n instanceof Source<?> src) {
                src.stop();
            }
        }
        boolean idle = awaitIdle(timeout);
        Runnable destroyAll = () -> {
            for (Stream<?> n : nodes) {
                n.destroy();
            }
        };
        Scheduler s = scheduler().orElse(null);
        if (s == null || s instanceof VirtualScheduler || s.inSchedulerThread()) {
            destroyAll.run();
        } else if (onScheduler(s, () -> {
            destroyAll.run();
            return Boolean.TRUE;
        }, System.nanoTime() + timeout.toNanos()) == null) {
            destroyAll.run(); // the loop is stuck: destroy from here rather than leave the graph running
        }
        return idle;
    }

    private boolean idleNow() {
        for (Stream<?> n : nodes) {
            if (n instanceof TimeDriven && !(n instanceof Source<?>) && n.bufferedCount() > 0) {
                return false;
            }
        }
        return true;
    }

    /** Runs {@code task} on the scheduler and returns its result, or null when the deadline passed first. */
    private static <R> R onScheduler(Scheduler s, Supplier<R> task, long deadlineNanos) {
        CompletableFuture<R> f = new CompletableFuture<>();
        s.execute(() -> {
            try {
                f.complete(task.get());
            } catch (Throwable e) {
                f.completeExceptionally(e);
            }
        });
        try {
            return f.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException e) {
            throw new IllegalStateException("graph: a task on the scheduler failed", e.getCause());
        }
    }
}
