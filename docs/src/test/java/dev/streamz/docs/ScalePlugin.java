package dev.streamz.docs;

import dev.streamz.Stream;
import dev.streamz.spi.StreamPlugin;

/**
 * The plugin that docs/core.md ("Extending") shows as {@code Scale}, registered in
 * {@code src/test/resources/META-INF/services/dev.streamz.spi.StreamPlugin} so that the guide's snippet
 * {@code source.plugin("scale", 3)} really runs. Keep it the same as the guide's code.
 */
public final class ScalePlugin implements StreamPlugin {
    @Override
    public String name() {
        return "scale";
    }

    @Override
    public Kind kind() {
        return Kind.OPERATOR;
    }

    @Override
    public Stream<?> create(Stream<?> upstream, Object[] args) {
        int factor = (Integer) args[0];
        return upstream.map(x -> (Integer) x * factor);
    }
}
