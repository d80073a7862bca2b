package dev.streamz.internal.sources;

import java.util.Arrays;

/** A growable byte buffer for splitting a byte stream into delimited frames. Not thread-safe. */
final class ByteBuf {
    private byte[] data = new byte[256];
    private int size;

    int size() {
        return size;
    }

    /** @return the bytes the buffer holds in memory, used or not */
    int capacity() {
        return data.length;
    }

    void append(byte[] src, int off, int len) {
        if (size + len > data.length) {
            data = Arrays.copyOf(data, Math.max(size + len, data.length * 2));
        }
        System.arraycopy(src, off, data, size, len);
        size += len;
    }

    /** @return the index of the first occurrence of {@code pattern} at or after {@code from}, or -1 */
    int indexOf(byte[] pattern, int from) {
        outer:
        for (int i = Math.max(0, from), last = size - pattern.length; i <= last; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** Removes and returns the first {@code n} bytes. */
    byte[] take(int n) {
        byte[] out = Arrays.copyOf(data, n);
        System.arraycopy(data, n, data, 0, size - n);
        size -= n;
        return out;
    }

    /** Grows the buffer to hold at least {@code capacity} bytes without growing again. */
    void reserve(int capacity) {
        if (capacity > data.length) {
            data = Arrays.copyOf(data, capacity);
        }
    }

    /** Removes the first {@code n} bytes. */
    void drop(int n) {
        System.arraycopy(data, n, data, 0, size - n);
        size -= n;
    }

    /** Removes and returns everything. */
    byte[] takeAll() {
        return take(size);
    }

    void clear() {
        size = 0;
    }
}
