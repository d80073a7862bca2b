package dev.streamz.cli;

import dev.streamz.Stream;
import dev.streamz.spi.StreamPlugin;

/** A pipeline plugin for the replay command's test: upper-cases text. */
public final class UppercasePlugin implements StreamPlugin {
    @Override
    public String name() {
        return "testUpper";
    }

    @Override
    public Kind kind() {
        return Kind.OPERATOR;
    }

    @Override
    public Stream<?> create(Stream<?> upstream, Object[] args) {
        return upstream.map(x -> String.valueOf(x).toUpperCase());
    }
}
