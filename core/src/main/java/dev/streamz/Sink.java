package dev.streamz;

import java.time.Duration;
import java.util.List;

/**
 * What {@code sink(...)} and the other sinks return: a handle on the sink node that offers no downstream
 * operators, so that nothing can be chained after a sink by mistake (in streamz a node chained after a
 * sink silently receives nothing). It can be named, destroyed, described, and waited on; use
 * {@link Stream#tap} for a side effect in the middle of a chain.
 *
 * @param <T> element type
 */
public final class Sink<T> {
    private final Stream<T> node;

    Sink(Stream<T> node) {
        this.node = node;
    }

    /**
     * The sink node itself, for graph tools that take any node ({@code connect}, a compiler, a
     * {@link GraphDescription}); operators chained on it receive nothing.
     *
     * @return the node
     */
    public Stream<T> node() {
        return node;
    }

    /**
     * Names the sink node (as {@link Stream#named}).
     *
     * @param newName the name
     * @return this handle
     */
    public Sink<T> named(String newName) {
        node.named(newName);
        return this;
    }

    /** {@return the sink node's name} */
    public String name() {
        return node.name();
    }

    /** {@return the sink's operator, e.g. {@code sink} or {@code sink_to_textfile}} */
    public String operator() {
        return node.operator();
    }

    /** {@return where the sink was built, as {@code File.java:line}} */
    public String buildSite() {
        return node.buildSite();
    }

    /** {@return the sink's upstreams} */
    public List<Stream<?>> upstreams() {
        return node.upstreams();
    }

    /** {@return how many elements the sink holds now (an asynchronous sink's calls in flight)} */
    public int bufferedCount() {
        return node.bufferedCount();
    }

    /**
     * Detaches the sink from its upstreams; a file sink flushes and closes its file.
     */
    public void destroy() {
        node.destroy();
    }

    /** {@return the description of the whole graph, as {@link Stream#describe()}} */
    public GraphDescription describe() {
        return node.describe();
    }

    /** {@return the graph the sink belongs to} */
    public Graph graph() {
        return node.graph();
    }

    /**
     * Waits until the sink's graph is idle ({@link Graph#awaitIdle(Duration)}).
     *
     * @param timeout how long to wait at most
     * @return whether it was idle in time
     */
    public boolean awaitIdle(Duration timeout) {
        return node.graph().awaitIdle(timeout);
    }

    @Override
    public String toString() {
        return node.toString();
    }
}
