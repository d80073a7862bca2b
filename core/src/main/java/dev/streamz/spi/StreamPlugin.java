package dev.streamz.spi;

import dev.streamz.Stream;

/**
 * A named operator, source or sink contributed by a library, found with {@link java.util.ServiceLoader}.
 *
 * <p>Register an implementation in {@code META-INF/services/dev.streamz.spi.StreamPlugin} (or with
 * {@code provides} in a module). Plugins are discovered lazily, the first time one is asked for by name
 * through {@link Stream#plugin(String, Object...)} or {@link Stream#fromPlugin(String, Object...)}.
 * A name must be unique and must not shadow a built-in operator.
 */
public interface StreamPlugin {
    /** What a plugin contributes. */
    enum Kind {
        /** Takes an upstream and returns a node downstream of it. */
        OPERATOR,
        /** Takes an upstream and returns a terminal node. */
        SINK,
        /** Takes no upstream and returns a new source node. */
        SOURCE
    }

    /** {@return the name users call it by; a Java identifier} */
    String name();

    /** {@return what the plugin contributes} */
    Kind kind();

    /**
     * Builds the node.
     *
     * @param upstream the node it attaches to, or {@code null} for a {@link Kind#SOURCE}
     * @param args the arguments the user passed
     * @return the new node; for operators and sinks it must be downstream of {@code upstream}
     */
    Stream<?> create(Stream<?> upstream, Object[] args);
}
