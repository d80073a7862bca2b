package dev.streamz.disruptor;

/** What a segment does when a node throws while it processes an element. */
public enum ErrorPolicy {
    /**
     * Report the failure to the pipeline's error handler (by default: log it, naming the node and where it
     * was built), skip the rest of that element in that segment, release the refs the ring held for it,
     * and go on with the next element. The default.
     */
    REPORT_AND_SKIP,
    /**
     * Report the failure, then halt: every segment stops running nodes (elements still in the rings are
     * skipped and their refs are not released, so a checkpointing source re-reads them), and every later
     * emit fails with an {@link IllegalStateException} whose cause is the failure.
     */
    HALT
}
