package dev.streamz.internal.operators;

import dev.streamz.Stream;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code slice(start, end, step)} with {@code itertools.islice} semantics: indices start, start+step, ...
 * below end. Detaches from its upstreams once no later index can pass.
 */
public final class SliceNode<T> extends Stream<T> {
    private final long start;
    private final long end; // -1: no end
    private final long step;
    private long index;

    public SliceNode(Stream<T> upstream, Integer start, Integer end, Integer step) {
        check("start", start, 0); // before super: a rejected node never joins the graph
        check("end", end, 0);
        check("step", step, 1);
        super("slice", params(start, end, step), upstream);
        this.start = start == null ? 0 : start;
        this.end = end == null ? -1 : end;
        this.step = step == null ? 1 : step;
    }

    private static Map<String, Object> params(Integer start, Integer end, Integer step) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("start", String.valueOf(start));
        p.put("end", String.valueOf(end));
        p.put("step", String.valueOf(step));
        return p;
    }

    private static void check(String what, Integer v, int min) {
        if (v != null && v < min) {
            throw new IllegalArgumentException("slice: " + what + " must be " + (min == 0 ? "non-negative" : ">= 1")
                    + " or null, got " + v);
        }
    }

    @Override
    public void update(Object x, List<Map<String, Object>> metadata, Stream<?> from) {
        long i = index++;
        boolean pass = i >= start && (end < 0 || i < end) && (i - start) % step == 0;
        if (end >= 0 && (index >= end || end <= start)) {
            // Nothing after this element can pass: stop listening (streamz detaches too).
            destroy();
        }
        if (pass) {
            emitDownstream(x, metadata);
        }
    }
}
