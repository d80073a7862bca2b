package dev.streamz.dataframe;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The conformance cases in {@code streamz-cases/cases.json} (written by {@code streamz-cases/cases.py} from streamz
 * 0.6.4 and pandas): per case its input batches, streamz's output per batch and, where we deliberately
 * differ or streamz lacks the operation, the expected output computed with pandas.
 */
public final class StreamzCases {
    private static List<Case> all;

    private StreamzCases() {
    }

    /**
     * One input batch.
     *
     * @param index the row labels (row numbers, or epoch nanoseconds for a timestamp index)
     * @param columns the column values by name: Long, Double, "NaN", String, Boolean or null
     */
    public record Batch(List<Object> index, Map<String, List<Object>> columns) {
        /** @return the number of rows */
        public int rows() {
            return index.size();
        }
    }

    /**
     * One case.
     *
     * @param id its id, starting with the conformance page's case id ({@code L18.w4.mean})
     * @param description what it checks
     * @param op the streamz expression
     * @param kind streaming or updating, and scalar, series or frame
     * @param dtypes the pandas dtype per column
     * @param timeIndex whether the index is a timestamp index
     * @param batches the input batches
     * @param expected one output per batch (streamz's, or pandas' where we differ)
     * @param difference why we differ from streamz, or null
     */
    public record Case(String id, String description, String op, String kind, Map<String, String> dtypes,
                       boolean timeIndex, List<Batch> batches, List<Map<String, Object>> expected,
                       String difference) {
    }

    /** @return every case of cases.json, in file order */
    public static synchronized List<Case> all() {
        if (all == null) {
            all = load("cases.json");
        }
        return all;
    }

    /**
     * @param file a case file beside cases.json, such as {@code updating-cases.json}
     * @return its cases, in file order
     */
    @SuppressWarnings("unchecked")
    public static List<Case> load(String file) {
        String text;
        try (InputStream in = StreamzCases.class.getResourceAsStream("/streamz-cases/" + file)) {
            if (in == null) {
                throw new IllegalStateException("streamz-cases/" + file + " is not on the test class path");
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Object> root = (Map<String, Object>) Json.parse(text);
        List<Case> cases = new ArrayList<>();
        for (Object o : (List<Object>) root.get("cases")) {
            Map<String, Object> c = (Map<String, Object>) o;
            List<Batch> batches = new ArrayList<>();
            for (Object b : (List<Object>) c.get("batches")) {
                Map<String, Object> bm = (Map<String, Object>) b;
                batches.add(new Batch((List<Object>) bm.get("index"), (Map<String, List<Object>>) bm.get("columns")));
            }
            Object exp = c.containsKey("expected") ? c.get("expected") : c.get("streamz");
            cases.add(new Case((String) c.get("id"), (String) c.get("description"), (String) c.get("op"),
                    (String) c.get("kind"), (Map<String, String>) c.get("dtypes"),
                    Boolean.TRUE.equals(c.get("timeIndex")), batches, (List<Map<String, Object>>) exp,
                    (String) c.get("difference")));
        }
        return List.copyOf(cases);
    }

    /**
     * @param prefix a case id or its start, such as {@code L18.w4.}
     * @return the cases whose id starts with it (at least one, or the test fails)
     */
    public static List<Case> startingWith(String prefix) {
        List<Case> out = all().stream().filter(c -> c.id().startsWith(prefix)).toList();
        if (out.isEmpty()) {
            throw new AssertionError("no case starts with " + prefix);
        }
        return out;
    }

    /**
     * @param id a case id
     * @return that case
     */
    public static Case get(String id) {
        return all().stream().filter(c -> c.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no case " + id));
    }
}
