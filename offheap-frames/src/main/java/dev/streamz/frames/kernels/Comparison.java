package dev.streamz.frames.kernels;

/**
 * A comparison operator. With NaN every comparison is false except {@link #NE}, which is true (numpy and
 * pandas); with a null operand the result row is null.
 */
public enum Comparison {
    /** {@code ==}. */
    EQ,
    /** {@code !=}. */
    NE,
    /** {@code <}. */
    LT,
    /** {@code <=}. */
    LE,
    /** {@code >}. */
    GT,
    /** {@code >=}. */
    GE
}
