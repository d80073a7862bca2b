package dev.streamz.hazelcast.internal;

import java.io.Serializable;

/**
 * One step of a scattered pipeline, run on a cluster member: it travels inside every batch task, so it
 * and the user function it holds are serializable. {@link Chain} runs the steps in order.
 */
public sealed interface RemoteStep extends Serializable
        permits MapStep, StarmapStep, FilterStep, AccumulateStep, FlattenStep {

    /** {@return the operator, e.g. {@code "map"}} */
    String operator();

    /** {@return the step in words, naming the operator, its place in the scattered stream and its build site} */
    String describe();
}
