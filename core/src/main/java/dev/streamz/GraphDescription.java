package dev.streamz;

import dev.streamz.internal.runtime.GraphWalk;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A snapshot of a connected stream graph (every node reachable from one node up or down), rendered as
 * Graphviz DOT, Mermaid or JSON.
 */
public final class GraphDescription {
    /**
     * One node.
     *
     * @param key a stable key within this description, e.g. {@code n3}
     * @param name the node's name
     * @param operator the node's operator
     * @param parameters the node's parameters, rendered as strings
     * @param buffered how many elements it held when described
     */
    public record Node(String key, String name, String operator, Map<String, String> parameters, int buffered) {
    }

    /**
     * One edge, from an upstream to a downstream.
     *
     * @param from key of the upstream
     * @param to key of the downstream
     */
    public record Edge(String from, String to) {
    }

    private final List<Node> nodes;
    private final List<Edge> edges;

    private GraphDescription(List<Node> nodes, List<Edge> edges) {
        this.nodes = Collections.unmodifiableList(nodes);
        this.edges = Collections.unmodifiableList(edges);
    }

    static GraphDescription of(Stream<?> root) {
        Map<Stream<?>, String> keys = new IdentityHashMap<>();
        List<Stream<?>> order = GraphWalk.connected(root);
        for (Stream<?> s : order) {
            keys.put(s, "n" + keys.size());
        }
        List<Node> nodes = new ArrayList<>();
        List<Edge> edges = new ArrayList<>();
        for (Stream<?> s : order) {
            Map<String, String> params = new java.util.LinkedHashMap<>();
            s.parameters().forEach((k, v) -> params.put(k, String.valueOf(v)));
            nodes.add(new Node(keys.get(s), s.name(), s.operator(), Collections.unmodifiableMap(params),
                    s.bufferedCount()));
            for (Stream<?> d : s.downstreams()) {
                edges.add(new Edge(keys.get(s), keys.get(d)));
            }
        }
        return new GraphDescription(nodes, edges);
    }

    /** {@return the nodes, starting with the one described} */
    public List<Node> nodes() {
        return nodes;
    }

    /** {@return the edges, upstream to downstream} */
    public List<Edge> edges() {
        return edges;
    }

    /** {@return whether the graph has a feedback loop} */
    public boolean hasCycle() {
        Map<String, List<String>> out = new HashMap<>();
        for (Edge e : edges) {
            out.computeIfAbsent(e.from(), k -> new ArrayList<>()).add(e.to());
        }
        Map<String, Integer> state = new HashMap<>(); // 1 = on the path, 2 = done
        for (Node n : nodes) {
            if (!state.containsKey(n.key()) && cycleFrom(n.key(), out, state)) {
                return true;
            }
        }
        return false;
    }

    private static boolean cycleFrom(String start, Map<String, List<String>> out, Map<String, Integer> state) {
        // Iterative DFS: graphs can be deep enough to overflow a recursive walk.
        Deque<String> stack = new ArrayDeque<>();
        Deque<java.util.Iterator<String>> its = new ArrayDeque<>();
        state.put(start, 1);
        stack.push(start);
        its.push(out.getOrDefault(start, List.of()).iterator());
        while (!stack.isEmpty()) {
            java.util.Iterator<String> it = its.peek();
            if (it.hasNext()) {
                String next = it.next();
                Integer st = state.get(next);
                if (st != null && st == 1) {
                    return true;
                }
                if (st == null) {
                    state.put(next, 1);
                    stack.push(next);
                    its.push(out.getOrDefault(next, List.of()).iterator());
                }
            } else {
                state.put(stack.pop(), 2);
                its.pop();
            }
        }
        return false;
    }

    /** {@return Graphviz DOT text; accumulating nodes are boxes, others ellipses} */
    public String toDot() {
        StringBuilder sb = new StringBuilder("digraph streamz {\n  rankdir=\"TB\";\n");
        for (Node n : nodes) {
            String shape = n.operator().equals("accumulate") ? "box" : "ellipse";
            sb.append("  ").append(n.key()).append(" [label=\"").append(cleanLabel(label(n)))
              .append("\", shape=").append(shape).append("];\n");
        }
        for (Edge e : edges) {
            sb.append("  ").append(e.from()).append(" -> ").append(e.to()).append(";\n");
        }
        return sb.append("}\n").toString();
    }

    /** {@return Mermaid flowchart text} */
    public String toMermaid() {
        StringBuilder sb = new StringBuilder("flowchart TD\n");
        for (Node n : nodes) {
            sb.append("  ").append(n.key()).append("[\"").append(cleanLabel(label(n))).append("\"]\n");
        }
        for (Edge e : edges) {
            sb.append("  ").append(e.from()).append(" --> ").append(e.to()).append('\n');
        }
        return sb.toString();
    }

    /** {@return JSON: {@code {"nodes":[{key,name,operator,parameters,buffered}],"edges":[{from,to}]}}} */
    public String toJson() {
        StringBuilder sb = new StringBuilder("{\"nodes\":[");
        for (int i = 0; i < nodes.size(); i++) {
            Node n = nodes.get(i);
            if (i > 0) {
                sb.append(',');
            }
            sb.append("{\"key\":").append(json(n.key())).append(",\"name\":").append(json(n.name()))
              .append(",\"operator\":").append(json(n.operator())).append(",\"parameters\":{");
            int j = 0;
            for (Map.Entry<String, String> p : n.parameters().entrySet()) {
                if (j++ > 0) {
                    sb.append(',');
                }
                sb.append(json(p.getKey())).append(':').append(json(p.getValue()));
            }
            sb.append("},\"buffered\":").append(n.buffered()).append('}');
        }
        sb.append("],\"edges\":[");
        for (int i = 0; i < edges.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append("{\"from\":").append(json(edges.get(i).from())).append(",\"to\":")
              .append(json(edges.get(i).to())).append('}');
        }
        return sb.append("]}").toString();
    }

    /**
     * Writes the graph to {@code file}: {@code .dot}, {@code .mmd} and {@code .json} are written as
     * text; {@code .png} and {@code .svg} are rendered with the Graphviz executable {@code dotCommand}.
     *
     * @param file the output file
     * @param dotCommand the Graphviz executable, normally {@code "dot"}
     * @return {@code file}
     */
    public Path render(Path file, String dotCommand) {
        String fileName = file.getFileName().toString();
        int dot = fileName.lastIndexOf('.');
        String ext = dot < 0 ? "" : fileName.substring(dot + 1).toLowerCase(java.util.Locale.ROOT);
        try {
            switch (ext) {
                case "dot" -> Files.writeString(file, toDot());
                case "mmd" -> Files.writeString(file, toMermaid());
                case "json" -> Files.writeString(file, toJson());
                case "png", "svg" -> runDot(file, ext, dotCommand);
                default -> throw new IllegalArgumentException("visualize: unsupported file extension '" + ext
                        + "' in " + file + "; use .png, .svg, .dot, .mmd or .json");
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("visualize: cannot write " + file, e);
        }
        return file;
    }

    private void runDot(Path file, String format, String dotCommand) throws IOException {
        Path dotFile = Files.createTempFile("streamz-graph", ".dot");
        try {
            Files.writeString(dotFile, toDot());
            Process p;
            try {
                p = new ProcessBuilder(dotCommand, "-T" + format, "-o", file.toString(), dotFile.toString())
                        .redirectErrorStream(true).start();
            } catch (IOException e) {
                throw new IllegalStateException("visualize: Graphviz '" + dotCommand + "' is not installed or not"
                        + " on the PATH (install the graphviz package, or write a .dot file instead)", e);
            }
            try {
                if (!p.waitFor(60, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new IllegalStateException("visualize: '" + dotCommand + "' did not finish in 60 s");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                p.destroyForcibly();
                throw new IllegalStateException("visualize: interrupted while rendering", e);
            }
            String output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new IllegalStateException("visualize: '" + dotCommand + "' failed with exit code "
                        + p.exitValue() + ": " + output.strip());
            }
        } finally {
            Files.deleteIfExists(dotFile);
        }
    }

    private static String label(Node n) {
        return n.name().equals(n.operator()) ? n.operator() : n.name() + ": " + n.operator();
    }

    /**
     * streamz's label cleaning: every run of characters outside {@code [A-Za-z0-9_:]} becomes one space,
     * then {@code :} becomes {@code ;} (DOT treats {@code :} as a port separator).
     *
     * @param text a label
     * @return the cleaned label
     */
    public static String cleanLabel(String text) {
        return text.replaceAll("[^a-zA-Z0-9_:]+", " ").replace(':', ';');
    }

    /**
     * Quotes {@code s} as a JSON string, the way {@link #toJson()} writes labels: quotes, backslashes and
     * control characters escaped, everything else as it is. The launcher's JSON lines use it too.
     *
     * @param s the text
     * @return the JSON string literal, quotes included
     */
    public static String jsonString(String s) {
        return json(s);
    }

    private static String json(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
