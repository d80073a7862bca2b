package dev.streamz.disruptor.internal;

import dev.streamz.Stream;
import dev.streamz.disruptor.CompiledPipeline;
import dev.streamz.disruptor.PipelineOptions;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Compiles a graph: finds its nodes ({@link GraphView}), plans the segments ({@link Planner}, pure),
 * claims the nodes for this pipeline ({@link CompiledNodes}) and builds it ({@link PipelineBuilder}).
 */
public final class Compiler {
    private static final AtomicLong PIPELINES = new AtomicLong();

    private Compiler() {
    }

    /**
     * @param source the node elements are emitted into
     * @param options the options
     * @param <T> the source's element type
     * @return the running pipeline
     */
    public static <T> CompiledPipeline<T> compile(Stream<T> source, PipelineOptions options) {
        List<Stream<?>> nodes = GraphView.component(source);
        String name = options.name() != null ? options.name() : "pipeline-" + PIPELINES.incrementAndGet();
        SegmentPlan plan = Planner.plan(source, nodes, options, name);
        CompiledNodes.claim(nodes);
        try {
            return PipelineBuilder.build(plan, source, options);
        } catch (RuntimeException | Error e) {
            CompiledNodes.release(nodes);
            throw e;
        }
    }
}
