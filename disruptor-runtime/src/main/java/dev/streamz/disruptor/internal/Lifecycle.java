package dev.streamz.disruptor.internal;

import dev.streamz.Stream;
import dev.streamz.StreamException;
import dev.streamz.disruptor.EmitResult;
import dev.streamz.disruptor.ErrorPolicy;
import dev.streamz.disruptor.PipelineOptions;

/**
 * A pipeline's state, in one variable, and what a failure does to it. Producers read it on every emit
 * and segment handlers on every element, so each check is one volatile read.
 *
 * <pre>
 * OPEN ──close──▶ CLOSING ──threads stopped──▶ CLOSED
 *   │                │
 *   HALT failure     HALT failure
 *   ▼                ▼
 * HALTED ──close──▶ CLOSING_HALTED ──threads stopped──▶ CLOSED
 * </pre>
 */
final class Lifecycle {
    private static final System.Logger LOG = System.getLogger("dev.streamz.disruptor");

    /** The states; each says whether emits are accepted and whether segments run their nodes. */
    enum State {
        /** Accepting and running. */
        OPEN(true, true),
        /** A failure under {@link ErrorPolicy#HALT}: emits refused, nodes not run, refs kept. */
        HALTED(false, false),
        /** {@code close()} has begun: emits refused, the segments drain what was accepted. */
        CLOSING(false, true),
        /** {@code close()} of a halted pipeline: emits refused, the segments skip what is left. */
        CLOSING_HALTED(false, false),
        /** The threads are stopped and the graph is restored. */
        CLOSED(false, false);

        final boolean acceptsEmits;
        final boolean runsNodes;

        State(boolean acceptsEmits, boolean runsNodes) {
            this.acceptsEmits = acceptsEmits;
            this.runsNodes = runsNodes;
        }
    }

    private final String name;
    private final PipelineOptions options;
    private volatile State state = State.OPEN;
    /** Why the pipeline halted; written before the state moves to a halted one. */
    private volatile Throwable failure;

    Lifecycle(String name, PipelineOptions options) {
        this.name = name;
        this.options = options;
    }

    State state() {
        return state;
    }

    /** @return whether segments run their nodes (false once halted): the per-element check */
    boolean runsNodes() {
        return state.runsNodes;
    }

    /** Throws when emitting is refused. */
    void checkOpen() {
        if (!state.acceptsEmits) {
            throw refused();
        }
    }

    /** @return why tryEmit is refused, or null */
    EmitResult refusal() {
        State s = state;
        if (s.acceptsEmits) {
            return null;
        }
        return failure != null ? EmitResult.FAILED : EmitResult.CLOSED;
    }

    IllegalStateException refused() {
        Throwable f = failure;
        if (f != null) {
            return new IllegalStateException("pipeline '" + name + "' halted after a failure; emit refused", f);
        }
        return new IllegalStateException("pipeline '" + name + "' is closed; emit refused");
    }

    Throwable failure() {
        return failure;
    }

    /** @return whether {@code close()} has begun */
    boolean closeBegun() {
        State s = state;
        return s == State.CLOSING || s == State.CLOSING_HALTED || s == State.CLOSED;
    }

    /** {@code close()} begins: OPEN to CLOSING, HALTED to CLOSING_HALTED. */
    synchronized void beginClose() {
        if (state == State.OPEN) {
            state = State.CLOSING;
        } else if (state == State.HALTED) {
            state = State.CLOSING_HALTED;
        }
    }

    synchronized void closed() {
        state = State.CLOSED;
    }

    /** A node (or the handler itself) failed in {@code segment}: report it, and halt if the policy says so. */
    void failed(Segment segment, Stream<?> node, Throwable t) {
        try {
            if (options.errorHandler() != null) {
                options.errorHandler().accept(segment, t);
            } else {
                LOG.log(System.Logger.Level.WARNING, describe(segment, node, t), t);
            }
        } catch (Throwable handlerFailure) {
            LOG.log(System.Logger.Level.ERROR, "pipeline '" + name + "': the error handler threw", handlerFailure);
        }
        if (options.errorPolicy() == ErrorPolicy.HALT) {
            halt(t);
        }
    }

    private synchronized void halt(Throwable t) {
        if (failure != null) {
            return;
        }
        failure = t;
        switch (state) {
            case OPEN -> state = State.HALTED;
            case CLOSING -> state = State.CLOSING_HALTED; // close() still stops the threads; nodes stop now
            default -> { }
        }
    }

    private String describe(Segment segment, Stream<?> node, Throwable t) {
        String what = options.errorPolicy() == ErrorPolicy.HALT ? "halting the pipeline" : "skipped an element";
        String where = t instanceof StreamException || node == null ? ""
                : " in node '" + node.name() + "' (" + node.operator() + ", built at " + node.buildSite() + ")";
        return "pipeline '" + name + "', " + segment + ": " + what + where + ": " + t;
    }
}
