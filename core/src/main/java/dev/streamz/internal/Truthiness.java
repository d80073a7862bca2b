package dev.streamz.internal;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/** Python's truth test, for {@code filter()} with no predicate. */
public final class Truthiness {
    private Truthiness() {
    }

    /**
     * {@code null}, {@code false}, numeric zero, empty strings, collections, maps, arrays and empty
     * {@code Optional}s are false; everything else is true.
     */
    public static boolean isTruthy(Object x) {
        if (x == null) {
            return false;
        }
        if (x instanceof Boolean b) {
            return b;
        }
        if (x instanceof Number n) {
            if (x instanceof Double || x instanceof Float) {
                return n.doubleValue() != 0.0;
            }
            if (x instanceof java.math.BigDecimal d) {
                return d.signum() != 0;
            }
            if (x instanceof java.math.BigInteger i) {
                return i.signum() != 0;
            }
            return n.longValue() != 0L;
        }
        if (x instanceof CharSequence s) {
            return !s.isEmpty();
        }
        if (x instanceof Collection<?> c) {
            return !c.isEmpty();
        }
        if (x instanceof Map<?, ?> m) {
            return !m.isEmpty();
        }
        if (x instanceof Optional<?> o) {
            return o.isPresent();
        }
        if (x.getClass().isArray()) {
            return java.lang.reflect.Array.getLength(x) != 0;
        }
        return true;
    }
}
