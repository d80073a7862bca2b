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
    private int inFlight;

    public AsyncSinkNode(Stream<T> upstream, Function<? super T, ? extends CompletionStage<?>> f) {
        super("sink_async", Map.of(), upstream);
        this.f = f;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void update(Object x, List<Map<String, Object>> md, Stream<?> from) {
        CompletionStage<?> stage;
        try {
            stage = f.apply((T) x);
        } catch (RuntimeException e) {
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
        CompletableFuture<Void> done = new CompletableFuture<>();
        work.whenComplete((v, e) -> scheduler.execute(() -> {
            inFlight--;
            if (e != null) {
                reportFailure(e, "sinkAsync stage failed");
            }
            Metadata.release(md);
            done.complete(null);
        }));
        holdEmitter(done);
    }

    @Override
    public int bufferedCount() {
        return inFlight;
    }
}
