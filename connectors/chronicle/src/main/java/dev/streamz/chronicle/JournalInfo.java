package dev.streamz.chronicle;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * What a journal holds, from {@link Chronicle#inspect(Path)}.
 *
 * @param dir the journal's directory
 * @param count how many excerpts
 * @param firstIndex the Chronicle index of the first excerpt, or -1 when empty
 * @param lastIndex the Chronicle index of the last excerpt, or -1 when empty
 * @param firstTime the append time of the first excerpt, or {@code null} when empty
 * @param lastTime the append time of the last excerpt, or {@code null} when empty
 * @param payloadBytes the payload bytes of all excerpts (without the 8-byte append times)
 * @param fileBytes the size of the journal's files (cycle files are pre-allocated, so this exceeds the data)
 * @param cycleFiles the cycle files, oldest first
 */
public record JournalInfo(Path dir, long count, long firstIndex, long lastIndex, Instant firstTime, Instant lastTime,
                          long payloadBytes, long fileBytes, List<Path> cycleFiles) {
}
