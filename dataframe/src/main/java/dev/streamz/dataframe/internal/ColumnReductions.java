package dev.streamz.dataframe.internal;

import dev.streamz.frames.Column;
import dev.streamz.frames.Frame;
import dev.streamz.frames.Schema;

/**
 * One reduction of several columns at once ({@code sdf.sum()}, {@code sdf.window(n).mean()}): per column
 * the running state of {@link AllTime} (all time) or a {@link WindowAgg} (a window), updated in one pass
 * over each column per batch, and written into a series frame (index: the column names; values: the
 * results, float64) that is reused from batch to batch.
 */
public final class ColumnReductions {
    private final int[] positions;
    private final String[] names;
    private final boolean[] integral;
    private final Agg agg;
    private final int ddof;
    private final AllTime[] allTime;
    private final WindowAgg[] windows;
    private final int timeAt;
    private final Slice slice = new Slice();
    private final Slice times = new Slice();
    private final OutputFrame frames;

    /** {@return where this writes its results, for the emitting node's hand-over} */
    public OutputFrame frames() {
        return frames;
    }

    /**
     * @param schema the batches' schema
     * @param columns the reduced columns, numeric
     * @param windowing all time (expanding) or a window
     * @param timeAt the timestamp index's position for a time window, else -1
     * @param agg the reduction
     * @param ddof delta degrees of freedom for VAR and STD
     * @param op the operation, for the output frames' name
     * @param out the output's schema: a category index, then a float64 values column
     */
    public ColumnReductions(Schema schema, String[] columns, Windowing windowing, int timeAt, Agg agg, int ddof,
                            String op, Schema out) {
        int n = columns.length;
        this.positions = new int[n];
        this.names = columns.clone();
        this.integral = new boolean[n];
        this.agg = agg;
        this.ddof = ddof;
        this.timeAt = timeAt;
        boolean expanding = windowing.isExpanding();
        this.allTime = expanding ? new AllTime[n] : null;
        this.windows = expanding ? null : new WindowAgg[n];
        for (int c = 0; c < n; c++) {
            positions[c] = schema.indexOf(columns[c]);
            integral[c] = schema.field(positions[c]).type() != dev.streamz.frames.ColumnType.FLOAT64;
            if (expanding) {
                allTime[c] = new AllTime();
            } else {
                windows[c] = new WindowAgg(windowing, false, false);
            }
        }
        this.frames = new OutputFrame(op, out);
    }

    /**
     * Takes one batch in.
     *
     * @param frame the batch
     * @return the lent series frame: one row per column, in column order
     */
    public Frame onBatch(Frame frame) {
        int n = positions.length;
        Frame o = frames.next(n);
        Column index = o.column(0);
        Column values = o.column(1);
        for (int c = 0; c < n; c++) {
            Slice s = Checks.slice(slice, frame, positions[c]);
            double r;
            boolean exact = integral[c] && (agg == Agg.SUM || agg == Agg.MIN || agg == Agg.MAX);
            if (allTime != null) {
                allTime[c].add(s);
                r = exact ? exactOrNaN(allTime[c].result(Agg.COUNT, 0), allTime[c].longResult(agg))
                        : allTime[c].result(agg, ddof);
            } else {
                windows[c].onBatch(s, null, timeAt < 0 ? null : Checks.slice(times, frame, timeAt));
                RowWindow w = windows[c].window();
                r = exact ? exactOrNaN(w.moments().count(), w.longResult(agg)) : w.result(agg, ddof, 0.5);
            }
            index.setString(c, names[c]);
            values.setDouble(c, r);
        }
        o.setRowCount(n);
        return o;
    }

    private double exactOrNaN(double count, long value) {
        return agg != Agg.SUM && count == 0 ? Double.NaN : (double) value;
    }
}
