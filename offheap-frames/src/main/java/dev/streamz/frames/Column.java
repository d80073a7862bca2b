package dev.streamz.frames;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.time.Instant;

/**
 * A typed view of one column of a {@link Frame}: its values buffer and its validity bitmap, both off the
 * heap, both laid out as Apache Arrow lays them out (see {@link ColumnType}).
 *
 * <p>Typed accessors read and write one row: {@code getLong}/{@code setLong} for {@link ColumnType#INT64},
 * {@code getDouble} for {@link ColumnType#FLOAT64}, and so on. An accessor of the wrong type fails with an
 * {@link IllegalStateException} that names the column and its type; a getter past the frame's row count,
 * or a setter past its capacity, fails with an {@link IndexOutOfBoundsException} naming the column; any
 * access after the frame's last holder released it fails with an {@link IllegalStateException} naming the
 * frame. A setter marks the row present; {@link #setNull} marks it null (and zeroes its value, so a null
 * row reads the same every time). A getter on a null row returns the zero of its type: check
 * {@link #isNull} where nulls are possible. A float64 NaN is a value, distinct from null.
 *
 * <p>Kernels read {@link #values()} and {@link #validity()} directly (whole-column loops over
 * {@code MemorySegment}s) rather than these per-row accessors.
 *
 * <p>A column is owned by its frame: it is as thread-confined as the frame (see {@link Frame}), and it
 * allocates nothing on any accessor except the boxing {@link #get(int)}, the {@code Instant} ones and the
 * {@code to*Array} copies.
 */
public final class Column {
    static final ValueLayout.OfInt I32 = ValueLayout.JAVA_INT.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfLong I64 = ValueLayout.JAVA_LONG.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfDouble F64 = ValueLayout.JAVA_DOUBLE.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfByte B8 = ValueLayout.JAVA_BYTE;

    private final Frame frame;
    private final int index;
    private final String name;
    private final ColumnType type;
    private final MemorySegment values;
    private final MemorySegment validity;
    private final CategoryDictionary dictionary;

    Column(Frame frame, int index, String name, ColumnType type, MemorySegment validity, MemorySegment values,
           CategoryDictionary dictionary) {
        this.frame = frame;
        this.index = index;
        this.name = name;
        this.type = type;
        this.validity = validity;
        this.values = values;
        this.dictionary = dictionary;
    }

    /** {@return the column's name} */
    public String name() {
        return name;
    }

    /** {@return the column's type} */
    public ColumnType type() {
        return type;
    }

    /** {@return the column's index in its frame's schema} */
    public int index() {
        return index;
    }

    /** {@return the frame this column belongs to} */
    public Frame frame() {
        return frame;
    }

    /** {@return the frame's current row count} */
    public int rowCount() {
        return frame.rowCount();
    }

    /** {@return the frame's capacity in rows} */
    public int capacity() {
        return frame.capacity();
    }

    /**
     * The values buffer: {@code capacity * type().valueBytes()} bytes little-endian (bit-packed for
     * {@link ColumnType#BOOLEAN}), padded and 64-byte aligned ({@code internal.BufferDescriptor}). Rows at
     * and past {@link #rowCount()} hold stale data.
     *
     * @return the buffer
     * @throws IllegalStateException if the frame was released
     */
    public MemorySegment values() {
        frame.checkLive();
        return values;
    }

    /**
     * The validity bitmap: bit {@code i % 8} of byte {@code i / 8} set = row {@code i} present (Arrow's
     * bitmap, least significant bit first).
     *
     * @return the bitmap
     * @throws IllegalStateException if the frame was released
     */
    public MemorySegment validity() {
        frame.checkLive();
        return validity;
    }

    /**
     * The dictionary of a category column (shared by every frame of a pool; see {@link CategoryDictionary}).
     *
     * @return the dictionary
     * @throws IllegalStateException if this is not a {@link ColumnType#CATEGORY} column
     */
    public CategoryDictionary dictionary() {
        if (dictionary == null) {
            throw wrongType("dictionary()", ColumnType.CATEGORY);
        }
        return dictionary;
    }

    // ---- validity ----

    /**
     * Whether row {@code i} is null.
     *
     * @param i a row below the row count
     * @return true when null
     */
    public boolean isNull(int i) {
        checkRow(i);
        return !bit(validity, i);
    }

    /**
     * Marks row {@code i} null (and zeroes its value).
     *
     * @param i a row below the capacity
     */
    public void setNull(int i) {
        checkSlot(i);
        clearBit(validity, i);
        switch (type) {
            case INT32, CATEGORY -> values.setAtIndex(I32, i, 0);
            case INT64, TIMESTAMP -> values.setAtIndex(I64, i, 0L);
            case FLOAT64 -> values.setAtIndex(F64, i, 0.0);
            case BOOLEAN -> clearBit(values, i);
        }
    }

    /** {@return the number of null rows below the row count} */
    public int nullCount() {
        frame.checkLive();
        int n = frame.rowCount();
        int present = 0;
        int fullBytes = n >>> 3;
        int b = 0;
        for (; b + 8 <= fullBytes; b += 8) {
            present += Long.bitCount(validity.get(ValueLayout.JAVA_LONG_UNALIGNED, b));
        }
        for (; b < fullBytes; b++) {
            present += Integer.bitCount(validity.get(B8, b) & 0xFF);
        }
        int rest = n & 7;
        if (rest != 0) {
            present += Integer.bitCount(validity.get(B8, fullBytes) & ((1 << rest) - 1));
        }
        return n - present;
    }

    // ---- getters ----

    /**
     * The value of an {@link ColumnType#INT32} row (0 when null).
     *
     * @param i a row below the row count
     * @return its value
     */
    public int getInt(int i) {
        check(ColumnType.INT32, "getInt");
        checkRow(i);
        return values.getAtIndex(I32, i);
    }

    /**
     * The value of an {@link ColumnType#INT64} or {@link ColumnType#TIMESTAMP} row (0 when null).
     *
     * @param i a row below the row count
     * @return its value (epoch nanoseconds for a timestamp)
     */
    public long getLong(int i) {
        if (type != ColumnType.INT64 && type != ColumnType.TIMESTAMP) {
            throw wrongType("getLong", ColumnType.INT64);
        }
        checkRow(i);
        return values.getAtIndex(I64, i);
    }

    /**
     * The value of a {@link ColumnType#FLOAT64} row (0.0 when null; NaN is a value).
     *
     * @param i a row below the row count
     * @return its value
     */
    public double getDouble(int i) {
        check(ColumnType.FLOAT64, "getDouble");
        checkRow(i);
        return values.getAtIndex(F64, i);
    }

    /**
     * The value of a {@link ColumnType#BOOLEAN} row (false when null).
     *
     * @param i a row below the row count
     * @return its value
     */
    public boolean getBoolean(int i) {
        check(ColumnType.BOOLEAN, "getBoolean");
        checkRow(i);
        return bit(values, i);
    }

    /**
     * The epoch nanoseconds of a {@link ColumnType#TIMESTAMP} row (0 when null).
     *
     * @param i a row below the row count
     * @return nanoseconds since the epoch, UTC
     */
    public long getTimestamp(int i) {
        check(ColumnType.TIMESTAMP, "getTimestamp");
        checkRow(i);
        return values.getAtIndex(I64, i);
    }

    /**
     * The instant of a {@link ColumnType#TIMESTAMP} row. Allocates.
     *
     * @param i a row below the row count
     * @return the instant, or null when the row is null
     */
    public Instant getInstant(int i) {
        long nanos = getTimestamp(i);
        return bit(validity, i) ? Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L),
                Math.floorMod(nanos, 1_000_000_000L)) : null;
    }

    /**
     * The dictionary code of a {@link ColumnType#CATEGORY} row (0 when null).
     *
     * @param i a row below the row count
     * @return its code
     */
    public int getCode(int i) {
        check(ColumnType.CATEGORY, "getCode");
        checkRow(i);
        return values.getAtIndex(I32, i);
    }

    /**
     * The string of a {@link ColumnType#CATEGORY} row. Allocation-free (the dictionary's string).
     *
     * @param i a row below the row count
     * @return its string, or null when the row is null
     */
    public String getString(int i) {
        int code = getCode(i);
        return bit(validity, i) ? dictionary.decode(code) : null;
    }

    /**
     * Row {@code i} boxed: {@code Integer}, {@code Long}, {@code Double}, {@code Boolean}, {@code Instant}
     * (timestamps) or {@code String} (categories); null when the row is null. Allocates.
     *
     * @param i a row below the row count
     * @return the value or null
     */
    public Object get(int i) {
        checkRow(i);
        if (!bit(validity, i)) {
            return null;
        }
        return switch (type) {
            case INT32 -> values.getAtIndex(I32, i);
            case INT64 -> values.getAtIndex(I64, i);
            case FLOAT64 -> values.getAtIndex(F64, i);
            case BOOLEAN -> bit(values, i);
            case TIMESTAMP -> getInstant(i);
            case CATEGORY -> dictionary.decode(values.getAtIndex(I32, i));
        };
    }

    // ---- setters ----

    /**
     * Sets an {@link ColumnType#INT32} row and marks it present.
     *
     * @param i a row below the capacity
     * @param v the value
     */
    public void setInt(int i, int v) {
        check(ColumnType.INT32, "setInt");
        checkSlot(i);
        values.setAtIndex(I32, i, v);
        setBit(validity, i);
    }

    /**
     * Sets an {@link ColumnType#INT64} or {@link ColumnType#TIMESTAMP} row and marks it present.
     *
     * @param i a row below the capacity
     * @param v the value (epoch nanoseconds for a timestamp)
     */
    public void setLong(int i, long v) {
        if (type != ColumnType.INT64 && type != ColumnType.TIMESTAMP) {
            throw wrongType("setLong", ColumnType.INT64);
        }
        checkSlot(i);
        values.setAtIndex(I64, i, v);
        setBit(validity, i);
    }

    /**
     * Sets a {@link ColumnType#FLOAT64} row (NaN included) and marks it present.
     *
     * @param i a row below the capacity
     * @param v the value
     */
    public void setDouble(int i, double v) {
        check(ColumnType.FLOAT64, "setDouble");
        checkSlot(i);
        values.setAtIndex(F64, i, v);
        setBit(validity, i);
    }

    /**
     * Sets a {@link ColumnType#BOOLEAN} row and marks it present.
     *
     * @param i a row below the capacity
     * @param v the value
     */
    public void setBoolean(int i, boolean v) {
        check(ColumnType.BOOLEAN, "setBoolean");
        checkSlot(i);
        if (v) {
            setBit(values, i);
        } else {
            clearBit(values, i);
        }
        setBit(validity, i);
    }

    /**
     * Sets a {@link ColumnType#TIMESTAMP} row and marks it present.
     *
     * @param i a row below the capacity
     * @param epochNanos nanoseconds since the epoch, UTC
     */
    public void setTimestamp(int i, long epochNanos) {
        check(ColumnType.TIMESTAMP, "setTimestamp");
        checkSlot(i);
        values.setAtIndex(I64, i, epochNanos);
        setBit(validity, i);
    }

    /**
     * Sets a {@link ColumnType#CATEGORY} row's code and marks it present.
     *
     * @param i a row below the capacity
     * @param code a code of this column's dictionary
     * @throws IndexOutOfBoundsException if the code is not in the dictionary
     */
    public void setCode(int i, int code) {
        check(ColumnType.CATEGORY, "setCode");
        checkSlot(i);
        if (code < 0 || code >= dictionary.size()) {
            dictionary.decode(code); // throws, naming the column
        }
        values.setAtIndex(I32, i, code);
        setBit(validity, i);
    }

    /**
     * Sets a {@link ColumnType#CATEGORY} row to {@code s} (encoding it in the dictionary), or null.
     *
     * @param i a row below the capacity
     * @param s the string, or null for a null row
     */
    public void setString(int i, String s) {
        check(ColumnType.CATEGORY, "setString");
        if (s == null) {
            setNull(i);
            return;
        }
        checkSlot(i);
        values.setAtIndex(I32, i, dictionary.encode(s));
        setBit(validity, i);
    }

    // ---- whole column to Java arrays ----

    /**
     * The {@link ColumnType#INT32} values of rows {@code 0 .. rowCount()-1}.
     *
     * @return a fresh array
     * @throws IllegalStateException naming the column and the first null row if the column has a null
     *     (use {@link #toIntArray(int)})
     */
    public int[] toIntArray() {
        check(ColumnType.INT32, "toIntArray");
        requireNoNulls("toIntArray(nullValue)");
        return toIntArray(0);
    }

    /**
     * The {@link ColumnType#INT32} values of the rows, {@code nullValue} where a row is null.
     *
     * @param nullValue what a null row becomes
     * @return a fresh array
     */
    public int[] toIntArray(int nullValue) {
        check(ColumnType.INT32, "toIntArray");
        frame.checkLive();
        int n = frame.rowCount();
        int[] out = new int[n];
        MemorySegment.copy(values, I32, 0, out, 0, n);
        for (int i = 0; i < n; i++) {
            if (!bit(validity, i)) {
                out[i] = nullValue;
            }
        }
        return out;
    }

    /**
     * The {@link ColumnType#INT64} (or timestamp nanosecond) values of the rows.
     *
     * @return a fresh array
     * @throws IllegalStateException naming the column and the first null row if the column has a null
     *     (use {@link #toLongArray(long)})
     */
    public long[] toLongArray() {
        requireNoNulls("toLongArray(nullValue)");
        return toLongArray(0L);
    }

    /**
     * The {@link ColumnType#INT64} (or timestamp nanosecond) values of the rows, {@code nullValue} where
     * a row is null.
     *
     * @param nullValue what a null row becomes
     * @return a fresh array
     */
    public long[] toLongArray(long nullValue) {
        if (type != ColumnType.INT64 && type != ColumnType.TIMESTAMP) {
            throw wrongType("toLongArray", ColumnType.INT64);
        }
        frame.checkLive();
        int n = frame.rowCount();
        long[] out = new long[n];
        MemorySegment.copy(values, I64, 0, out, 0, n);
        for (int i = 0; i < n; i++) {
            if (!bit(validity, i)) {
                out[i] = nullValue;
            }
        }
        return out;
    }

    /**
     * The {@link ColumnType#FLOAT64} values of the rows (NaN stays NaN).
     *
     * @return a fresh array
     * @throws IllegalStateException naming the column and the first null row if the column has a null
     *     (use {@link #toDoubleArray(double)})
     */
    public double[] toDoubleArray() {
        check(ColumnType.FLOAT64, "toDoubleArray");
        requireNoNulls("toDoubleArray(nullValue)");
        return toDoubleArray(0.0);
    }

    /**
     * The {@link ColumnType#FLOAT64} values of the rows, {@code nullValue} where a row is null.
     *
     * @param nullValue what a null row becomes (pandas would pick NaN)
     * @return a fresh array
     */
    public double[] toDoubleArray(double nullValue) {
        check(ColumnType.FLOAT64, "toDoubleArray");
        frame.checkLive();
        int n = frame.rowCount();
        double[] out = new double[n];
        MemorySegment.copy(values, F64, 0, out, 0, n);
        for (int i = 0; i < n; i++) {
            if (!bit(validity, i)) {
                out[i] = nullValue;
            }
        }
        return out;
    }

    /**
     * The {@link ColumnType#BOOLEAN} values of the rows.
     *
     * @return a fresh array
     * @throws IllegalStateException naming the column and the first null row if the column has a null
     */
    public boolean[] toBooleanArray() {
        check(ColumnType.BOOLEAN, "toBooleanArray");
        requireNoNulls("a null check per row");
        int n = frame.rowCount();
        boolean[] out = new boolean[n];
        for (int i = 0; i < n; i++) {
            out[i] = bit(values, i);
        }
        return out;
    }

    /**
     * The strings of a {@link ColumnType#CATEGORY} column's rows, null where a row is null.
     *
     * @return a fresh array
     */
    public String[] toStringArray() {
        check(ColumnType.CATEGORY, "toStringArray");
        frame.checkLive();
        int n = frame.rowCount();
        String[] out = new String[n];
        for (int i = 0; i < n; i++) {
            out[i] = bit(validity, i) ? dictionary.decode(values.getAtIndex(I32, i)) : null;
        }
        return out;
    }

    /**
     * The validity of the rows as a Java array.
     *
     * @return {@code out[i]} true when row {@code i} is null
     */
    public boolean[] toNullArray() {
        frame.checkLive();
        int n = frame.rowCount();
        boolean[] out = new boolean[n];
        for (int i = 0; i < n; i++) {
            out[i] = !bit(validity, i);
        }
        return out;
    }

    @Override
    public String toString() {
        return "Column[" + name + ": " + type + ", " + frame.name() + "]";
    }

    // ---- checks and bits ----

    private void check(ColumnType expected, String accessor) {
        if (type != expected) {
            throw wrongType(accessor, expected);
        }
    }

    private void checkRow(int i) {
        frame.checkLive();
        int n = frame.rowCount();
        if (i < 0 || i >= n) {
            throw outOfRange(i, n, "row count");
        }
    }

    private void checkSlot(int i) {
        frame.checkLive();
        int n = frame.capacity();
        if (i < 0 || i >= n) {
            throw outOfRange(i, n, "capacity");
        }
    }

    private void requireNoNulls(String alternative) {
        frame.checkLive();
        int n = frame.rowCount();
        for (int i = 0; i < n; i++) {
            if (!bit(validity, i)) {
                throw new IllegalStateException("column '" + name + "' of " + frame.name() + " has a null at row "
                        + i + "; a primitive array cannot hold it (use " + alternative + ")");
            }
        }
    }

    IllegalStateException wrongType(String accessor, ColumnType wanted) {
        return new IllegalStateException(accessor + " needs a " + wanted + " column, but column '" + name
                + "' of " + frame.name() + " is " + type);
    }

    private IndexOutOfBoundsException outOfRange(int i, int n, String what) {
        return new IndexOutOfBoundsException("row " + i + " of column '" + name + "' of " + frame.name()
                + " is outside its " + what + " " + n);
    }

    static boolean bit(MemorySegment bits, int i) {
        return ((bits.get(B8, i >>> 3) >> (i & 7)) & 1) != 0;
    }

    static void setBit(MemorySegment bits, int i) {
        long at = i >>> 3;
        bits.set(B8, at, (byte) (bits.get(B8, at) | (1 << (i & 7))));
    }

    static void clearBit(MemorySegment bits, int i) {
        long at = i >>> 3;
        bits.set(B8, at, (byte) (bits.get(B8, at) & ~(1 << (i & 7))));
    }
}
