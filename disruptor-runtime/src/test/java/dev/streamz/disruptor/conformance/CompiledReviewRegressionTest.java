package dev.streamz.disruptor.conformance;

import dev.streamz.conformance.*;

/** Core's ReviewRegressionTest, run through a compiled pipeline (see {@link CompiledHarness}). */
class CompiledReviewRegressionTest extends ReviewRegressionTest {
    @Override
    protected Harness newHarness() {
        return new CompiledHarness();
    }
}
