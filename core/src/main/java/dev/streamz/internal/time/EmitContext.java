package dev.streamz.internal.time;

import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Collects, per thread, what the emission in progress is waiting on: a node that cannot accept an
 * element at once (a full buffer, a rate limit, an asynchronous sink) registers a future here, and the
 * code that started the emission combines them into the emitter's acceptance future (streamz's
 * {@code update} returning futures, without changing {@code update}'s signature or allocating on the
 * synchronous path). Emissions nest: each caller marks where its own holds start.
 */
public final class EmitContext {
    private static final ThreadLocal<EmitContext> CURRENT = ThreadLocal.withInitial(EmitContext::new);

    /** An already-completed acceptance that callers cannot complete or obtrude. */
    public static final CompletableFuture<Void> ACCEPTED = new Accepted();

    private CompletableFuture<?>[] holds = new CompletableFuture<?>[8];
    private int size;
    private int depth;
    /** How many reporting emissions ({@link #beginReporting()}) are in progress on this thread. */
    private int reporting;

    private EmitContext() {
    }

    /** @return this thread's context */
    public static EmitContext current() {
        return CURRENT.get();
    }

    /**
     * Starts collecting for a nested emission.
     *
     * @return the mark to pass to {@link #end(int)} or {@link #abandon(int)}
     */
    public int begin() {
        depth++;
        return size;
    }

    /**
     * Registers something the current emission waits on. Outside any emission (a node's {@code update}
     * called directly) there is no emitter to hold, and the call does nothing.
     *
     * @param stage completes when the element is accepted
     */
    public static void hold(CompletionStage<?> stage) {
        EmitContext c = CURRENT.get();
        if (c.depth == 0) {
            return;
        }
        CompletableFuture<?> f = stage.toCompletableFuture();
        if (f.isDone() && !f.isCompletedExceptionally()) {
            return;
        }
        if (c.size == c.holds.length) {
            c.holds = Arrays.copyOf(c.holds, c.size * 2);
        }
        c.holds[c.size++] = f;
    }

    /**
     * Ends a nested emission.
     *
     * @param mark from {@link #begin()}
     * @return {@link #ACCEPTED} if nothing held it, else a future completing when every hold has
     */
    public CompletableFuture<Void> end(int mark) {
        depth--;
        int n = size - mark;
        if (n == 0) {
            return ACCEPTED;
        }
        CompletableFuture<?>[] fs = Arrays.copyOfRange(holds, mark, size);
        Arrays.fill(holds, mark, size, null);
        size = mark;
        return CompletableFuture.allOf(fs);
    }

    /**
     * Ends a nested emission that failed, dropping its holds.
     *
     * @param mark from {@link #begin()}
     */
    public void abandon(int mark) {
        depth--;
        Arrays.fill(holds, mark, size, null);
        size = mark;
    }

    /**
     * Starts an emission whose failure is reported rather than thrown to an emitter (a scheduler-driven
     * node passing an element on). While one is in progress, a failing emission releases the refs it
     * retained on its way down, so that the reporting node can release the element completely (G07
     * in docs/conformance.md); on the synchronous path they stay held (G04, at-least-once).
     */
    public void beginReporting() {
        reporting++;
    }

    /** Ends what {@link #beginReporting()} started. */
    public void endReporting() {
        reporting--;
    }

    /** @return whether a failing emission on this thread should release the refs it retained */
    public static boolean releasesOnFailure() {
        return CURRENT.get().reporting > 0;
    }

    /** How long a blocking emit from another thread spins before it parks. */
    private static final long SPIN_NANOS = 50_000;

    /**
     * Spins briefly until {@code f} is done. A blocking {@code emit} from another thread waits for the
     * loop to accept the element, which usually takes a few microseconds; parking instead costs a
     * wake-up (about 60 us on a virtual machine) per element.
     *
     * @param f the acceptance to wait for
     */
    public static void spinUntilDone(CompletableFuture<?> f) {
        if (f.isDone()) {
            return;
        }
        long deadline = System.nanoTime() + SPIN_NANOS;
        do {
            for (int i = 0; i < 64; i++) {
                if (f.isDone()) {
                    return;
                }
                Thread.onSpinWait();
            }
        } while (System.nanoTime() < deadline);
    }

        /** A completed future that ignores attempts to change it. */
    private static final class Accepted extends CompletableFuture<Void> {
        Accepted() {
            super.complete(null);
        }

        @Override
        public boolean complete(Void value) {
            return false;
        }

        @Override
        public boolean completeExceptionally(Throwable ex) {
            return false;
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            return false;
        }

        @Override
        public void obtrudeValue(Void value) {
            throw new UnsupportedOperationException("the shared accepted future cannot be changed");
        }

        @Override
        public void obtrudeException(Throwable ex) {
            throw new UnsupportedOperationException("the shared accepted future cannot be changed");
        }
    }
}
