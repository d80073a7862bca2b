package dev.streamz.internal;

/**
 * Argument rules shared by the public API and the nodes, so that each rule and its message live in one
 * place. The null policy of the whole library: a {@code null} where a value is required is a
 * {@link NullPointerException} whose message names the argument (as {@code Objects.requireNonNull} does
 * in the JDK); a value out of range is an {@link IllegalArgumentException}.
 */
public final class Args {
    private Args() {
    }

    /**
     * Checks that {@code x} is not null.
     *
     * @param x the argument
     * @param what names it, e.g. {@code "map: function"}
     * @param <X> its type
     * @return {@code x}
     * @throws NullPointerException "{@code what} must not be null"
     */
    public static <X> X notNull(X x, String what) {
        if (x == null) {
            throw new NullPointerException(what + " must not be null");
        }
        return x;
    }

    /**
     * Checks that {@code value >= 1}.
     *
     * @param value the argument
     * @param what names it, e.g. {@code "buffer: n"}
     * @return {@code value}
     * @throws IllegalArgumentException "{@code what} must be >= 1, got {@code value}"
     */
    public static int atLeastOne(int value, String what) {
        if (value < 1) {
            throw new IllegalArgumentException(what + " must be >= 1, got " + value);
        }
        return value;
    }
}
