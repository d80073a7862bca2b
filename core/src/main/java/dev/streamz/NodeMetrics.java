package dev.streamz;

/**
 * One node's figures in a {@link Graph#metrics()} snapshot. They are read from state the nodes keep
 * anyway, so taking them costs the per-element path nothing: elements counted in and out per node are
 * deliberately not offered (a counter on every map and filter would be a store per element on the hot
 * path).
 *
 * @param id the node's id, as in {@link Stream#id()}
 * @param name the node's name
 * @param operator the node's operator, e.g. {@code map}
 * @param buffered the elements the node holds now ({@link Stream#bufferedCount()}): queued, delayed, in a
 *     window or batch, or in an asynchronous call; each of them keeps its refs (checkpoints) held
 * @param errors how many failures were attributed to this node since it was built (each
 *     {@link StreamException} naming it), reported or thrown
 */
public record NodeMetrics(long id, String name, String operator, int buffered, long errors) {
}
