package dev.streamz.docs;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The repository is self-contained: a reader who clones it has every file its text refers to. No committed
 * text file may cite a document or folder that is not in the repository, or a path of one particular
 * machine; the guide's relative links must resolve. What a reader needs is in the project's own docs
 * (docs/architecture.md, docs/conformance.md, ...).
 */
class SelfContainedRepoTest {
    /** A reference no committed file may contain, and why. */
    private record Rule(Pattern pattern, String why) {
    }

    private static final List<Rule> FORBIDDEN = List.of(
            new Rule(Pattern.compile("(?i)\\bdesig[n]\\.md\\b"),
                    "a design document that is not in the repository; link docs/architecture.md or another page of docs/"),
            new Rule(Pattern.compile("\\.\\./share[d]\\b|(?<![A-Za-z0-9_-])share[d]/(spec|or[a]cle)\\b"),
                    "a folder outside the repository"),
            new Rule(Pattern.compile("(?i)\\bcatalogu[e]\\b"),
                    "a behaviour list that is not in the repository; case ids are defined in docs/conformance.md"),
            new Rule(Pattern.compile("(?i)\\bor[a]cle\\b(?!\\s+(jdk|java|graalvm|corporation))"),
                    "a reference-run tool that is not in the repository; say what streamz does instead"),
            new Rule(Pattern.compile("(?<![A-Za-z0-9_.~-])/(wor[k]|hom[e]|roo[t]|User[s])/"),
                    "a folder of one particular machine or user"),
            new Rule(Pattern.compile("(?<![A-Za-z0-9_.~-])(/usr/lib/jv[m]|/usr/local/lib/jv[m]|/usr/jav[a]|/opt/jav[a]|/Library/Jav[a])\\b"),
                    "a JDK install folder: name the JDK (\"JDK 25\") or use the launchers, which find it"));

    /**
     * The one file allowed to name the standard JDK install folders: the launchers' environment script, whose
     * search list they are. They are where JDK packages and installers put JDKs on any machine (Debian and RPM
     * packages, Docker images, macOS), not paths of one machine. Every other rule applies to it too.
     */
    private static final String JDK_SEARCH_LIST = ".mvn/streamz-env.sh";
    /*
     * This file states the rules without containing what they forbid: each pattern has a one-letter
     * character class ("desig[n]"), and the samples below are split in two, so the rules apply here too
     * and a plain text search of the repository finds nothing either.
     */

    /** A Markdown link to a file of the repository, with an optional anchor: {@code [text](core.md#errors)}. */
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s:]*?)(?:#([^)\\s]*))?\\)");

    /** True for build output, version-control and editor folders, and benchmark results, which are never committed. */
    static boolean isBuildOutputOrHidden(Path relative) {
        for (Path part : relative) {
            String name = part.toString();
            if (name.equals("target") || name.equals("node_modules")
                    || (name.startsWith(".") && !name.equals(".mvn") && !name.equals(".ci")
                            && !name.equals(".gitignore") && !name.equals(".gitattributes"))) {
                return true;
            }
        }
        String first = relative.getName(0).toString();
        return first.equals("dist") || (relative.getNameCount() == 1 && first.startsWith("jmh-result"));
    }

    /**
     * The files a commit would hold: git's list of tracked and untracked, not ignored files when git is
     * there, else every file outside build output.
     */
    static List<Path> repoFiles() {
        Path root = ConformancePageTest.repoRoot();
        try {
            Process git = new ProcessBuilder("git", "ls-files", "-z", "--cached", "--others", "--exclude-standard")
                    .directory(root.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            byte[] out = git.getInputStream().readAllBytes();
            if (git.waitFor(60, TimeUnit.SECONDS) && git.exitValue() == 0 && out.length > 0) {
                List<Path> files = new ArrayList<>();
                for (String name : new String(out, StandardCharsets.UTF_8).split("\0")) {
                    Path p = root.resolve(name);
                    if (!name.isEmpty() && Files.isRegularFile(p)) {
                        files.add(p);
                    }
                }
                return files;
            }
        } catch (IOException e) {
            // No git: walk the tree instead.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> !isBuildOutputOrHidden(root.relativize(p))).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the file's text, or null for a binary file */
    private static String text(Path file) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            for (int i = 0; i < Math.min(bytes.length, 8192); i++) {
                if (bytes[i] == 0) {
                    return null;
                }
            }
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the problems found in one file's text; {@code name} is its path from the repository root */
    static List<String> problems(String name, String text) {
        List<String> found = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            for (Rule rule : FORBIDDEN) {
                if (name.equals(JDK_SEARCH_LIST) && rule == FORBIDDEN.get(FORBIDDEN.size() - 1)) {
                    continue;
                }
                Matcher m = rule.pattern().matcher(lines[i]);
                if (m.find()) {
                    found.add(name + ":" + (i + 1) + ": '" + m.group() + "' is " + rule.why());
                }
            }
        }
        return found;
    }

    @Test
    void noCommittedFileCitesAnythingOutsideTheRepository() {
        Path root = ConformancePageTest.repoRoot();
        List<Path> files = repoFiles();
        assertTrue(files.stream().anyMatch(p -> p.endsWith("pom.xml")), "no files found under " + root);
        List<String> found = new ArrayList<>();
        for (Path file : files) {
            String text = text(file);
            if (text != null) {
                found.addAll(problems(root.relativize(file).toString().replace('\\', '/'), text));
            }
        }
        assertEquals(List.of(), found, "references to files or machines outside the repository");
    }

    @Test
    void theRulesCatchWhatTheyShouldAndNothingElse() {
        String bad = String.join("\n", "see DESIGN" + ".md §4", "in ../sha" + "red/spec", "the behaviour catal" + "ogue says",
                "run the or" + "acle", "/wo" + "rk/main/streamz", "/usr/lib/j" + "vm/temurin-25-jdk-amd64/bin/java");
        assertEquals(6, problems("docs/x.md", bad).size());
        assertEquals(List.of(), problems("docs/x.md", String.join("\n",
                "docs/architecture.md and docs/conformance.md; an Or" + "acle JDK 25 works too",
                "a sha" + "red/ring buffer, src/main/java, ./mvnw, ~/.m2/repository, $JAVA_HOME/bin/java")));
        assertEquals(List.of(), problems(JDK_SEARCH_LIST, "for d in /usr/lib/j" + "vm /opt/j" + "ava; do"));
        assertEquals(1, problems(JDK_SEARCH_LIST, "cd /wo" + "rk/main").size());
    }

    /** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens. */
    static String anchor(String heading) {
        return heading.trim().toLowerCase(java.util.Locale.ROOT)
                .replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
    }

    private static Set<String> anchors(Path markdown) {
        Set<String> anchors = new LinkedHashSet<>();
        boolean fenced = false;
        for (String line : ConformancePageTest.read(markdown).split("\n")) {
            if (line.startsWith("```")) {
                fenced = !fenced;
            } else if (!fenced && line.startsWith("#")) {
                anchors.add(anchor(line.replaceFirst("^#+", "")));
            }
        }
        return anchors;
    }

    @Test
    void everyLinkOfTheGuideAndTheReadmeResolves() {
        List<String> broken = new ArrayList<>();
        int links = 0;
        for (Path file : SnippetsTest.markdownFiles()) {
            Matcher m = LINK.matcher(ConformancePageTest.read(file));
            while (m.find()) {
                links++;
                Path target = m.group(1).isEmpty() ? file : file.resolveSibling(m.group(1)).normalize();
                if (!Files.exists(target)) {
                    broken.add(file.getFileName() + ": (" + m.group() + ") names a missing file");
                } else if (m.group(2) != null && target.toString().endsWith(".md")
                        && !anchors(target).contains(m.group(2))) {
                    broken.add(file.getFileName() + ": (" + m.group() + ") names a missing section");
                }
            }
        }
        assertFalse(links == 0, "no links found: is the pattern broken?");
        assertEquals(List.of(), broken);
    }

    @Test
    void anchorsAreGithubs() {
        assertEquals("differences-from-streamz", anchor(" Differences from streamz"));
        assertEquals("packages-in-core", anchor(" Packages in `core`"));
        assertEquals("compiled-runtime-thread-hops", anchor(" Compiled runtime: thread hops"));
    }
}
