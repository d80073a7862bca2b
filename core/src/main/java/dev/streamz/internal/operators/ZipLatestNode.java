package dev.streamz.internal.operators;

import dev.streamz.internal.NodeFigures;
import dev.streamz.Stream;
import dev.streamz.internal.Metadata;
import dev.streamz.internal.Tuple;

import dev.streamz.internal.Fifo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code zipLatest(others)}: the first input is lossless (buffered until every other input has a value,
 * then each of its elements is emitted once with the others' latest values and released); the other
 * inputs keep only their latest value, retained until replaced.
 */
public final class ZipLatestNode extends Stream<List<Object>> implements NodeFigures {
    private final Stream<?> lossless;
    private final List<Stream<?>> inputs = new ArrayList<>();
    private final Fifo<Object> pending = new Fifo<>();
    private final Fifo<List<Map<String, Object>>> pendingMetadata = new Fifo<>();
    private final LatestValues latest = new LatestValues();


    /** Builds the typed joins' output (a Tuple2, Tuple3 or a user function's result); null: a tuple list. */
    private dev.streamz.ThrowingFunction<Object[], Object> combiner;

    /**
     * Makes this join emit {@code combiner(items)} instead of a tuple list (the typed joins). Called once,
     * right after construction, before anything is emitted.
     *
     * @param combiner builds the output from the items, in input order
     * @return this node
     */
    public ZipLatestNode combineWith(dev.streamz.ThrowingFunction<Object[], Object> combiner) {
        this.combiner = combiner;
        return this;
    }

    private Object output(Object[] items) {
        if (combiner == null) {
            return Tuple.wrap(items);
        }
        try {
            return combiner.applyChecked(items);
        } catch (Throwable e) {
            throw userFailure(e);
        }
    }

    public ZipLatestNode(Stream<?>[] upstreams) {
        super("zip_latest", Map.of(), CombineLatestNode.checkDistinct("zipLatest", upstreams));
        this.lossless = upstreams[0];
        java.util.Collections.addAll(inputs, upstreams);
    }

    @Override
    public void update(Object x, List<Map<String, Object>> md, Stream<?> from) {
        if (!inputs.contains(from)) {
            return; // an input removed while its emit was in progress: ignore, as any detached node does
        }
        if (from == lossless) {
            Metadata.retain(md);
            pending.addLast(x);
            pendingMetadata.addLast(md);
        } else {
            latest.put(from, x, md);
        }
        if (latest.size() < inputs.size() - (inputs.contains(lossless) ? 1 : 0)) {
            return;
        }
        while (!pending.isEmpty()) {
            Object head = pending.pollFirst();
            List<Map<String, Object>> headMd = pendingMetadata.pollFirst();
            Object[] tuple = new Object[inputs.size()];
            List<List<Map<String, Object>>> mds = new ArrayList<>(inputs.size());
            for (int i = 0; i < tuple.length; i++) {
                Stream<?> in = inputs.get(i);
                if (in == lossless) {
                    tuple[i] = head;
                    mds.add(headMd);
                } else {
                    tuple[i] = latest.value(in);
                    mds.add(latest.metadata(in));
                }
            }
            emitDownstream(output(tuple), Metadata.concat(mds));
            Metadata.release(headMd);
        }
    }

    @Override
    protected void upstreamAdded(Stream<?> upstream) {
        if (!inputs.contains(upstream)) {
            inputs.add(upstream);
        }
    }

    @Override
    protected void upstreamRemoved(Stream<?> upstream) {
        inputs.remove(upstream);
        if (upstream == lossless) {
            // Its buffered elements can never be emitted now: let go of them and their refs.
            while (!pending.isEmpty()) {
                pending.pollFirst();
                Metadata.release(pendingMetadata.pollFirst());
            }
        }
        latest.remove(upstream);
    }

    @Override
    public int refsHeld() {
        return Metadata.refCountAll(pendingMetadata) + latest.refCount();
    }

    @Override
    public int bufferedCount() {
        return pending.size() + latest.size();
    }
}
