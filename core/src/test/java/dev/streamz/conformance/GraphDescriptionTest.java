package dev.streamz.conformance;

import dev.streamz.GraphDescription;
import dev.streamz.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Conformance section N (docs/conformance.md): graph description (DOT, Mermaid, JSON), cycles, label cleaning, visualize. */
class GraphDescriptionTest {

    /** Edges as "fromName->toName", so tests do not depend on the generated keys. */
    private static Set<String> namedEdges(GraphDescription g) {
        Map<String, String> names = new HashMap<>();
        for (GraphDescription.Node n : g.nodes()) {
            names.put(n.key(), n.name());
        }
        Set<String> out = new HashSet<>();
        for (GraphDescription.Edge e : g.edges()) {
            out.add(names.get(e.from()) + "->" + names.get(e.to()));
        }
        return out;
    }

    private static Set<String> nodeNames(GraphDescription g) {
        Set<String> out = new HashSet<>();
        for (GraphDescription.Node n : g.nodes()) {
            out.add(n.name());
        }
        return out;
    }

    @Test
    void jsonStringEscapesQuotesBackslashesAndControlCharacters() {
        assertEquals("\"a\\\"b\\\\c\\n\\t\\u0001\u00e9\"", GraphDescription.jsonString("a\"b\\c\n\t\u0001\u00e9"));
    }

    @Test
    void N01_createGraph() {
        Stream<Integer> s1 = Stream.create("source1");
        Stream<Integer> s2 = Stream.create("source2");
        Stream<List<Object>> n1 = s1.zip(s2);
        Stream<Integer> n2 = n1.map(t -> (Integer) t.get(0) + (Integer) t.get(1)).named("add");
        Stream<Integer> s = n2.sink(s1::emit).node();

        for (Stream<?> from : List.of(s1, s2, n1, n2, s)) {
            GraphDescription g = from.describe();
            assertEquals(5, g.nodes().size());
            assertEquals(Set.of("source1", "source2", "zip", "add", "sink"), nodeNames(g));
            assertEquals(4, g.edges().size());
            assertEquals(Set.of("source1->zip", "source2->zip", "zip->add", "add->sink"), namedEdges(g));
            assertFalse(g.hasCycle());
            assertEquals(from.name(), g.nodes().get(0).name(), "nodes start with the one described");
        }
        GraphDescription.Node zip = s1.describe().nodes().stream().filter(n -> n.name().equals("zip")).findFirst()
                .orElseThrow();
        assertEquals("zip", zip.operator());
        GraphDescription.Node add = s1.describe().nodes().stream().filter(n -> n.name().equals("add")).findFirst()
                .orElseThrow();
        assertEquals("map", add.operator());
    }

    @Test
    void N02_cyclicGraph() {
        Stream<Integer> s1 = Stream.create("source1");
        Stream<Integer> s2 = Stream.create("source2");
        Stream<List<Object>> n1 = s1.zip(s2);
        Stream<Integer> n2 = n1.map(t -> (Integer) t.get(0) + (Integer) t.get(1)).named("add");
        n2.sink(x -> { });
        assertFalse(s1.describe().hasCycle());
        n2.connect(s1);
        GraphDescription g = s2.describe();
        assertTrue(g.hasCycle());
        assertTrue(namedEdges(g).contains("add->source1"));
        assertEquals(5, g.nodes().size());

        // A diamond is not a cycle (A06); the feedback loop of A07 is.
        Stream<Integer> d = Stream.create();
        d.map(x -> x + 1).zip(d.map(x -> x - 1));
        assertFalse(d.describe().hasCycle());

        Stream<Integer> c = Stream.create();
        Stream<Integer> u = c.unique();
        u.map(x -> List.of((2 * x) % 7, (x + 3) % 7)).<Integer>flatten().connect(c);
        assertTrue(c.describe().hasCycle());
    }

    @Test
    void N03_visualize(@TempDir Path dir) throws Exception {
        Stream<Integer> s1 = Stream.create("source1");
        Stream<Integer> s2 = Stream.create("source2");
        Stream<List<Object>> n1 = s1.zip(s2);
        Stream<Integer> n2 = n1.map(t -> (Integer) t.get(0) + (Integer) t.get(1)).named("add");
        n2.accumulate(Integer::sum);

        Path dotFile = dir.resolve("graph.dot");
        assertSame(dotFile, s1.visualize(dotFile));
        String dot = Files.readString(dotFile);
        assertEquals(s1.describe().toDot(), dot);
        for (String expected : List.of("rankdir", "source1", "source2", "zip", "map", "add", "accumulate",
                "shape=box", "shape=ellipse")) {
            assertTrue(dot.contains(expected), expected + " in " + dot);
        }
        assertTrue(dot.contains("[label=\"accumulate\", shape=box]"), dot);
        assertTrue(dot.contains("[label=\"zip\", shape=ellipse]"), dot);
        assertTrue(dot.contains("[label=\"add; map\", shape=ellipse]"), dot);

        Path mmd = s1.visualize(dir.resolve("graph.mmd"));
        assertEquals(s1.describe().toMermaid(), Files.readString(mmd));
        Path json = s1.visualize(dir.resolve("graph.json"));
        assertEquals(s1.describe().toJson(), Files.readString(json));

        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> s1.visualize(dir.resolve("graph.gif")));
        assertTrue(bad.getMessage().contains("unsupported file extension 'gif'"), bad.getMessage());

        Path png = dir.resolve("graph.png");
        if (dotOnPath()) {
            s1.visualize(png);
            byte[] head = java.util.Arrays.copyOf(Files.readAllBytes(png), 4);
            assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, head, "a PNG file");
        } else {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> s1.visualize(png));
            assertTrue(e.getMessage().contains("'dot' is not installed"), e.getMessage());
            assertFalse(Files.exists(png));
        }
    }

    @Test
    void N03_visualizeWithAMissingGraphvizExecutable(@TempDir Path dir) {
        Stream<Integer> s = Stream.create("source1");
        s.map(x -> x);
        for (String ext : List.of("png", "svg")) {
            Path out = dir.resolve("graph." + ext);
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> s.describe().render(out, "no-such-dot-binary"));
            assertTrue(e.getMessage().contains("'no-such-dot-binary' is not installed or not on the PATH"),
                    e.getMessage());
            assertFalse(Files.exists(out));
        }
    }

    /** The Graphviz call itself, checked with stand-in executables (no Graphviz needed). */
    @Test
    void N03_renderRunsTheGivenExecutableAndReportsItsFailure(@TempDir Path dir) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(File.separatorChar == '/', "needs a POSIX shell");
        Stream<Integer> s = Stream.create("source1");
        s.map(x -> x);

        // A fake 'dot' that records its format argument and copies its input to its output.
        Path fakeDot = dir.resolve("fake-dot");
        Files.writeString(fakeDot, "#!/bin/sh\nprintf '%s' \"$1\" > \"$3.format\"\ncp \"$4\" \"$3\"\n");
        assertTrue(fakeDot.toFile().setExecutable(true));
        Path svg = dir.resolve("graph.svg");
        assertSame(svg, s.describe().render(svg, fakeDot.toString()));
        assertEquals("-Tsvg", Files.readString(dir.resolve("graph.svg.format")));
        assertEquals(s.describe().toDot(), Files.readString(svg), "dot was given the graph's DOT text");

        // A 'dot' that fails: its exit code and output are in the message.
        Path failingDot = dir.resolve("failing-dot");
        Files.writeString(failingDot, "#!/bin/sh\necho 'syntax error in line 1' >&2\nexit 3\n");
        assertTrue(failingDot.toFile().setExecutable(true));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> s.describe().render(dir.resolve("graph.png"), failingDot.toString()));
        assertTrue(e.getMessage().contains("failed with exit code 3: syntax error in line 1"), e.getMessage());
    }

    private static boolean dotOnPath() {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "dot"))) {
                return true;
            }
        }
        return false;
    }

    @Test
    void N04_labelCleaning() {
        assertEquals("JFDSM ;FFDS; ", GraphDescription.cleanLabel("JFDSM*(@&$:FFDS:;;"));
        assertEquals("a_b1", GraphDescription.cleanLabel("a_b1"));
        assertEquals("my node ; map", GraphDescription.cleanLabel("my \"node\": map"));
    }

    @Test
    void exactDotMermaidAndJson() {
        Stream<Integer> s = Stream.create("src");
        Stream<List<Integer>> p = s.partition(2);
        p.map(List::size).named("size").accumulate(Integer::sum);
        s.emit(1);
        GraphDescription g = s.describe();
        assertEquals("""
                digraph streamz {
                  rankdir="TB";
                  n0 [label="src; Stream", shape=ellipse];
                  n1 [label="partition", shape=ellipse];
                  n2 [label="size; map", shape=ellipse];
                  n3 [label="accumulate", shape=box];
                  n0 -> n1;
                  n1 -> n2;
                  n2 -> n3;
                }
                """, g.toDot());
        assertEquals("""
                flowchart TD
                  n0["src; Stream"]
                  n1["partition"]
                  n2["size; map"]
                  n3["accumulate"]
                  n0 --> n1
                  n1 --> n2
                  n2 --> n3
                """, g.toMermaid());
        assertEquals("{\"nodes\":["
                + "{\"key\":\"n0\",\"name\":\"src\",\"operator\":\"Stream\",\"parameters\":{},\"buffered\":0},"
                + "{\"key\":\"n1\",\"name\":\"partition\",\"operator\":\"partition\",\"parameters\":{\"n\":\"2\"},"
                + "\"buffered\":1},"
                + "{\"key\":\"n2\",\"name\":\"size\",\"operator\":\"map\",\"parameters\":{},\"buffered\":0},"
                + "{\"key\":\"n3\",\"name\":\"accumulate\",\"operator\":\"accumulate\",\"parameters\":{},"
                + "\"buffered\":0}],"
                + "\"edges\":[{\"from\":\"n0\",\"to\":\"n1\"},{\"from\":\"n1\",\"to\":\"n2\"},"
                + "{\"from\":\"n2\",\"to\":\"n3\"}]}", g.toJson());
        assertEquals(List.of(new GraphDescription.Edge("n0", "n1"), new GraphDescription.Edge("n1", "n2"),
                new GraphDescription.Edge("n2", "n3")), g.edges());
        assertEquals(Map.of("n", "2"), g.nodes().get(1).parameters());
        assertEquals(1, g.nodes().get(1).buffered(), "the snapshot shows what partition holds");
        s.emit(2);
        assertEquals(1, g.nodes().get(1).buffered(), "a description is a snapshot");
        assertEquals(0, s.describe().nodes().get(1).buffered());
    }

    @Test
    void jsonEscapesNamesAndLabelsAreCleaned() {
        Stream<Integer> s = Stream.create("a\"b\\c\nd\te\u0001");
        GraphDescription g = s.describe();
        assertEquals("{\"nodes\":[{\"key\":\"n0\",\"name\":\"a\\\"b\\\\c\\nd\\te\\u0001\",\"operator\":\"Stream\","
                + "\"parameters\":{},\"buffered\":0}],\"edges\":[]}", g.toJson());
        assertEquals("digraph streamz {\n  rankdir=\"TB\";\n  n0 [label=\"a b c d e ; Stream\", shape=ellipse];\n}\n",
                g.toDot());
        assertFalse(g.hasCycle());
    }
}
