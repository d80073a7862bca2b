/**
 * streamz for the JVM: push-based stream pipelines with streamz's semantics.
 *
 * <p>The public API is {@link dev.streamz.Stream}; extension points live in {@code dev.streamz.spi}.
 * Operators are implemented in {@code dev.streamz.internal.*}, which is not exported.
 */
@SuppressWarnings("module") // dev.streamz.disruptor, dev.streamz.hazelcast and dev.streamz.chronicle are absent while core compiles on its own
module dev.streamz {
    exports dev.streamz;
    exports dev.streamz.spi;
    // The compiled runtime's hooks into the graph (GraphAccess); nobody else may use them.
    exports dev.streamz.internal.runtime to dev.streamz.disruptor;
    // Reporting-mode emission (EmitContext) for the scale-out module's gather node, which emits from scheduler tasks;
    // the Chronicle replay tracks acceptance with it directly, once per batch rather than per excerpt.
    exports dev.streamz.internal.time to dev.streamz.hazelcast, dev.streamz.chronicle;

    uses dev.streamz.spi.StreamPlugin;
}
