package dev.streamz.dataframe.internal;

import dev.streamz.frames.Column;
import dev.streamz.frames.ColumnType;
import dev.streamz.frames.Frame;
import dev.streamz.frames.Schema;


/**
 * Copies of the rows a window holds, for what needs the rows themselves rather than running moments: a
 * user {@code Aggregation}'s {@code onOld}, {@code full()} and {@code apply(f)}. Each row keeps every
 * stored column (float64 as doubles, everything else as longs, category values as codes of one
 * dictionary the store owns), its null flags, its timestamp and its group key, in rings of primitive
 * arrays numbered by a sequence that only grows; rows leave from the front. The store also remembers where
 * each batch's rows start ({@link #pieceEnd}), so rows leave in streamz's pieces: one per earlier batch.
 *
 * <p>Memory follows the window: the rings double when full and never shrink below it; the steady state
 * allocates nothing.
 */
public final class RowStore {
    private final Schema schema;
    private final int[] positions;
    private final boolean[] isDouble;
    private final KeyCodes[] codes;
    private final Slice slice = new Slice();
    private long[][] longs;
    private double[][] doubles;
    private boolean[][] nulls;
    private long[] ts;
    private long[] keys;
    private int capacity = 16;
    private long head;
    private long tail;
    // Sequence numbers where pieces (batches) start, as a ring of its own.
    private long[] pieces = new long[16];
    private int pieceHead;
    private int pieceCount;

    /**
     * @param frameSchema the batches' schema
     * @param columns the stored columns' names, in order
     */
    public RowStore(Schema frameSchema, String[] columns) {
        Schema.Builder b = Schema.builder();
        int n = columns.length;
        positions = new int[n];
        isDouble = new boolean[n];
        codes = new KeyCodes[n];
        longs = new long[n][];
        doubles = new double[n][];
        nulls = new boolean[n][];
        Schema.Field[] fields = new Schema.Field[n];
        for (int c = 0; c < n; c++) {
            positions[c] = frameSchema.indexOf(columns[c]);
            Schema.Field f = frameSchema.field(positions[c]);
            fields[c] = f;
            isDouble[c] = f.type() == ColumnType.FLOAT64;
            if (f.type() == ColumnType.CATEGORY) {
                codes[c] = new KeyCodes(f.name());
            }
            if (isDouble[c]) {
                doubles[c] = new double[capacity];
            } else {
                longs[c] = new long[capacity];
            }
            nulls[c] = new boolean[capacity];
        }
        schema = Schema.of(fields);
        ts = new long[capacity];
        keys = new long[capacity];
    }

    /** {@return the stored columns} */
    public Schema schema() {
        return schema;
    }

    /** {@return the positions of the stored columns in the batches' schema} */
    public int[] positions() {
        return positions;
    }

    /** {@return the sequence number of the oldest row held} */
    public long head() {
        return head;
    }

    /** {@return the sequence number the next appended row gets} */
    public long tail() {
        return tail;
    }

    /** {@return the number of rows held} */
    public int size() {
        return (int) (tail - head);
    }

    /**
     * Copies rows {@code [from, to)} of a batch in, as one piece.
     *
     * @param frame the batch
     * @param from the first row
     * @param to the row after the last
     * @param times the batch's timestamp index, or {@code null}
     * @param rowKeys the batch's group keys by row, or {@code null}
     */
    public void append(Frame frame, int from, int to, Slice times, long[] rowKeys) {
        if (to <= from) {
            return;
        }
        int need = size() + (to - from);
        if (need > capacity) {
            grow(need);
        }
        if (pieceCount == pieces.length) {
            growPieces();
        }
        pieces[(pieceHead + pieceCount++) & (pieces.length - 1)] = tail;
        int mask = capacity - 1;
        for (int c = 0; c < positions.length; c++) {
            Column col = frame.column(positions[c]);
            Slice s = slice.set(col.type(), col.values(), col.validity(), frame.rowCount());
            int[] translate = codes[c] == null ? null : codes[c].translation(col.dictionary());
            boolean[] nl = nulls[c];
            long seq = tail;
            if (isDouble[c]) {
                double[] d = doubles[c];
                for (int i = from; i < to; i++, seq++) {
                    int at = (int) (seq & mask);
                    nl[at] = s.isNull(i);
                    d[at] = s.d(i);
                }
            } else {
                long[] l = longs[c];
                for (int i = from; i < to; i++, seq++) {
                    int at = (int) (seq & mask);
                    boolean isNull = s.isNull(i);
                    nl[at] = isNull;
                    long v = s.l(i);
                    l[at] = translate != null && !isNull ? translate[(int) v] : v;
                }
            }
        }
        long seq = tail;
        for (int i = from; i < to; i++, seq++) {
            int at = (int) (seq & mask);
            ts[at] = times == null ? 0 : times.l(i);
            keys[at] = rowKeys == null ? 0 : rowKeys[i];
        }
        tail = seq;
    }

    /**
     * @param seq a held row
     * @return the end of its piece: the sequence of the next piece's first row, or {@link #tail()}
     */
    public long pieceEnd(long seq) {
        for (int p = 0; p < pieceCount; p++) {
            long start = pieces[(pieceHead + p) & (pieces.length - 1)];
            if (start > seq) {
                return start;
            }
        }
        return tail;
    }

    /**
     * Drops the rows before {@code seq}.
     *
     * @param seq the first row kept
     */
    public void dropBefore(long seq) {
        head = Math.max(head, Math.min(seq, tail));
        // Pieces that now start at or before head: the last of them becomes the (partial) first piece.
        while (pieceCount > 1 && pieces[(pieceHead + 1) & (pieces.length - 1)] <= head) {
            pieceHead = (pieceHead + 1) & (pieces.length - 1);
            pieceCount--;
        }
        if (pieceCount > 0) {
            if (head == tail) {
                pieceCount = 0;
            } else {
                pieces[pieceHead] = Math.max(pieces[pieceHead], head);
            }
        }
    }

    /**
     * @param seq a held row
     * @return its timestamp
     */
    public long timestamp(long seq) {
        return ts[(int) (seq & (capacity - 1))];
    }

    /**
     * @param seq a held row
     * @return its group key
     */
    public long key(long seq) {
        return keys[(int) (seq & (capacity - 1))];
    }

    /**
     * @param column a stored column
     * @param seq a held row
     * @return whether the value is null
     */
    public boolean isNull(int column, long seq) {
        return nulls[column][(int) (seq & (capacity - 1))];
    }

    /**
     * @param column a stored column
     * @param seq a held row
     * @return whether pandas skips the value: null, or NaN in a float64 column
     */
    public boolean isMissing(int column, long seq) {
        int at = (int) (seq & (capacity - 1));
        return nulls[column][at] || (isDouble[column] && Double.isNaN(doubles[column][at]));
    }

    /**
     * @param column a stored column
     * @param seq a held row
     * @return the value as a double (NaN when null)
     */
    public double getDouble(int column, long seq) {
        int at = (int) (seq & (capacity - 1));
        if (nulls[column][at]) {
            return Double.NaN;
        }
        return isDouble[column] ? doubles[column][at] : longs[column][at];
    }

    /**
     * @param column a stored column
     * @param seq a held row
     * @return the value as a long (0 when null)
     */
    public long getLong(int column, long seq) {
        int at = (int) (seq & (capacity - 1));
        if (nulls[column][at]) {
            return 0;
        }
        return isDouble[column] ? (long) doubles[column][at] : longs[column][at];
    }

    /**
     * @param column a stored category column
     * @param seq a held row
     * @return the label, or null
     */
    public String getString(int column, long seq) {
        if (codes[column] == null) {
            throw new IllegalArgumentException("Rows: column '" + schema.field(column).name() + "' is "
                    + schema.field(column).type() + ", not a category");
        }
        int at = (int) (seq & (capacity - 1));
        return nulls[column][at] ? null : codes[column].label(longs[column][at]);
    }

    /**
     * Writes the held rows into a frame whose columns from {@code first} on are the stored columns (its
     * capacity at least {@link #size()}), and sets its row count.
     *
     * @param out the frame
     * @param first the position in {@code out} of the first stored column
     */
    public void copyTo(Frame out, int first) {
        int n = size();
        for (int c = 0; c < positions.length; c++) {
            Column col = out.column(first + c);
            long seq = head;
            for (int i = 0; i < n; i++, seq++) {
                if (isNull(c, seq)) {
                    col.setNull(i);
                    continue;
                }
                switch (col.type()) {
                    case FLOAT64 -> col.setDouble(i, getDouble(c, seq));
                    case INT64 -> col.setLong(i, getLong(c, seq));
                    case INT32 -> col.setInt(i, (int) getLong(c, seq));
                    case BOOLEAN -> col.setBoolean(i, getLong(c, seq) != 0);
                    case TIMESTAMP -> col.setTimestamp(i, getLong(c, seq));
                    case CATEGORY -> col.setString(i, getString(c, seq));
                }
            }
        }
        out.setRowCount(n);
    }

    private void grow(int need) {
        int n = capacity;
        int m = n;
        while (m < need) {
            m *= 2;
        }
        for (int c = 0; c < positions.length; c++) {
            if (isDouble[c]) {
                doubles[c] = regrow(doubles[c], n, m);
            } else {
                longs[c] = regrow(longs[c], n, m);
            }
            boolean[] nb = new boolean[m];
            for (long s = head; s < tail; s++) {
                nb[(int) (s & (m - 1))] = nulls[c][(int) (s & (n - 1))];
            }
            nulls[c] = nb;
        }
        ts = regrow(ts, n, m);
        keys = regrow(keys, n, m);
        capacity = m;
    }

    // Keep each row at its sequence's slot in the larger ring.
    private long[] regrow(long[] a, int n, int m) {
        long[] b = new long[m];
        for (long s = head; s < tail; s++) {
            b[(int) (s & (m - 1))] = a[(int) (s & (n - 1))];
        }
        return b;
    }

    private double[] regrow(double[] a, int n, int m) {
        double[] b = new double[m];
        for (long s = head; s < tail; s++) {
            b[(int) (s & (m - 1))] = a[(int) (s & (n - 1))];
        }
        return b;
    }

    private void growPieces() {
        long[] p = new long[pieces.length * 2];
        for (int i = 0; i < pieceCount; i++) {
            p[i] = pieces[(pieceHead + i) & (pieces.length - 1)];
        }
        pieces = p;
        pieceHead = 0;
    }
}

