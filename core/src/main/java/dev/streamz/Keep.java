package dev.streamz;

/** Which element to keep when a key is seen again inside one unique partition. */
public enum Keep {
    /** Keep the element that arrived first; later duplicates are dropped. */
    FIRST,
    /** Keep the element that arrived last; it moves to the end of the partition. */
    LAST
}
