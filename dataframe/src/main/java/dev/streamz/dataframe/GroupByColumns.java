package dev.streamz.dataframe;

import dev.streamz.ThrowingFunction;
import dev.streamz.dataframe.internal.Agg;
import dev.streamz.dataframe.internal.GroupColumns;
import dev.streamz.dataframe.internal.LendingMap;
import dev.streamz.dataframe.internal.Windowing;
import dev.streamz.frames.ColumnType;
import dev.streamz.frames.Frame;
import dev.streamz.frames.Schema;

/**
 * A group-by of several value columns at once (pandas' {@code sdf.groupby('k')[['v', 'w']]}, or
 * {@code sdf.groupby('k')} of a whole frame): each aggregation gives an {@link UpdatingDataFrame}, one
 * frame per input batch whose index (column 0) is the key and whose other columns are the value columns'
 * aggregates (float64), one row per group in key order. Over all time or within the window the group-by
 * came from.
 */
public final class GroupByColumns {
    private final StreamingDataFrame sdf;
    private final String key;
    private final String indexName;
    private final String[] columns;
    private final Windowing windowing;
    private final String op;

    GroupByColumns(StreamingDataFrame sdf, String key, String indexName, String[] columns, Windowing windowing,
                   String op) {
        this.sdf = sdf;
        this.key = key;
        this.indexName = java.util.List.of(columns).contains(indexName) ? "index" : indexName;
        this.columns = columns;
        this.windowing = windowing;
        this.op = op;
    }

    /** {@return the value columns, in order} */
    public java.util.List<String> columns() {
        return java.util.List.of(columns);
    }

    /** {@return per-key sums of each value column} */
    public UpdatingDataFrame sum() {
        return aggregate(Agg.SUM, 1, "sum");
    }

    /** {@return per-key means of each value column, NaN where a group has no value} */
    public UpdatingDataFrame mean() {
        return aggregate(Agg.MEAN, 1, "mean");
    }

    /** {@return per-key counts of present values of each value column} */
    public UpdatingDataFrame count() {
        return aggregate(Agg.COUNT, 1, "count");
    }

    /** {@return per-key minima of each value column} */
    public UpdatingDataFrame min() {
        return aggregate(Agg.MIN, 1, "min");
    }

    /** {@return per-key maxima of each value column} */
    public UpdatingDataFrame max() {
        return aggregate(Agg.MAX, 1, "max");
    }

    /**
     * Returns per-key variances of each value column.
     *
     * @param ddof delta degrees of freedom (1: the sample variance)
     * @return the variances
     */
    public UpdatingDataFrame var(int ddof) {
        return aggregate(Agg.VAR, ddof, "var");
    }

    /**
     * Returns per-key standard deviations of each value column.
     *
     * @param ddof delta degrees of freedom
     * @return the standard deviations
     */
    public UpdatingDataFrame std(int ddof) {
        return aggregate(Agg.STD, ddof, "std");
    }

    Schema outSchema() {
        Schema schema = sdf.schema();
        ColumnType keyType = schema.field(schema.indexOf(key)).type();
        Schema.Field[] fields = new Schema.Field[columns.length + 1];
        fields[0] = new Schema.Field(indexName, keyType == ColumnType.INT32 ? ColumnType.INT64 : keyType);
        for (int c = 0; c < columns.length; c++) {
            fields[c + 1] = new Schema.Field(columns[c], ColumnType.FLOAT64);
        }
        return Schema.of(fields);
    }

    private UpdatingDataFrame aggregate(Agg agg, int ddof, String name) {
        String where = op + "." + name + "()";
        int ti = WindowRows.timeAt(sdf, windowing);
        GroupColumns state = new GroupColumns(sdf.schema(), key, columns, windowing, ti, agg, ddof, where, outSchema());
        ThrowingFunction<Frame, Frame> f = state::onBatch;
        return new UpdatingDataFrame(new LendingMap<>(sdf.stream(), where, state.frames(), f), outSchema());
    }
}
