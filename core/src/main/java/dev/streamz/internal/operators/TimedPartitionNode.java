package dev.streamz.internal.operators;

import dev.streamz.Scheduler;
import dev.streamz.internal.Args;
import dev.streamz.Stream;
import dev.streamz.internal.Picks;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * {@code partition(n, timeout, key)}: {@code partition(n, key)} that also flushes a partial partition
 * {@code timeout} after its first element arrived (D06). The timer is per key (D08), started by a
 * partition's first element and not reset by later ones; a partition that fills up cancels it (D07). A
 * timed flush happens on the scheduler, after the emit that started the timer has returned (D09), and
 * a failure downstream of it is reported rather than thrown.
 *
 * @param <T> element type
 */
public final class TimedPartitionNode<T> extends ScheduledNode<List<T>> {
    private final int n;
    private final Duration timeout;
    private final Function<Object, Object> key; // null: one buffer
    private final KeyedBatches batches;

    public TimedPartitionNode(Stream<T> upstream, int n, Duration timeout, Object key) {
        Args.atLeastOne(n, "partition: n"); // before super: a rejected node never joins the graph
        super("partition", params(n, timeout, key), upstream);
        this.n = n;
        this.timeout = timeout;
        this.key = key == null ? null : Picks.keyFunction(key);
        this.batches = new KeyedBatches(n);
    }

    private static Map<String, Object> params(int n, Duration timeout, Object key) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("n", n);
        p.put("timeout", timeout);
        if (key != null) {
            p.put("key", String.valueOf(key));
        }
        return p;
    }

    @Override
    public void update(Object x, List<Map<String, Object>> metadata, Stream<?> from) {
        in++;
        Object k = key == null ? Boolean.TRUE : Keys.apply(this, key, x);
        KeyedBatches.Batch b = batches.add(k, x, metadata);
        if (b.size() == 1 && n > 1) { // a new partition; one of one is full at once: no timer (D05)
            b.deadline = scheduler.now() + timeout.toNanos();
            b.timer = scheduler.schedule(() -> flushOnTimeout(k, b), timeout);
        }
        if (b.size() == n) {
            batches.remove(k);
            if (b.timer != null) {
                b.timer.cancel();
            }
            out++;
            emitDownstream(b.tuple(), b.concatMetadata());
            b.release();
        }
    }

    private void flushOnTimeout(Object k, KeyedBatches.Batch b) {
        if (!batches.isOpen(k, b)) {
            return; // filled (or replaced) before the timer ran
        }
        batches.remove(k);
        CompletableFuture<Void> accepted = emitReported(b.tuple(), b.concatMetadata());
        if (accepted.isDone()) {
            b.release();
        } else {
            int refs = b.refCount();
            inFlightRefs += refs;
            onScheduler(accepted, () -> {
                inFlightRefs -= refs;
                b.release();
            });
        }
    }

    /**
     * Moves the flush timers of the open partitions to the new scheduler (a graph compiled, or given back,
     * while partitions are open): each still flushes {@code timeout} after its first element arrived.
     */
    @Override
    void rebound(Scheduler old) {
        long shift = scheduler.now() - old.now();
        batches.forEachOpen((k, b) -> {
            if (b.timer != null) {
                b.timer.cancel();
                b.deadline += shift;
                b.timer = scheduler.schedule(() -> flushOnTimeout(k, b),
                        Duration.ofNanos(Math.max(0, b.deadline - scheduler.now())));
            }
        });
    }

    @Override
    int queuedRefs() {
        return batches.refCount();
    }

    @Override
    public int bufferedCount() {
        return batches.bufferedCount();
    }
}
