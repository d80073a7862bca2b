package dev.streamz.disruptor.conformance;

import dev.streamz.conformance.*;

/** Core's BadArgumentsTest, run through a compiled pipeline (see {@link CompiledHarness}). */
class CompiledBadArgumentsTest extends BadArgumentsTest {
    @Override
    protected Harness newHarness() {
        return new CompiledHarness();
    }
}
