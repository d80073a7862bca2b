package dev.streamz.disruptor.internal;

import dev.streamz.disruptor.EmitResult;
import dev.streamz.disruptor.ErrorPolicy;
import dev.streamz.disruptor.PipelineOptions;
import dev.streamz.disruptor.internal.Lifecycle.State;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pipeline's one state variable: its transitions and what each state allows. No threads. */
class LifecycleTest {
    private final List<Throwable> reported = new ArrayList<>();

    private Lifecycle lifecycle(ErrorPolicy policy) {
        return new Lifecycle("p", PipelineOptions.builder().errorPolicy(policy)
                .errorHandler((segment, e) -> reported.add(e)).build());
    }

    @Test
    void closeDrainsThenCloses() {
        Lifecycle l = lifecycle(ErrorPolicy.HALT);
        assertEquals(State.OPEN, l.state());
        assertNull(l.refusal());
        assertTrue(l.runsNodes());
        assertFalse(l.closeBegun());

        l.beginClose();
        assertEquals(State.CLOSING, l.state());
        assertTrue(l.runsNodes(), "closing drains: the segments still run their nodes");
        assertEquals(EmitResult.CLOSED, l.refusal());
        IllegalStateException e = assertThrows(IllegalStateException.class, l::checkOpen);
        assertTrue(e.getMessage().contains("'p' is closed"), e.getMessage());
        assertTrue(l.closeBegun());

        l.closed();
        assertEquals(State.CLOSED, l.state());
        assertFalse(l.runsNodes());
    }

    @Test
    void aFailureUnderHaltStopsNodesAndRefusesEmitsWithTheCause() {
        Lifecycle l = lifecycle(ErrorPolicy.HALT);
        RuntimeException boom = new RuntimeException("boom");
        l.failed(null, null, boom);
        assertEquals(List.of(boom), reported);
        assertEquals(State.HALTED, l.state());
        assertFalse(l.runsNodes());
        assertFalse(l.closeBegun(), "halted is not closed: close() still has to stop the threads");
        assertEquals(EmitResult.FAILED, l.refusal());
        assertSame(boom, assertThrows(IllegalStateException.class, l::checkOpen).getCause());

        l.failed(null, null, new RuntimeException("second"));
        assertSame(boom, l.failure(), "the first failure is the cause");

        l.beginClose();
        assertEquals(State.CLOSING_HALTED, l.state());
        assertFalse(l.runsNodes(), "a halted pipeline does not drain by running nodes");
        assertTrue(l.closeBegun());
        l.closed();
        assertEquals(State.CLOSED, l.state());
    }

    @Test
    void aFailureWhileClosingHaltsTheDrain() {
        Lifecycle l = lifecycle(ErrorPolicy.HALT);
        l.beginClose();
        l.failed(null, null, new RuntimeException("late"));
        assertEquals(State.CLOSING_HALTED, l.state());
        assertFalse(l.runsNodes());
    }

    @Test
    void reportAndSkipReportsAndStaysOpen() {
        Lifecycle l = lifecycle(ErrorPolicy.REPORT_AND_SKIP);
        l.failed(null, null, new RuntimeException("skipped"));
        assertEquals(1, reported.size());
        assertEquals(State.OPEN, l.state());
        assertNull(l.failure());
    }
}
