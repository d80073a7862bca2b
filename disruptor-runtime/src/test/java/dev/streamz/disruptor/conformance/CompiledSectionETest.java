package dev.streamz.disruptor.conformance;

import dev.streamz.conformance.*;

/** Core's section E conformance tests, run through a compiled pipeline (see {@link CompiledHarness}). */
class CompiledSectionETest extends SectionETest {
    @Override
    protected Harness newHarness() {
        return new CompiledHarness();
    }
}
