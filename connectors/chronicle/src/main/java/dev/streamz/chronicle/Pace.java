package dev.streamz.chronicle;

/**
 * How fast a replay emits: {@link #asFastAsAccepted()} (back pressure from the pipeline decides),
 * {@link #original(double)} (the journal's own timing, scaled) or {@link #fixedRate(double)}. Timed paces
 * run on the graph's scheduler, so a {@code VirtualScheduler} replays them in virtual time.
 */
public sealed interface Pace {
    /**
     * Returns the next excerpt as soon as the graph has accepted the previous one.
     *
     * @return the next excerpt as soon as the graph has accepted the previous one
     */
    static Pace asFastAsAccepted() {
        return Fast.INSTANCE;
    }

    /**
     * The original timing: an excerpt appended {@code d} after the replay's first one is emitted
     * {@code d / speed} after it (never before the graph accepted the previous one).
     *
     * @param speed 1.0 for the original pace, 2.0 for twice as fast, 0.5 for half; positive and finite
     * @return the pace
     */
    static Pace original(double speed) {
        if (!(speed > 0) || Double.isInfinite(speed)) {
            throw new IllegalArgumentException("Pace.original: speed must be positive and finite, got " + speed);
        }
        return new Original(speed);
    }

    /**
     * A fixed rate: the {@code i}-th excerpt of the replay is due {@code i / perSecond} seconds after the
     * first (a late excerpt is emitted at once; the schedule does not drift).
     *
     * @param perSecond excerpts per second, positive and finite
     * @return the pace
     */
    static Pace fixedRate(double perSecond) {
        if (!(perSecond > 0) || Double.isInfinite(perSecond)) {
            throw new IllegalArgumentException("Pace.fixedRate: perSecond must be positive and finite, got "
                    + perSecond);
        }
        return new FixedRate(perSecond);
    }

    /** As fast as the graph accepts. */
    enum Fast implements Pace {
        /** The only instance. */
        INSTANCE;

        @Override
        public String toString() {
            return "as fast as accepted";
        }
    }

    /**
     * The journal's timing divided by {@code speed}.
     *
     * @param speed the speed-up factor
     */
    record Original(double speed) implements Pace {
        @Override
        public String toString() {
            return "original timing x" + speed;
        }
    }

    /**
     * A fixed number of excerpts per second.
     *
     * @param perSecond the rate
     */
    record FixedRate(double perSecond) implements Pace {
        @Override
        public String toString() {
            return perSecond + " excerpts/s";
        }
    }
}
