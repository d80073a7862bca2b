package dev.streamz.docs;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds the snippets in a Markdown text.
 *
 * <p>A fence is a line that starts with three backticks at column 0; its info string's first word is the
 * block's language. Every {@code java} block is a snippet. If the next fenced block in the file is a
 * {@code text} block, its content is the snippet's expected standard output (prose may come between
 * them). Any other language is ignored (use {@code console}, {@code properties}, {@code mermaid}, ... for
 * text that is not a program's output).
 */
final class Markdown {
    private static final String FENCE = "```";

    private Markdown() {
    }

    /** A fenced block: language, line of its first content line, content with a newline after every line. */
    private record Block(String language, int line, String content) {
    }

    /**
     * @param file the file's name, for messages
     * @param text the Markdown
     * @return the java snippets, in file order
     * @throws IllegalArgumentException if a fence is never closed
     */
    static List<Snippet> snippets(String file, String text) {
        List<Block> blocks = blocks(file, text);
        List<Snippet> snippets = new ArrayList<>();
        for (int i = 0; i < blocks.size(); i++) {
            Block b = blocks.get(i);
            if (!b.language().equals("java")) {
                continue;
            }
            String expected = null;
            if (i + 1 < blocks.size() && blocks.get(i + 1).language().equals("text")) {
                expected = blocks.get(i + 1).content();
            }
            snippets.add(new Snippet(file, b.line(), b.content(), expected));
        }
        return snippets;
    }

    private static List<Block> blocks(String file, String text) {
        List<String> lines = text.lines().toList();
        List<Block> blocks = new ArrayList<>();
        int i = 0;
        while (i < lines.size()) {
            String line = lines.get(i);
            if (!line.startsWith(FENCE)) {
                i++;
                continue;
            }
            String info = line.substring(FENCE.length()).strip();
            String language = info.isEmpty() ? "" : info.split("\\s+")[0];
            int openedAt = i + 1;
            StringBuilder content = new StringBuilder();
            i++;
            while (i < lines.size() && !lines.get(i).strip().equals(FENCE)) {
                content.append(lines.get(i)).append('\n');
                i++;
            }
            if (i == lines.size()) {
                throw new IllegalArgumentException(file + ":" + openedAt + ": the ``` fence opened here is never closed");
            }
            blocks.add(new Block(language, openedAt + 1, content.toString()));
            i++; // the closing fence
        }
        return blocks;
    }
}
