package dev.streamz.internal.operators;

import dev.streamz.Stream;
import dev.streamz.internal.Metadata;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * {@code sinkAsync(f)}: calls {@code f}, which starts some asynchronous work and returns its
 * {@link CompletionStage}; the element is accepted when that completes, so emitters wait for the work
 * (back pressure, A18/F20). Refs are held until then, so a checkpoint is acknowledged only after the
 * write finished. A stage that completes exceptionally is reported to the scheduler's error handler
 * naming this node; the emitter is released normally. A call that throws is a synchronous failure and
 * reaches the emitter.
 *
 * @param <T> element type
 */
public final class AsyncSinkNode<T> extends ScheduledNode<T> {
    private final Function<? super T, ? extends CompletionStage<?>> f;
    private final int parallelism;
    private int inFlight;
    /** With parallelism above 1: what the emitter waiting for a free slot waits on, else null. */
    private CompletableFuture<Void> slot;

    public AsyncSinkNode(Stream<T> upstream, Function<? super T, ? extends CompletionStage<?>> f) {
        this(upstream, f, 1);
    }

    public AsyncSinkNode(Stream<T> upstream, Function<? super T, ? extends CompletionStage<?>> f, int parallelism) {
        dev.streamz.internal.Args.atLeastOne(parallelism, "sinkAsync: parallelism");
        super("sink_async", parallelism == 1 ? Map.of() : Map.of("parallelism", parallelism), upstream);
        this.f = f;
        this.parallelism = parallelism;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void update(Object x, List<Map<String, Object>> md, Stream<?> from) {
        CompletionStage<?> stage;
        try {
            in++;
            stage = f.apply((T) x);
        } catch (Throwable e) {
            throw userFailure(e);
        }
        if (stage == null) {
            throw badElement("sinkAsync function returned null instead of a CompletionStage", null);
        }
        CompletableFuture<?> work = stage.toCompletableFuture();
        if (work.isDone() && !work.isCompletedExceptionally()) {
            return;
        }
        Metadata.retain(md);
        inFlight++;
        int refs = Metadata.refCount(md);
        inFlightRefs += refs;
        if (parallelism > 1) {
            startParallel(work, md, refs);
            return;
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        work.whenComplete((v, e) -> scheduler.execute(() -> {
            inFlight--;
            inFlightRefs -= refs;
            if (e != null) {
                reportFailure(e, "sinkAsync stage failed");
            }
            Metadata.release(md);
            done.complete(null);
        }));
        holdEmitter(done);
    }

    /**
     * Up to {@code parallelism} calls run at once: the emitter goes on at once while a slot is free and
     * waits for the next completion when the last one is taken. Refs are still held per element until its
     * own call completes.
     */
    private void startParallel(CompletableFuture<?> work, List<Map<String, Object>> md, int refs) {
        work.whenComplete((v, e) -> scheduler.execute(() -> {
            inFlight--;
            inFlightRefs -= refs;
            if (e != null) {
                reportFailure(e, "sinkAsync stage failed");
            }
            Metadata.release(md);
            CompletableFuture<Void> waiting = slot;
            if (waiting != null && inFlight < parallelism) {
                slot = null;
                waiting.complete(null);
            }
        }));
        if (inFlight >= parallelism) {
            if (slot == null) {
                slot = new CompletableFuture<>();
            }
            holdEmitter(slot);
        }
    }

    @Override
    public int bufferedCount() {
        return inFlight;
    }
}
