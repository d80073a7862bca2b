package dev.streamz.hazelcast.internal;

/** The state of an {@code accumulate} without a start value before its first element (an enum: it stays one object across serialization). */
public enum NoState {
    /** No state yet: the next element becomes the state. */
    NONE
}
