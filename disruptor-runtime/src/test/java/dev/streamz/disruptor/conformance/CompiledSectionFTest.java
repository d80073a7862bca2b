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
 * <p>Run directly only, each with its reason given in the test (JUnit reports them as skipped with it):
 * F03 (argument validation, nothing flows), F07 (the default event loop's thread), F15 (how long a
 * blocking emit waits for a place in {@code buffer(n)}), F17 and F19 (two emits arriving before
 * {@code latest}'s pending emission runs), F21, F22 and F26 (a {@code Source} drives the graph from the
 * scheduler; a pipeline takes its elements from its input), F25 (failures behind {@code mapAsync} go to
 * the pipeline's error handler, not the virtual scheduler's: {@code CompiledTimeTest} covers them).
 */
class CompiledSectionFTest extends SectionFTest {
    @Override
    protected Harness newHarness() {
        return new CompiledHarness();
    }
}
