package dev.streamz.dataframe;

import dev.streamz.dataframe.internal.Agg;
import dev.streamz.dataframe.internal.Checks;
import dev.streamz.dataframe.internal.RowWindow;
import dev.streamz.dataframe.internal.Slice;
import dev.streamz.dataframe.internal.WindowAgg;
import dev.streamz.dataframe.internal.Windowing;
import dev.streamz.frames.ColumnType;

/**
 * Aggregates of one column over a window ({@link StreamingSeries#window(int)},
 * {@link StreamingSeries#window(java.time.Duration)}, {@link StreamingSeries#expanding()}): each an
 * {@link UpdatingScalar}, one value per input batch. The window keeps copies of the values it needs, never the frames.
 */
public final class WindowedSeries {
    private final StreamingSeries series;
    private final Windowing windowing;
    private final String op;

    WindowedSeries(StreamingSeries series, Windowing windowing, String op) {
        this.series = series;
        this.windowing = windowing;
        this.op = op;
    }

    /** {@return the window's sum (0 when it holds no value)} */
    public UpdatingScalar sum() {
        return aggregate(Agg.SUM, 1, "sum");
    }

    /** {@return the window's mean, NaN when it holds no value} */
    public UpdatingScalar mean() {
        return aggregate(Agg.MEAN, 1, "mean");
    }

    /** {@return the number of present values in the window} */
    public UpdatingScalar count() {
        return aggregate(Agg.COUNT, 1, "count");
    }

    /** {@return the number of rows in the window} */
    public UpdatingScalar size() {
        return aggregate(Agg.SIZE, 1, "size");
    }

    /** {@return the window's minimum, NaN when it holds no value} */
    public UpdatingScalar min() {
        return aggregate(Agg.MIN, 1, "min");
    }

    /** {@return the window's maximum, NaN when it holds no value} */
    public UpdatingScalar max() {
        return aggregate(Agg.MAX, 1, "max");
    }

    /**
     * Returns the window's variance, NaN while it holds at most {@code ddof} values.
     *
     * @param ddof delta degrees of freedom (1: the sample variance)
     * @return the window's variance, NaN while it holds at most {@code ddof} values
     */
    public UpdatingScalar var(int ddof) {
        return aggregate(Agg.VAR, ddof, "var");
    }

    /**
     * Returns the window's standard deviation.
     *
     * @param ddof delta degrees of freedom
     * @return the window's standard deviation
     */
    public UpdatingScalar std(int ddof) {
        return aggregate(Agg.STD, ddof, "std");
    }

    private UpdatingScalar aggregate(Agg agg, int ddof, String name) {
        StreamingDataFrame sdf = series.frame();
        String where = op + "." + name + "()";
        if (agg != Agg.SIZE && agg != Agg.COUNT) {
            Checks.numeric(sdf.schema(), series.name(), where);
        }
        int vi = series.position();
        int ti = windowing.timed() ? sdf.schema().indexOf(sdf.index().orElseThrow()) : -1;
        boolean exact = series.type() != ColumnType.FLOAT64 && (agg == Agg.SUM || agg == Agg.MIN || agg == Agg.MAX);
        WindowAgg state = new WindowAgg(windowing, false, false);
        Slice values = new Slice();
        Slice times = new Slice();
        return new UpdatingScalar(where, sdf.stream(), frame -> {
            state.onBatch(Checks.slice(values, frame, vi), null, ti < 0 ? null : Checks.slice(times, frame, ti));
            RowWindow w = state.window();
            if (exact) {
                return agg != Agg.SUM && w.moments().count() == 0 ? Double.NaN : (double) w.longResult(agg);
            }
            return w.result(agg, ddof, 0.5);
        });
    }
}
