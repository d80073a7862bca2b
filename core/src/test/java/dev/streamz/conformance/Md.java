package dev.streamz.conformance;

import dev.streamz.RefCounter;
import dev.streamz.Stream;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * streamz's test helper {@code utils_test.metadata}, written {@code MD(node)} here: records the metadata list of
 * every element {@code node} emits, only when that list is non-empty, with the {@code "ref"} entries
 * removed from each map (expected metadata is written with only the other keys).
 *
 * <p>Also holds small builders for metadata lists, so tests read like streamz's own:
 * {@code s.emit(1, Md.v(1, r))} is streamz's {@code emit(1, metadata=[{'v': 1, 'ref': r}])}.
 */
final class Md {
    private final List<List<Map<String, Object>>> seen = new ArrayList<>();

    private Md() {
    }

    /**
     * Attaches a metadata recorder downstream of {@code node}.
     *
     * @param node the node to watch
     * @param <T> its element type
     * @return the recorder
     */
    static <T> Md of(Stream<T> node) {
        Md md = new Md();
        node.sinkWithMetadata((x, m) -> md.record(m));
        return md;
    }

    private void record(List<Map<String, Object>> metadata) {
        if (metadata.isEmpty()) {
            return;
        }
        List<Map<String, Object>> out = new ArrayList<>(metadata.size());
        for (Map<String, Object> m : metadata) {
            Map<String, Object> copy = new LinkedHashMap<>(m);
            copy.remove(RefCounter.METADATA_KEY);
            out.add(Collections.unmodifiableMap(copy));
        }
        seen.add(Collections.unmodifiableList(out));
    }

    /** @return the recorded metadata lists, in emission order */
    List<List<Map<String, Object>>> list() {
        return Collections.unmodifiableList(seen);
    }

    /** @return {@code [{v: value}]} */
    static List<Map<String, Object>> v(Object value) {
        return List.of(Map.of("v", value));
    }

    /** @return {@code [{v: value, ref: ref}]} */
    static List<Map<String, Object>> v(Object value, RefCounter ref) {
        return List.of(Map.of("v", value, RefCounter.METADATA_KEY, ref));
    }

    /** @return {@code [{ref: ref}]} */
    static List<Map<String, Object>> ref(RefCounter ref) {
        return List.of(Map.of(RefCounter.METADATA_KEY, ref));
    }

    /** @return the map {@code {v: value}}, as MD shows it */
    static Map<String, Object> m(Object value) {
        return Map.of("v", value);
    }

    /** @return the expected MD output: a list of metadata lists */
    @SafeVarargs
    static List<List<Map<String, Object>>> expect(List<Map<String, Object>>... lists) {
        List<List<Map<String, Object>>> out = new ArrayList<>(lists.length);
        for (List<Map<String, Object>> l : lists) { // element by element: the varargs array must not escape
            out.add(l);
        }
        return List.copyOf(out);
    }

    /** @return one expected metadata list of {@code {v: value}} maps */
    static List<Map<String, Object>> vs(Object... values) {
        List<Map<String, Object>> out = new ArrayList<>(values.length);
        for (Object value : values) {
            out.add(m(value));
        }
        return out;
    }

    /** @return the counts of {@code refs}, for one-line assertions */
    static List<Integer> counts(RefCounter... refs) {
        List<Integer> out = new ArrayList<>(refs.length);
        for (RefCounter r : refs) {
            out.add(r.count());
        }
        return out;
    }

    /** @return the counts of {@code refs} */
    static List<Integer> counts(List<RefCounter> refs) {
        return counts(refs.toArray(new RefCounter[0]));
    }
}
