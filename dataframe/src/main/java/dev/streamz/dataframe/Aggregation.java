package dev.streamz.dataframe;

import dev.streamz.frames.Schema;

/**
 * A user-defined aggregation (streamz's {@code Aggregation}): it folds rows into a state as they enter
 * and, in a window, as they leave, and reads its result from the state. The same aggregation works over
 * all time ({@link StreamingDataFrame#aggregate}, {@link StreamingSeries#aggregate}), in
 * {@code window(n)}, {@code window(Duration)}, {@code expanding()}, {@code rolling(n | Duration)} and
 * per group of a group-by.
 *
 * <p>How it is driven, per input batch (as streamz's {@code window_accumulator}):
 * <ol>
 *   <li>{@link #initial} once, when the first batch arrives (per group: when the group appears), with the
 *       schema of the rows the aggregation will see;</li>
 *   <li>{@link #onNew} with the batch's rows (also for an empty batch);</li>
 *   <li>{@link #onOld} once per piece of rows that left the window, oldest first, where a piece is the
 *       rows of one earlier batch (streamz's "decayed pieces"); never with no rows;</li>
 *   <li>{@link #result} once, after those calls: what the operation emits for the batch.</li>
 * </ol>
 * In {@code rolling}, the calls happen per row: {@code onNew} with the one new row, {@code onOld} with the
 * rows it pushed out, then {@code result}. In a group-by each group has its own state and sees only its
 * own rows; a group whose rows all left the window is dropped with its state.
 *
 * <p>Differences from streamz: streamz's {@code on_new}/{@code on_old} return {@code (state, result)} and
 * the last result is emitted; here they return the state, and {@link #result} reads the result from it
 * after the batch's calls, so an aggregation keeps in its state what its result needs. Rows are
 * {@link Rows} views read as primitives (no pandas objects, nothing boxed): an aggregation whose state is
 * a mutable holder it returns from every call allocates nothing per row.
 *
 * <pre>{@code
 * // The mean of the present values: state {sum, count}, updated in place.
 * Aggregation<double[], Double> mean = new Aggregation<>() {
 *     public double[] initial(Schema schema) { return new double[2]; }
 *     public double[] onNew(double[] s, Rows rows) { s[0] += rows.sum(0); s[1] += rows.count(0); return s; }
 *     public double[] onOld(double[] s, Rows rows) { s[0] -= rows.sum(0); s[1] -= rows.count(0); return s; }
 *     public Double result(double[] s) { return s[1] == 0 ? Double.NaN : s[0] / s[1]; }
 * };
 * }</pre>
 *
 * @param <S> the state
 * @param <R> the result
 */
public interface Aggregation<S, R> {
    /**
     * The state before any row.
     *
     * @param schema the columns the aggregation will see
     * @return the initial state
     */
    S initial(Schema schema);

    /**
     * Folds rows that entered.
     *
     * @param state the state
     * @param rows the new rows (valid during this call only)
     * @return the new state (may be {@code state} itself, updated)
     */
    S onNew(S state, Rows rows);

    /**
     * Takes out rows that left the window (never called over all time or in {@code expanding()}).
     *
     * @param state the state
     * @param rows the rows that left, at least one (valid during this call only)
     * @return the new state
     */
    S onOld(S state, Rows rows);

    /**
     * Reads the result.
     *
     * @param state the state after the batch's calls
     * @return what the operation emits
     */
    R result(S state);
}
