package dev.streamz.cli;

import java.util.function.Consumer;

/**
 * One section of {@code streamz demo}: builds a real pipeline, pushes data through it and narrates what
 * happens. Sections are listed in {@link Demos#SECTIONS}; a later module adds its own there.
 *
 * @param name the short name used on the command line ({@code streamz demo crawler}); lower case, no spaces
 * @param title one line saying what the section shows
 * @param body builds and runs the pipeline, printing through the narrator
 */
public record DemoSection(String name, String title, Consumer<Narrator> body) {
    /** Checks the name. */
    public DemoSection {
        if (name == null || !name.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("demo section name must be lower-case words joined by '-': " + name);
        }
        if (title == null || title.isBlank()) {
            throw new IllegalArgumentException("demo section '" + name + "' needs a title");
        }
        if (body == null) {
            throw new IllegalArgumentException("demo section '" + name + "' needs a body");
        }
    }

    /**
     * Prints the section's heading, then runs it.
     *
     * @param narrator where the section prints
     */
    public void run(Narrator narrator) {
        narrator.heading(name, title);
        body.accept(narrator);
    }
}
