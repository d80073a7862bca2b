package dev.streamz;

import java.lang.reflect.UndeclaredThrowableException;
import java.util.function.Function;

/**
 * A {@link Function} that may throw a checked exception, so that {@code map(p -> Files.readString(p))}
 * compiles. The operators call {@link #applyChecked}; whatever it throws is wrapped in a
 * {@link StreamException} naming the node, exactly as an unchecked failure is.
 *
 * <p>It extends {@code Function} so that an operator can offer both forms: a lambda or method reference
 * picks this (more specific) type, a {@code Function} variable the other overload.
 *
 * @param <T> argument type
 * @param <R> result type
 */
@FunctionalInterface
public interface ThrowingFunction<T, R> extends Function<T, R> {
    /**
     * Applies the function.
     *
     * @param t the argument
     * @return the result
     * @throws Exception whatever the function throws
     */
    R applyChecked(T t) throws Exception;

    /**
     * Applies the function outside a stream: a checked exception comes back wrapped in an
     * {@link UndeclaredThrowableException}.
     *
     * @param t the argument
     * @return the result
     */
    @Override
    default R apply(T t) {
        try {
            return applyChecked(t);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new UndeclaredThrowableException(e);
        }
    }

    /**
     * Adapts a plain {@code Function} (returned as it is when it already is a {@code ThrowingFunction}).
     *
     * @param f the function, not {@code null}
     * @param <T> argument type
     * @param <R> result type
     * @return {@code f} as a {@code ThrowingFunction}
     */
    @SuppressWarnings("unchecked")
    static <T, R> ThrowingFunction<T, R> of(Function<? super T, ? extends R> f) {
        if (f instanceof ThrowingFunction<?, ?> tf) {
            return (ThrowingFunction<T, R>) tf;
        }
        return f::apply;
    }
}
