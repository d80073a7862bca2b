package dev.streamz.disruptor;

import dev.streamz.Stream;
import dev.streamz.disruptor.internal.Compiler;

import java.util.Objects;

/**
 * Compiles a {@code Stream} graph into a multi-threaded pipeline over LMAX Disruptor rings.
 *
 * <p>The graph (every node connected to {@code source}) is cut into segments at asynchronous boundaries
 * ({@code async()}, {@code buffer(n)}), at joins fed from several segments, and, if the options ask, at
 * branches. Each segment is one event handler on its own thread that runs its synchronous sub-graph
 * fused, exactly as direct execution would, over pre-allocated, reused ring slots. A full ring is the back
 * pressure: {@code emit} blocks and {@code tryEmit} answers {@link EmitResult#BACK_PRESSURED}.
 *
 * <pre>{@code
 * Stream<Integer> source = Stream.create();
 * source.map(x -> x * 2).async("sink-thread").sink(System.out::println);
 * try (CompiledPipeline<Integer> p = DisruptorRuntime.compile(source, PipelineOptions.defaults())) {
 *     p.emit(1);
 * }   // close() drains, stops the threads and restores the graph
 * }</pre>
 */
public final class DisruptorRuntime {
    private DisruptorRuntime() {
    }

    /**
     * Compiles with {@link PipelineOptions#defaults()}.
     *
     * @param source the node elements are emitted into
     * @param <T> its element type
     * @return the running pipeline
     */
    public static <T> CompiledPipeline<T> compile(Stream<T> source) {
        return compile(source, PipelineOptions.defaults());
    }

    /**
     * Compiles the graph connected to {@code source} and starts its segment threads.
     *
     * @param source the node elements are emitted into
     * @param options ring size, wait strategy, producers, segmentation, error policy, threads
     * @param <T> its element type
     * @return the running pipeline
     * @throws IllegalArgumentException if the graph has a time-driven node that is not a boundary, a
     *     feedback loop that crosses segments (a full ring would deadlock it), or a node already compiled
     *     into a pipeline that is still open; the message names the nodes
     * @throws NullPointerException if {@code source} or {@code options} is null
     */
    public static <T> CompiledPipeline<T> compile(Stream<T> source, PipelineOptions options) {
        Objects.requireNonNull(source, "compile: source must not be null");
        Objects.requireNonNull(options, "compile: options must not be null (use PipelineOptions.defaults())");
        return Compiler.compile(source, options);
    }
}
