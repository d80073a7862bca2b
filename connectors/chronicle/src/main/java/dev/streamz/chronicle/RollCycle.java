package dev.streamz.chronicle;

/**
 * How often a journal starts a new cycle file. Shorter cycles make smaller files that can be deleted
 * sooner; each cycle holds at most a fixed number of excerpts (Chronicle's limits for the same names).
 */
public enum RollCycle {
    /** A file every 5 minutes. */
    FIVE_MINUTELY,
    /** A file every 10 minutes. */
    TEN_MINUTELY,
    /** A file every 30 minutes. */
    HALF_HOURLY,
    /** A file every hour. */
    HOURLY,
    /** A file every 2 hours. */
    TWO_HOURLY,
    /** A file every 6 hours. */
    SIX_HOURLY,
    /** A file every day (the default). */
    DAILY,
    /** A file every week. */
    WEEKLY
}
