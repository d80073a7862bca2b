package dev.streamz.dataframe;

import dev.streamz.Stream;
import dev.streamz.ThrowingFunction;
import dev.streamz.dataframe.internal.Checks;
import dev.streamz.dataframe.internal.ColumnCopy;
import dev.streamz.dataframe.internal.OutputFrame;
import dev.streamz.frames.Column;
import dev.streamz.frames.Frame;
import dev.streamz.frames.Schema;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An updating DataFrame (streamz's {@code DataFrames}): once per input batch, empty batches included, a
 * whole table that replaces the last one, such as per-key aggregates of several columns. Each emission is a
 * {@link Frame} whose column 0 is the index (the group key) and whose other columns are the values, one
 * row per label in index order.
 *
 * <p><b>Frames are lent</b>, as an {@link UpdatingSeries}'s: valid until the operation's next emission;
 * {@link Frame#retain()} one to keep it. {@link #toMaps()} copies each emission.
 */
public final class UpdatingDataFrame {
    private final Stream<Frame> stream;
    private final Schema schema;

    /**
     * @param stream the emitted frames
     * @param schema their schema: the index column, then the value columns
     */
    UpdatingDataFrame(Stream<Frame> stream, Schema schema) {
        this.stream = stream;
        this.schema = schema;
    }

    /** {@return the schema of every emitted frame: the index, then the value columns} */
    public Schema schema() {
        return schema;
    }

    /** {@return the index column's name} */
    public String index() {
        return schema.field(0).name();
    }

    /** {@return the value columns' names, in order} */
    public List<String> columns() {
        return schema.names().subList(1, schema.size());
    }

    /** {@return the emitted tables, one lent frame per input batch} */
    public Stream<Frame> stream() {
        return stream;
    }

    /**
     * One value column with the index, as an updating series (pandas' {@code df['x']}); the index and
     * the column are copied into the series' own lent frame, a block copy per batch.
     *
     * @param column a value column
     * @return the series
     * @throws IllegalArgumentException when there is no such value column
     */
    public UpdatingSeries col(String column) {
        Checks.column(schema, column, "col");
        int from = schema.indexOf(column);
        if (from == 0) {
            throw new IllegalArgumentException("col: '" + column + "' is the index, not a value column (columns: "
                    + columns() + ")");
        }
        Schema out = Schema.of(schema.field(0), schema.field(from));
        OutputFrame frames = new OutputFrame("col('" + column + "')", out);
        ThrowingFunction<Frame, Frame> f = frame -> {
            int rows = frame.rowCount();
            Frame o = frames.next(rows);
            ColumnCopy.copy(frame.column(0), o.column(0), rows);
            ColumnCopy.copy(frame.column(from), o.column(1), rows);
            o.setRowCount(rows);
            return o;
        };
        return new UpdatingSeries(stream.map(f), out);
    }

    /**
     * Each emission as column → (label → value), in order (what pandas' {@code DataFrame.to_dict()} gives).
     *
     * @return one new map per input batch
     */
    public Stream<Map<String, Map<Object, Double>>> toMaps() {
        ThrowingFunction<Frame, Map<String, Map<Object, Double>>> f = frame -> {
            Column index = frame.column(0);
            Map<String, Map<Object, Double>> out = new LinkedHashMap<>();
            for (int c = 1; c < frame.columnCount(); c++) {
                Column values = frame.column(c);
                Map<Object, Double> m = new LinkedHashMap<>();
                for (int i = 0; i < frame.rowCount(); i++) {
                    m.put(index.get(i), UpdatingSeries.value(values, i));
                }
                out.put(values.name(), m);
            }
            return out;
        };
        return stream.map(f);
    }

    @Override
    public String toString() {
        return "UpdatingDataFrame" + schema;
    }
}
