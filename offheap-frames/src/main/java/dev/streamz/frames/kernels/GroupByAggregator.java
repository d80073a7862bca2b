package dev.streamz.frames.kernels;

import dev.streamz.frames.CategoryDictionary;
import dev.streamz.frames.Column;
import dev.streamz.frames.ColumnType;
import dev.streamz.frames.Frame;
import dev.streamz.frames.Schema;
import dev.streamz.frames.internal.kernels.GroupBy;

/**
 * Group-by aggregation of a float64 column by an int64/timestamp key column or a category column, across a
 * stream of frames: {@link #add(Frame)} a frame, {@link #remove(Frame)} the oldest one again (for windows),
 * read sum, count, size, mean, var, std, min, max per group at any time.
 *
 * <p>Rules are pandas' {@code groupby(key)[value]} with its defaults: rows with a null key are dropped; null and
 * NaN values are skipped by every statistic but {@code size}; results come in key order
 * ({@link #sortedGroups(int[])}), or in first-appearance order by group id. int64 keys go through an
 * open-addressing hash table; category codes index the groups directly. var/std use Welford's update (exactly
 * reversible on removal); with removal enabled the sum is Kahan-compensated. Min and max cannot be reversed: when
 * a removed value was a group's extreme, that group is recomputed on the next read from the frames still in
 * the window (which this aggregator references, so frames must stay retained until removed — a window holds
 * them anyway), instead of keeping a per-group multiset that would cost an allocation per row.
 *
 * <p>Category keys need frames that share one dictionary: the frames of one {@code FramePool}.
 *
 * <p>Allocation: none per frame once the key set is stable (the tables grow by doubling when new keys
 * appear). Not thread-safe.
 *
 * <pre>{@code
 * GroupByAggregator byUser = GroupByAggregator.builder("user", "amount").window(10).build();
 * byUser.add(frame);                 // frames enter the window...
 * byUser.remove(oldest);             // ...and leave it, oldest first
 * int[] order = new int[byUser.groups()];
 * for (int i = 0, n = byUser.sortedGroups(order); i < n; i++) {
 *     int g = order[i];
 *     System.out.println(byUser.key(g) + " " + byUser.sum(g) + " " + byUser.mean(g));
 * }
 * }</pre>
 */
public final class GroupByAggregator {
    private final String keyName;
    private final String valueName;
    private final int window;
    private final boolean var;
    private final boolean minMax;
    private final int expectedGroups;
    private GroupBy groups;
    private boolean codes;
    private Schema schema;
    private int keyIndex;
    private int valueIndex;
    private CategoryDictionary dictionary;

    private GroupByAggregator(Builder b) {
        this.keyName = b.key;
        this.valueName = b.value;
        this.window = b.window;
        this.var = b.var;
        this.minMax = b.minMax;
        this.expectedGroups = b.expectedGroups;
    }

    /**
     * Starts a builder.
     *
     * @param keyColumn the key column's name (INT64, TIMESTAMP or CATEGORY)
     * @param valueColumn the value column's name (FLOAT64)
     * @return a builder: add-only, all statistics, 16 expected groups
     */
    public static Builder builder(String keyColumn, String valueColumn) {
        return new Builder(Checks.notNull(keyColumn, "groupBy", "keyColumn"),
                Checks.notNull(valueColumn, "groupBy", "valueColumn"));
    }

    /** Options of a {@link GroupByAggregator}. */
    public static final class Builder {
        private final String key;
        private final String value;
        private int window;
        private boolean var = true;
        private boolean minMax = true;
        private int expectedGroups = 16;

        private Builder(String key, String value) {
            this.key = key;
            this.value = value;
        }

        /**
         * Enables {@link GroupByAggregator#remove(Frame)} for a window of at most {@code maxFrames} frames.
         *
         * @param maxFrames frames a window holds at once, {@code >= 1}
         * @return this builder
         */
        public Builder window(int maxFrames) {
            if (maxFrames < 1) {
                throw new IllegalArgumentException("groupBy: window(maxFrames) needs >= 1, got " + maxFrames);
            }
            this.window = maxFrames;
            return this;
        }

        /**
         * Keeps only sum, count, size and mean (no var/std, no min/max): less work per row.
         *
         * @return this builder
         */
        public Builder sumsOnly() {
            this.var = false;
            this.minMax = false;
            return this;
        }

        /**
         * The initial table size in groups (it grows by doubling).
         *
         * @param groups expected distinct keys, {@code >= 0}
         * @return this builder
         */
        public Builder expectedGroups(int groups) {
            if (groups < 0) {
                throw new IllegalArgumentException("groupBy: expectedGroups must be >= 0, got " + groups);
            }
            this.expectedGroups = groups;
            return this;
        }

        /** {@return the aggregator, empty} */
        public GroupByAggregator build() {
            return new GroupByAggregator(this);
        }
    }

    private void bind(Frame f, String op) {
        Checks.notNull(f, op, "frame");
        Schema s = f.schema();
        if (s != schema) {
            resolve(f, s, op);
        }
        if (codes) {
            CategoryDictionary d = f.column(keyIndex).dictionary();
            if (dictionary == null) {
                dictionary = d;
            } else if (d != dictionary) {
                throw new IllegalArgumentException(op + ": frame " + f.name() + " encodes '" + keyName
                        + "' with another dictionary than earlier frames; category keys need frames that share"
                        + " one dictionary (the frames of one FramePool)");
            }
        }
    }

    private void resolve(Frame f, Schema s, String op) {
        if (!s.contains(keyName) || !s.contains(valueName)) {
            throw new IllegalArgumentException(op + ": frame " + f.name() + " lacks column '"
                    + (s.contains(keyName) ? valueName : keyName) + "' " + s);
        }
        int k = s.indexOf(keyName);
        int v = s.indexOf(valueName);
        Checks.type(f.column(k), op, ColumnType.INT64, ColumnType.TIMESTAMP, ColumnType.CATEGORY);
        Checks.type(f.column(v), op, ColumnType.FLOAT64);
        boolean c = f.column(k).type() == ColumnType.CATEGORY;
        if (groups == null) {
            codes = c;
            groups = new GroupBy(c, expectedGroups, var, minMax, window);
        } else if (c != codes) {
            throw new IllegalArgumentException(op + ": key column '" + keyName + "' changed between category and"
                    + " int64 keys across frames");
        }
        schema = s;
        keyIndex = k;
        valueIndex = v;
    }

    /**
     * Adds a frame's rows.
     *
     * @param frame a frame with the key and value columns
     * @throws IllegalStateException when a window is full (remove the oldest frame first)
     */
    public void add(Frame frame) {
        bind(frame, "groupBy.add");
        Column k = frame.column(keyIndex);
        Column v = frame.column(valueIndex);
        groups.add(k.values(), k.validity(), v.values(), v.validity(), frame.rowCount());
    }

    /**
     * Removes the oldest frame still added (it must be that frame, unchanged).
     *
     * @param frame the oldest frame added
     * @throws IllegalStateException when {@code window(maxFrames)} was not set, or this is not the oldest frame
     */
    public void remove(Frame frame) {
        bind(frame, "groupBy.remove");
        Column k = frame.column(keyIndex);
        Column v = frame.column(valueIndex);
        groups.remove(k.values(), k.validity(), v.values(), v.validity(), frame.rowCount());
    }

    /** Forgets every group and frame. */
    public void clear() {
        if (groups != null) {
            groups.clear();
        }
        dictionary = null;
    }

    /** {@return how many group ids exist: 0 .. groups() − 1 (some may have left the window, see live)} */
    public int groups() {
        return groups == null ? 0 : groups.groups();
    }

    /**
     * Whether group {@code g} has rows now.
     *
     * @param g a group id
     * @return true when it is in the result
     */
    public boolean live(int g) {
        return groups.live(g);
    }

    /**
     * Writes the live group ids in key order (category keys: code order).
     *
     * @param out at least {@link #groups()} long
     * @return how many were written
     */
    public int sortedGroups(int[] out) {
        return groups == null ? 0 : groups.sortedGroups(out);
    }

    /**
     * The int64 key (or category code) of group {@code g}.
     *
     * @param g a group id
     * @return its key
     */
    public long key(int g) {
        return groups.key(g);
    }

    /**
     * The category string of group {@code g}, for a category key column.
     *
     * @param g a group id
     * @return the decoded key
     * @throws IllegalStateException for int64 keys
     */
    public String keyString(int g) {
        if (!codes || dictionary == null) {
            throw new IllegalStateException("groupBy: keyString needs a category key column; '" + keyName
                    + "' holds int64 keys, use key(g)");
        }
        return dictionary.decode((int) groups.key(g));
    }

    /**
     * Rows of group {@code g}, null and NaN values included (pandas' {@code size()}).
     *
     * @param g a group id
     * @return rows of the group, null and NaN values included
     */
    public long size(int g) {
        return groups.size(g);
    }

    /**
     * Rows of group {@code g} whose value is neither null nor NaN (pandas' {@code count()}).
     *
     * @param g a group id
     * @return rows of the group whose value is neither null nor NaN
     */
    public long count(int g) {
        return groups.count(g);
    }

    /**
     * Sum of group {@code g}'s values.
     *
     * @param g a group id
     * @return the sum, 0 for none
     */
    public double sum(int g) {
        return groups.sum(g);
    }

    /**
     * Mean of group {@code g}'s values.
     *
     * @param g a group id
     * @return the mean, NaN for none
     */
    public double mean(int g) {
        return groups.mean(g);
    }

    /**
     * Variance of group {@code g}.
     *
     * @param g a group id
     * @param ddof delta degrees of freedom (pandas' default 1)
     * @return the variance, NaN when {@code count − ddof ≤ 0}
     */
    public double var(int g, int ddof) {
        return groups.var(g, ddof);
    }

    /**
     * Standard deviation of group {@code g}.
     *
     * @param g a group id
     * @param ddof delta degrees of freedom
     * @return the standard deviation, NaN when {@code count − ddof ≤ 0}
     */
    public double std(int g, int ddof) {
        return groups.std(g, ddof);
    }

    /**
     * Minimum of group {@code g}'s values (recomputed first if it left the window).
     *
     * @param g a group id
     * @return the minimum, NaN for none
     */
    public double min(int g) {
        return groups.min(g);
    }

    /**
     * Maximum of group {@code g}'s values (recomputed first if it left the window).
     *
     * @param g a group id
     * @return the maximum, NaN for none
     */
    public double max(int g) {
        return groups.max(g);
    }
}
