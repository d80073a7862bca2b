package dev.streamz.disruptor.conformance;

import dev.streamz.conformance.*;

/** Core's section B conformance tests, run through a compiled pipeline (see {@link CompiledHarness}). */
class CompiledSectionBTest extends SectionBTest {
    @Override
    protected Harness newHarness() {
        return new CompiledHarness();
    }
}
