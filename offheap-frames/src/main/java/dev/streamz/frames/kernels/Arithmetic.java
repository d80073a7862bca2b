package dev.streamz.frames.kernels;

/**
 * A binary arithmetic operator. {@link #DIV} is pandas' true division: its result is float64 even for int64
 * operands, and division by zero gives {@code ±inf} ({@code 0 / 0} gives NaN), never an exception. int64
 * {@code +}, {@code −}, {@code ×} wrap on overflow, like numpy's int64.
 */
public enum Arithmetic {
    /** {@code +}. */
    ADD,
    /** {@code -}. */
    SUB,
    /** {@code *}. */
    MUL,
    /** {@code /}, true division. */
    DIV
}
