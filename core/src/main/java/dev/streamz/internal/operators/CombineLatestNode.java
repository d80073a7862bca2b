package dev.streamz.internal.operators;

import dev.streamz.internal.NodeFigures;
import dev.streamz.EmitOn;
import dev.streamz.Stream;
import dev.streamz.internal.Metadata;
import dev.streamz.internal.Tuple;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Collections;

/**
 * {@code combineLatest(others, emitOn)}: keeps the latest element of each input (retaining its refs until
 * it is replaced) and, once every input has one, emits a tuple whenever an emit-on input emits.
 */
public final class CombineLatestNode extends Stream<List<Object>> implements NodeFigures {
    private final List<Stream<?>> inputs = new ArrayList<>();
    private final LatestValues latest = new LatestValues();
    private final Set<Stream<?>> emitOn = Collections.newSetFromMap(new IdentityHashMap<>());
    private final boolean emitOnAll;


    /** Builds the typed joins' output (a Tuple2, Tuple3 or a user function's result); null: a tuple list. */
    private dev.streamz.ThrowingFunction<Object[], Object> combiner;

    /**
     * Makes this join emit {@code combiner(items)} instead of a tuple list (the typed joins). Called once,
     * right after construction, before anything is emitted.
     *
     * @param combiner builds the output from the items, in input order
     * @return this node
     */
    public CombineLatestNode combineWith(dev.streamz.ThrowingFunction<Object[], Object> combiner) {
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

    public CombineLatestNode(Stream<?>[] upstreams, EmitOn emitOnChoice) {
        // Checked before super: a rejected node never joins the graph.
        List<Stream<?>> chosen = emitOnStreams(checkDistinct("combineLatest", upstreams), emitOnChoice);
        super("combine_latest", Map.of(), upstreams);
        Collections.addAll(inputs, upstreams);
        emitOnAll = emitOnChoice == null;
        emitOn.addAll(chosen);
    }

    /** The inputs whose arrivals emit, checked against {@code upstreams}. */
    private static List<Stream<?>> emitOnStreams(Stream<?>[] upstreams, EmitOn choice) {
        List<Stream<?>> inputs = List.of(upstreams);
        if (choice == null) {
            return inputs;
        }
        List<Stream<?>> chosen = new ArrayList<>();
        if (choice.streamsOrNull() != null) {
            for (Stream<?> s : choice.streamsOrNull()) {
                if (!inputs.contains(s)) {
                    throw new IllegalArgumentException("combineLatest: emitOn stream '" + s.name()
                            + "' is not one of the inputs");
                }
                chosen.add(s);
            }
        } else {
            for (int i : choice.indicesOrNull()) {
                if (i >= inputs.size()) {
                    throw new IllegalArgumentException("combineLatest: emitOn index " + i
                            + " is out of range for " + inputs.size() + " inputs");
                }
                chosen.add(inputs.get(i));
            }
        }
        return chosen;
    }

    static Stream<?>[] checkDistinct(String op, Stream<?>[] upstreams) {
        Set<Stream<?>> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Stream<?> s : upstreams) {
            if (s == null) {
                throw new NullPointerException(op + ": input stream must not be null");
            }
            if (!seen.add(s)) {
                throw new IllegalArgumentException(op + ": stream '" + s.name() + "' is passed more than once;"
                        + " each input must be a distinct stream (use map/union to duplicate one)");
            }
        }
        return upstreams;
    }

    @Override
    public void update(Object x, List<Map<String, Object>> md, Stream<?> from) {
        if (!inputs.contains(from)) {
            return; // an input removed while its emit was in progress: ignore, as any detached node does
        }
        latest.put(from, x, md);
        if (latest.size() == inputs.size() && emitOn.contains(from)) {
            Object[] tuple = new Object[inputs.size()];
            List<List<Map<String, Object>>> mds = new ArrayList<>(inputs.size());
            for (int i = 0; i < tuple.length; i++) {
                tuple[i] = latest.value(inputs.get(i));
                mds.add(latest.metadata(inputs.get(i)));
            }
            emitDownstream(output(tuple), Metadata.concat(mds));
        }
    }

    @Override
    protected void upstreamAdded(Stream<?> upstream) {
        if (!inputs.contains(upstream)) {
            inputs.add(upstream);
            if (emitOnAll) {
                emitOn.add(upstream);
            }
        }
    }

    @Override
    protected void upstreamRemoved(Stream<?> upstream) {
        inputs.remove(upstream);
        emitOn.remove(upstream);
        latest.remove(upstream);
    }

    @Override
    public int refsHeld() {
        return latest.refCount();
    }

    @Override
    public int bufferedCount() {
        return latest.size();
    }
}
