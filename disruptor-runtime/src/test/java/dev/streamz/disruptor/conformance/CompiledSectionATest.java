package dev.streamz.disruptor.conformance;

import dev.streamz.conformance.*;

/** Core's section A conformance tests, run through a compiled pipeline (see {@link CompiledHarness}). */
class CompiledSectionATest extends SectionATest {
    @Override
    protected Harness newHarness() {
        return new CompiledHarness();
    }
}
