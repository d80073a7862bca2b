package dev.streamz.internal.sources;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code filenames} (I09): polls a glob and emits each new matching path name once, as a string. The
 * names that are new in one poll are emitted sorted. A directory becomes {@code dir/*}. Names seen are
 * remembered across restarts. As with Python's {@code glob}, a wildcard does not match a name starting
 * with a dot unless the pattern's part starts with a dot.
 */
public final class FilenamesSource extends ScheduledSource<String> {
    private final Duration pollInterval;
    private final Path base;
    private final int depth;
    private final PathMatcher matcher;
    private final boolean dotNames;

    private final Set<String> seen = new HashSet<>();
    private final ArrayDeque<String> fresh = new ArrayDeque<>();

    /**
     * @param globOrDir a glob such as {@code logs/*.txt}, or a directory
     * @param pollInterval wait between polls that found nothing new
     * @throws IllegalArgumentException if the glob is malformed
     */
    public FilenamesSource(String globOrDir, Duration pollInterval) {
        super("filenames", Map.of("path", globOrDir, "poll_interval", pollInterval));
        this.pollInterval = pollInterval;
        String glob = globOrDir;
        if (Files.isDirectory(Path.of(globOrDir))) {
            glob = Path.of(globOrDir).resolve("*").toString();
        }
        String sep = FileSystems.getDefault().getSeparator();
        String[] parts = glob.split(java.util.regex.Pattern.quote(sep), -1);
        int firstWild = parts.length - 1;
        for (int i = 0; i < parts.length; i++) {
            if (isWild(parts[i])) {
                firstWild = i;
                break;
            }
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < firstWild; i++) {
            b.append(parts[i]).append(sep);
        }
        this.base = b.isEmpty() ? Path.of("") : Path.of(b.toString());
        int rest = parts.length - firstWild;
        boolean deep = glob.contains("**");
        this.depth = deep ? Integer.MAX_VALUE : rest;
        String relative = String.join("/", List.of(parts).subList(firstWild, parts.length));
        try {
            this.matcher = FileSystems.getDefault().getPathMatcher("glob:" + relative);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("filenames: malformed glob \"" + globOrDir + "\": " + e.getMessage(), e);
        }
        this.dotNames = parts[parts.length - 1].startsWith(".");
    }

    private static boolean isWild(String part) {
        return part.indexOf('*') >= 0 || part.indexOf('?') >= 0 || part.indexOf('[') >= 0 || part.indexOf('{') >= 0;
    }

    @Override
    Object next() throws IOException {
        if (fresh.isEmpty()) {
            List<String> found = new ArrayList<>();
            for (String name : list()) {
                if (seen.add(name)) {
                    found.add(name);
                }
            }
            found.sort(null);
            fresh.addAll(found);
        }
        String name = fresh.poll();
        return name == null ? IDLE : name;
    }

    private List<String> list() throws IOException {
        List<String> out = new ArrayList<>();
        Path root = base.toString().isEmpty() ? Path.of(".") : base;
        if (!Files.isDirectory(root)) {
            return out;
        }
        Files.walkFileTree(root, EnumSet.noneOf(FileVisitOption.class), depth, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                consider(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                if (!dir.equals(root)) {
                    consider(dir);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException exc) {
                return FileVisitResult.CONTINUE; // vanished or unreadable: not a match
            }

            private void consider(Path p) {
                Path rel = root.relativize(p);
                String last = rel.getFileName() == null ? "" : rel.getFileName().toString();
                if (last.startsWith(".") && !dotNames) {
                    return;
                }
                if (matcher.matches(rel)) {
                    out.add(base.resolve(rel).toString());
                }
            }
        });
        return out;
    }

    @Override
    Duration idleDelay() {
        return pollInterval;
    }

    @Override
    String failureDetail() {
        return "filenames: cannot list " + base;
    }
}
