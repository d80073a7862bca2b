package dev.streamz.internal;

/**
 * Marks a node that runs on the graph's scheduler or holds elements across time (delay, rate limit,
 * timed windows, latest, asynchronous map and sinks, sources). Such a node cannot be fused into a
 * synchronous segment as it is: the compiled runtime
 * runs it on a clock of the segment's own ({@link #rebindScheduler}).
 */
public interface TimeDriven {
    /**
     * Moves the node's work to {@code s}: the compiled runtime runs a time-driven node on the clock of the
     * segment thread that runs it, and gives the graph's scheduler back when the pipeline closes. Called
     * while nothing emits into the node.
     *
     * @param s the scheduler to run on from now
     * @return the scheduler it ran on before
     */
    dev.streamz.Scheduler rebindScheduler(dev.streamz.Scheduler s);
}
