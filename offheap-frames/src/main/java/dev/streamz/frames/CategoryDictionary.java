package dev.streamz.frames;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The dictionary of a {@link ColumnType#CATEGORY} column: strings and their int32 codes, the codes being
 * what the column stores off the heap.
 *
 * <p><b>Append-only, codes stable.</b> A string keeps its code for the dictionary's life and codes are
 * dense ({@code 0 .. size() - 1}, in first-seen order). Every frame of a {@link FramePool} shares one
 * dictionary per category column, so codes mean the same thing in every frame a pipeline sees: a group-by
 * over a category column can key on the int code across frames, and a frame handed back to its pool
 * never invalidates a code another frame still holds.
 *
 * <p><b>Why on the heap.</b> A dictionary is small next to the rows it encodes (distinct values, not
 * rows), its entries are Java strings that a reader needs as strings anyway, and encoding needs a hash
 * lookup that the JDK's maps already do without garbage for strings already seen. Arrow export encodes it
 * on demand into Arrow's utf8 layout (offsets + bytes); that copy is per dictionary, not per frame.
 *
 * <p><b>Bounded.</b> A dictionary refuses a new string past {@link #maxSize()} with a clear error, so a
 * column of unbounded distinct values fails loudly instead of growing until the heap runs out.
 *
 * <p>Thread-safe: one thread may encode while others decode; several may encode.
 */
public final class CategoryDictionary {
    /** The default bound on distinct values: 2^24. */
    public static final int DEFAULT_MAX_SIZE = 1 << 24;

    private final String column;
    private final int maxSize;
    private final ConcurrentHashMap<String, Integer> codes = new ConcurrentHashMap<>();
    private volatile String[] values = new String[16];
    private volatile int size;

    /**
     * An empty dictionary holding at most {@link #DEFAULT_MAX_SIZE} strings.
     *
     * @param column the name of the column it encodes (used in error messages)
     */
    public CategoryDictionary(String column) {
        this(column, DEFAULT_MAX_SIZE);
    }

    /**
     * An empty dictionary.
     *
     * @param column the name of the column it encodes (used in error messages)
     * @param maxSize the most distinct strings it takes, at least 1
     */
    public CategoryDictionary(String column, int maxSize) {
        if (column == null) {
            throw new NullPointerException("CategoryDictionary: column must not be null");
        }
        if (maxSize < 1) {
            throw new IllegalArgumentException("CategoryDictionary: maxSize must be >= 1, got " + maxSize);
        }
        this.column = column;
        this.maxSize = maxSize;
    }

    /**
     * The code of {@code value}, adding it if it is new. Allocation-free for a string already present.
     *
     * @param value a string, not null (a null category is a null row, not a dictionary entry)
     * @return its code, {@code >= 0}
     * @throws IllegalStateException naming the column when the dictionary is full
     */
    public int encode(String value) {
        if (value == null) {
            throw new NullPointerException("category column '" + column
                    + "': a dictionary value must not be null (append a null row instead)");
        }
        Integer code = codes.get(value);
        return code != null ? code : add(value);
    }

    private synchronized int add(String value) {
        Integer code = codes.get(value);
        if (code != null) {
            return code;
        }
        int n = size;
        if (n >= maxSize) {
            throw new IllegalStateException("category column '" + column + "': dictionary is full ("
                    + maxSize + " distinct values); cannot add '" + value + "'");
        }
        String[] v = values;
        if (n == v.length) {
            v = Arrays.copyOf(v, (int) Math.min(maxSize, 2L * v.length));
            values = v;
        }
        v[n] = value;
        codes.put(value, n);
        size = n + 1; // publishes v[n] (and a grown array) to decode()
        return n;
    }

    /**
     * The code of {@code value} without adding it.
     *
     * @param value a string
     * @return its code, or -1 when absent
     */
    public int code(String value) {
        Integer code = value == null ? null : codes.get(value);
        return code != null ? code : -1;
    }

    /**
     * The string of {@code code}.
     *
     * @param code a code from {@link #encode}
     * @return its string
     * @throws IndexOutOfBoundsException naming the column when the code is not in the dictionary
     */
    public String decode(int code) {
        int n = size;
        String[] v = values;
        if (code < 0 || code >= n) {
            throw new IndexOutOfBoundsException("category column '" + column + "': code " + code
                    + " is not in its dictionary (size " + n + ")");
        }
        return v[code];
    }

    /** {@return the number of distinct strings} */
    public int size() {
        return size;
    }

    /** {@return the most distinct strings this dictionary takes} */
    public int maxSize() {
        return maxSize;
    }

    /** {@return the name of the column this dictionary encodes} */
    public String column() {
        return column;
    }

    /** {@return the strings in code order (index = code), a snapshot} */
    public List<String> values() {
        int n = size;
        return List.of(Arrays.copyOf(values, n));
    }

    @Override
    public String toString() {
        return "CategoryDictionary[" + column + ", " + size + " values]";
    }
}
