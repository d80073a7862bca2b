package dev.streamz.disruptor.conformance;

import dev.streamz.conformance.*;

/** Core's section K conformance tests, run through a compiled pipeline (see {@link CompiledHarness}). */
class CompiledSectionKTest extends SectionKTest {
    @Override
    protected Harness newHarness() {
        return new CompiledHarness();
    }
}
