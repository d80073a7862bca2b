package dev.streamz.benchmarks;

import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The CI per-emit gate (docs/benchmarks.md, "The CI gate"): a short real JMH run, in a forked JVM, of streamz-jvm's
 * {@code map -> filter -> sink} benchmark; fails if one emit costs 1 microsecond or more. This is a smoke
 * bound against gross regressions, not a measurement: the suite's figures come from the shaded jar.
 */
class PerEmitGateTest {
    /** One emit through map -> filter -> sink must cost less than this, always. */
    static final double LIMIT_NS_PER_EMIT = 1000.0;

    @Test
    void mapFilterSinkCostsLessThanOneMicrosecondPerEmit() throws RunnerException {
        Options options = new OptionsBuilder()
                .include("^" + MapFilterSinkBench.class.getName().replace(".", "\\.") + "\\.streamz$")
                .forks(1)
                .jvmArgs(forkJvmArgs())
                .warmupIterations(2)
                .warmupTime(TimeValue.milliseconds(500))
                .measurementIterations(3)
                .measurementTime(TimeValue.milliseconds(500))
                .shouldFailOnError(true)
                .build();

        long started = System.nanoTime();
        Collection<RunResult> results = new Runner(options).run();
        double seconds = (System.nanoTime() - started) / 1e9;

        assertEquals(1, results.size(), "the gate benchmark did not run (no JMH result)");
        RunResult result = results.iterator().next();
        double score = result.getPrimaryResult().getScore();
        String unit = result.getPrimaryResult().getScoreUnit();
        System.out.printf("PER-EMIT GATE: streamz-jvm map -> filter -> sink = %.2f %s (limit %.0f ns/op; "
                + "%d measured iterations, JMH run took %.1f s)%n",
                score, unit, LIMIT_NS_PER_EMIT, result.getPrimaryResult().getSampleCount(), seconds);

        assertEquals("ns/op", unit);
        assertTrue(result.getPrimaryResult().getSampleCount() > 0, "no measured iteration");
        assertTrue(score > 0 && !Double.isNaN(score), "implausible score " + score);
        assertTrue(score < LIMIT_NS_PER_EMIT,
                "per-emit cost of map -> filter -> sink is " + score + " ns, the limit is " + LIMIT_NS_PER_EMIT);
    }

    /** The project's one list of JVM flags (parent pom {@code streamz.jvm.flags}, passed in by surefire). */
    private static String[] forkJvmArgs() {
        String flags = System.getProperty("streamz.jvm.flags", "").trim();
        List<String> args = new ArrayList<>();
        for (String f : flags.split("\\s+")) {
            if (!f.isEmpty()) {
                args.add(f);
            }
        }
        return args.toArray(new String[0]);
    }
}
