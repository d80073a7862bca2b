package dev.streamz.internal.operators;

import dev.streamz.Scheduler;
import dev.streamz.Stream;
import dev.streamz.StreamException;
import dev.streamz.internal.Metadata;
import dev.streamz.internal.NodeFigures;
import dev.streamz.internal.TimeDriven;
import dev.streamz.internal.time.EmitContext;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Base of the nodes that run on the graph's scheduler. All their state is touched on the scheduler's
 * thread only (a graph with a scheduler runs every emission there), so they need no locks.
 *
 * <p>Failures behind such a node have no caller to reach: {@link #emitReported} catches them per
 * element, reports them to the scheduler's error handler, and lets the node carry on with the next
 * element (our answer to streamz's G07, where the node's loop dies).
 *
 * @param <T> output element type
 */
abstract class ScheduledNode<T> extends Stream<T> implements TimeDriven, NodeFigures {
    /**
     * The scheduler the node's work runs on: the graph's, fixed when the node is built, except while a
     * compiled pipeline runs the node on its segment's own clock ({@link #rebindScheduler}). Volatile: a
     * timer task still queued on the old scheduler reads it to see that it is stale.
     */
    protected volatile Scheduler scheduler;

    /**
     * Elements received and emitted ({@link #elementsIn()}, {@link #elementsOut()}): a scheduled node's
     * per-element work (a queue, a timer, a future) dwarfs an increment. Written on the scheduler thread.
     */
    long in;
    long out;
    /** Holds on refs of elements whose emission (or asynchronous call) has not completed yet. */
    int inFlightRefs;

    ScheduledNode(String operator, Map<String, Object> parameters, Stream<?>... upstreams) {
        super(operator, parameters, upstreams);
        this.scheduler = requireScheduler();
    }

    @Override
    public final long elementsIn() {
        return in;
    }

    @Override
    public final long elementsOut() {
        return out;
    }

    @Override
    public final int refsHeld() {
        return queuedRefs() + inFlightRefs;
    }

    /** @return the holds on refs of the elements the node keeps queued (in a fifo, window or batch) */
    int queuedRefs() {
        return 0;
    }

    @Override
    public final Scheduler rebindScheduler(Scheduler s) {
        Scheduler old = scheduler;
        scheduler = s;
        rebound(old);
        return old;
    }

    /**
     * Called after {@link #rebindScheduler}: a node with a timer of its own moves it to the new scheduler.
     *
     * @param old the scheduler the node ran on before
     */
    void rebound(Scheduler old) {
    }

    /**
     * Emits {@code x} downstream from a scheduler task and returns a future that completes, never
     * exceptionally, when the downstream has accepted it. A failure is reported, not thrown.
     */
    final CompletableFuture<Void> emitReported(Object x, List<Map<String, Object>> md) {
        out++;
        CompletableFuture<Void> accepted;
        // Reporting mode: the emitDownstream frames a failure unwinds through release the refs they
        // retained; without it each frame left one hold behind and the element's ref never reached zero,
        // although the failure is reported here and the element dropped (G07).
        EmitContext context = EmitContext.current();
        context.beginReporting();
        try {
            accepted = emitDownstreamAsync(x, md);
        } catch (StreamException e) {
            scheduler.reportError(e);
            return EmitContext.ACCEPTED;
        } catch (Throwable e) {
            // An Error as well: left to the scheduler it would leave this node 'emitting' for ever (the
            // emitter of a buffer hung) or drop the elements queued behind it (delay).
            scheduler.reportError(new StreamException(this, "downstream failed", e));
            return EmitContext.ACCEPTED;
        } finally {
            context.endReporting();
        }
        if (accepted.isDone() && !accepted.isCompletedExceptionally()) {
            return accepted;
        }
        return accepted.handle((v, e) -> {
            if (e != null) {
                reportAsync(e);
            }
            return null;
        });
    }

    /** Reports a failure that completed a future, naming this node when the cause names none. */
    final void reportAsync(Throwable e) {
        reportFailure(e, "asynchronous downstream failed");
    }

    /**
     * Reports a failure with no caller to throw to: a {@link StreamException} as it is (it already names
     * its node), anything else wrapped with this node's name and {@code detail}.
     *
     * @param e the failure, possibly wrapped in a {@link CompletionException}
     * @param detail what failed, in words
     */
    final void reportFailure(Throwable e, String detail) {
        Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        scheduler.reportError(cause instanceof StreamException se ? se : new StreamException(this, detail, cause));
    }

    /**
     * Emits {@code x} as {@link #emitReported} does, then releases {@code release} (the refs this node
     * held for the element, one list or several). If the downstream accepted at once this happens before
     * returning {@code true}; otherwise it happens on the scheduler once the downstream has accepted,
     * followed by {@code then}, and this returns {@code false}. The caller's loop goes on only when it
     * gets {@code true}, so elements leave one at a time without recursion.
     *
     * @param x the element
     * @param md its metadata, as emitted
     * @param release what to release afterwards: {@code md} itself, or the members' lists of a window
     * @param then what to run after a late acceptance
     * @return whether the downstream accepted at once
     */
    final boolean emitThenRelease(Object x, List<Map<String, Object>> md, List<?> release, Runnable then) {
        CompletableFuture<Void> accepted = emitReported(x, md);
        if (accepted.isDone()) {
            releaseHeld(md, release);
            return true;
        }
        int refs = heldRefs(md, release);
        inFlightRefs += refs;
        onScheduler(accepted, () -> {
            inFlightRefs -= refs;
            releaseHeld(md, release);
            then.run();
        });
        return false;
    }

    @SuppressWarnings("unchecked")
    private static int heldRefs(List<Map<String, Object>> md, List<?> release) {
        return release == md ? Metadata.refCount(md)
                : Metadata.refCountAll((List<List<Map<String, Object>>>) release);
    }

    @SuppressWarnings("unchecked")
    private static void releaseHeld(List<Map<String, Object>> md, List<?> release) {
        if (release == md) {
            Metadata.release(md);
        } else {
            Metadata.releaseAll((List<List<Map<String, Object>>>) release);
        }
    }

    /** Runs {@code task} on the scheduler once {@code f} completes (which may be on any thread). */
    final void onScheduler(CompletableFuture<?> f, Runnable task) {
        f.whenComplete((v, e) -> scheduler.execute(task));
    }
}
