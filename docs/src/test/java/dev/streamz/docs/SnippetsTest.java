package dev.streamz.docs;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Compiles and runs every {@code ```java} block of {@code docs/*.md} and {@code README.md}; where a
 * {@code ```text} block follows, the snippet's standard output must equal it exactly. The convention is
 * written down in docs/index.md and implemented by {@link Markdown} and {@link SnippetRunner}.
 */
class SnippetsTest {
    /** @return the docs module's folder */
    static Path docsDir() {
        return Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
    }

    /** @return every Markdown file whose snippets are checked: docs/*.md, then the README */
    static List<Path> markdownFiles() {
        List<Path> files = new ArrayList<>();
        try (var listing = Files.list(docsDir())) {
            listing.filter(p -> p.getFileName().toString().endsWith(".md")).sorted().forEach(files::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path readme = docsDir().resolveSibling("README.md");
        assertTrue(Files.isRegularFile(readme), "README.md not found at " + readme);
        files.add(readme);
        return files;
    }

    static List<Snippet> snippets(Path file) {
        try {
            return Markdown.snippets(file.getFileName().toString(), Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Snippet> allSnippets() {
        List<Snippet> all = new ArrayList<>();
        for (Path f : markdownFiles()) {
            all.addAll(snippets(f));
        }
        return all;
    }

    @TestFactory
    List<DynamicTest> everySnippetCompilesRunsAndPrintsItsOutput() {
        List<Snippet> all = allSnippets();
        assertFalse(all.isEmpty(), "no ```java snippets found in " + markdownFiles() + ": the docs test checks nothing");
        List<DynamicTest> tests = new ArrayList<>();
        for (Snippet s : all) {
            tests.add(DynamicTest.dynamicTest(s.where(), () -> {
                String out = SnippetRunner.run(s);
                if (s.expectedOutput() != null) {
                    assertEquals(s.expectedOutput(), out,
                            s.where() + ": stdout differs from the ```text block after the snippet");
                }
            }));
        }
        return tests;
    }

    @Test
    void theGuideAndTheReadmeHaveCheckedExamples() {
        List<Path> files = markdownFiles();
        assertTrue(files.stream().anyMatch(p -> p.getFileName().toString().equals("index.md")), files.toString());
        for (String name : List.of("README.md", "core.md")) {
            Path file = files.stream().filter(p -> p.getFileName().toString().equals(name)).findFirst()
                    .orElseThrow(() -> new AssertionError(name + " missing from " + files));
            List<Snippet> withOutput = snippets(file).stream().filter(s -> s.expectedOutput() != null).toList();
            assertTrue(withOutput.size() >= 5, name + " has only " + withOutput.size()
                    + " snippets with a ```text output block");
        }
    }
}
