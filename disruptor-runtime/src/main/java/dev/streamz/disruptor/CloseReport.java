package dev.streamz.disruptor;

import java.util.List;
import java.util.Map;

/**
 * What {@link CompiledPipeline#close(java.time.Duration)} achieved.
 *
 * @param drained whether every accepted element was processed before the threads stopped
 * @param undrained per segment name, how many accepted elements were not processed (empty when drained)
 * @param threadsStillAlive the names of segment threads that did not stop in time (stuck in a user
 *     function); empty normally
 */
public record CloseReport(boolean drained, Map<String, Long> undrained, List<String> threadsStillAlive) {
    /** Copies the collections. */
    public CloseReport {
        undrained = Map.copyOf(undrained);
        threadsStillAlive = List.copyOf(threadsStillAlive);
    }
}
