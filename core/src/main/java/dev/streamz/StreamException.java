package dev.streamz;

/**
 * Thrown when a user function inside a node fails, or when an element does not fit what a node expects.
 *
 * <p>The message names the node, its operator and the place in user code where the node was built, so a
 * failure deep in a graph can be traced to the line that made it. The cause is the original exception.
 * The graph keeps working: the next emit runs normally.
 */
public final class StreamException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The failing node's name. */
    private final String nodeName;
    /** The failing node's operator. */
    private final String operator;
    /** Where the failing node was built, as {@code File.java:line}. */
    private final String buildSite;
    /** The failing node's id. */
    private final long nodeId;

    /**
     * Creates an exception for a failure in {@code node}.
     *
     * @param node the node whose function or input failed
     * @param detail what went wrong, in words
     * @param cause the original exception, may be {@code null}
     */
    public StreamException(Stream<?> node, String detail, Throwable cause) {
        super(describe(node, detail, cause), cause);
        this.nodeName = node.name();
        this.operator = node.operator();
        this.buildSite = node.buildSite();
        this.nodeId = node.id();
        node.countError(); // the per-node error counter of Graph.metrics(): failures are off the hot path
    }

    private static String describe(Stream<?> node, String detail, Throwable cause) {
        StringBuilder sb = new StringBuilder();
        sb.append("node '").append(node.name()).append("' (").append(node.operator())
          .append(", built at ").append(node.buildSite()).append("): ").append(detail);
        if (cause != null) {
            sb.append(": ").append(cause.getClass().getName());
            if (cause.getMessage() != null) {
                sb.append(": ").append(cause.getMessage());
            }
        }
        return sb.toString();
    }

    /** {@return the name of the node that failed} */
    public String nodeName() {
        return nodeName;
    }

    /** {@return the id of the node that failed, as {@link Stream#id()}} */
    public long nodeId() {
        return nodeId;
    }

    /** {@return the operator of the node that failed, e.g. {@code map}} */
    public String operator() {
        return operator;
    }

    /** {@return where the failing node was built, as {@code File.java:line}} */
    public String buildSite() {
        return buildSite;
    }
}
