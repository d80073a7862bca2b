package dev.streamz.dataframe.internal;

import dev.streamz.frames.Column;
import dev.streamz.frames.ColumnType;
import dev.streamz.frames.Frame;

import java.util.Arrays;

/**
 * The group key of each row of a batch, read from a key column into a reused {@code long[]}: the value of
 * an int32, int64 or boolean column, or for a category column a code of one dictionary this object owns
 * (stable across batches whose dictionaries differ); a null key is {@link GroupTable#NO_GROUP}.
 */
public final class GroupKeys {
    private final int position;
    private final KeyCodes codes;
    private final Slice slice = new Slice();
    private long[] keys = new long[64];

    /**
     * @param name the key column's name
     * @param position its position in the batches' schema
     * @param type its type
     */
    public GroupKeys(String name, int position, ColumnType type) {
        this.position = position;
        this.codes = type == ColumnType.CATEGORY ? new KeyCodes(name) : null;
    }

    /**
     * @param frame a batch
     * @return each row's key (valid until the next call; at least {@code frame.rowCount()} long)
     */
    public long[] of(Frame frame) {
        int n = frame.rowCount();
        if (keys.length < n) {
            keys = Arrays.copyOf(keys, Math.max(n, keys.length * 2));
        }
        Column c = frame.column(position);
        Slice s = slice.set(c.type(), c.values(), c.validity(), n);
        int[] translate = codes == null ? null : codes.translation(c.dictionary());
        for (int i = 0; i < n; i++) {
            if (s.isNull(i)) {
                keys[i] = GroupTable.NO_GROUP;
            } else {
                long k = s.l(i);
                keys[i] = translate == null ? k : translate[(int) k];
            }
        }
        return keys;
    }

    /** {@return the category codes, or {@code null} for a numeric key} */
    public KeyCodes codes() {
        return codes;
    }

    /**
     * @param key a key this object produced
     * @return it as a label: the category's label, or the number
     */
    public Object label(long key) {
        return codes == null ? (Object) key : codes.label(key);
    }
}
