package dev.streamz.dataframe;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Compares what the Java side computed for one batch with the recorded output for it. */
public final class CaseAssert {
    private CaseAssert() {
    }

    /**
     * @param o a JSON value
     * @return it as a double: NaN for null and "NaN", 1/0 for booleans
     */
    public static double num(Object o) {
        if (o == null || "NaN".equals(o)) {
            return Double.NaN;
        }
        if (o instanceof Boolean b) {
            return b ? 1 : 0;
        }
        if ("Infinity".equals(o)) {
            return Double.POSITIVE_INFINITY;
        }
        if ("-Infinity".equals(o)) {
            return Double.NEGATIVE_INFINITY;
        }
        return ((Number) o).doubleValue();
    }

    static boolean close(double got, double want) {
        if (Double.isNaN(want) || Double.isNaN(got)) {
            return Double.isNaN(want) && Double.isNaN(got);
        }
        return got == want || Math.abs(got - want) <= 1e-9 * Math.max(1.0, Math.abs(want));
    }

    /**
     * Checks one batch's output.
     *
     * @param got a Double (a scalar), a double[] (a streaming series: the new rows' values), a Map of
     *            label to Double (an updating series) or a Map of column to double[] (a frame)
     * @param want the recorded output for the batch
     * @return a description of the mismatch, or null when they agree
     */
    @SuppressWarnings("unchecked")
    public static String mismatch(Object got, Map<String, Object> want) {
        String t = (String) want.get("t");
        switch (t) {
            case "scalar": {
                double w = num(want.get("value"));
                return got instanceof Double g && close(g, w) ? null : "want " + w + ", got " + got;
            }
            case "series": {
                List<Object> values = (List<Object>) want.get("values");
                List<Object> index = (List<Object>) want.get("index");
                if (got instanceof Double g) {
                    // streamz's ewm emits a one-row series: its value is the scalar.
                    return values.size() == 1 && close(g, num(values.get(0))) ? null : "want " + values + ", got " + g;
                }
                if (got instanceof double[] g) {
                    return equal(g, values) ? null : "want " + values + ", got " + java.util.Arrays.toString(g);
                }
                Map<Object, Double> m = (Map<Object, Double>) got;
                List<Object> keys = new ArrayList<>(m.keySet());
                List<Object> wantKeys = new ArrayList<>();
                for (Object k : index) {
                    wantKeys.add(k instanceof Number n ? (Object) n.longValue() : k);
                }
                if (!keys.equals(wantKeys)) {
                    return "want keys " + wantKeys + ", got " + keys;
                }
                double[] g = new double[keys.size()];
                for (int i = 0; i < g.length; i++) {
                    g[i] = m.get(keys.get(i));
                }
                return equal(g, values) ? null : "want " + index + "=" + values + ", got " + m;
            }
            case "frame": {
                Map<String, Object> cols = (Map<String, Object>) want.get("columns");
                Map<String, double[]> g = (Map<String, double[]>) got;
                if (!new ArrayList<>(g.keySet()).equals(new ArrayList<>(cols.keySet()))) {
                    return "want columns " + cols.keySet() + ", got " + g.keySet();
                }
                for (Map.Entry<String, Object> e : cols.entrySet()) {
                    List<Object> values = (List<Object>) ((Map<String, Object>) e.getValue()).get("values");
                    if (!equal(g.get(e.getKey()), values)) {
                        return "column " + e.getKey() + ": want " + values + ", got " + java.util.Arrays.toString(g.get(e.getKey()));
                    }
                }
                return null;
            }
            default:
                return "the case file recorded " + want + " (no output to compare)";
        }
    }

    private static boolean equal(double[] got, List<Object> want) {
        if (got.length != want.size()) {
            return false;
        }
        for (int i = 0; i < got.length; i++) {
            if (!close(got[i], num(want.get(i)))) {
                return false;
            }
        }
        return true;
    }

    /**
     * @param keys labels in order
     * @param values their values
     * @return an ordered map
     */
    public static Map<Object, Double> series(List<Object> keys, double[] values) {
        Map<Object, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            m.put(keys.get(i), values[i]);
        }
        return m;
    }
}
