package dev.streamz.chronicle;

import java.util.function.LongSupplier;

/**
 * Options of a journal sink, immutable; start from {@link #defaults()} and change one at a time:
 * {@code JournalOptions.defaults().rollCycle(RollCycle.HOURLY).durability(Durability.SYNC_ON_CLOSE)}.
 *
 * @param rollCycle how often a new cycle file starts (default {@link RollCycle#DAILY})
 * @param durability when appended excerpts are forced to the device (default {@link Durability#PAGE_CACHE})
 * @param clock the append time of each excerpt, in nanoseconds since the epoch; it also decides the cycle
 *     file, so it must not go backwards (default: the system clock)
 */
public record JournalOptions(RollCycle rollCycle, Durability durability, LongSupplier clock) {
    /** The system clock, in nanoseconds since the epoch. */
    public static final LongSupplier SYSTEM_CLOCK = JournalOptions::systemNanos;

    /**
     * Validates the options.
     *
     * @param rollCycle not null
     * @param durability not null
     * @param clock not null
     */
    public JournalOptions {
        if (rollCycle == null || durability == null || clock == null) {
            throw new IllegalArgumentException("JournalOptions: rollCycle, durability and clock must not be null");
        }
    }

    /**
     * Returns daily files, page-cache durability, the system clock.
     *
     * @return daily files, page-cache durability, the system clock
     */
    public static JournalOptions defaults() {
        return new JournalOptions(RollCycle.DAILY, Durability.PAGE_CACHE, SYSTEM_CLOCK);
    }

    /**
     * Returns a copy with this option changed.
     *
     * @param cycle the roll cycle
     * @return a copy with it
     */
    public JournalOptions rollCycle(RollCycle cycle) {
        return new JournalOptions(cycle, durability, clock);
    }

    /**
     * Returns a copy with this option changed.
     *
     * @param d the durability
     * @return a copy with it
     */
    public JournalOptions durability(Durability d) {
        return new JournalOptions(rollCycle, d, clock);
    }

    /**
     * Returns a copy with this option changed.
     *
     * @param epochNanos the clock, in nanoseconds since the epoch
     * @return a copy with it
     */
    public JournalOptions clock(LongSupplier epochNanos) {
        return new JournalOptions(rollCycle, durability, epochNanos);
    }

    private static long systemNanos() {
        // Microsecond resolution from the wall clock; monotonic enough for ordering within one writer.
        return net.openhft.chronicle.core.time.SystemTimeProvider.CLOCK.currentTimeNanos();
    }
}
