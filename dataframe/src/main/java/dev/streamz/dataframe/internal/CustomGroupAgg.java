package dev.streamz.dataframe.internal;

import dev.streamz.dataframe.Aggregation;
import dev.streamz.frames.Frame;
import dev.streamz.frames.Schema;

import java.util.Arrays;

/**
 * A user {@link Aggregation} per group, over all time or within a window: each group has its own state,
 * created by {@code initial} when the group's first row arrives; per batch, {@code onNew} sees each
 * group's new rows, {@code onOld} each group's rows of each piece that left, and a group whose rows all
 * left is dropped with its state (streamz drops groups whose size reached 0). Rows with no key
 * ({@link GroupTable#NO_GROUP}) fill the window but belong to no group.
 *
 * @param <S> the aggregation's state
 * @param <R> its result
 */
public final class CustomGroupAgg<S, R> implements PieceWindow.Pieces {
    private final Aggregation<S, R> agg;
    private final PieceWindow window;
    private final FrameRows batch;
    private final StoreRows old;
    private final GroupTable sizes = new GroupTable();
    private final Slice times = new Slice();
    private final int timeAt;
    private Object[] states = new Object[32];
    private Frame current;
    private long[] currentKeys;
    // Bucketing one piece's rows by group: group id per row, rows per group, selection in group order.
    private int[] rowGroup = new int[64];
    private int[] counts = new int[32];
    private int[] starts = new int[32];
    private int[] seen = new int[32];
    private int[] selection = new int[64];
    private int seenCount;

    /**
     * @param agg the aggregation
     * @param frameSchema the batches' schema
     * @param columns the columns the aggregation sees
     * @param windowing which rows it covers
     * @param timeAt the timestamp index's position (a time window), else -1
     */
    public CustomGroupAgg(Aggregation<S, R> agg, Schema frameSchema, String[] columns, Windowing windowing,
                          int timeAt) {
        this.agg = agg;
        RowStore store = windowing.isExpanding() ? null : new RowStore(frameSchema, columns);
        this.window = new PieceWindow(windowing, store);
        RowStore shape = store != null ? store : new RowStore(frameSchema, columns);
        this.batch = new FrameRows(shape.schema(), shape.positions());
        this.old = store == null ? null : new StoreRows(store);
        this.timeAt = timeAt;
    }

    /**
     * Takes one batch in.
     *
     * @param frame the batch
     * @param keys each row's group key ({@link GroupTable#NO_GROUP}: none), at least {@code frame.rowCount()}
     */
    @SuppressWarnings("unchecked")
    public void onBatch(Frame frame, long[] keys) {
        int n = frame.rowCount();
        batch.frame(frame);
        for (int i = 0; i < n; i++) {
            long k = keys[i];
            if (k != GroupTable.NO_GROUP) {
                boolean fresh = !sizes.contains(k);
                sizes.add(0, k, true, 0, 0);
                if (fresh) {
                    int g = sizes.id(k);
                    if (g >= states.length) {
                        states = Arrays.copyOf(states, Math.max(g + 1, states.length * 2));
                    }
                    states[g] = agg.initial(batch.schema());
                }
            }
        }
        bucket(n, i -> keys[i]);
        for (int s = 0; s < seenCount; s++) {
            int g = seen[s];
            states[g] = agg.onNew((S) states[g], batch.select(selection, starts[g], counts[g]));
        }
        current = frame;
        currentKeys = keys;
        window.onBatch(frame, timeAt < 0 ? null : Checks.slice(times, frame, timeAt), keys, this);
        current = null;
        currentKeys = null;
    }

    private interface KeyAt {
        long at(int i);
    }

    /** Groups rows {@code [0, n)} by group id, in order of first appearance, into {@link #selection}. */
    private void bucket(int n, KeyAt keyAt) {
        resetCounts();
        int bound = sizes.idBound();
        if (counts.length < bound) {
            counts = new int[Math.max(bound, counts.length * 2)];
            starts = new int[counts.length];
            seen = new int[counts.length];
        }
        if (rowGroup.length < n) {
            rowGroup = new int[Math.max(n, rowGroup.length * 2)];
            selection = new int[rowGroup.length];
        }
        seenCount = 0;
        for (int i = 0; i < n; i++) {
            long k = keyAt.at(i);
            int g = k == GroupTable.NO_GROUP ? -1 : sizes.id(k);
            rowGroup[i] = g;
            if (g >= 0) {
                if (counts[g]++ == 0) {
                    seen[seenCount++] = g;
                }
            }
        }
        int at = 0;
        for (int s = 0; s < seenCount; s++) {
            int g = seen[s];
            starts[g] = at;
            at += counts[g];
            counts[g] = 0; // refilled below as the fill position
        }
        for (int i = 0; i < n; i++) {
            int g = rowGroup[i];
            if (g >= 0) {
                selection[starts[g] + counts[g]++] = i;
            }
        }
    }

    private void resetCounts() {
        for (int s = 0; s < seenCount; s++) {
            counts[seen[s]] = 0;
        }
    }

    @Override
    public void fromStore(long first, int rows) {
        RowStore store = window.store();
        bucket(rows, i -> store.key(first + i));
        for (int s = 0; s < seenCount; s++) {
            int g = seen[s];
            states[g] = onOld(g, old.select(first, selection, starts[g], counts[g]));
        }
        removeRows(rows, i -> store.key(first + i));
    }

    @Override
    public void fromBatch(int rows) {
        long[] keys = currentKeys;
        bucket(rows, i -> keys[i]);
        for (int s = 0; s < seenCount; s++) {
            int g = seen[s];
            states[g] = onOld(g, batch.frame(current).select(selection, starts[g], counts[g]));
        }
        removeRows(rows, i -> keys[i]);
    }

    @SuppressWarnings("unchecked")
    private Object onOld(int g, dev.streamz.dataframe.Rows rows) {
        return agg.onOld((S) states[g], rows);
    }

    private void removeRows(int rows, KeyAt keyAt) {
        for (int i = 0; i < rows; i++) {
            long k = keyAt.at(i);
            if (k != GroupTable.NO_GROUP) {
                int g = sizes.id(k);
                sizes.remove(0, k, true, 0, 0);
                if (!sizes.contains(k)) {
                    states[g] = null;
                }
            }
        }
    }

    /**
     * Sorts the live groups' keys; {@link #key(int)} and {@link #result(int)} then read them in order.
     *
     * @return the number of live groups
     */
    public int sort() {
        return sizes.sort();
    }

    /**
     * @param i a position after {@link #sort()}
     * @return the i-th smallest key
     */
    public long key(int i) {
        return sizes.key(i);
    }

    /**
     * @param i a position after {@link #sort()}
     * @return the i-th group's result
     */
    @SuppressWarnings("unchecked")
    public R result(int i) {
        return agg.result((S) states[sizes.id(sizes.key(i))]);
    }
}
