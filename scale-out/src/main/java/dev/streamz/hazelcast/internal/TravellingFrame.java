package dev.streamz.hazelcast.internal;

import dev.streamz.frames.CategoryDictionary;
import dev.streamz.frames.Column;
import dev.streamz.frames.ColumnType;
import dev.streamz.frames.Frame;
import dev.streamz.frames.Schema;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.Serial;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;

/**
 * A {@link Frame} on its way to or from a member: one serialized unit holding its name, schema, row
 * count, each column's validity bitmap and value bytes (only the rows in use), and each category column's
 * dictionary in code order. Off-heap memory does not travel by itself: the sender copies it in
 * ({@link #of}), the receiver allocates a frame of its own and copies it out ({@link #open}).
 *
 * @param bytes the encoded frame
 */
public record TravellingFrame(byte[] bytes) implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * Encodes a frame; the caller keeps its hold on it.
     *
     * @param f a live frame
     * @return its bytes, ready to travel
     */
    public static TravellingFrame of(Frame f) {
        return new TravellingFrame(encode(f));
    }

    /** {@return a new frame with the same contents, with one holder: the caller} */
    public Frame open() {
        return decode(bytes);
    }

    /**
     * @param f a live frame
     * @return its encoding (see the class comment)
     */
    public static byte[] encode(Frame f) {
        int rows = f.rowCount();
        Schema schema = f.schema();
        ByteArrayOutputStream buf = new ByteArrayOutputStream(64 + rows * 9 * schema.size());
        try (DataOutputStream out = new DataOutputStream(buf)) {
            out.writeUTF(f.name());
            out.writeInt(schema.size());
            for (Schema.Field field : schema.fields()) {
                out.writeUTF(field.name());
                out.writeUTF(field.type().name());
            }
            out.writeInt(rows);
            for (int c = 0; c < schema.size(); c++) {
                Column col = f.column(c);
                if (col.type() == ColumnType.CATEGORY) {
                    List<String> values = col.dictionary().values();
                    out.writeInt(values.size());
                    for (String v : values) {
                        out.writeUTF(v);
                    }
                }
                out.write(col.validity().asSlice(0, bitmapBytes(rows)).toArray(ValueLayout.JAVA_BYTE));
                out.write(col.values().asSlice(0, valueBytes(col.type(), rows)).toArray(ValueLayout.JAVA_BYTE));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail
        }
        return buf.toByteArray();
    }

    /**
     * @param bytes an encoding made by {@link #encode}
     * @return a newly allocated frame with those contents, with one holder (the caller)
     */
    public static Frame decode(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            String name = in.readUTF();
            int n = in.readInt();
            Schema.Builder sb = Schema.builder();
            for (int c = 0; c < n; c++) {
                String column = in.readUTF();
                sb.column(column, ColumnType.valueOf(in.readUTF()));
            }
            Schema schema = sb.build();
            int rows = in.readInt();
            Frame f = Frame.allocate(name, schema, Math.max(1, rows));
            try {
                for (int c = 0; c < n; c++) {
                    Column col = f.column(c);
                    if (col.type() == ColumnType.CATEGORY) {
                        CategoryDictionary d = col.dictionary();
                        int size = in.readInt();
                        for (int k = 0; k < size; k++) {
                            d.encode(in.readUTF()); // a fresh dictionary: codes come back in the same order
                        }
                    }
                    copyIn(in, col.validity(), bitmapBytes(rows));
                    copyIn(in, col.values(), valueBytes(col.type(), rows));
                }
                f.setRowCount(rows);
                return f;
            } catch (IOException | RuntimeException e) {
                f.release();
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("a travelling frame is truncated or corrupt", e);
        }
    }

    private static void copyIn(DataInputStream in, MemorySegment target, int length) throws IOException {
        byte[] b = in.readNBytes(length);
        if (b.length != length) {
            throw new IOException("expected " + length + " bytes, got " + b.length);
        }
        MemorySegment.copy(b, 0, target, ValueLayout.JAVA_BYTE, 0, length);
    }

    private static int bitmapBytes(int rows) {
        return (rows + 7) / 8;
    }

    private static int valueBytes(ColumnType type, int rows) {
        return type.bitPacked() ? bitmapBytes(rows) : rows * type.valueBytes();
    }

    /** Turns a travelling frame back into a frame; anything else is returned as it is. */
    static Object arrived(Object x) {
        return x instanceof TravellingFrame t ? t.open() : x;
    }

    /** Releases {@code x} if it is a frame. */
    static void release(Object x) {
        if (x instanceof Frame f) {
            f.release();
        }
    }
}
