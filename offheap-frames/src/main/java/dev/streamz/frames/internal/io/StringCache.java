package dev.streamz.frames.internal.io;

/**
 * Maps a {@code char[]} slice to an equal {@code String} seen before, so a category column's repeated
 * values cost a hash and a compare, not a new string per field. Open addressing, bounded: past
 * {@code maxEntries} distinct values a miss returns a fresh string without caching it.
 */
public final class StringCache {
    private final int maxEntries;
    private String[] keys = new String[256];
    private int[] hashes = new int[256];
    private int size;

    /** @param maxEntries distinct strings kept at most */
    public StringCache(int maxEntries) {
        this.maxEntries = maxEntries;
    }

    /** @return a string equal to {@code [s, e)} of {@code b} */
    public String get(char[] b, int s, int e) {
        int h = 0;
        for (int i = s; i < e; i++) {
            h = 31 * h + b[i];
        }
        int mask = keys.length - 1;
        int slot = mix(h) & mask;
        while (true) {
            String k = keys[slot];
            if (k == null) {
                break;
            }
            if (hashes[slot] == h && same(k, b, s, e)) {
                return k;
            }
            slot = (slot + 1) & mask;
        }
        String v = new String(b, s, e - s);
        if (size >= maxEntries) {
            return v;
        }
        keys[slot] = v;
        hashes[slot] = h;
        if (++size * 2 > keys.length) {
            grow();
        }
        return v;
    }

    private static int mix(int h) {
        return h ^ (h >>> 16) ^ (h >>> 7);
    }

    private static boolean same(String k, char[] b, int s, int e) {
        if (k.length() != e - s) {
            return false;
        }
        for (int i = 0; i < k.length(); i++) {
            if (k.charAt(i) != b[s + i]) {
                return false;
            }
        }
        return true;
    }

    private void grow() {
        String[] oldKeys = keys;
        int[] oldHashes = hashes;
        keys = new String[oldKeys.length * 2];
        hashes = new int[oldKeys.length * 2];
        int mask = keys.length - 1;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != null) {
                int slot = mix(oldHashes[i]) & mask;
                while (keys[slot] != null) {
                    slot = (slot + 1) & mask;
                }
                keys[slot] = oldKeys[i];
                hashes[slot] = oldHashes[i];
            }
        }
    }
}
