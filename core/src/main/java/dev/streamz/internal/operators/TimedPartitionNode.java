package dev.streamz.internal.operators;

import dev.streamz.Scheduler;
import dev.streamz.Stream;
import dev.streamz.internal.Metadata;
import dev.streamz.internal.Picks;
import dev.streamz.internal.Tuple;

import java.time.Duration;
import java.util.ArrayList;
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
    private final Map<Object, Buffer> buffers = new LinkedHashMap<>();

    /** Elements, metadata and the timeout timer of one key's open partition. */
    private static final class Buffer {
        final List<Object> items;
        final List<List<Map<String, Object>>> metadata;
        Scheduler.Task timer;

        Buffer(int n) {
            items = new ArrayList<>(n);
            metadata = new ArrayList<>(n);
        }
    }

    public TimedPartitionNode(Stream<T> upstream, int n, Duration timeout, Object key) {
        super("partition", params(n, timeout, key), upstream);
        if (n < 1) {
            destroy();
            throw new IllegalArgumentException("partition: n must be >= 1, got " + n);
        }
        this.n = n;
        this.timeout = timeout;
        this.key = key == null ? null : Picks.keyFunction(key);
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
        Object k;
        try {
            k = key == null ? Boolean.TRUE : key.apply(x);
        } catch (RuntimeException e) {
            throw userFailure(e);
        }
        Buffer b = buffers.get(k);
        if (b == null) {
            b = new Buffer(n);
            buffers.put(k, b);
            if (n > 1) { // a partition of one is full at once: no timer (D05)
                Buffer started = b;
                b.timer = scheduler.schedule(() -> flushOnTimeout(k, started), timeout);
            }
        }
        Metadata.retain(metadata);
        b.items.add(x);
        b.metadata.add(metadata);
        if (b.items.size() == n) {
            buffers.remove(k);
            if (b.timer != null) {
                b.timer.cancel();
            }
            emitDownstream(Tuple.copyOf(b.items), Metadata.concat(b.metadata));
            Metadata.releaseAll(b.metadata);
        }
    }

    private void flushOnTimeout(Object k, Buffer b) {
        if (buffers.get(k) != b) {
            return; // filled (or replaced) before the timer ran
        }
        buffers.remove(k);
        CompletableFuture<Void> accepted = emitReported(Tuple.copyOf(b.items), Metadata.concat(b.metadata));
        if (accepted.isDone()) {
            Metadata.releaseAll(b.metadata);
        } else {
            onScheduler(accepted, () -> Metadata.releaseAll(b.metadata));
        }
    }

    @Override
    public int bufferedCount() {
        int count = 0;
        for (Buffer b : buffers.values()) {
            count += b.items.size();
        }
        return count;
    }
}
