package dev.streamz;

import java.lang.reflect.UndeclaredThrowableException;
import java.util.function.Consumer;

/**
 * A {@link Consumer} that may throw a checked exception; see {@link ThrowingFunction} for how the
 * operators use it and why it extends the {@code java.util.function} type.
 *
 * @param <T> argument type
 */
@FunctionalInterface
public interface ThrowingConsumer<T> extends Consumer<T> {
    /**
     * Consumes the argument.
     *
     * @param t the argument
     * @throws Exception whatever the action throws
     */
    void acceptChecked(T t) throws Exception;

    /**
     * Consumes outside a stream: a checked exception comes back wrapped in an
     * {@link UndeclaredThrowableException}.
     *
     * @param t the argument
     */
    @Override
    default void accept(T t) {
        try {
            acceptChecked(t);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new UndeclaredThrowableException(e);
        }
    }

    /**
     * Adapts a plain {@code Consumer} (returned as it is when it already is a {@code ThrowingConsumer}).
     *
     * @param c the consumer, not {@code null}
     * @param <T> argument type
     * @return {@code c} as a {@code ThrowingConsumer}
     */
    @SuppressWarnings("unchecked")
    static <T> ThrowingConsumer<T> of(Consumer<? super T> c) {
        if (c instanceof ThrowingConsumer<?> tc) {
            return (ThrowingConsumer<T>) tc;
        }
        return c::accept;
    }
}
