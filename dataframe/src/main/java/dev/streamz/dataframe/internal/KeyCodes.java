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
    private int[] ranks = new int[16];
    private int ranked;

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

    /**
     * The alphabetical rank of a translated key among every label seen so far (pandas sorts category
     * groups by label); recomputed only when new labels arrived, so the steady state allocates nothing.
     *
     * @param key a translated key
     * @return its rank, 0 for the smallest label
     */
    public int rank(long key) {
        int n = own.size();
        if (ranked != n) {
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            java.util.Arrays.sort(order, (a, b) -> own.decode(a).compareTo(own.decode(b)));
            if (ranks.length < n) {
                ranks = new int[Math.max(n, ranks.length * 2)];
            }
            for (int r = 0; r < n; r++) {
                ranks[order[r]] = r;
            }
            ranked = n;
        }
        return ranks[(int) key];
    }

    /**
     * @param key a translated key
     * @return its label
     */
    public String label(long key) {
        return own.decode((int) key);
    }
}
