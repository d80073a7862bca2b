package dev.streamz.internal.operators;

import dev.streamz.Stream;
import dev.streamz.ThrowingPredicate;
import dev.streamz.internal.Truthiness;

import java.util.List;
import java.util.Map;

/** {@code filter(p)} (keep when true), {@code filter()} (truthiness) and {@code remove(p)} (keep when false). */
public final class FilterNode<T> extends Stream<T> {
    private final ThrowingPredicate<? super T> predicate;
    private final boolean keepWhen;

    public FilterNode(Stream<T> upstream, ThrowingPredicate<? super T> predicate, boolean keepWhen, String operator) {
        super(operator, predicate == null ? Map.of("predicate", "truthy") : Map.of(), upstream);
        this.predicate = predicate;
        this.keepWhen = keepWhen;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void update(Object x, List<Map<String, Object>> metadata, Stream<?> from) {
        boolean passed;
        try {
            passed = predicate == null ? Truthiness.isTruthy(x) : predicate.testChecked((T) x);
        } catch (Throwable e) {
            throw userFailure(e);
        }
        if (passed == keepWhen) {
            Stream<?>[] ds = beginEmit(x, metadata);
            if (ds.length == 1) {
                ds[0].update(x, metadata, this);
            } else {
                for (Stream<?> d : ds) {
                    d.update(x, metadata, this);
                }
            }
        }
    }
}
