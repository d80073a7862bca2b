package dev.streamz.chronicle;

import java.time.Instant;

/**
 * Where a replay starts: {@link #start()}, {@link #index(long)}, {@link #time(Instant)} or {@link #end()}.
 * A named replay that has a checkpoint ignores this and resumes after the checkpoint.
 */
public sealed interface From {
    /**
     * Returns the first excerpt of the journal.
     *
     * @return the first excerpt of the journal
     */
    static From start() {
        return Start.INSTANCE;
    }

    /**
     * Returns after the last excerpt: only excerpts appended later (useful with tailing).
     *
     * @return after the last excerpt: only excerpts appended later (useful with tailing)
     */
    static From end() {
        return End.INSTANCE;
    }

    /**
     * Returns a copy with this option changed.
     *
     * @param index a Chronicle index (as reported by {@link JournalSink#lastIndex()} or {@link JournalInfo})
     * @return that excerpt, inclusive; an index past the end behaves like {@link #end()}
     */
    static From index(long index) {
        return new Index(index);
    }

    /**
     * The first excerpt appended at or after {@code time}, found by a binary search over the append times
     * stored in the excerpts (Chronicle keeps no time index). Append times must not go backwards, which
     * holds for a journal written by one {@link JournalSink} with its default clock.
     *
     * @param time the wall-clock time
     * @return the position
     */
    static From time(Instant time) {
        if (time == null) {
            throw new IllegalArgumentException("From.time: time must not be null");
        }
        return new Time(time);
    }

    /** From the first excerpt. */
    enum Start implements From {
        /** The only instance. */
        INSTANCE;

        @Override
        public String toString() {
            return "start";
        }
    }

    /** From after the last excerpt. */
    enum End implements From {
        /** The only instance. */
        INSTANCE;

        @Override
        public String toString() {
            return "end";
        }
    }

    /**
     * From a Chronicle index, inclusive.
     *
     * @param index the index
     */
    record Index(long index) implements From {
        @Override
        public String toString() {
            return "index " + index + " (0x" + Long.toHexString(index) + ")";
        }
    }

    /**
     * From the first excerpt appended at or after a time.
     *
     * @param time the time
     */
    record Time(Instant time) implements From {
        @Override
        public String toString() {
            return "time " + time;
        }
    }
}
