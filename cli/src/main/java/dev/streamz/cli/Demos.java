package dev.streamz.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The sections of {@code streamz demo}, in the order they run. To add a section, write a method that
 * builds and narrates a pipeline (see {@link CoreDemos}) and append a {@link DemoSection} here.
 */
public final class Demos {
    /** Every section, in order. Names are unique. */
    public static final List<DemoSection> SECTIONS = List.of(
            new DemoSection("map", "increment each element, then print it", CoreDemos::map),
            new DemoSection("accumulate", "a running total", CoreDemos::accumulate),
            new DemoSection("num-distinct", "state and output differ: count distinct words (accumulateWithState)",
                    CoreDemos::numDistinct),
            new DemoSection("sliding-window", "the last three elements after each element", CoreDemos::slidingWindow),
            new DemoSection("branching", "one source, two branches, in attachment order", CoreDemos::branching),
            new DemoSection("zip", "branch, then join the branches again", CoreDemos::zip),
            new DemoSection("crawler", "a feedback loop: unique + flatten + connect back into the source",
                    CoreDemos::crawler),
            new DemoSection("checkpoint", "metadata + RefCounter: each offset is committed once, when every holder"
                    + " is done", CoreDemos::checkpoint),
            new DemoSection("errors", "a failing function: StreamException names the node, the graph keeps"
                    + " working", CoreDemos::errors),
            new DemoSection("describe", "the graph described as Mermaid and Graphviz DOT", CoreDemos::describe),
            new DemoSection("tail-window", "tail a growing file, rate-limit it, sum it per 250 ms window (real time)",
                    TimeDemos::tail),

            CompiledPipelineDemo.SECTION,
            JournalDemo.SECTION,
            FramesDemo.SECTION,
            DataFrameDemo.SECTION);

    static {
        List<String> seen = new ArrayList<>();
        for (DemoSection s : SECTIONS) {
            if (seen.contains(s.name())) {
                throw new IllegalStateException("two demo sections are named '" + s.name() + "'");
            }
            seen.add(s.name());
        }
    }

    private Demos() {
    }

    /**
     * @param name a section name
     * @return the section, if there is one by that name
     */
    public static Optional<DemoSection> find(String name) {
        return SECTIONS.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** @return the section names, in order */
    public static List<String> names() {
        return SECTIONS.stream().map(DemoSection::name).toList();
    }
}
