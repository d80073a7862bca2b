package dev.streamz.internal.operators;

import dev.streamz.Step;
import dev.streamz.Stream;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * {@code accumulate} / {@code scan} in all four streamz forms (start or not; returns_state or not;
 * with_state or not). When the function throws, the state is left as it was.
 */
public final class AccumulateNode<R> extends Stream<R> {
    @SuppressWarnings("rawtypes")
    private final BiFunction fn;
    private final boolean returnsState;
    private final boolean withState;
    private boolean hasState;
    private Object state;

    @SuppressWarnings("rawtypes")
    public AccumulateNode(Stream<?> upstream, BiFunction fn, boolean hasStart, Object start, boolean returnsState,
                          boolean withState) {
        super("accumulate", params(hasStart, start, returnsState, withState), upstream);
        this.fn = fn;
        this.hasState = hasStart;
        this.state = start;
        this.returnsState = returnsState;
        this.withState = withState;
    }

    private static Map<String, Object> params(boolean hasStart, Object start, boolean returnsState, boolean withState) {
        Map<String, Object> p = new LinkedHashMap<>();
        if (hasStart) {
            p.put("start", String.valueOf(start));
        }
        if (returnsState) {
            p.put("returnsState", true);
        }
        if (withState) {
            p.put("withState", true);
        }
        return p;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void update(Object x, List<Map<String, Object>> metadata, Stream<?> from) {
        if (!hasState) {
            // streamz: the first element becomes the state and is emitted without calling the function.
            state = x;
            hasState = true;
            emitDownstream(withState ? Step.of(x, x) : x, metadata);
            return;
        }
        Object r;
        try {
            r = fn.apply(state, x);
        } catch (Throwable e) {
            throw userFailure(e);
        }
        Object result;
        if (returnsState) {
            if (!(r instanceof Step<?, ?> step)) {
                throw badElement("accumulateWithState function must return a Step (Step.of(state, result)), got "
                        + (r == null ? "null" : r.getClass().getName()), null);
            }
            state = step.state();
            result = step.result();
        } else {
            state = r;
            result = r;
        }
        Object out = withState ? Step.of(state, result) : result;
        Stream<?>[] ds = beginEmit(out, metadata);
        if (ds.length == 1) {
            ds[0].update(out, metadata, this);
        } else {
            for (Stream<?> d : ds) {
                d.update(out, metadata, this);
            }
        }
    }
}
