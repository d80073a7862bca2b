package dev.streamz.frames.internal.kernels;

/** A statistic a rolling window can write per row; the ordinal indexes the outputs array. */
public enum RollingStat {
    /** Values in the window that are neither null nor NaN. */
    COUNT,
    /** Sum of the window's values. */
    SUM,
    /** Mean of the window's values. */
    MEAN,
    /** Variance (with the window's ddof). */
    VAR,
    /** Standard deviation. */
    STD,
    /** Minimum (monotonic deque). */
    MIN,
    /** Maximum (monotonic deque). */
    MAX;

    /** How many statistics there are: the length of an outputs array. */
    public static final int COUNT_OF_STATS = values().length;
}
