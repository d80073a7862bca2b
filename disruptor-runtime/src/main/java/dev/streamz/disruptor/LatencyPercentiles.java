package dev.streamz.disruptor;

import java.time.Duration;

/**
 * Latency percentiles of one segment ({@link SegmentInfo#latency()}): each value is within 1/16 of the
 * true one (a log-bucketed histogram with 16 sub-buckets per power of two).
 *
 * @param count how many elements were recorded
 * @param p50 the median
 * @param p90 the 90th percentile
 * @param p99 the 99th percentile
 * @param p999 the 99.9th percentile
 * @param max the largest recorded latency (its bucket's upper end)
 */
public record LatencyPercentiles(long count, Duration p50, Duration p90, Duration p99, Duration p999,
                                 Duration max) {
}
