package dev.streamz.disruptor.conformance;

import dev.streamz.conformance.*;

import dev.streamz.Stream;
import dev.streamz.VirtualScheduler;
import dev.streamz.disruptor.CompiledPipeline;
import dev.streamz.disruptor.DisruptorRuntime;
import dev.streamz.disruptor.EmitResult;
import dev.streamz.disruptor.PipelineInput;
import dev.streamz.disruptor.PipelineOptions;
import dev.streamz.disruptor.ThreadLeaks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Runs a conformance test through a compiled pipeline: the first emit compiles the graph the node belongs
 * to (recompiling when the test emits into a node the pipeline does not have yet, e.g. a graph built
 * later), every emit goes through the entry ring, and the harness then waits until the pipeline is
 * quiescent, so the test's assertions see the finished work. A failure reported by a segment is thrown
 * from {@code emit}, as a direct emit throws it. An emit made from inside the graph (a sink that emits into
 * another stream) runs on a segment thread and goes directly, as it would in a compiled pipeline.
 */
public final class CompiledHarness implements Harness {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final Thread testThread = Thread.currentThread();
    private final List<Throwable> errors = Collections.synchronizedList(new ArrayList<>());
    private final int ringSize;
    private CompiledPipeline<?> pipeline;

    /** @param ringSize small rings make the tests wrap around the ring many times */
    CompiledHarness(int ringSize) {
        this.ringSize = ringSize;
    }

    CompiledHarness() {
        this(4);
    }

    @Override
    public <T> void emit(Stream<T> node, T x) {
        if (Thread.currentThread() != testThread) {
            node.emit(x);
            return;
        }
        PipelineInput<T> in = inputFor(node);
        waitForRoom(() -> in.tryEmit(x), () -> in.emit(x));
        settle();
    }

    @Override
    public <T> void emit(Stream<T> node, T x, List<Map<String, Object>> metadata) {
        if (Thread.currentThread() != testThread) {
            node.emit(x, metadata);
            return;
        }
        PipelineInput<T> in = inputFor(node);
        waitForRoom(() -> in.tryEmit(x, metadata), () -> in.emit(x, metadata));
        settle();
    }

    /**
     * Advances virtual time one millisecond at a time (or less, for the remainder), waiting for quiescence
     * after each step: a segment runs its timers on its own thread, so what it schedules on {@code vs} (a
     * future an asynchronous sink waits on) must see the virtual time it would see directly. Before the
     * first emit (nothing compiled yet) the graph runs directly and time moves in one step.
     */
    @Override
    public void advance(VirtualScheduler vs, Duration d) {
        if (pipeline == null) {
            vs.advanceBy(d);
            return;
        }
        long left = d.toNanos();
        do {
            long step = Math.min(left, STEP_NANOS);
            vs.advanceBy(Duration.ofNanos(step));
            settle();
            left -= step;
        } while (left > 0);
    }

    private static final long STEP_NANOS = Duration.ofMillis(1).toNanos();

    /**
     * Publishes through {@code tryEmit}, waiting (bounded) while the entry ring is full: an element that waits
     * in its segment for virtual time to move can only be let go by this thread advancing it, so a blocking
     * emit would wait for ever; a test that fills the ring that way fails here, saying so. A pipeline that
     * refuses the element (closed, halted) gets it through the blocking emit, which throws the same as ever.
     */
    private static void waitForRoom(java.util.function.Supplier<EmitResult> tryEmit, Runnable emit) {
        long deadline = System.nanoTime() + FULL_WAIT.toNanos();
        EmitResult r;
        while ((r = tryEmit.get()) == EmitResult.BACK_PRESSURED) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("the entry ring stayed full for " + FULL_WAIT + ": its segment waits for"
                        + " virtual time, which only the test thread can move; emit fewer elements before advancing");
            }
            java.util.concurrent.locks.LockSupport.parkNanos(50_000);
        }
        if (r != EmitResult.ACCEPTED) {
            emit.run(); // refused (closed, halted): the blocking emit throws what it throws
        }
    }

    private static final Duration FULL_WAIT = Duration.ofSeconds(10);

    private <T> PipelineInput<T> inputFor(Stream<T> node) {
        if (pipeline != null) {
            try {
                return pipeline.input(node);
            } catch (IllegalArgumentException notInIt) {
                closePipeline();
            }
        }
        CompiledPipeline<T> p = DisruptorRuntime.compile(node, PipelineOptions.builder()
                .ringSize(ringSize)
                .name("conformance")
                .errorHandler((segment, error) -> errors.add(error))
                .build());
        pipeline = p;
        return p;
    }

    private void settle() {
        try {
            if (!pipeline.awaitQuiescence(WAIT)) {
                throw new AssertionError("compiled pipeline not quiescent after " + WAIT + ": " + pipeline.segments());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        if (!errors.isEmpty()) {
            Throwable t = errors.remove(0);
            errors.clear();
            if (t instanceof RuntimeException re) {
                throw re;
            }
            if (t instanceof Error err) {
                throw err;
            }
            throw new AssertionError(t);
        }
    }

    @Override
    public boolean failedEmitKeepsItsHold() {
        return false;
    }

    @Override
    public boolean compiled() {
        return true;
    }

    private void closePipeline() {
        if (pipeline != null) {
            var report = pipeline.close(WAIT);
            pipeline = null;
            if (!report.drained() || !report.threadsStillAlive().isEmpty()) {
                throw new AssertionError("compiled pipeline did not close cleanly: " + report);
            }
        }
    }

    @Override
    public void close() {
        closePipeline();
        ThreadLeaks.assertNone();
    }
}
