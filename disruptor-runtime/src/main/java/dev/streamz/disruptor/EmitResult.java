package dev.streamz.disruptor;

/** What {@link PipelineInput#tryEmit(Object)} did, as a return code: it never blocks and never throws
 *  for flow control. */
public enum EmitResult {
    /** The element is in the ring; the pipeline will process it. */
    ACCEPTED,
    /** The ring is full: nothing was published; try again later (this is the back pressure). */
    BACK_PRESSURED,
    /** The pipeline is closing or closed: nothing was published. */
    CLOSED,
    /** The pipeline halted after a failure (see {@link ErrorPolicy#HALT}): nothing was published. */
    FAILED
}
