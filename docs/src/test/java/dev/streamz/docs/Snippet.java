package dev.streamz.docs;

/**
 * One {@code ```java} block of a Markdown file.
 *
 * @param file the Markdown file's name, e.g. {@code core.md}, used in messages and as the compiled class's
 *     source file name (so stack traces and {@code StreamException} build sites point into the Markdown)
 * @param line the 1-based line of the block's first code line in that file
 * @param code the code: the body of a {@code main} method
 * @param expectedOutput the content of the {@code ```text} block that follows, or {@code null} if none does
 */
record Snippet(String file, int line, String code, String expectedOutput) {
    /** @return {@code file:line}, how messages name the snippet */
    String where() {
        return file + ":" + line;
    }
}
