package dev.streamz.internal.operators;

import dev.streamz.Stream;
import dev.streamz.internal.Metadata;
import dev.streamz.internal.Tuple;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code zip(a, constant, b, ...)}: one FIFO buffer per distinct upstream; once every buffer has an
 * element, emits a tuple (constants at their positions) with the metadata concatenated in upstream order,
 * then releases the members' refs. In a synchronous graph zip never blocks (catalogue E05); the bound
 * {@code maxsize} applies to asynchronous emitters.
 */
public final class ZipNode extends Stream<List<Object>> {
    /** Slot i is an upstream (a Stream) or a constant. */
    private final List<Object> slots = new ArrayList<>();
    private final List<Boolean> slotIsStream = new ArrayList<>();
    private final Map<Stream<?>, ArrayDeque<Object>> items = new IdentityHashMap<>();
    private final Map<Stream<?>, ArrayDeque<List<Map<String, Object>>>> metadata = new IdentityHashMap<>();
    /** Distinct upstreams in first-slot order, which is the metadata order. */
    private final List<Stream<?>> order = new ArrayList<>();

    public ZipNode(Object[] upstreamsOrConstants) {
        super("zip", Map.of(), streamsOf(upstreamsOrConstants));
        for (Object o : upstreamsOrConstants) {
            if (o instanceof Stream<?> s) {
                addInput(s);
            } else {
                slots.add(o);
                slotIsStream.add(false);
            }
        }
    }

    private static Stream<?>[] streamsOf(Object[] all) {
        List<Stream<?>> streams = new ArrayList<>();
        for (Object o : all) {
            if (o instanceof Stream<?> s) {
                streams.add(s);
            }
        }
        if (streams.isEmpty()) {
            throw new IllegalArgumentException("zip needs at least one upstream stream; got only constants "
                    + java.util.Arrays.toString(all));
        }
        return streams.toArray(new Stream<?>[0]);
    }

    private void addInput(Stream<?> s) {
        slots.add(s);
        slotIsStream.add(true);
        if (!items.containsKey(s)) {
            items.put(s, new ArrayDeque<>());
            metadata.put(s, new ArrayDeque<>());
            order.add(s);
        }
    }

    @Override
    public void update(Object x, List<Map<String, Object>> md, Stream<?> from) {
        ArrayDeque<Object> q = items.get(from);
        if (q == null) {
            throw badElement("zip received an element from '" + from.name() + "', which is not one of its inputs",
                    null);
        }
        Metadata.retain(md);
        q.addLast(x);
        metadata.get(from).addLast(md);
        for (Stream<?> s : order) {
            if (items.get(s).isEmpty()) {
                return;
            }
        }
        Object[] tuple = new Object[slots.size()];
        for (int i = 0; i < tuple.length; i++) {
            Object slot = slots.get(i);
            tuple[i] = slotIsStream.get(i) ? items.get((Stream<?>) slot).peekFirst() : slot;
        }
        List<List<Map<String, Object>>> mds = new ArrayList<>(order.size());
        for (Stream<?> s : order) {
            items.get(s).pollFirst();
            mds.add(metadata.get(s).pollFirst());
        }
        emitDownstream(Tuple.wrap(tuple), Metadata.concat(mds));
        Metadata.releaseAll(mds);
    }

    @Override
    protected void upstreamAdded(Stream<?> upstream) {
        addInput(upstream);
    }

    @Override
    protected void upstreamRemoved(Stream<?> upstream) {
        for (int i = slots.size() - 1; i >= 0; i--) {
            if (slots.get(i) == upstream) {
                slots.remove(i);
                slotIsStream.remove(i);
            }
        }
        items.remove(upstream);
        ArrayDeque<List<Map<String, Object>>> dropped = metadata.remove(upstream);
        order.remove(upstream);
        if (dropped != null) {
            for (List<Map<String, Object>> md : dropped) {
                Metadata.release(md);
            }
        }
    }

    @Override
    public int bufferedCount() {
        int n = 0;
        for (ArrayDeque<Object> q : items.values()) {
            n += q.size();
        }
        return n;
    }
}
