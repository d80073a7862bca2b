package dev.streamz.disruptor.conformance;

import dev.streamz.conformance.*;

/** Core's section H conformance tests, run through a compiled pipeline (see {@link CompiledHarness}). */
class CompiledSectionHTest extends SectionHTest {
    @Override
    protected Harness newHarness() {
        return new CompiledHarness();
    }
}
