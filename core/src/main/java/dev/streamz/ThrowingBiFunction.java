package dev.streamz;

/**
 * A two-argument function that may throw a checked exception, for the typed joins
 * ({@code zipWith(other, f)} and friends). Whatever it throws is wrapped in a {@link StreamException}
 * naming the node.
 *
 * @param <A> first argument type
 * @param <B> second argument type
 * @param <R> result type
 */
@FunctionalInterface
public interface ThrowingBiFunction<A, B, R> {
    /**
     * Applies the function.
     *
     * @param a the first argument
     * @param b the second argument
     * @return the result
     * @throws Exception whatever the function throws
     */
    R apply(A a, B b) throws Exception;
}
