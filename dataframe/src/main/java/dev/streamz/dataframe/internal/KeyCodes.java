package dev.streamz.dataframe.internal;

import dev.streamz.frames.CategoryDictionary;

import java.util.Arrays;

/**
 * Stable group keys for a category column: frames from different builders or pools have dictionaries of
 * their own, so a code means different labels in different batches. This maps each batch dictionary's codes
 * to codes of one dictionary owned by the operation, extending the mapping only for codes it has not seen
 * (no work per row, none per batch in the steady state of a pooled source).
 */
public final class KeyCodes {
    private final CategoryDictionary own;
    private CategoryDictionary last;
    private int[] map = new int[16];
    private int known;

    /**
     * @param column the key column's name
     */
    public KeyCodes(String column) {
        this.own = new CategoryDictionary(column);
    }

    /**
     * @param batch the batch column's dictionary
     * @return the code translation for it, valid until the next call
     */
    public int[] translation(CategoryDictionary batch) {
        if (batch != last) {
            last = batch;
            known = 0;
        }
        int size = batch.size();
        if (map.length < size) {
            map = Arrays.copyOf(map, Math.max(size, map.length * 2));
        }
        for (int c = known; c < size; c++) {
            map[c] = own.encode(batch.decode(c));
        }
        known = size;
        return map;
    }

    /** @return the number of labels seen in any batch's dictionary (codes {@code 0..size-1}) */
    public int size() {
        return own.size();
    }

    /**
     * @param key a translated key
     * @return its label
     */
    public String label(long key) {
        return own.decode((int) key);
    }
}
