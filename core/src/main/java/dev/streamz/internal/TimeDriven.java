package dev.streamz.internal;

/**
 * Marks a node that runs on the graph's scheduler or holds elements across time (delay, rate limit,
 * timed windows, latest, asynchronous map and sinks, sources). Such a node cannot be fused into a
 * synchronous segment of a compiled pipeline.
 */
public interface TimeDriven {
}
