package dev.streamz.cli;

import dev.streamz.GraphDescription;
import dev.streamz.RefCounter;
import dev.streamz.Step;
import dev.streamz.Stream;
import dev.streamz.StreamException;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The demo sections for the core push engine: streamz's own first examples, run for real on built-in data.
 * Each method shows the code it builds (as {@code | } lines), then emits and reports what the pipeline did.
 */
final class CoreDemos {
    /** The in-memory "web" the crawler walks: page to the links on it, in page order. */
    static final Map<String, List<String>> LINKS = links();

    private CoreDemos() {
    }

    private static Map<String, List<String>> links() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        m.put("/", List.of("/docs", "/blog"));
        m.put("/docs", List.of("/docs/core", "/", "/blog"));
        m.put("/docs/core", List.of("/docs"));
        m.put("/blog", List.of("/blog/2025", "/"));
        m.put("/blog/2025", List.of("/docs/core", "/about"));
        m.put("/about", List.of());
        return Map.copyOf(m);
    }

    static void map(Narrator n) {
        n.code("Stream<Integer> source = Stream.create();",
               "source.map(x -> x + 1).sink(x -> print(x));");
        Stream<Integer> source = Stream.create();
        source.map(x -> x + 1).sink(x -> n.got("print", x));
        for (int x : new int[] {1, 2, 10}) {
            n.emit(x);
            source.emit(x);
        }
    }

    static void accumulate(Narrator n) {
        n.code("source.accumulate(Integer::sum).sink(total -> print(total));");
        n.say("The first element becomes the state; from the second on, the state is sum(state, x).");
        Stream<Integer> source = Stream.create();
        source.accumulate(Integer::sum).sink(total -> n.got("running total", total));
        for (int x = 1; x <= 4; x++) {
            n.emit(x);
            source.emit(x);
        }
    }

    static void numDistinct(Narrator n) {
        n.code("source.accumulateWithState((Set<String> seen, String word) -> {",
               "            seen.add(word);",
               "            return Step.of(seen, seen.size());   // new state, value to emit",
               "        }, new HashSet<>())",
               "      .sink(count -> print(count));");
        Stream<String> source = Stream.create();
        source.accumulateWithState((Set<String> seen, String word) -> {
            seen.add(word);
            return Step.of(seen, seen.size());
        }, new HashSet<>()).sink(count -> n.got("distinct so far", count));
        for (String word : List.of("cat", "dog", "cat", "mouse")) {
            n.emit(word);
            source.emit(word);
        }
    }

    static void slidingWindow(Narrator n) {
        n.code("source.slidingWindow(3, false).sink(window -> print(window));   // false: full windows only");
        Stream<Integer> source = Stream.create();
        source.slidingWindow(3, false).sink(window -> n.got("window", window));
        for (int x = 1; x <= 5; x++) {
            n.emit(x);
            source.emit(x);
            n.ifNothing("the window is not full yet");
        }
    }

    static void branching(Narrator n) {
        n.code("source.map(x -> x + 1).sink(x -> print(\"increment\", x));",
               "source.map(x -> x - 1).sink(x -> print(\"decrement\", x));");
        n.say("Each element goes to every branch, depth-first, in the order the branches were attached.");
        Stream<Integer> source = Stream.create();
        source.map(x -> x + 1).sink(x -> n.got("increment", x));
        source.map(x -> x - 1).sink(x -> n.got("decrement", x));
        for (int x : new int[] {1, 10}) {
            n.emit(x);
            source.emit(x);
        }
    }

    static void zip(Narrator n) {
        n.code("Stream<Integer> a = source.map(x -> x + 1);",
               "Stream<Integer> b = source.map(x -> x - 1);",
               "Stream<List<Object>> pairs = a.zip(b);",
               "pairs.sink(pair -> print(\"zip\", pair));",
               "pairs.starmap((x, y) -> (Integer) x + (Integer) y).sink(sum -> print(\"sum\", sum));");
        n.say("zip waits until both branches have an element, then emits them together as a tuple.");
        Stream<Integer> source = Stream.create();
        Stream<Integer> a = source.map(x -> x + 1);
        Stream<Integer> b = source.map(x -> x - 1);
        Stream<List<Object>> pairs = a.zip(b);
        pairs.sink(pair -> n.got("zip", pair));
        pairs.starmap((x, y) -> (Integer) x + (Integer) y).sink(sum -> n.got("sum", sum));
        for (int x : new int[] {10, 20}) {
            n.emit(x);
            source.emit(x);
        }
    }

    static void crawler(Narrator n) {
        n.code("Stream<String> source = Stream.create();",
               "Stream<String> pages = source.unique();                  // each page once",
               "pages.sink(page -> print(\"visit\", page));",
               "pages.map(page -> linksOn(page)).<String>flatten()      // one element per link",
               "     .connect(source);                                  // ...fed back into the source");
        n.say("The link graph, in memory:");
        for (String page : List.of("/", "/docs", "/docs/core", "/blog", "/blog/2025", "/about")) {
            n.say(String.format("  %-11s links to %s", page, LINKS.get(page)));
        }
        List<String> visited = new ArrayList<>();
        Stream<String> source = Stream.create();
        Stream<String> pages = source.unique();
        pages.sink(page -> {
            visited.add(page);
            n.got("visit", page);
        });
        pages.map(page -> {
            List<String> found = LINKS.getOrDefault(page, List.of());
            n.event("links on " + page + ": " + found);
            return found;
        }).<String>flatten().connect(source);
        n.emit("/");
        source.emit("/");
        n.say("emit returned after the whole crawl: " + visited.size() + " pages, depth-first, in this order: "
                + String.join(" ", visited));
        n.say("describe().hasCycle(): " + source.describe().hasCycle());
    }

    /** A record read from a log: the offset to commit once the pipeline is done with it, and its value. */
    private record LogRecord(long offset, String value) {
    }

    static void checkpoint(Narrator n) {
        n.code("source.map(v -> shout(v)).sink(v -> print(\"shout\", v));      // holds nothing",
               "source.partition(2).sink(pair -> print(\"pair\", pair));        // holds a record until its pair comes",
               "RefCounter ref = new RefCounter(() -> commit(offset));",
               "source.emit(value, List.of(Map.of(RefCounter.METADATA_KEY, ref)));");
        n.say("Each record carries a RefCounter in its metadata. Nodes that keep the record retain it;");
        n.say("the callback (the commit) runs once, when the last holder releases it.");
        Stream<String> source = Stream.create();
        source.map(CoreDemos::shout).sink(v -> n.got("shout", v));
        source.partition(2).sink(pair -> n.got("pair", pair));

        List<LogRecord> log = List.of(new LogRecord(0, "a"), new LogRecord(1, "b"), new LogRecord(2, "c"),
                new LogRecord(3, "d"), new LogRecord(4, ""));
        int[] commits = new int[log.size()];
        for (LogRecord record : log) {
            int offset = (int) record.offset();
            RefCounter ref = new RefCounter(() -> {
                commits[offset]++;
                n.event("commit offset " + offset);
            });
            n.emit(record.value().isEmpty() ? "\"\"" : record.value(), "offset " + offset);
            boolean failed = false;
            try {
                source.emit(record.value(), List.of(Map.of(RefCounter.METADATA_KEY, ref, "offset", offset)));
            } catch (StreamException e) {
                failed = true;
                n.event("StreamException from " + e.operator() + ": " + e.getCause());
            }
            if (failed) {
                n.event("ref count " + ref.count() + ": offset " + offset + " is never committed, so after a restart"
                        + " it is read again (at-least-once)");
            } else if (!ref.fired()) {
                n.event("ref count " + ref.count() + ": offset " + offset + " is not committed yet (partition"
                        + " holds it)");
            }
        }
        StringBuilder times = new StringBuilder();
        for (int i = 0; i < commits.length; i++) {
            times.append(i == 0 ? "" : ", ").append(i).append(": ").append(commits[i]);
        }
        n.say("commits per offset {" + times + "}: each callback fired at most once, and only when every holder"
                + " was done");
    }

    /**
     * The demo's map function: upper-cases a record and rejects an empty one.
     *
     * @param value the record's value
     * @return it, in upper case
     */
    static String shout(String value) {
        if (value.isEmpty()) {
            throw new IllegalArgumentException("empty record");
        }
        return value.toUpperCase(java.util.Locale.ROOT);
    }

    static void errors(Narrator n) {
        n.code("Stream<Integer> inverse = source.map(x -> 100 / x).named(\"inverse\");",
               "inverse.sink(x -> print(\"100 / x\", x));");
        Stream<Integer> source = Stream.create();
        Stream<Integer> inverse = source.map(x -> 100 / x).named("inverse");
        inverse.sink(x -> n.got("100 / x", x));
        for (int x : new int[] {4, 0, 5}) {
            n.emit(x);
            try {
                source.emit(x);
            } catch (StreamException e) {
                n.event("emit threw StreamException: " + e.getMessage());
            }
        }
        n.say("The error reached the caller of emit (fail-fast); the next element went through as usual.");
    }

    static void describe(Narrator n) {
        n.code("Stream<Integer> source = Stream.create(\"source\");",
               "Stream<Integer> inc = source.map(x -> x + 1).named(\"increment\");",
               "Stream<Integer> dec = source.map(x -> x - 1).named(\"decrement\");",
               "inc.zip(dec).starmap((x, y) -> (Integer) x + (Integer) y).named(\"add\").sink(System.out::println);",
               "GraphDescription graph = source.describe();");
        Stream<Integer> source = Stream.create("source");
        Stream<Integer> inc = source.map(x -> x + 1).named("increment");
        Stream<Integer> dec = source.map(x -> x - 1).named("decrement");
        inc.zip(dec).starmap((x, y) -> (Integer) x + (Integer) y).named("add").sink(x -> n.got("print", x));
        GraphDescription graph = source.describe();
        n.say("graph.nodes().size() = " + graph.nodes().size() + ", graph.edges().size() = " + graph.edges().size());
        n.say("graph.toMermaid():");
        n.block(graph.toMermaid());
        n.say("graph.toDot():   (source.visualize(Path.of(\"graph.svg\")) renders it with Graphviz)");
        n.block(graph.toDot());
    }
}
