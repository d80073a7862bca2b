package dev.streamz.dataframe.internal;

import dev.streamz.ThrowingFunction;
import dev.streamz.frames.ColumnType;
import dev.streamz.frames.Frame;
import dev.streamz.frames.FrameBuilder;
import dev.streamz.frames.RowWriter;
import dev.streamz.frames.Schema;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns each list of a core {@code Batch} into one frame (streamz's {@code Batch.to_dataframe}): one row per
 * item, written into a reused, lent frame, so nothing is allocated per row beyond what the writer does.
 *
 * @param <T> the item type
 */
public final class BatchFrames<T> implements ThrowingFunction<List<T>, Frame> {
    private final RowWriter<? super T> writer;
    private final OutputFrame frames;
    private FrameBuilder builder;

    /**
     * @param schema the frames' schema
     * @param writer writes one item as one row
     */
    public BatchFrames(Schema schema, RowWriter<? super T> writer) {
        this.writer = writer;
        this.frames = new OutputFrame("toDataFrame", schema);
    }

    /** @return where the frames are written (to emit them with {@link LendingMap}) */
    public OutputFrame frames() {
        return frames;
    }

    @Override
    public Frame applyChecked(List<T> items) {
        if (items == null) {
            throw new NullPointerException("toDataFrame: a batch must not be null");
        }
        Frame f = frames.next(items.size());
        builder = builder == null ? FrameBuilder.into(f) : builder.reset(f);
        int n = items.size();
        for (int i = 0; i < n; i++) {
            writer.write(items.get(i), builder);
            builder.endRow();
        }
        return builder.build();
    }

    /**
     * A writer of records (maps from column name to value, streamz's list of dicts): numbers for numeric
     * columns (whole numbers for int32/int64), {@code Boolean}, {@code String} for categories, {@code Instant}
     * or epoch nanoseconds for timestamps; a missing key or null value is a null row.
     *
     * @param schema the columns
     * @return the writer
     */
    public static RowWriter<Map<String, ?>> records(Schema schema) {
        int n = schema.size();
        String[] names = schema.names().toArray(new String[0]);
        ColumnType[] types = schema.types();
        return (item, row) -> {
            if (item == null) {
                throw new NullPointerException("toDataFrame: a record must not be null");
            }
            int present = 0;
            for (int c = 0; c < n; c++) {
                Object v = item.get(names[c]);
                if (v == null) {
                    present += item.containsKey(names[c]) ? 1 : 0;
                    row.addNull();
                    continue;
                }
                present++;
                switch (types[c]) {
                    case INT32 -> row.addInt((int) whole(v, names[c], item));
                    case INT64 -> row.addLong(whole(v, names[c], item));
                    case FLOAT64 -> row.addDouble(number(v, names[c], item).doubleValue());
                    case BOOLEAN -> row.addBoolean(v instanceof Boolean b ? b : wrong(v, names[c], "a Boolean", item));
                    case CATEGORY -> row.addString(v instanceof String s ? s : wrong(v, names[c], "a String", item));
                    case TIMESTAMP -> {
                        if (v instanceof Instant t) {
                            row.addTimestamp(t);
                        } else {
                            row.addTimestamp(whole(v, names[c], item));
                        }
                    }
                }
            }
            if (present != item.size()) {
                List<Object> unknown = new ArrayList<>(item.keySet());
                unknown.removeAll(schema.names());
                throw new IllegalArgumentException("toDataFrame: record " + item + " has keys " + unknown
                        + " that are not columns of " + schema);
            }
        };
    }

    private static Number number(Object v, String column, Map<String, ?> item) {
        return v instanceof Number x ? x : wrong(v, column, "a number", item);
    }

    private static long whole(Object v, String column, Map<String, ?> item) {
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        return wrong(v, column, "a whole number (Long, Integer, Short or Byte)", item);
    }

    private static <X> X wrong(Object v, String column, String wanted, Map<String, ?> item) {
        throw new IllegalArgumentException("toDataFrame: column '" + column + "' needs " + wanted + ", got "
                + v.getClass().getSimpleName() + " " + v + " in record " + item);
    }
}
