package dev.streamz.disruptor.conformance;

import dev.streamz.conformance.*;

/** Core's section D conformance tests, run through a compiled pipeline (see {@link CompiledHarness}). */
class CompiledSectionDTest extends SectionDTest {
    @Override
    protected Harness newHarness() {
        return new CompiledHarness();
    }
}
