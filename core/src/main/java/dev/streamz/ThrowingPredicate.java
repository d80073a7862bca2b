package dev.streamz;

import java.lang.reflect.UndeclaredThrowableException;
import java.util.function.Predicate;

/**
 * A {@link Predicate} that may throw a checked exception; see {@link ThrowingFunction} for how the
 * operators use it and why it extends the {@code java.util.function} type.
 *
 * @param <T> argument type
 */
@FunctionalInterface
public interface ThrowingPredicate<T> extends Predicate<T> {
    /**
     * Tests the argument.
     *
     * @param t the argument
     * @return whether it passes
     * @throws Exception whatever the test throws
     */
    boolean testChecked(T t) throws Exception;

    /**
     * Tests outside a stream: a checked exception comes back wrapped in an
     * {@link UndeclaredThrowableException}.
     *
     * @param t the argument
     * @return whether it passes
     */
    @Override
    default boolean test(T t) {
        try {
            return testChecked(t);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new UndeclaredThrowableException(e);
        }
    }

    /**
     * Adapts a plain {@code Predicate} (returned as it is when it already is a {@code ThrowingPredicate}).
     *
     * @param p the predicate, not {@code null}
     * @param <T> argument type
     * @return {@code p} as a {@code ThrowingPredicate}
     */
    @SuppressWarnings("unchecked")
    static <T> ThrowingPredicate<T> of(Predicate<? super T> p) {
        if (p instanceof ThrowingPredicate<?> tp) {
            return (ThrowingPredicate<T>) tp;
        }
        return p::test;
    }
}
