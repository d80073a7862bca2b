package dev.streamz.dataframe.internal;

import dev.streamz.frames.Frame;

/**
 * Which rows leave a window, in streamz's pieces (its {@code diff_iloc} / {@code diff_loc}): after each
 * batch, the oldest rows beyond {@code n}, or those at or before {@code newest − d}, leave as one piece per
 * earlier batch they came from, oldest first; rows of the new batch itself can leave at once (a batch
 * larger than the window). The rows that stay are copied into a {@link RowStore}; an expanding window
 * keeps none.
 */
public final class PieceWindow {
    /** Told of each piece that leaves, before it is dropped. */
    public interface Pieces {
        /**
         * Rows of the store leave.
         *
         * @param first the first row's sequence
         * @param rows how many
         */
        void fromStore(long first, int rows);

        /**
         * Leading rows of the new batch leave at once.
         *
         * @param rows how many (rows {@code [0, rows)} of the batch)
         */
        void fromBatch(int rows);
    }

    private final Windowing windowing;
    private final RowStore store;
    private long newest = Long.MIN_VALUE;

    /**
     * @param windowing which rows stay
     * @param store where they are kept ({@code null} only for an expanding window)
     */
    public PieceWindow(Windowing windowing, RowStore store) {
        if (store == null && !windowing.isExpanding()) {
            throw new IllegalArgumentException("PieceWindow: a window that evicts needs a store");
        }
        this.windowing = windowing;
        this.store = store;
    }

    /** {@return the store of the rows that stay, or {@code null}} */
    public RowStore store() {
        return store;
    }

    /**
     * Takes one batch in: reports the pieces that leave, then keeps the batch's remaining rows.
     *
     * @param frame the batch
     * @param times its timestamp index (a time window), else {@code null}
     * @param rowKeys its rows' group keys, or {@code null}
     * @param pieces told of each piece that leaves, or {@code null}
     */
    public void onBatch(Frame frame, Slice times, long[] rowKeys, Pieces pieces) {
        if (windowing.isExpanding()) {
            if (store != null) {
                store.append(frame, 0, frame.rowCount(), times, rowKeys);
            }
            return;
        }
        int n = frame.rowCount();
        int firstKept;
        if (windowing.rows() > 0) {
            long excess = (long) store.size() + n - windowing.rows();
            while (excess > 0 && store.size() > 0) {
                long first = store.head();
                long end = Math.min(store.pieceEnd(first), first + excess);
                leave(first, end, pieces);
                excess -= end - first;
            }
            firstKept = (int) Math.max(0, excess);
        } else {
            for (int i = 0; i < n; i++) {
                newest = Math.max(newest, times.l(i));
            }
            long bound = newest - windowing.nanos();
            while (store.size() > 0 && store.timestamp(store.head()) <= bound) {
                long first = store.head();
                long pieceEnd = store.pieceEnd(first);
                long end = first;
                while (end < pieceEnd && store.timestamp(end) <= bound) {
                    end++;
                }
                leave(first, end, pieces);
            }
            firstKept = 0;
            while (firstKept < n && times.l(firstKept) <= bound) {
                firstKept++;
            }
        }
        if (firstKept > 0 && pieces != null) {
            pieces.fromBatch(firstKept);
        }
        store.append(frame, firstKept, n, times, rowKeys);
    }

    private void leave(long first, long end, Pieces pieces) {
        if (pieces != null) {
            pieces.fromStore(first, (int) (end - first));
        }
        store.dropBefore(end);
    }
}
