package dev.streamz.disruptor.conformance;

import dev.streamz.conformance.*;

/**
 * Core's section F conformance tests (time-based operators, back pressure, asynchronous mapping), run
 * through a compiled pipeline on virtual time (see {@link CompiledHarness}): the time-driven nodes run on
 * their segments' clocks, and the harness advances the virtual scheduler in steps, waiting for quiescence
 * after each.
 *
 * <p>Where the compiled runtime differs by design, the test checks the compiled behaviour: an emitter
 * waits for a ring slot rather than in virtual time (F06, F12, F14, F20, F24 check the output and the
 * timing of the elements, not how long the emit took), a {@code buffer(n)} is a ring that the next
 * segment reads at once (F14, F16), and a window's first, immediate tick may run before or after the
 * first element arrives (F23).
 *
 * <p>The cases whose point is direct-mode behaviour (F03, F07, F15, F17, F19, F21, F22, F25, F26) live in
 * core's {@code SectionFDirectTest}, which says why for each; they are not inherited here.
 */
class CompiledSectionFTest extends SectionFTest {
    @Override
    protected Harness newHarness() {
        return new CompiledHarness();
    }
}
