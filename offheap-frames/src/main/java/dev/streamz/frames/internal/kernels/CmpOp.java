package dev.streamz.frames.internal.kernels;

/**
 * A comparison operator, with pandas' (numpy's) answers for NaN: every comparison with NaN is false except
 * {@link #NE}, which is true.
 *
 * <p>The comparison kernels evaluate every operator as one combination of three constant comparisons (less,
 * equal, greater) selected by lane masks, optionally inverted, so one loop serves all six with constant Vector
 * API operators (a non-constant operator would leave the intrinsic and fall back to a slow path). The fused
 * filter + sum, which must keep up with memory, has one loop per operator instead.
 */
public enum CmpOp {
    /** {@code ==}. */
    EQ(false, true, false, false),
    /** {@code !=}: true for NaN. */
    NE(false, true, false, true),
    /** {@code <}. */
    LT(true, false, false, false),
    /** {@code <=}. */
    LE(true, true, false, false),
    /** {@code >}. */
    GT(false, false, true, false),
    /** {@code >=}. */
    GE(false, true, true, false);

    final boolean lt;
    final boolean eq;
    final boolean gt;
    final boolean invert;

    CmpOp(boolean lt, boolean eq, boolean gt, boolean invert) {
        this.lt = lt;
        this.eq = eq;
        this.gt = gt;
        this.invert = invert;
    }

    /**
     * Applies this operator to two doubles, scalar reference semantics.
     *
     * @param a left
     * @param b right
     * @return the comparison's answer
     */
    public boolean test(double a, double b) {
        boolean r = (lt && a < b) || (eq && a == b) || (gt && a > b);
        return r != invert;
    }

    /**
     * Applies this operator to two longs.
     *
     * @param a left
     * @param b right
     * @return the comparison's answer
     */
    public boolean test(long a, long b) {
        boolean r = (lt && a < b) || (eq && a == b) || (gt && a > b);
        return r != invert;
    }
}
