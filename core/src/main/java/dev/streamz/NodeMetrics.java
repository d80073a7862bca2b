package dev.streamz;

/**
 * One node's figures in a {@link Graph#metrics()} snapshot. They are read from state the nodes keep
 * anyway, or from counters kept only where counting costs the per-element path nothing measurable: a
 * synchronous chain ({@code map}, {@code filter}, {@code scan}, ...) counts nothing, so a figure it does not
 * offer is {@link #NOT_COUNTED}. Which node reports what:
 *
 * <table>
 * <caption>Figures per kind of node</caption>
 * <tr><th>node</th><th>in</th><th>out</th><th>refsHeld</th></tr>
 * <tr><td>nodes run by the scheduler: {@code buffer}, {@code delay}, {@code rateLimit},
 *     {@code timedWindow}, {@code timedWindowUnique}, {@code partition(n, timeout)}, {@code latest},
 *     {@code mapAsync}, {@code sinkAsync}, {@code toPublisher}</td>
 *     <td>counted</td><td>counted (0 for {@code sinkAsync} and {@code toPublisher}, whose output goes to a
 *     function or to subscribers)</td><td>counted (not {@code toPublisher}'s per-subscriber queues: 0)</td></tr>
 * <tr><td>sinks: {@code sink}, {@code sinkWithMetadata}, {@code sinkToList}, {@code sinkToTextFile}</td>
 *     <td>counted</td><td>0</td><td>0</td></tr>
 * <tr><td>sources ({@link Source})</td><td>{@link #NOT_COUNTED}</td><td>counted: elements emitted into
 *     the graph</td><td>0</td></tr>
 * <tr><td>joins and batches: {@code zip}, {@code zipLatest}, {@code combineLatest}, {@code partition},
 *     {@code partitionUnique}, {@code slidingWindow}, {@code collect}/{@code hold}</td>
 *     <td>{@link #NOT_COUNTED}</td><td>{@link #NOT_COUNTED}</td><td>counted</td></tr>
 * <tr><td>every other node (synchronous: {@code map}, {@code filter}, {@code scan}, {@code union}, ...)
 *     </td><td>{@link #NOT_COUNTED}</td><td>{@link #NOT_COUNTED}</td><td>0: they hold no element past the
 *     call</td></tr>
 * </table>
 *
 * <p>In a compiled pipeline, the runtime's per-segment figures ({@code SegmentInfo}: published, processed,
 * backlog, latency) count every element that crosses a segment, without a per-node counter.
 *
 * @param id the node's id, as in {@link Stream#id()}
 * @param name the node's name
 * @param operator the node's operator, e.g. {@code map}
 * @param buffered the elements the node holds now ({@link Stream#bufferedCount()}): queued, delayed, in a
 *     window or batch, or in an asynchronous call; each of them keeps its refs (checkpoints) held
 * @param errors how many failures were attributed to this node since it was built (each
 *     {@link StreamException} naming it), reported or thrown
 * @param in elements the node received since it was built, or {@link #NOT_COUNTED}
 * @param out elements the node emitted downstream since it was built, or {@link #NOT_COUNTED}
 * @param refsHeld the holds the node has now on {@link RefCounter}s: one per ref of each element it keeps
 *     (queued, delayed, in a window, batch or join, waiting for its turn, or whose asynchronous downstream
 *     or call has not completed); a checkpoint is acknowledged only when every node's hold is gone
 */
public record NodeMetrics(long id, String name, String operator, int buffered, long errors, long in, long out,
                          int refsHeld) {
    /** The value of {@link #in()} or {@link #out()} for a node that does not count it. */
    public static final long NOT_COUNTED = -1;
}
