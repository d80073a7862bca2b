package dev.streamz.docs;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Checks the snippet harness itself on small made-up Markdown files. */
class SnippetHarnessTest {
    private static final String F = "```";

    @Test
    void javaBlockTakesTheNextTextBlockAsItsOutput() {
        String md = String.join("\n",
                "# Title",                       // 1
                F + "java",                      // 2
                "System.out.println(1 + 1);",    // 3
                F,                               // 4
                "It prints:",                    // 5
                F + "text",                      // 6
                "2",                             // 7
                F,                               // 8
                F + "java",                      // 9
                "int x = 1;",                    // 10
                F,                               // 11
                F + "java",                      // 12
                "int y = 2;",                    // 13
                F,                               // 14
                F + "console",                   // 15
                "$ ./streamz demo",              // 16
                F,                               // 17
                "");
        List<Snippet> snippets = Markdown.snippets("fake.md", md);
        assertEquals(3, snippets.size());
        assertEquals(new Snippet("fake.md", 3, "System.out.println(1 + 1);\n", "2\n"), snippets.get(0));
        assertNull(snippets.get(1).expectedOutput(), "a java block followed by a java block has no output");
        assertNull(snippets.get(2).expectedOutput(), "only a text block is an expected output");
        assertEquals("fake.md:10", snippets.get(1).where());
        assertEquals("2\n", SnippetRunner.run(snippets.get(0)));
    }

    @Test
    void unclosedFenceIsAnError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Markdown.snippets("fake.md", "text\n" + F + "java\nint x = 1;\n"));
        assertEquals("fake.md:2: the ``` fence opened here is never closed", e.getMessage());
    }

    @Test
    void compileErrorNamesTheMarkdownLine() {
        Snippet s = new Snippet("fake.md", 40, "int x = 1;\nString y = x;\n", null);
        AssertionError e = assertThrows(AssertionError.class, () -> SnippetRunner.run(s));
        assertTrue(e.getMessage().startsWith("fake.md:40: snippet does not compile"), e.getMessage());
        assertTrue(e.getMessage().contains("fake.md:41: error: incompatible types"), e.getMessage());
        assertTrue(e.getMessage().contains("String y = x;"), e.getMessage());
    }

    @Test
    void exceptionNamesTheSnippetAndTheMarkdownLine() {
        Snippet s = new Snippet("fake.md", 7, "System.out.println(\"before\");\nObject o = null;\no.hashCode();\n",
                null);
        AssertionError e = assertThrows(AssertionError.class, () -> SnippetRunner.run(s));
        assertTrue(e.getMessage().startsWith("fake.md:7: snippet threw java.lang.NullPointerException"),
                e.getMessage());
        assertTrue(e.getMessage().endsWith("it printed before:\nbefore\n"), e.getMessage());
        StackTraceElement top = e.getCause().getStackTrace()[0];
        assertEquals("fake.md", top.getFileName());
        assertEquals(9, top.getLineNumber());
    }

    @Test
    void streamBuildSitesPointIntoTheMarkdown() {
        Snippet s = new Snippet("guide.md", 20, String.join("\n",
                "Stream<Integer> source = Stream.create();",
                "source.map(x -> 10 / x).sink(x -> { });",
                "try {",
                "    source.emit(0);",
                "} catch (StreamException e) {",
                "    System.out.println(e.buildSite());",
                "}",
                ""), null);
        assertEquals("guide.md:21\n", SnippetRunner.run(s));
    }

    @Test
    void defaultImportsAreAvailable() {
        Snippet s = new Snippet("fake.md", 2, String.join("\n",
                "List<Integer> xs = new ArrayList<>(List.of(3, 1, 2));",
                "Collections.sort(xs);",
                "Function<Integer, Integer> inc = x -> x + 1;",
                "AtomicInteger n = new AtomicInteger(inc.apply(xs.get(0)));",
                "System.out.println(xs + \" \" + n + \" \" + new RefCounter().count());",
                ""), null);
        assertEquals("[1, 2, 3] 2 0\n", SnippetRunner.run(s));
    }
}
