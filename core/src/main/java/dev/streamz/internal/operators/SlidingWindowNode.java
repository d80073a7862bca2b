package dev.streamz.internal.operators;

import dev.streamz.internal.NodeFigures;
import dev.streamz.internal.Args;
import dev.streamz.Stream;
import dev.streamz.internal.Fifo;
import dev.streamz.internal.Metadata;
import dev.streamz.internal.Tuple;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code slidingWindow(n, returnPartial)}: the last n elements as a tuple after each element. An
 * element's refs are released right after the emission of its last window (when the window is full and
 * it is the oldest), or, at the latest, when it leaves the window (a feedback loop can push a new element
 * in while a window is still being emitted).
 */
public final class SlidingWindowNode<T> extends Stream<List<T>> implements NodeFigures {
    /** One buffered element, its metadata, and whether its refs were already released. */
    private static final class Entry {
        final Object value;
        final List<Map<String, Object>> metadata;
        boolean released;

        Entry(Object value, List<Map<String, Object>> metadata) {
            this.value = value;
            this.metadata = metadata;
        }

        void release() {
            if (!released) {
                released = true;
                Metadata.release(metadata);
            }
        }
    }

    private final int n;
    private final boolean returnPartial;
    private final Fifo<Entry> window = new Fifo<>();

    public SlidingWindowNode(Stream<T> upstream, int n, boolean returnPartial) {
        Args.atLeastOne(n, "slidingWindow: n"); // before super: a rejected node never joins the graph
        super("sliding_window", params(n, returnPartial), upstream);
        this.n = n;
        this.returnPartial = returnPartial;
    }

    private static Map<String, Object> params(int n, boolean returnPartial) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("n", n);
        p.put("returnPartial", returnPartial);
        return p;
    }

    @Override
    public void update(Object x, List<Map<String, Object>> md, Stream<?> from) {
        Metadata.retain(md);
        if (window.size() == n) {
            window.pollFirst().release();
        }
        window.addLast(new Entry(x, md));
        if (returnPartial || window.size() == n) {
            int size = window.size();
            Object[] values = new Object[size];
            List<List<Map<String, Object>>> mds = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                Entry e = window.get(i);
                values[i] = e.value;
                mds.add(e.metadata);
            }
            emitDownstream(Tuple.wrap(values), Metadata.concat(mds));
            if (window.size() == n) {
                window.peekFirst().release();
            }
        }
    }

    @Override
    public int refsHeld() {
        int n = 0;
        for (int i = 0, size = window.size(); i < size; i++) {
            Entry e = window.get(i);
            n += e.released ? 0 : Metadata.refCount(e.metadata);
        }
        return n;
    }

    @Override
    public int bufferedCount() {
        return window.size();
    }
}
