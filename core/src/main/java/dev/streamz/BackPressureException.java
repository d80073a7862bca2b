package dev.streamz;

/**
 * Completes an {@link Stream#emitAsync(Object)} future at once, without emitting, when the node already has
 * its {@linkplain Stream#withMaxPendingEmits(int) maximum of pending emissions}: elements handed over from
 * other threads that the graph has not accepted yet (in a compiled pipeline: elements waiting for a full
 * entry ring, up to its options' {@code maxPendingEmits}). A producer that ignores its futures thus gets told
 * instead of filling memory; wait on earlier futures (or use the blocking {@link Stream#emit(Object)})
 * and try again.
 */
public final class BackPressureException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The limit that was reached. */
    private final int maxPending;

    /**
     * Creates the exception for {@code node}.
     *
     * @param node the node emitted into
     * @param maxPending its limit
     */
    public BackPressureException(Stream<?> node, int maxPending) {
        super("node '" + node.name() + "' (" + node.operator() + "): emitAsync rejected: " + maxPending
                + " emissions are already pending (not yet accepted); wait on earlier futures or raise the limit"
                + " (Stream.withMaxPendingEmits, or PipelineOptions.maxPendingEmits of a compiled pipeline)",
                null, false, false);
        this.maxPending = maxPending;
    }

    /** {@return the maximum of pending emissions that was reached} */
    public int maxPending() {
        return maxPending;
    }
}
