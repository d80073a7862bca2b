package dev.streamz.dataframe.internal;

import dev.streamz.frames.CategoryDictionary;
import dev.streamz.frames.ColumnType;
import dev.streamz.frames.Frame;
import dev.streamz.frames.Schema;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * {@link OutputFrame}'s lending for operations that copy category columns: the output's category columns
 * share the input's dictionaries, so codes are copied as they are. The frame is lent for one emission and
 * reused for the next; a fresh one is made when a downstream kept the last ({@link Frame#retain()}), a batch
 * outgrows it, or the input's dictionaries change (frames from another pool).
 */
public final class LentFrame {
    private static final int ALIGN = 64;
    private final String name;
    private final Schema schema;
    private final CategoryDictionary[] dictionaries;
    private Frame frame;

    /**
     * @param name the frames' name (the operation, for error messages)
     * @param schema their schema
     */
    public LentFrame(String name, Schema schema) {
        this.name = name;
        this.schema = schema;
        this.dictionaries = new CategoryDictionary[schema.size()];
    }

    /**
     * @param rows rows the next emission needs
     * @param input the input frame
     * @param source per output column, the input column it copies (its dictionary is shared), or -1
     * @return a frame of at least that capacity, with no rows yet, that no one else holds
     */
    public Frame next(int rows, Frame input, int[] source) {
        boolean same = frame != null && frame.holders() == 1 && frame.capacity() >= rows;
        for (int i = 0; same && i < dictionaries.length; i++) {
            if (schema.field(i).type() == ColumnType.CATEGORY && input.column(source[i]).dictionary() != dictionaries[i]) {
                same = false;
            }
        }
        if (!same) {
            int capacity = Math.max(16, frame == null ? rows : Math.max(rows, frame.capacity()));
            if (frame != null) {
                frame.release();
            }
            for (int i = 0; i < dictionaries.length; i++) {
                dictionaries[i] = schema.field(i).type() == ColumnType.CATEGORY
                        ? input.column(source[i]).dictionary() : null;
            }
            frame = allocate(capacity);
        }
        frame.setRowCount(0);
        return frame;
    }

    private Frame allocate(int capacity) {
        Arena arena = Arena.ofShared();
        int n = schema.size();
        MemorySegment[] validity = new MemorySegment[n];
        MemorySegment[] values = new MemorySegment[n];
        long bits = pad((capacity + 7L) >>> 3);
        for (int i = 0; i < n; i++) {
            ColumnType t = schema.field(i).type();
            validity[i] = arena.allocate(bits, ALIGN);
            values[i] = arena.allocate(t.bitPacked() ? bits : pad((long) capacity * t.valueBytes()), ALIGN);
        }
        Frame f = Frame.wrap(name, schema, capacity, validity, values, dictionaries, arena::close);
        f.setRowCount(0);
        return f;
    }

    private static long pad(long bytes) {
        return Math.max(ALIGN, (bytes + ALIGN - 1) & -ALIGN);
    }
}
