/**
 * The compiled runtime: {@link dev.streamz.disruptor.DisruptorRuntime#compile} turns a {@code Stream} graph
 * into LMAX Disruptor ring buffers and event handlers, one thread per segment.
 */
module dev.streamz.disruptor {
    requires transitive dev.streamz;
    requires com.lmax.disruptor;

    exports dev.streamz.disruptor;
}
