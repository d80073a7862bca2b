package dev.streamz.internal.operators;

import dev.streamz.Stream;
import dev.streamz.internal.Tuple;

import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/** {@code starmap(f, extra...)}: unpacks each element (a List or array) into f's arguments. */
public final class StarmapNode<R> extends Stream<R> {
    private final BiFunction<Object, Object, ? extends R> pairFn;
    private final Function<List<Object>, ? extends R> listFn;
    private final Object[] extraArgs;

    public StarmapNode(Stream<?> upstream, BiFunction<Object, Object, ? extends R> fn) {
        super("starmap", Map.of(), upstream);
        this.pairFn = fn;
        this.listFn = null;
        this.extraArgs = new Object[0];
    }

    public StarmapNode(Stream<?> upstream, Function<List<Object>, ? extends R> fn, Object[] extraArgs) {
        super("starmap", extraArgs.length == 0 ? Map.of() : Map.of("extraArgs", List.of(extraArgs).toString()),
                upstream);
        this.pairFn = null;
        this.listFn = fn;
        this.extraArgs = extraArgs;
    }

    @Override
    public void update(Object x, List<Map<String, Object>> metadata, Stream<?> from) {
        Object[] items;
        if (x instanceof dev.streamz.Tuple t) { // a typed join's Tuple2/Tuple3 unpacks like a list
            items = t.toList().toArray();
        } else if (x instanceof List<?> list) {
            items = list.toArray();
        } else if (x instanceof Object[] arr) {
            items = arr;
        } else {
            throw badElement("starmap expects a List or an array to unpack, got "
                    + (x == null ? "null" : x.getClass().getName()), null);
        }
        R y;
        if (pairFn != null) {
            if (items.length != 2) {
                throw badElement("starmap with a two-argument function expects 2 items, got " + items.length, null);
            }
            try {
                y = pairFn.apply(items[0], items[1]);
            } catch (Throwable e) {
                throw userFailure(e);
            }
        } else {
            Object[] args = new Object[items.length + extraArgs.length];
            System.arraycopy(items, 0, args, 0, items.length);
            System.arraycopy(extraArgs, 0, args, items.length, extraArgs.length);
            try {
                y = listFn.apply(Tuple.wrap(args));
            } catch (Throwable e) {
                throw userFailure(e);
            }
        }
        emitDownstream(y, metadata);
    }
}
