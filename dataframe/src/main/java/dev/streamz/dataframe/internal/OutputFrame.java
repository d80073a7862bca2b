package dev.streamz.dataframe.internal;

import dev.streamz.frames.Frame;
import dev.streamz.frames.Schema;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The frame an operation emits, lent to its downstreams for one emission and reused for the next, so the
 * steady state allocates nothing. When a downstream kept the last one ({@link Frame#retain()}: more than
 * one holder), or a batch outgrows it, the operation lets go of it and allocates a fresh one; the kept
 * frame lives until its last holder releases it.
 */
public final class OutputFrame {
    private final String name;
    private final Schema schema;
    private Frame frame;

    /**
     * @param name the frames' name (the operation, for error messages)
     * @param schema their schema
     */
    public OutputFrame(String name, Schema schema) {
        this.name = name;
        this.schema = schema;
    }

    /**
     * @param rows rows the next emission needs
     * @return a frame of at least that capacity, with no rows yet, that no one else holds
     */
    public Frame next(int rows) {
        if (frame == null || frame.holders() > 1 || frame.capacity() < rows) {
            int capacity = Math.max(16, frame == null ? rows : Math.max(rows, frame.capacity()));
            if (frame != null) {
                frame.release();
            }
            frame = Frame.allocate(name, schema, capacity);
        }
        frame.setRowCount(0);
        return frame;
    }

    /**
     * Marks rows {@code [0, rows)} of a validity bitmap present.
     *
     * @param validity the bitmap
     * @param rows the rows
     */
    public static void allPresent(MemorySegment validity, int rows) {
        int bytes = (rows + 7) >>> 3;
        int i = 0;
        for (; i + 8 <= bytes; i += 8) {
            validity.set(ValueLayout.JAVA_LONG_UNALIGNED, i, -1L); // 64 rows per store
        }
        for (; i < bytes; i++) {
            validity.set(ValueLayout.JAVA_BYTE, i, (byte) 0xFF);
        }
    }
}
