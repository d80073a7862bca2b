package dev.streamz.internal.runtime;

import dev.streamz.Stream;
import dev.streamz.internal.Metadata;
import dev.streamz.internal.SegmentBoundary;
import dev.streamz.internal.TimeDriven;

import java.util.List;
import java.util.Map;

/**
 * What the compiled runtime ({@code dev.streamz.disruptor}) may do to a graph beyond the public API: run a
 * node's downstream cascade and swap an entry of its downstream array. Exported only to that module.
 *
 * <p>{@link Stream} installs the hooks from its static initializer (the JDK's "shared secrets" pattern),
 * so none of this is public API and the direct emit path gains no check.
 */
public final class GraphAccess {
    /** The operations {@link Stream} grants. */
    public interface Hooks {
        /** Runs {@code node}'s protected {@code emitDownstream(x, metadata)}. */
        void emitDownstream(Stream<?> node, Object x, List<Map<String, Object>> metadata);

        /**
         * Sends {@code x} to {@code node}'s downstreams without the emission's own hold on the refs (the
         * ring slot the element arrived in holds them for the whole cascade instead).
         */
        void dispatch(Stream<?> node, Object x, List<Map<String, Object>> metadata);

        /**
         * Replaces {@code old} by {@code replacement} in {@code node}'s downstream array (copy-on-write),
         * leaving every upstream list unchanged, so a join still sees the original {@code from}.
         *
         * @return whether {@code old} was found
         */
        boolean replaceDownstream(Stream<?> node, Stream<?> old, Stream<?> replacement);
    }

    private static volatile Hooks hooks;

    private GraphAccess() {
    }

    /**
     * Called once, by {@link Stream}'s static initializer.
     *
     * @param h the hooks
     */
    public static void install(Hooks h) {
        if (hooks != null) {
            throw new IllegalStateException("GraphAccess hooks are already installed");
        }
        hooks = h;
    }

    /** @return the hooks ({@link Stream} is initialized by then: the caller holds a node) */
    public static Hooks hooks() {
        Hooks h = hooks;
        if (h == null) {
            throw new IllegalStateException("dev.streamz.Stream is not initialized yet");
        }
        return h;
    }

    /** Retains every ref in {@code md} {@code times} times. */
    public static void retain(List<Map<String, Object>> md, int times) {
        for (int i = 0; i < times; i++) {
            Metadata.retain(md);
        }
    }

    /** Releases every ref in {@code md} once. */
    public static void release(List<Map<String, Object>> md) {
        Metadata.release(md);
    }

    /** Checks metadata passed to an emit into {@code target}, with the same messages as {@code Stream.emit}. */
    public static List<Map<String, Object>> validate(List<Map<String, Object>> md, Stream<?> target) {
        return Metadata.validate(md, target);
    }

    /** @return whether the compiled runtime cuts the graph at {@code node} ({@code async()}, {@code buffer(n)}) */
    public static boolean isSegmentBoundary(Stream<?> node) {
        return node instanceof SegmentBoundary;
    }

    /** @return the smallest ring {@code node} asks for, 0 if it is not a boundary */
    public static int ringCapacityHint(Stream<?> node) {
        return node instanceof SegmentBoundary b ? b.ringCapacityHint() : 0;
    }

    /** @return the thread name a boundary asks for ({@code async(threadName)}), or null */
    public static String boundaryThreadName(Stream<?> node) {
        return node instanceof SegmentBoundary b ? b.threadName() : null;
    }

    /** @return whether {@code node} runs on the scheduler or holds elements across time */
    public static boolean isTimeDriven(Stream<?> node) {
        return node instanceof TimeDriven;
    }

    /** @return the empty metadata list shared by elements emitted without metadata */
    public static List<Map<String, Object>> none() {
        return Metadata.NONE;
    }
}
