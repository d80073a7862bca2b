package dev.streamz.dataframe.internal;

/**
 * Reductions of one column over every row seen (streamz's {@code sdf.x.sum()} and friends, and
 * {@code expanding()}): each batch is summarised in one pass over its column and merged into the state,
 * so the state is a few numbers whatever the number of rows.
 */
public final class AllTime {
    private final Moments total = new Moments();
    private final Moments batch = new Moments();
    private double min = Double.NaN;
    private double max = Double.NaN;
    private long longMin;
    private long longMax;

    /**
     * Takes one batch in.
     *
     * @param s the column's rows in this batch
     */
    public void add(Slice s) {
        total.merge(batch.summarise(s));
        int rows = s.rows();
        boolean integral = s.integral();
        for (int i = 0; i < rows; i++) {
            if (s.missing(i)) {
                continue;
            }
            double d = s.d(i);
            if (Double.isNaN(min) || d < min) {
                min = d;
                if (integral) {
                    longMin = s.l(i);
                }
            }
            if (Double.isNaN(max) || d > max) {
                max = d;
                if (integral) {
                    longMax = s.l(i);
                }
            }
        }
    }

    /** Forgets every row: the state of a new operation (an updating input reduces each emission alone). */
    public void reset() {
        total.clear();
        min = Double.NaN;
        max = Double.NaN;
        longMin = 0;
        longMax = 0;
    }

    /**
     * The reduction as an operation emits it: exact whole numbers for the sum, minimum and maximum of an
     * integral column (NaN for the minimum and maximum while there is no value).
     *
     * @param agg SUM, MEAN, COUNT, SIZE, VAR, STD, MIN or MAX
     * @param ddof delta degrees of freedom for VAR and STD
     * @param integral whether the column holds whole numbers
     * @return the reduction over every row so far
     */
    public double value(Agg agg, int ddof, boolean integral) {
        if (integral && (agg == Agg.SUM || agg == Agg.MIN || agg == Agg.MAX)) {
            return agg != Agg.SUM && total.count() == 0 ? Double.NaN : (double) longResult(agg);
        }
        return result(agg, ddof);
    }

    /**
     * @param agg SUM, MEAN, COUNT, SIZE, VAR, STD, MIN or MAX
     * @param ddof delta degrees of freedom for VAR and STD
     * @return the reduction over every row so far
     */
    public double result(Agg agg, int ddof) {
        return switch (agg) {
            case SUM -> total.sum();
            case MEAN -> total.mean();
            case COUNT -> total.count();
            case SIZE -> total.size();
            case VAR -> total.var(ddof);
            case STD -> Math.sqrt(total.var(ddof));
            case MIN -> min;
            case MAX -> max;
            case MEDIAN, QUANTILE -> throw new IllegalArgumentException("AllTime: " + agg + " needs every row; use rolling");
        };
    }

    /**
     * @param agg SUM, MIN or MAX
     * @return the exact whole-number result for an integral column
     */
    public long longResult(Agg agg) {
        return switch (agg) {
            case SUM -> total.longSum();
            case MIN -> longMin;
            case MAX -> longMax;
            case COUNT -> total.count();
            case SIZE -> total.size();
            default -> throw new IllegalArgumentException("AllTime: no whole-number result for " + agg);
        };
    }
}
