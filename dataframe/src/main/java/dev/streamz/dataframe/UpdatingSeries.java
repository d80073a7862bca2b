package dev.streamz.dataframe;

import dev.streamz.Stream;
import dev.streamz.ThrowingFunction;
import dev.streamz.frames.Column;
import dev.streamz.frames.ColumnType;
import dev.streamz.frames.Frame;
import dev.streamz.frames.Schema;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An updating series (streamz's {@code Seriess}, such as {@code sdf.groupby('k').x.sum()} or
 * {@code sdf.x.value_counts()}): once per input batch, empty batches included, a whole series that
 * replaces the last one. Each emission is a two-column {@link Frame}: column 0 is the index (the group
 * key, or the counted value), column 1 the float64 values, one row per label in index order.
 *
 * <pre>{@code
 * UpdatingSeries means = sdf.groupby("name").mean("amount");
 * means.toMaps().sink(m -> System.out.println(m));          // {Alice=20.0, Bob=20.0}
 * means.stream().sink(f -> draw(f.column(0), f.column(1))); // the frame itself, no per-label objects
 * }</pre>
 *
 * <p><b>Frames are lent.</b> An emitted frame is valid until the operation's next emission and is then
 * overwritten; {@link Frame#retain()} one to keep it (the operation then writes into a fresh frame), and
 * release it when done. {@link #toMaps()} copies each emission into a map, which is simpler and allocates
 * per label.
 */
public final class UpdatingSeries {
    private final Stream<Frame> stream;
    private final Schema schema;

    /**
     * @param stream the emitted frames
     * @param schema their schema: the index column, then the values column
     */
    UpdatingSeries(Stream<Frame> stream, Schema schema) {
        this.stream = stream;
        this.schema = schema;
    }

    /** {@return the values' name: the aggregated column, or {@code count} / {@code size}} */
    public String name() {
        return schema.field(1).name();
    }

    /** {@return the index column's name (the group key, or the counted column)} */
    public String index() {
        return schema.field(0).name();
    }

    /** {@return the schema of every emitted frame: the index, then the values} */
    public Schema schema() {
        return schema;
    }

    /** {@return the emitted series, one lent frame per input batch} */
    public Stream<Frame> stream() {
        return stream;
    }

    /**
     * Each emission as an ordered map from label to value (what pandas' {@code Series.to_dict()} gives):
     * int keys as {@code Long}, category labels as {@code String}, booleans as {@code Boolean}.
     *
     * @return one new map per input batch
     */
    public Stream<Map<Object, Double>> toMaps() {
        ThrowingFunction<Frame, Map<Object, Double>> f = UpdatingSeries::toMap;
        return stream.map(f);
    }

    /**
     * One series frame as an ordered map from label to value.
     *
     * @param frame a frame of this kind's schema: index, then float64 values
     * @return the map, in the frame's row order
     */
    static Map<Object, Double> toMap(Frame frame) {
        Column index = frame.column(0);
        Column values = frame.column(1);
        Map<Object, Double> out = new LinkedHashMap<>();
        for (int i = 0; i < frame.rowCount(); i++) {
            out.put(index.get(i), value(values, i));
        }
        return out;
    }

    static double value(Column c, int i) {
        if (c.isNull(i)) {
            return Double.NaN;
        }
        return switch (c.type()) {
            case FLOAT64 -> c.getDouble(i);
            case INT64 -> c.getLong(i);
            case INT32 -> c.getInt(i);
            case BOOLEAN -> c.getBoolean(i) ? 1 : 0;
            default -> throw new IllegalArgumentException("column '" + c.name() + "' is " + c.type() + ", not a number");
        };
    }

    /**
     * The index type a key column of type {@code t} gives: int32 keys widen to int64.
     *
     * @param t the key column's type
     * @return the index column's type
     */
    static ColumnType indexType(ColumnType t) {
        return t == ColumnType.INT32 ? ColumnType.INT64 : t;
    }

    @Override
    public String toString() {
        return "UpdatingSeries" + schema;
    }
}
