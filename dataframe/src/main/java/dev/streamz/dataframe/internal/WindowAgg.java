package dev.streamz.dataframe.internal;

/**
 * A windowed aggregation of one column ({@code window(n).x.sum()}, {@code window(Duration).x.mean()},
 * {@code expanding().x.var()}, optionally grouped): after each batch, the aggregate over the rows the
 * window keeps. One pass over the batch's rows; rows that leave are subtracted, so the cost per batch
 * follows the batch, not the window.
 */
public final class WindowAgg {
    private final Windowing windowing;
    private final RowWindow window;
    private final GroupTable groups;

    /**
     * @param windowing which rows are kept
     * @param grouped whether rows carry a group key
     * @param orderStatistics whether median/quantile are needed
     */
    public WindowAgg(Windowing windowing, boolean grouped, boolean orderStatistics) {
        this(windowing, grouped, orderStatistics, false);
    }

    /**
     * @param windowing which rows are kept
     * @param grouped whether rows carry a group key
     * @param orderStatistics whether median/quantile are needed
     * @param groupExtremes whether a grouped window needs per-group min/max (kept in per-group deques)
     */
    public WindowAgg(Windowing windowing, boolean grouped, boolean orderStatistics, boolean groupExtremes) {
        this.windowing = windowing;
        boolean retain = !windowing.isExpanding();
        this.groups = grouped ? new GroupTable(retain && groupExtremes) : null;
        // An expanding window never evicts: it keeps the running state only, not the rows.
        this.window = new RowWindow(orderStatistics, groups, retain);
    }

    /**
     * Takes one batch in.
     *
     * @param values the aggregated column
     * @param keys the group keys (same rows), or {@code null} when not grouped
     * @param timestamps the timestamp index (same rows), or {@code null} when the window is not timed
     */
    public void onBatch(Slice values, Slice keys, Slice timestamps) {
        onBatch(values, keys, null, timestamps);
    }

    /**
     * Takes one batch in, translating category codes to stable keys.
     *
     * @param values the aggregated column
     * @param keys the group keys (same rows), or {@code null} when not grouped
     * @param translate maps each key code to the key to use, or {@code null} to use codes as they are
     * @param timestamps the timestamp index (same rows), or {@code null} when the window is not timed
     */
    public void onBatch(Slice values, Slice keys, int[] translate, Slice timestamps) {
        int rows = values.rows();
        for (int i = 0; i < rows; i++) {
            long ts = timestamps == null ? 0 : timestamps.l(i);
            long key;
            if (keys == null) {
                key = 0;
            } else if (keys.isNull(i)) {
                key = GroupTable.NO_GROUP; // pandas drops null keys; the row still fills the window
            } else {
                key = translate == null ? keys.l(i) : translate[(int) keys.l(i)];
            }
            boolean missing = values.missing(i);
            double d = values.d(i);
            long l = values.l(i);
            if (groups != null && key != GroupTable.NO_GROUP) {
                groups.add(window.nextSeq(), key, missing, d, l);
            }
            window.push(ts, key, missing, d, l);
            // Evicting per row keeps the window (and its deques) at its bound, even within a huge batch.
            if (windowing.rows() > 0) {
                window.evictToCount(windowing.rows());
            }
        }
        windowing.evict(window);
    }

    /** @return the rows the window keeps */
    public RowWindow window() {
        return window;
    }

    /** @return the per-group state, or {@code null} when not grouped */
    public GroupTable groups() {
        return groups;
    }
}
