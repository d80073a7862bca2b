package dev.streamz.internal.operators;

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
public final class CombineLatestNode extends Stream<List<Object>> {
    private final List<Stream<?>> inputs = new ArrayList<>();
    private final Map<Stream<?>, Object> latest = new IdentityHashMap<>();
    private final Map<Stream<?>, List<Map<String, Object>>> latestMetadata = new IdentityHashMap<>();
    private final Set<Stream<?>> emitOn = Collections.newSetFromMap(new IdentityHashMap<>());
    private final boolean emitOnAll;

    public CombineLatestNode(Stream<?>[] upstreams, EmitOn emitOnChoice) {
        super("combine_latest", Map.of(), checkDistinct("combineLatest", upstreams));
        Collections.addAll(inputs, upstreams);
        emitOnAll = emitOnChoice == null;
        if (emitOnAll) {
            emitOn.addAll(inputs);
        } else if (emitOnChoice.streamsOrNull() != null) {
            for (Stream<?> s : emitOnChoice.streamsOrNull()) {
                if (!inputs.contains(s)) {
                    destroy();
                    throw new IllegalArgumentException("combineLatest: emitOn stream '" + s.name()
                            + "' is not one of the inputs");
                }
                emitOn.add(s);
            }
        } else {
            for (int i : emitOnChoice.indicesOrNull()) {
                if (i >= inputs.size()) {
                    // Build the message before destroy(), which empties the input list.
                    IllegalArgumentException e = new IllegalArgumentException("combineLatest: emitOn index " + i
                            + " is out of range for " + inputs.size() + " inputs");
                    destroy();
                    throw e;
                }
                emitOn.add(inputs.get(i));
            }
        }
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
        Metadata.retain(md);
        List<Map<String, Object>> old = latestMetadata.put(from, md);
        latest.put(from, x);
        if (old != null) {
            Metadata.release(old);
        }
        if (latest.size() == inputs.size() && emitOn.contains(from)) {
            Object[] tuple = new Object[inputs.size()];
            List<List<Map<String, Object>>> mds = new ArrayList<>(inputs.size());
            for (int i = 0; i < tuple.length; i++) {
                tuple[i] = latest.get(inputs.get(i));
                mds.add(latestMetadata.get(inputs.get(i)));
            }
            emitDownstream(Tuple.wrap(tuple), Metadata.concat(mds));
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
        List<Map<String, Object>> md = latestMetadata.remove(upstream);
        if (md != null) {
            Metadata.release(md);
        }
    }

    @Override
    public int bufferedCount() {
        return latest.size();
    }
}
