package dev.streamz.disruptor.conformance;

import dev.streamz.conformance.*;

/** Core's section G conformance tests, run through a compiled pipeline (see {@link CompiledHarness}). */
class CompiledSectionGTest extends SectionGTest {
    @Override
    protected Harness newHarness() {
        return new CompiledHarness();
    }
}
