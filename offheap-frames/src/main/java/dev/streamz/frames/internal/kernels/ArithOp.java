package dev.streamz.frames.internal.kernels;

/**
 * A binary arithmetic operator. Division is pandas' true division ({@code /}): the result is float64 even for
 * int64 operands, and division by zero gives {@code ±inf}, or NaN for {@code 0 / 0}, as IEEE-754 (and pandas)
 * define it, never an exception.
 */
public enum ArithOp {
    /** {@code +}. */
    ADD,
    /** {@code -}. */
    SUB,
    /** {@code *}. */
    MUL,
    /** {@code /}, true division. */
    DIV;

    /**
     * Applies this operator to doubles (the scalar reference).
     *
     * @param a left
     * @param b right
     * @return {@code a op b}
     */
    public double apply(double a, double b) {
        return switch (this) {
            case ADD -> a + b;
            case SUB -> a - b;
            case MUL -> a * b;
            case DIV -> a / b;
        };
    }

    /**
     * Applies this operator to longs, wrapping on overflow like numpy's int64; not defined for {@link #DIV}.
     *
     * @param a left
     * @param b right
     * @return {@code a op b}
     */
    public long apply(long a, long b) {
        return switch (this) {
            case ADD -> a + b;
            case SUB -> a - b;
            case MUL -> a * b;
            case DIV -> throw new IllegalArgumentException("arith: int64 DIV is true division, use divideLong");
        };
    }
}
