package dev.streamz.docs;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * docs/conformance.md defines every case id (a letter A to N and two digits, such as {@code A07} or
 * {@code H04}) that code cites: test names start with one, Javadoc and comments name them to say why. This
 * test keeps the page and the code in step: an id cited anywhere in the Java sources (main and test, every
 * module) or in the guide must have a row on the page, and every test the page names must exist.
 */
class ConformancePageTest {
    /** A case id, not part of a longer word or number: {@code A07}, {@code A07_cycles}, {@code (F10)}. */
    static final Pattern CASE_ID = Pattern.compile("(?<![A-Za-z0-9_])([A-Z][0-9]{2})(?![A-Za-z0-9])");
    /** A row of the page: {@code | A07 | what it does | tests |}. */
    private static final Pattern ROW = Pattern.compile("^\\| ([A-Z][0-9]{2}) \\|(.*)\\|(.*)\\|\\s*$", Pattern.MULTILINE);
    /** A test named on the page: {@code `SectionATest#A07_cyclesRunDepthFirst`}. */
    private static final Pattern TEST_REF = Pattern.compile("`([A-Z][A-Za-z0-9_]*)#([A-Za-z_][A-Za-z0-9_]*)`");

    static Path repoRoot() {
        return SnippetsTest.docsDir().getParent();
    }

    static Path page() {
        return SnippetsTest.docsDir().resolve("conformance.md");
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return every .java file of the repository, outside build output */
    static List<Path> javaSources() {
        try (Stream<Path> walk = Files.walk(repoRoot())) {
            return walk.filter(p -> p.getFileName().toString().endsWith(".java"))
                    .filter(p -> !SelfContainedRepoTest.isBuildOutputOrHidden(repoRoot().relativize(p)))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the page's case ids, mapped to the test cell of their row */
    static Map<String, String> pageRows() {
        Map<String, String> rows = new TreeMap<>();
        Matcher m = ROW.matcher(read(page()));
        while (m.find()) {
            String previous = rows.put(m.group(1), m.group(3));
            assertEquals(null, previous, "docs/conformance.md has two rows for " + m.group(1));
        }
        return rows;
    }

    @Test
    void everyCitedCaseIdIsDefinedOnThePage() {
        Set<String> defined = pageRows().keySet();
        List<Path> cited = new ArrayList<>(javaSources());
        cited.add(repoRoot().resolve("README.md"));
        cited.addAll(SnippetsTest.markdownFiles().stream().filter(p -> !p.equals(page())).toList());
        Map<String, Set<String>> missing = new TreeMap<>();
        int citations = 0;
        for (Path file : cited) {
            Matcher m = CASE_ID.matcher(read(file));
            while (m.find()) {
                citations++;
                if (!defined.contains(m.group(1))) {
                    missing.computeIfAbsent(m.group(1), k -> new TreeSet<>()).add(repoRoot().relativize(file).toString());
                }
            }
        }
        assertTrue(citations > 100, "found only " + citations + " case ids in " + cited.size() + " files: is the scan broken?");
        if (!missing.isEmpty()) {
            fail("docs/conformance.md has no row for these case ids, cited in: " + missing
                    + ". Add a row saying what streamz-jvm does for each, and the test that checks it.");
        }
    }

    @Test
    void everyTestThePageNamesExists() {
        Map<String, String> classes = new TreeMap<>();
        for (Path p : javaSources()) {
            if (p.toString().contains("/src/test/")) {
                classes.merge(p.getFileName().toString().replace(".java", ""), read(p), String::concat);
            }
        }
        List<String> missing = new ArrayList<>();
        int named = 0;
        for (Map.Entry<String, String> row : pageRows().entrySet()) {
            Matcher m = TEST_REF.matcher(row.getValue());
            while (m.find()) {
                named++;
                String source = classes.get(m.group(1));
                if (source == null || !Pattern.compile("void\\s+" + m.group(2) + "\\s*\\(").matcher(source).find()) {
                    missing.add(row.getKey() + ": " + m.group(1) + "#" + m.group(2));
                }
            }
        }
        assertTrue(named > 100, "the page names only " + named + " tests: is the table format broken?");
        assertEquals(List.of(), missing, "docs/conformance.md names tests that do not exist (renamed or removed?)");
    }

    @Test
    void theCaseIdPatternFindsIdsInTestNamesAndProse() {
        List<String> found = new ArrayList<>();
        Matcher m = CASE_ID.matcher("void A07_cycles() {} // see the page: F10, H04; not C10K, XA01, 0A01, A012");
        while (m.find()) {
            found.add(m.group(1));
        }
        assertEquals(List.of("A07", "F10", "H04"), found);
    }
}
