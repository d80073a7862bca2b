package dev.streamz.internal.time;

import dev.streamz.Scheduler;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.BiConsumer;

/**
 * Completes an emitter's future from a scheduler task of its own once what the nodes hold it on has
 * completed (A21 in docs/conformance.md). A node releases its emitters inside its own work (a tuple
 * going out, a buffer's consumer taking the next element); completing the emitter's future there would
 * run the user's continuation, often a next {@code emitAsync}, inside that node. One task later, as an
 * awaiting coroutine resumes from streamz's event loop, it runs after the release has finished. One
 * object is both the callback and the task, so a held emitter costs one allocation here.
 */
public final class OneTaskLater implements BiConsumer<Object, Throwable>, Runnable {
    private final Scheduler scheduler;
    private final CompletableFuture<Void> accepted;
    private Throwable failure; // written before execute, read by the task: execute orders the two

    private OneTaskLater(Scheduler scheduler, CompletableFuture<Void> accepted) {
        this.scheduler = scheduler;
        this.accepted = accepted;
    }

    /**
     * Completes {@code accepted} like {@code held}, in a task on {@code scheduler} submitted when
     * {@code held} completes.
     *
     * @param scheduler the graph's scheduler
     * @param held what the emission waits on, not yet complete
     * @param accepted the emitter's future
     */
    public static void forward(Scheduler scheduler, CompletableFuture<?> held, CompletableFuture<Void> accepted) {
        held.whenComplete(new OneTaskLater(scheduler, accepted));
    }

    /**
     * Completes {@code accepted} like {@code done} now, with the cause of a failure unwrapped.
     *
     * @param done a completed future
     * @param accepted the emitter's future
     */
    public static void copy(CompletableFuture<?> done, CompletableFuture<Void> accepted) {
        done.whenComplete((v, e) -> complete(accepted, e));
    }

    @Override
    public void accept(Object value, Throwable e) {
        failure = e;
        scheduler.execute(this);
    }

    @Override
    public void run() {
        complete(accepted, failure);
    }

    private static void complete(CompletableFuture<Void> accepted, Throwable failure) {
        if (failure == null) {
            accepted.complete(null);
            return;
        }
        Throwable e = failure;
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        accepted.completeExceptionally(e);
    }
}
