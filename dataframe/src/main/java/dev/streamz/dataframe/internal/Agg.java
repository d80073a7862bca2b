package dev.streamz.dataframe.internal;

/** The built-in aggregations, with pandas' names. */
public enum Agg {
    /** Sum of the present values (0 when there are none). */
    SUM,
    /** Mean of the present values (NaN when there are none). */
    MEAN,
    /** Number of present values. */
    COUNT,
    /** Number of rows, missing ones included. */
    SIZE,
    /** Variance with a delta degrees of freedom (NaN when fewer than ddof + 1 values). */
    VAR,
    /** Standard deviation: the square root of {@link #VAR}. */
    STD,
    /** Smallest present value (NaN when there are none). */
    MIN,
    /** Largest present value (NaN when there are none). */
    MAX,
    /** Median of the present values (rolling only). */
    MEDIAN,
    /** Quantile with linear interpolation (rolling only). */
    QUANTILE
}
