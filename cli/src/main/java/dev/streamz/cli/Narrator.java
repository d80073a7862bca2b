package dev.streamz.cli;

import java.io.PrintStream;

/**
 * Prints a demo in one layout, so every section reads the same:
 *
 * <pre>
 * == name: title ==
 *   | code that builds the pipeline
 *   what is about to happen
 *   emit 1
 *     print: 2            (what the pipeline printed, indented under the emit that caused it)
 * </pre>
 */
public final class Narrator {
    private final PrintStream out;
    private int reportsSinceEmit;

    /** @param out where to print */
    public Narrator(PrintStream out) {
        this.out = out;
    }

    /** @return the stream the narrator prints to */
    public PrintStream out() {
        return out;
    }

    void heading(String name, String title) {
        out.println();
        out.println("== " + name + ": " + title + " ==");
    }

    /**
     * Shows the code that builds the pipeline.
     *
     * @param lines Java source lines
     */
    public void code(String... lines) {
        for (String line : lines) {
            out.println("  | " + line);
        }
    }

    /**
     * Explains, in words.
     *
     * @param text one line
     */
    public void say(String text) {
        out.println("  " + text);
    }

    /**
     * Announces an emit into the source.
     *
     * @param x the element
     */
    public void emit(Object x) {
        reportsSinceEmit = 0;
        out.println("  emit " + show(x));
    }

    /**
     * Announces an emit with a note.
     *
     * @param x the element
     * @param note what is special about it
     */
    public void emit(Object x, String note) {
        reportsSinceEmit = 0;
        out.println("  emit " + show(x) + "   (" + note + ")");
    }

    /**
     * Reports something the pipeline did, indented under the emit that caused it.
     *
     * @param who which sink or node
     * @param value what it saw
     */
    public void got(String who, Object value) {
        reportsSinceEmit++;
        out.println("    " + who + ": " + show(value));
    }

    /**
     * Reports an event inside the pipeline, in words, indented under the emit that caused it.
     *
     * @param text one line
     */
    public void event(String text) {
        reportsSinceEmit++;
        out.println("    " + text);
    }

    /**
     * Says why nothing came out, if nothing was reported since the last emit.
     *
     * @param why the reason, in words
     */
    public void ifNothing(String why) {
        if (reportsSinceEmit == 0) {
            out.println("    (nothing: " + why + ")");
        }
    }

    /**
     * Prints a block of text (a graph description) indented.
     *
     * @param text several lines
     */
    public void block(String text) {
        for (String line : text.strip().split("\n")) {
            out.println("    " + line);
        }
    }

    /**
     * How values are shown: {@code toString}, so tuples print as {@code (1, 2, 3)} and lists as
     * {@code [1, 2]}.
     *
     * @param x a value
     * @return its display form
     */
    public static String show(Object x) {
        return String.valueOf(x);
    }
}
