package dev.streamz.internal.operators;

import dev.streamz.internal.Args;
import dev.streamz.Stream;
import dev.streamz.internal.Fifo;
import dev.streamz.internal.Metadata;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * {@code mapAsync(f, parallelism, stopOnException)}: starts {@code f} on up to {@code parallelism}
 * elements at once and emits the results in input order (F24). An element is accepted when its call has
 * started; while {@code parallelism} calls are running the emitter waits (streamz allows one more, F24).
 * Refs are held from arrival until the result's downstream emission has completed, or until the call
 * failed (F27: the callback fires once, after the output).
 *
 * <p>A failing call (thrown or completed exceptionally) is reported with this node's name, the element
 * is dropped and its refs released (F25). With {@code stopOnException} the node also stops the sources
 * upstream of it; elements already accepted are still processed, and restarting the sources resumes
 * (F26).
 *
 * @param <T> input type
 * @param <R> result type
 */
public final class MapAsyncNode<T, R> extends ScheduledNode<R> {
    private final Function<? super T, ? extends CompletionStage<? extends R>> f;
    private final int parallelism;
    private final boolean stopOnException;
    /** Started calls in input order, each with its element's metadata. */
    private final Fifo<CompletableFuture<? extends R>> running = new Fifo<>();
    private final Fifo<List<Map<String, Object>>> runningMetadata = new Fifo<>();
    /** Elements waiting for a free slot, with the futures their emitters wait on. */
    private final Fifo<Object> waiting = new Fifo<>();
    private final Fifo<List<Map<String, Object>>> waitingMetadata = new Fifo<>();
    private final Fifo<CompletableFuture<Void>> waitingEmitters = new Fifo<>();
    private boolean emitting;
    private final Runnable drain = this::drain;
    private final Runnable afterLateAcceptance = () -> {
        emitting = false;
        drain();
    };

    public MapAsyncNode(Stream<T> upstream, Function<? super T, ? extends CompletionStage<? extends R>> f,
                        int parallelism, boolean stopOnException) {
        Args.atLeastOne(parallelism, "mapAsync: parallelism"); // before super: a rejected node never joins the graph
        super("map_async", params(parallelism, stopOnException), upstream);
        this.f = f;
        this.parallelism = parallelism;
        this.stopOnException = stopOnException;
    }

    private static Map<String, Object> params(int parallelism, boolean stopOnException) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("parallelism", parallelism);
        p.put("stop_on_exception", stopOnException);
        return p;
    }

    @Override
    public void update(Object x, List<Map<String, Object>> md, Stream<?> from) {
        in++;
        Metadata.retain(md);
        if (running.size() < parallelism) {
            startCall(x, md);
            return;
        }
        CompletableFuture<Void> slot = new CompletableFuture<>();
        waiting.addLast(x);
        waitingMetadata.addLast(md);
        waitingEmitters.addLast(slot);
        holdEmitter(slot);
    }

    @SuppressWarnings("unchecked")
    private void startCall(Object x, List<Map<String, Object>> md) {
        CompletableFuture<? extends R> call;
        try {
            CompletionStage<? extends R> stage = f.apply((T) x);
            if (stage == null) {
                throw new NullPointerException("mapAsync function returned null instead of a CompletionStage");
            }
            call = stage.toCompletableFuture();
        } catch (Throwable e) { // an Error too (a StackOverflowError): reported as this node's, never a hang
            call = CompletableFuture.failedFuture(e);
        }
        running.addLast(call);
        runningMetadata.addLast(md);
        if (running.size() == 1) {
            awaitHead();
        }
    }

    /** Continues on the scheduler when the oldest call completes (results leave in input order). */
    private void awaitHead() {
        CompletableFuture<? extends R> head = running.peekFirst();
        if (head.isDone()) {
            scheduler.execute(drain);
        } else {
            onScheduler(head, drain);
        }
    }

    private void drain() {
        while (!emitting && !running.isEmpty() && running.peekFirst().isDone()) {
            CompletableFuture<? extends R> call = running.pollFirst();
            List<Map<String, Object>> md = runningMetadata.pollFirst();
            startWaiting();
            R result;
            try {
                result = call.join();
            } catch (RuntimeException e) {
                failed(e, md);
                continue;
            }
            emitting = true;
            if (!emitThenRelease(result, md, md, afterLateAcceptance)) {
                return;
            }
            emitting = false;
        }
        if (!emitting && !running.isEmpty()) {
            awaitHead();
        }
    }

    @Override
    int queuedRefs() {
        return Metadata.refCountAll(runningMetadata) + Metadata.refCountAll(waitingMetadata);
    }

    private void startWaiting() {
        if (!waiting.isEmpty()) {
            Object x = waiting.pollFirst();
            List<Map<String, Object>> md = waitingMetadata.pollFirst();
            CompletableFuture<Void> slot = waitingEmitters.pollFirst();
            startCall(x, md);
            slot.complete(null);
        }
    }

    private void failed(RuntimeException e, List<Map<String, Object>> md) {
        reportFailure(e, "mapAsync function failed");
        Metadata.release(md);
        if (stopOnException) {
            stop(); // stops the sources upstream (F26)
        }
    }

    @Override
    public int bufferedCount() {
        return running.size() + waiting.size();
    }
}
