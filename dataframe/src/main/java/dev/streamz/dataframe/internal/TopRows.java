package dev.streamz.dataframe.internal;

import java.util.Arrays;

/**
 * Chooses rows of one emission of an updating input: its last {@code n} rows (pandas' {@code tail(n)}) or
 * its {@code n} largest values (pandas' {@code nlargest(n)}: missing values dropped, largest first, ties
 * in row order). Writes row numbers into a buffer it reuses, so the steady state allocates nothing.
 */
public final class TopRows {
    private int[] rows = new int[16];
    private double[] values = new double[16];

    /** @return the chosen rows, in output order (valid until the next call) */
    public int[] rows() {
        return rows;
    }

    /**
     * @param total the emission's rows
     * @param n how many to keep, at least 0
     * @return how many rows were chosen: the last {@code min(n, total)}
     */
    public int tail(int total, int n) {
        int k = Math.min(n, total);
        grow(k);
        for (int j = 0; j < k; j++) {
            rows[j] = total - k + j;
        }
        return k;
    }

    /**
     * Insertion into a sorted buffer of at most {@code n} rows: O(rows × n) in the worst case, for the small
     * {@code n} that nlargest is used with.
     *
     * @param s the column the rows are ranked by
     * @param n how many to keep, at least 0
     * @return how many rows were chosen
     */
    public int largest(Slice s, int n) {
        int total = s.rows();
        int k = 0;
        if (n == 0) {
            return 0;
        }
        grow(Math.min(n, total));
        for (int i = 0; i < total; i++) {
            if (s.missing(i)) {
                continue;
            }
            double d = s.d(i);
            if (k == n && !(d > values[k - 1])) {
                continue; // not larger than the smallest kept: a tie keeps the earlier row
            }
            int at = k == n ? k - 1 : k++;
            while (at > 0 && d > values[at - 1]) {
                values[at] = values[at - 1];
                rows[at] = rows[at - 1];
                at--;
            }
            values[at] = d;
            rows[at] = i;
        }
        return k;
    }

    private void grow(int n) {
        if (rows.length < n) {
            int size = Math.max(n, rows.length * 2);
            rows = Arrays.copyOf(rows, size);
            values = Arrays.copyOf(values, size);
        }
    }
}
