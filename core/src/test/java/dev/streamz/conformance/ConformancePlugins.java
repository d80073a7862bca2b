package dev.streamz.conformance;

import dev.streamz.Stream;
import dev.streamz.spi.StreamPlugin;

import java.util.Map;

/**
 * Plugins registered for the conformance tests (A20) in
 * {@code src/test/resources/META-INF/services/dev.streamz.spi.StreamPlugin}. Names are prefixed with
 * {@code conformance} so they cannot clash with plugins other tests register.
 */
public final class ConformancePlugins {
    private ConformancePlugins() {
    }

    /** An OPERATOR plugin: {@code stream.plugin("conformanceAdd", n)} adds {@code n} to each element. */
    public static final class AddOperator implements StreamPlugin {
        /** Public no-argument constructor, as {@link java.util.ServiceLoader} requires. */
        public AddOperator() {
        }

        @Override
        public String name() {
            return "conformanceAdd";
        }

        @Override
        public Kind kind() {
            return Kind.OPERATOR;
        }

        @Override
        @SuppressWarnings("unchecked")
        public Stream<?> create(Stream<?> upstream, Object[] args) {
            if (args.length != 1 || !(args[0] instanceof Integer)) {
                throw new IllegalArgumentException("conformanceAdd expects one Integer argument");
            }
            int n = (Integer) args[0];
            return ((Stream<Integer>) upstream).map(x -> x + n).named("conformanceAdd");
        }
    }

    /**
     * A SOURCE plugin: {@code Stream.fromPlugin("conformanceRange", n)} is a source that emits
     * {@code 0..n-1} when started (streamz's {@code Stream.from_test()} static factory).
     */
    public static final class RangeSource implements StreamPlugin {
        /** Public no-argument constructor, as {@link java.util.ServiceLoader} requires. */
        public RangeSource() {
        }

        @Override
        public String name() {
            return "conformanceRange";
        }

        @Override
        public Kind kind() {
            return Kind.SOURCE;
        }

        @Override
        public Stream<?> create(Stream<?> upstream, Object[] args) {
            return new Range((Integer) args[0]);
        }
    }

    /** The node built by {@link RangeSource}. */
    static final class Range extends Stream<Integer> {
        private final int n;

        Range(int n) {
            super("conformance_range", Map.of("n", n));
            this.n = n;
        }

        @Override
        public void start() {
            for (int i = 0; i < n; i++) {
                emit(i);
            }
        }
    }
}
