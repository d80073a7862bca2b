package dev.streamz.dataframe;

import dev.streamz.dataframe.StreamzCases.Batch;
import dev.streamz.dataframe.StreamzCases.Case;
import dev.streamz.frames.Column;
import dev.streamz.frames.ColumnType;
import dev.streamz.frames.Frame;
import dev.streamz.frames.FrameBuilder;
import dev.streamz.frames.Schema;

import java.util.List;
import java.util.Map;

/** Real frames from the recorded cases' batches (built with {@link FrameBuilder}). */
public final class CaseFrames {
    private CaseFrames() {
    }

    /**
     * The schema of a case: its columns, then a timestamp index column "ts" when it has a time index.
     *
     * @param c the case
     * @return the schema
     */
    public static Schema schema(Case c) {
        Schema.Builder b = Schema.builder();
        c.dtypes().forEach((name, dtype) -> {
            switch (dtype) {
                case "float64" -> b.float64(name);
                case "int64" -> b.int64(name);
                case "bool" -> b.bool(name);
                default -> b.category(name);
            }
        });
        if (c.timeIndex()) {
            b.timestamp("ts");
        }
        return b.build();
    }

    public static Frame frame(Case c, Schema schema, Batch batch) {
        int n = batch.rows();
        FrameBuilder fb = FrameBuilder.of(schema, Math.max(1, n));
        // A pandas category column carries its categories even where a batch lacks some: the frame's
        // dictionary holds every label of the case, in sorted order.
        c.dtypes().forEach((name, dtype) -> {
            if (dtype.equals("category")) {
                for (String label : dev.streamz.dataframe.internal.TestColumns.dictionary(c, name)) {
                    fb.frame().column(name).dictionary().encode(label);
                }
            }
        });
        if (n == 0) {
            return fb.build();
        }
        for (Map.Entry<String, String> e : c.dtypes().entrySet()) {
            List<Object> v = batch.columns().get(e.getKey());
            boolean[] nulls = new boolean[n];
            for (int i = 0; i < n; i++) {
                nulls[i] = v.get(i) == null;
            }
            switch (e.getValue()) {
                case "float64" -> {
                    double[] d = new double[n];
                    for (int i = 0; i < n; i++) {
                        d[i] = CaseAssert.num(v.get(i));
                    }
                    fb.column(e.getKey(), d);
                }
                case "int64" -> {
                    long[] l = new long[n];
                    for (int i = 0; i < n; i++) {
                        l[i] = v.get(i) == null ? 0 : ((Number) v.get(i)).longValue();
                    }
                    fb.column(e.getKey(), l);
                }
                default -> {
                    String[] s = new String[n];
                    for (int i = 0; i < n; i++) {
                        s[i] = (String) v.get(i);
                    }
                    fb.column(e.getKey(), s);
                }
            }
            fb.nulls(e.getKey(), nulls);
        }
        if (c.timeIndex()) {
            long[] ts = new long[n];
            for (int i = 0; i < n; i++) {
                ts[i] = ((Number) batch.index().get(i)).longValue();
            }
            fb.column("ts", ts);
        }
        return fb.build();
    }

    public static double[] values(Frame f, String column) {
        Column c = f.column(column);
        double[] d = new double[f.rowCount()];
        for (int i = 0; i < d.length; i++) {
            d[i] = c.isNull(i) ? Double.NaN : c.type() == ColumnType.FLOAT64 ? c.getDouble(i) : c.getLong(i);
        }
        return d;
    }

}
