package dev.streamz.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs the command line in-process and checks what the real pipelines printed. */
class MainTest {
    /** What one in-process run produced. */
    private record Result(int code, String out, String err) {
        List<String> lines() {
            return out.lines().toList();
        }

        /** The values of the report lines {@code "    <who>: <value>"}, in order. */
        List<String> reports(String who) {
            String prefix = "    " + who + ": ";
            List<String> values = new ArrayList<>();
            for (String line : lines()) {
                if (line.startsWith(prefix)) {
                    values.add(line.substring(prefix.length()));
                }
            }
            return values;
        }

        /** The lines of one section, from its heading to the next. */
        Result section(String name) {
            List<String> all = lines();
            int start = -1;
            for (int i = 0; i < all.size(); i++) {
                if (all.get(i).startsWith("== " + name + ": ")) {
                    start = i;
                    break;
                }
            }
            assertTrue(start >= 0, "no section '" + name + "' in:\n" + out);
            int end = start + 1;
            while (end < all.size() && !all.get(end).startsWith("== ") && !all.get(end).startsWith("Done: ")) {
                end++;
            }
            return new Result(code, String.join("\n", all.subList(start, end)) + "\n", err);
        }
    }

    private static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = Main.run(args, o, e);
        }
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void demoRunsEverySectionInOrder() {
        Result r = run("demo");
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.err());
        List<String> headings = r.lines().stream().filter(l -> l.startsWith("== "))
                .map(l -> l.substring(3, l.indexOf(':'))).toList();
        assertEquals(Demos.names(), headings);
        assertEquals(List.of("map", "accumulate", "num-distinct", "sliding-window", "branching", "zip", "crawler",
                "checkpoint", "errors", "describe", "tail-window", "compiled", "journal", "frames", "dataframe"),
                headings);
        assertTrue(r.out().endsWith("Done: 15 sections.\n"), r.out());
    }

    @Test
    void tailWindowSeesEveryValueOfTheGrowingFile() {
        Result r = run("demo", "tail-window").section("tail-window");
        assertTrue(r.lines().contains("  all 60 values arrived, in " + r.lines().stream()
                .filter(l -> l.startsWith("    window: ")).count() + " non-empty windows; sum of all 1830"), r.out());
        assertTrue(r.lines().stream().anyMatch(l -> l.endsWith("(60/60)")), r.out());
    }

    @Test
    void journalSectionRecordsReplaysFromATimeAndResumes() {
        Result r = run("demo", "journal").section("journal");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("    appended 10 excerpts"), r.out());
        assertTrue(r.out().contains("    inspect: 10 excerpts from 2026-01-01T09:00:00Z to 2026-01-01T09:00:00.900Z"),
                r.out());
        List<String> replayed = r.lines().stream().filter(l -> l.matches("    \\+ *\\d+ ms  order .*"))
                .map(l -> l.substring(l.indexOf("order"))).toList();
        assertEquals(List.of("order 7: buy 70 @ 107", "order 8: buy 80 @ 108", "order 9: buy 90 @ 109",
                "order 10: buy 100 @ 110"), replayed);
        assertTrue(r.out().contains("    run: 4 orders, from 'order 1: buy 10 @ 101'"), r.out());
        assertTrue(r.out().contains("    run: 6 orders, from 'order 5: buy 50 @ 105'"), r.out());
    }

    @Test
    void compiledSectionDrainsAndLeavesNoThreadBehind() {
        Result r = run("demo", "compiled").section("compiled");
        List<String> lines = r.lines();
        assertTrue(lines.contains("    close(): drained true, threads left behind: []"), r.out());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("    p50 ") && l.contains("p99.9")), r.out());
        assertEquals(3, lines.stream().filter(l -> l.startsWith("    segment ")).count(), r.out());
        assertTrue(lines.stream().anyMatch(l -> l.contains("'risk'") && l.contains("processed 200,000")), r.out());
    }

    @Test
    void framesSectionSumsAMillionTradesThroughThreeThreadsAndReturnsEveryFrame() {
        Result r = run("demo", "frames").section("frames");
        List<String> lines = r.lines();
        assertTrue(lines.stream().anyMatch(l -> l.contains("1,000,000 trades in 245 frames of 4,096 rows")
                && l.contains("rows/s; the pipeline drained.")), r.out());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("  Warm-up pass") && l.endsWith("rows/s.")), r.out());
        assertTrue(lines.contains("    close(): drained true, threads left behind: []"), r.out());
        assertTrue(lines.stream().anyMatch(l -> l.contains("(matches a plain Java loop)")), r.out());
        assertTrue(lines.stream().anyMatch(l -> l.contains("held now: 0 besides the one kept to print")), r.out());
        assertEquals(3, lines.stream().filter(l -> l.startsWith("    segment ") && l.contains("processed 245 frames"))
                .count(), r.out());
        assertTrue(r.out().contains("[576 rows x 6 columns]"), r.out());
    }

    @Test
    void dataframeSectionUpdatesEveryResultOncePerBatchAndMatchesAPlainLoop() {
        Result r = run("demo", "dataframe").section("dataframe");
        assertEquals(0, r.code(), r.err());
        // One update of each result per batch, the empty batch included; totals by symbol in label order,
        // the trade under 10 shares (AAPL 5) filtered out.
        assertEquals(List.of("{AAPL=120.0, MSFT=50.0}", "{AAPL=120.0, GOOG=10.0, MSFT=80.0}",
                "{AAPL=120.0, GOOG=10.0, MSFT=80.0}", "{AAPL=120.0, GOOG=10.0, MSFT=80.0}"),
                r.reports("qty of trades >= 10 by symbol"));
        // (190.5 + 410 + 191) / 3; then the last 4 of 5: (410 + 191 + 170 + 409.5) / 4; unchanged; then
        // (191 + 170 + 409.5 + 189) / 4.
        assertEquals(List.of("263.83", "295.13", "295.13", "239.88"), r.reports("window(4) mean price"));
        assertEquals(List.of("[NaN, 410.00, 410.00]", "[191.00, 409.50]", "[]", "[409.50]"),
                r.reports("rolling(2) max price"));
        List<String> lines = r.lines();
        assertTrue(lines.stream().anyMatch(l -> l.contains("1,000,000 trades in 245 batches of 4,096 rows")
                && l.endsWith("one update of each per batch.")), r.out());
        assertEquals(2, lines.stream().filter(l -> l.endsWith("(matches a plain Java loop)")).count(), r.out());
    }

    @Test
    void incrementThenPrint() {
        Result map = run("demo", "map").section("map");
        assertEquals(List.of("  emit 1", "    print: 2", "  emit 2", "    print: 3", "  emit 10", "    print: 11"),
                map.lines().stream().filter(l -> l.startsWith("  emit") || l.startsWith("    print")).toList());
    }

    @Test
    void runningTotalAndNumDistinct() {
        Result r = run("demo", "accumulate", "num-distinct");
        assertEquals(List.of("1", "3", "6", "10"), r.section("accumulate").reports("running total"));
        assertEquals(List.of("1", "2", "2", "3"), r.section("num-distinct").reports("distinct so far"));
    }

    @Test
    void slidingWindowEmitsFullWindowsOnly() {
        Result r = run("demo", "sliding-window").section("sliding-window");
        assertEquals(List.of("(1, 2, 3)", "(2, 3, 4)", "(3, 4, 5)"), r.reports("window"));
        assertEquals(2, r.lines().stream().filter(l -> l.equals("    (nothing: the window is not full yet)")).count());
    }

    @Test
    void branchesRunInAttachmentOrderAndZipJoinsThem() {
        Result r = run("demo", "branching", "zip");
        List<String> branching = r.section("branching").lines().stream()
                .filter(l -> l.startsWith("    ")).toList();
        assertEquals(List.of("    increment: 2", "    decrement: 0", "    increment: 11", "    decrement: 9"), branching);
        Result zip = r.section("zip");
        assertEquals(List.of("(11, 9)", "(21, 19)"), zip.reports("zip"));
        assertEquals(List.of("20", "40"), zip.reports("sum"));
    }

    @Test
    void crawlerVisitsEachPageOnceDepthFirst() {
        Result r = run("demo", "crawler").section("crawler");
        assertEquals(List.of("/", "/docs", "/docs/core", "/blog", "/blog/2025", "/about"), r.reports("visit"));
        // Depth-first: /docs/core is visited before the crawl comes back for /docs's next link.
        List<String> lines = r.lines();
        assertTrue(lines.indexOf("    visit: /docs/core") < lines.indexOf("    visit: /blog"));
        assertTrue(lines.contains("  emit returned after the whole crawl: 6 pages, depth-first, in this order:"
                + " / /docs /docs/core /blog /blog/2025 /about"), r.out());
        assertTrue(lines.contains("  describe().hasCycle(): true"), r.out());
    }

    @Test
    void checkpointFiresOncePerOffsetAfterTheLastHolder() {
        Result r = run("demo", "checkpoint").section("checkpoint");
        List<String> lines = r.lines();
        for (int offset = 0; offset <= 3; offset++) {
            String commit = "    commit offset " + offset;
            assertEquals(1, lines.stream().filter(commit::equals).count(), commit + " in:\n" + r.out());
        }
        assertEquals(0, lines.stream().filter(l -> l.equals("    commit offset 4")).count());
        // Offset 0 waits for its pair: it is committed only after partition emitted (a, b), then offset 1.
        int pairAb = lines.indexOf("    pair: (a, b)");
        int commit0 = lines.indexOf("    commit offset 0");
        int commit1 = lines.indexOf("    commit offset 1");
        assertTrue(lines.indexOf("  emit b   (offset 1)") < pairAb && pairAb < commit0 && commit0 < commit1, r.out());
        assertTrue(lines.contains("    ref count 1: offset 0 is not committed yet (partition holds it)"), r.out());
        assertTrue(lines.contains("    StreamException from map: java.lang.IllegalArgumentException: empty record"),
                r.out());
        assertTrue(lines.contains("    ref count 1: offset 4 is never committed, so after a restart it is read again"
                + " (at-least-once)"), r.out());
        assertTrue(r.out().contains("commits per offset {0: 1, 1: 1, 2: 1, 3: 1, 4: 0}"), r.out());
    }

    @Test
    void errorsNameTheNodeAndTheGraphKeepsWorking() {
        Result r = run("demo", "errors").section("errors");
        assertEquals(List.of("25", "20"), r.reports("100 / x"));
        String thrown = r.lines().stream().filter(l -> l.startsWith("    emit threw StreamException: ")).findFirst()
                .orElseThrow(() -> new AssertionError(r.out()));
        assertTrue(thrown.contains("node 'inverse' (map, built at CoreDemos.java:"), thrown);
        assertTrue(thrown.endsWith("map function threw: java.lang.ArithmeticException: / by zero"), thrown);
    }

    @Test
    void describePrintsMermaidAndDot() {
        Result r = run("demo", "describe").section("describe");
        List<String> lines = r.lines();
        assertTrue(lines.contains("  graph.nodes().size() = 6, graph.edges().size() = 6"), r.out());
        assertTrue(lines.contains("    flowchart TD"), r.out());
        assertTrue(lines.contains("      n0[\"source; Stream\"]"), r.out());
        assertTrue(lines.contains("      n3 --> n4"), r.out());
        assertTrue(lines.contains("    digraph streamz {"), r.out());
        assertTrue(lines.contains("      n1 [label=\"increment; map\", shape=ellipse];"), r.out());
    }

    @Test
    void demoRunsOnlyTheNamedSections() {
        Result r = run("demo", "zip", "map");
        assertEquals(0, r.code());
        List<String> headings = r.lines().stream().filter(l -> l.startsWith("== ")).toList();
        assertEquals(2, headings.size(), r.out());
        assertTrue(headings.get(0).startsWith("== zip: ") && headings.get(1).startsWith("== map: "), r.out());
        assertTrue(r.out().endsWith("Done: 2 sections.\n"));
    }

    @Test
    void demoListNamesEverySection() {
        Result r = run("demo", "--list");
        assertEquals(0, r.code());
        assertEquals(Demos.names(), r.lines().stream().map(l -> l.split(" ")[0]).toList());
    }

    @Test
    void helpPrintsUsageOnStdout() {
        for (String flag : List.of("--help", "help", "-h")) {
            Result r = run(flag);
            assertEquals(0, r.code(), flag);
            assertEquals("", r.err(), flag);
            assertEquals(Main.usage(), r.out(), flag);
            assertTrue(r.out().startsWith("usage: streamz <command> [arguments]\n"), r.out());
            assertTrue(r.out().contains("  demo [SECTION...]"), r.out());
            assertTrue(r.out().contains("demo sections: map, accumulate, num-distinct,"), r.out());
        }
    }

    @Test
    void unknownCommandPrintsUsageOnStderrAndExits2() {
        Result r = run("frobnicate", "--now");
        assertEquals(2, r.code());
        assertEquals("", r.out());
        assertEquals("streamz: unknown command 'frobnicate'\n" + Main.usage(), r.err());
    }

    @Test
    void noCommandIsAUsageError() {
        Result r = run();
        assertEquals(2, r.code());
        assertEquals("", r.out());
        assertTrue(r.err().startsWith("streamz: no command given\nusage: streamz"), r.err());
    }

    @Test
    void unknownDemoSectionIsAUsageError() {
        Result r = run("demo", "map", "nope");
        assertEquals(2, r.code());
        assertEquals("", r.out());
        assertEquals("streamz demo: unknown section 'nope'; the sections are: " + String.join(", ", Demos.names())
                + "\n", r.err());
    }

    @Test
    void sectionNamesAreValidated() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new DemoSection("Bad Name", "t", n -> { }));
        assertTrue(e.getMessage().contains("Bad Name"));
    }
}
