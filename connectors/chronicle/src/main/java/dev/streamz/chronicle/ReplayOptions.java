package dev.streamz.chronicle;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Options of a replay, immutable; start from {@link #defaults()}:
 * {@code ReplayOptions.defaults().from(From.time(t)).pace(Pace.original(10)).checkpoint("rebuild")}.
 *
 * @param from where to start (default {@link From#start()})
 * @param pace how fast (default {@link Pace#asFastAsAccepted()})
 * @param tail whether to keep waiting for new excerpts at the end instead of stopping (default false)
 * @param pollInterval how long a tailing replay waits before looking for new excerpts again (default 1 ms)
 * @param limit stop after this many excerpts (default {@link Long#MAX_VALUE}: no limit)
 * @param checkpointName the name of a checkpointed replay, or {@code null} for none (default)
 * @param checkpointDir where checkpoints are kept, or {@code null} for the journal's own directory
 */
public record ReplayOptions(From from, Pace pace, boolean tail, Duration pollInterval, long limit,
                            String checkpointName, Path checkpointDir) {
    /**
     * Validates the options.
     *
     * @param from not null
     * @param pace not null
     * @param tail tailing
     * @param pollInterval positive
     * @param limit at least zero
     * @param checkpointName null, or letters, digits, '.', '_' and '-'
     * @param checkpointDir null or a directory
     */
    public ReplayOptions {
        if (from == null || pace == null || pollInterval == null) {
            throw new IllegalArgumentException("ReplayOptions: from, pace and pollInterval must not be null");
        }
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("ReplayOptions: pollInterval must be positive, got " + pollInterval);
        }
        if (limit < 0) {
            throw new IllegalArgumentException("ReplayOptions: limit must be >= 0, got " + limit);
        }
        if (checkpointName != null && !checkpointName.matches("[A-Za-z0-9._-]{1,100}")) {
            throw new IllegalArgumentException("ReplayOptions: checkpoint name must be 1-100 letters, digits, '.', '_'"
                    + " or '-', got '" + checkpointName + "'");
        }
    }

    /**
     * Returns from the start, as fast as accepted, no tailing, no limit, no checkpoint.
     *
     * @return from the start, as fast as accepted, no tailing, no limit, no checkpoint
     */
    public static ReplayOptions defaults() {
        return new ReplayOptions(From.start(), Pace.asFastAsAccepted(), false, Duration.ofMillis(1), Long.MAX_VALUE,
                null, null);
    }

    /**
     * Returns a copy with this option changed.
     *
     * @param f where to start
     * @return a copy with it
     */
    public ReplayOptions from(From f) {
        return new ReplayOptions(f, pace, tail, pollInterval, limit, checkpointName, checkpointDir);
    }

    /**
     * Returns a copy with this option changed.
     *
     * @param p how fast
     * @return a copy with it
     */
    public ReplayOptions pace(Pace p) {
        return new ReplayOptions(from, p, tail, pollInterval, limit, checkpointName, checkpointDir);
    }

    /**
     * Returns a copy with this option changed.
     *
     * @param keepTailing whether to wait for new excerpts at the end
     * @return a copy with it
     */
    public ReplayOptions tail(boolean keepTailing) {
        return new ReplayOptions(from, pace, keepTailing, pollInterval, limit, checkpointName, checkpointDir);
    }

    /**
     * Returns a copy with this option changed.
     *
     * @param interval how long a tailing replay waits at the end before looking again
     * @return a copy with it
     */
    public ReplayOptions pollInterval(Duration interval) {
        return new ReplayOptions(from, pace, tail, interval, limit, checkpointName, checkpointDir);
    }

    /**
     * Returns a copy with this option changed.
     *
     * @param maxExcerpts stop after this many excerpts
     * @return a copy with it
     */
    public ReplayOptions limit(long maxExcerpts) {
        return new ReplayOptions(from, pace, tail, pollInterval, maxExcerpts, checkpointName, checkpointDir);
    }

    /**
     * Makes this a named, checkpointed replay: every excerpt carries a {@link dev.streamz.RefCounter} in its
     * metadata, and the index of the last excerpt that every holder released (in order: no earlier one is
     * still held) is kept in a small file named {@code NAME.streamz-checkpoint}. A replay started again
     * with the same name resumes after it, whatever {@link #from()} says.
     *
     * @param name the replay's name
     * @return a copy with it
     */
    public ReplayOptions checkpoint(String name) {
        return new ReplayOptions(from, pace, tail, pollInterval, limit, name, checkpointDir);
    }

    /**
     * Returns a copy with this option changed.
     *
     * @param dir where the checkpoint file lives (default: the journal's directory)
     * @return a copy with it
     */
    public ReplayOptions checkpointDir(Path dir) {
        return new ReplayOptions(from, pace, tail, pollInterval, limit, checkpointName, dir);
    }
}
