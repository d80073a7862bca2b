package dev.streamz.hazelcast.internal;

import java.io.Serial;
import java.io.Serializable;

/**
 * What a batch produced, per input element in input order: {@code counts[i]} outputs (0 when filtered
 * out) taken in turn from {@code outputs}, or, when {@code failures[i]} is not {@code null}, the failure of
 * a user function on element {@code i} (that element produced nothing).
 *
 * @param counts outputs per input element
 * @param outputs every output, element by element
 * @param failures per input element, its failure or {@code null}; {@code null} itself when none failed
 */
public record BatchResult(int[] counts, Object[] outputs, RemoteFailure[] failures) implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    /** The answer of a late duplicate of a batch that another attempt already ran: the caller ignores it. */
    public static final BatchResult SUPERSEDED = new BatchResult(new int[0], new Object[0], null);

    /**
     * @param i an input element's index
     * @return its failure, or {@code null}
     */
    public RemoteFailure failure(int i) {
        return failures == null ? null : failures[i];
    }
}
