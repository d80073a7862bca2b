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
 * @param checksum whether each excerpt carries a CRC32C of its time and payload, which a replay verifies: a
 *     payload damaged under an intact header is then reported and skipped instead of decoded as it is
 *     (default: off, {@link #CHECKSUM_DEFAULT}: it costs 4 bytes per excerpt and about a quarter of the
 *     replay rate of 64-byte excerpts). Journals written without checksums
 *     are read as before, and one journal may mix both.
 */
public record JournalOptions(RollCycle rollCycle, Durability durability, LongSupplier clock, boolean checksum) {
    /** Whether journals carry checksums unless told otherwise: no, for the replay rate (see docs/connectors.md). */
    public static final boolean CHECKSUM_DEFAULT = false;
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
     * Returns daily files, page-cache durability, the system clock, the default checksum choice.
     *
     * @return daily files, page-cache durability, the system clock, the default checksum choice
     */
    public static JournalOptions defaults() {
        return new JournalOptions(RollCycle.DAILY, Durability.PAGE_CACHE, SYSTEM_CLOCK, CHECKSUM_DEFAULT);
    }

    /**
     * Returns a copy with this option changed.
     *
     * @param on whether each excerpt carries a checksum that the replay verifies
     * @return a copy with it
     */
    public JournalOptions checksum(boolean on) {
        return new JournalOptions(rollCycle, durability, clock, on);
    }

    /**
     * Returns a copy with this option changed.
     *
     * @param cycle the roll cycle
     * @return a copy with it
     */
    public JournalOptions rollCycle(RollCycle cycle) {
        return new JournalOptions(cycle, durability, clock, checksum);
    }

    /**
     * Returns a copy with this option changed.
     *
     * @param d the durability
     * @return a copy with it
     */
    public JournalOptions durability(Durability d) {
        return new JournalOptions(rollCycle, d, clock, checksum);
    }

    /**
     * Returns a copy with this option changed.
     *
     * @param epochNanos the clock, in nanoseconds since the epoch
     * @return a copy with it
     */
    public JournalOptions clock(LongSupplier epochNanos) {
        return new JournalOptions(rollCycle, durability, epochNanos, checksum);
    }

    private static long systemNanos() {
        // Microsecond resolution from the wall clock; monotonic enough for ordering within one writer.
        return net.openhft.chronicle.core.time.SystemTimeProvider.CLOCK.currentTimeNanos();
    }
}
