package dev.streamz.disruptor.conformance;

import dev.streamz.conformance.*;

/** Core's section C conformance tests, run through a compiled pipeline (see {@link CompiledHarness}). */
class CompiledSectionCTest extends SectionCTest {
    @Override
    protected Harness newHarness() {
        return new CompiledHarness();
    }
}
