package dev.streamz.chronicle.internal;

import dev.streamz.Stream;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;

/**
 * Gathers a replay's elements into runs: each element is copied (the zero-copy codec reuses its object)
 * into a list that is emitted when it holds {@code maxRun} elements, or when the replay flushes it (before
 * it yields the scheduler, waits or stops). The emitted list is reused for the next run once the downstream
 * has accepted it, so a run allocates nothing; while a run is held (not yet accepted), the next one goes
 * into a new list and the replay reads no further.
 *
 * @param <T> the element type
 */
public final class RunNode<T> extends Stream<List<T>> implements Gatherer {
    private final int maxRun;
    private final UnaryOperator<T> copy;
    private List<T> run;

    /**
     * @param upstream the replay
     * @param maxRun elements per run, at least 1
     * @param copy makes the element that goes into the run
     */
    public RunNode(Stream<T> upstream, int maxRun, UnaryOperator<T> copy) {
        super("runs", Map.of("max_run", maxRun), upstream);
        this.maxRun = maxRun;
        this.copy = copy;
        this.run = new ArrayList<>(maxRun);
    }

    @Override
    @SuppressWarnings("unchecked")
    public void update(Object x, List<Map<String, Object>> metadata, Stream<?> from) {
        T c;
        try {
            c = copy.apply((T) x);
        } catch (RuntimeException | Error e) {
            throw userFailure(e);
        }
        run.add(c);
        if (run.size() >= maxRun) {
            CompletableFuture<Void> f = flush();
            if (f != null) {
                holdEmitter(f); // the replay reads on once the run is accepted
            }
        }
    }

    /** @return how many elements the run being gathered holds */
    @Override
    public int size() {
        return run.size();
    }

    /** Emits the run gathered so far, if any (see {@link Gatherer#flush()}). */
    @Override
    public CompletableFuture<Void> flush() {
        if (run.isEmpty()) {
            return null;
        }
        List<T> out = run;
        CompletableFuture<Void> f;
        try {
            f = emitDownstreamAsync(out, List.of());
        } catch (RuntimeException | Error e) {
            out.clear();
            throw e;
        }
        if (f.isDone()) {
            out.clear();
            return f.isCompletedExceptionally() ? f : null;
        }
        run = new ArrayList<>(maxRun); // the downstream still holds the list: the next run needs its own
        return f;
    }
}
