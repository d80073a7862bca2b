package dev.streamz.frames.internal.arrow;

import dev.streamz.frames.ColumnType;
import dev.streamz.frames.internal.BufferDescriptor;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * Reads a producer's {@code ArrowSchema} / {@code ArrowArray} (a struct array, one child per column) as
 * columns whose buffers are the producer's memory, without copying them.
 *
 * <p>Ownership: the import takes both structs over whether it succeeds or fails. The schema is read into
 * Java values and released at once; the array is moved into memory of the import (the source struct is
 * marked released, so the caller may free it) and released exactly once by {@link Imported#release()}. Every
 * imported buffer is a segment of the import's arena, so touching a column after release throws
 * {@code IllegalStateException} instead of reading freed memory.
 *
 * <p>Copies are made only where the layout forces one: a validity or boolean bitmap whose row offset is not
 * a multiple of 8 is shifted into the import's arena; a missing validity bitmap stays null (all present); a
 * category's dictionary is decoded into Java strings.
 */
// Restricted FFM calls (upcall stubs, downcalls, reinterpret) are the point of this class: the JVM warns
// once unless --enable-native-access names this module (or ALL-UNNAMED on the class path).
@SuppressWarnings("restricted")
public final class CDataImporter {
    private static final long SCHEMA_BYTES = ArrowSchemaDescriptor.LAYOUT.byteSize();
    private static final long ARRAY_BYTES = ArrowArrayDescriptor.LAYOUT.byteSize();
    private static final MethodHandle CALL_RELEASE =
            Linker.nativeLinker().downcallHandle(FunctionDescriptor.ofVoid(ADDRESS));

    private CDataImporter() {
    }

    /**
     * What an import produced: columns over the producer's buffers, valid until {@link #release()}.
     */
    public static final class Imported {
        private final long length;
        private final List<CDataColumn> columns;
        private final Arena arena;
        private final MemorySegment array; // our moved copy of the producer's base struct
        private final AtomicBoolean released = new AtomicBoolean();

        Imported(long length, List<CDataColumn> columns, Arena arena, MemorySegment array) {
            this.length = length;
            this.columns = columns;
            this.arena = arena;
            this.array = array;
        }

        /** @return rows */
        public long length() {
            return length;
        }

        /** @return the columns, in schema order */
        public List<CDataColumn> columns() {
            return columns;
        }

        /** @return the arena every imported buffer belongs to; closed by {@link #release()} */
        public Arena arena() {
            return arena;
        }

        /**
         * Calls the producer's release callback (once, whoever calls this how often) and closes the arena.
         */
        public void release() {
            if (!released.compareAndSet(false, true)) {
                return;
            }
            try {
                callRelease(array, ArrowArrayDescriptor.release(array));
            } finally {
                arena.close();
            }
        }

        /** @return whether {@link #release()} ran */
        public boolean isReleased() {
            return released.get();
        }
    }

    /**
     * Imports the struct array at {@code arrayAddress} described by the schema at {@code schemaAddress}.
     *
     * @param arrayAddress address of an {@code ArrowArray}
     * @param schemaAddress address of an {@code ArrowSchema}
     * @return the imported columns
     * @throws IllegalArgumentException for a type we have no column for (naming field and format), a
     *     schema that is not a struct, or structs already released; both structs are released then too
     */
    public static Imported importStructs(long arrayAddress, long schemaAddress) {
        if (arrayAddress == 0 || schemaAddress == 0) {
            throw new IllegalArgumentException("Arrow import: the ArrowArray and ArrowSchema addresses must not be 0");
        }
        MemorySegment schema = MemorySegment.ofAddress(schemaAddress).reinterpret(SCHEMA_BYTES);
        MemorySegment source = MemorySegment.ofAddress(arrayAddress).reinterpret(ARRAY_BYTES);
        if (ArrowArrayDescriptor.release(source).equals(MemorySegment.NULL)) {
            releaseStruct(schema, true);
            throw new IllegalArgumentException("Arrow import: the ArrowArray was already released (or moved)");
        }
        Arena arena = Arena.ofShared();
        MemorySegment array = arena.allocate(ArrowArrayDescriptor.LAYOUT);
        MemorySegment.copy(source, 0, array, 0, ARRAY_BYTES);
        ArrowArrayDescriptor.release(source, MemorySegment.NULL); // moved: the caller may free its struct
        Imported imported = null;
        try {
            List<Field> fields = readSchema(schema);
            imported = new Imported(ArrowArrayDescriptor.length(array), readArray(array, fields, arena), arena, array);
            return imported;
        } finally {
            releaseStruct(schema, true);
            if (imported == null) {
                new Imported(0, List.of(), arena, array).release();
            }
        }
    }

    private record Field(String name, String format, ColumnType type, String dictionaryFormat) {
    }

    private static List<Field> readSchema(MemorySegment schema) {
        if (ArrowSchemaDescriptor.release(schema).equals(MemorySegment.NULL)) {
            throw new IllegalArgumentException("Arrow import: the ArrowSchema was already released");
        }
        String format = string(ArrowSchemaDescriptor.format(schema));
        if (!format.equals(CDataFormats.STRUCT)) {
            throw new IllegalArgumentException("Arrow import: a frame is a struct array (format '+s'), got format '"
                    + format + "' (" + CDataFormats.describe(format) + ")");
        }
        int n = Math.toIntExact(ArrowSchemaDescriptor.nChildren(schema));
        MemorySegment children = ArrowSchemaDescriptor.children(schema).reinterpret(ADDRESS.byteSize() * n);
        List<Field> fields = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            MemorySegment child = children.getAtIndex(ADDRESS, i).reinterpret(SCHEMA_BYTES);
            String name = nullableString(ArrowSchemaDescriptor.name(child));
            if (name == null) {
                name = "column" + i;
            }
            String childFormat = string(ArrowSchemaDescriptor.format(child));
            MemorySegment dictionary = ArrowSchemaDescriptor.dictionary(child);
            if (!dictionary.equals(MemorySegment.NULL)) {
                String dictFormat = string(dictionary.reinterpret(SCHEMA_BYTES).get(ADDRESS, 0)); // format is first
                if (!childFormat.equals("i")
                        || !(dictFormat.equals(CDataFormats.UTF8) || dictFormat.equals(CDataFormats.LARGE_UTF8))) {
                    throw unsupported(name, "dictionary<values=" + dictFormat + " ("
                            + CDataFormats.describe(dictFormat) + "), indices=" + childFormat + " ("
                            + CDataFormats.describe(childFormat) + ")>");
                }
                fields.add(new Field(name, childFormat, ColumnType.CATEGORY, dictFormat));
                continue;
            }
            ColumnType type = CDataFormats.type(childFormat);
            if (type == null) {
                throw unsupported(name, "'" + childFormat + "' (" + CDataFormats.describe(childFormat) + ")");
            }
            fields.add(new Field(name, childFormat, type, null));
        }
        return fields;
    }

    private static IllegalArgumentException unsupported(String field, String format) {
        return new IllegalArgumentException("Arrow import: field '" + field + "' has Arrow format " + format
                + ", which has no frame column type; supported: " + CDataFormats.SUPPORTED);
    }

    private static List<CDataColumn> readArray(MemorySegment array, List<Field> fields, Arena arena) {
        long length = ArrowArrayDescriptor.length(array);
        long offset = ArrowArrayDescriptor.offset(array);
        int n = Math.toIntExact(ArrowArrayDescriptor.nChildren(array));
        if (n != fields.size()) {
            throw new IllegalArgumentException("Arrow import: the ArrowArray has " + n
                    + " children but its ArrowSchema has " + fields.size() + " fields");
        }
        if (ArrowArrayDescriptor.nullCount(array) != 0 && ArrowArrayDescriptor.nBuffers(array) > 0) {
            MemorySegment buffers = ArrowArrayDescriptor.buffers(array).reinterpret(ADDRESS.byteSize());
            MemorySegment validity = buffers.getAtIndex(ADDRESS, 0);
            if (!validity.equals(MemorySegment.NULL)
                    && countNulls(validity.reinterpret((offset + length + 7) >>> 3), offset, length) > 0) {
                throw new IllegalArgumentException("Arrow import: the struct array has null rows; a frame has "
                        + "nulls per column only");
            }
        }
        MemorySegment children = ArrowArrayDescriptor.children(array).reinterpret(ADDRESS.byteSize() * n);
        List<CDataColumn> columns = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Field f = fields.get(i);
            MemorySegment child = children.getAtIndex(ADDRESS, i).reinterpret(ARRAY_BYTES);
            long childLength = ArrowArrayDescriptor.length(child);
            if (childLength < offset + length) {
                throw new IllegalArgumentException("Arrow import: field '" + f.name() + "' has " + childLength
                        + " rows, fewer than the struct's offset + length " + (offset + length));
            }
            columns.add(column(f, child, offset, length, arena));
        }
        return List.copyOf(columns);
    }

    private static CDataColumn column(Field f, MemorySegment child, long parentOffset, long length, Arena arena) {
        long off = parentOffset + ArrowArrayDescriptor.offset(child);
        long nBuffers = ArrowArrayDescriptor.nBuffers(child);
        if (nBuffers != 2) {
            throw new IllegalArgumentException("Arrow import: field '" + f.name() + "' (format '" + f.format()
                    + "') has " + nBuffers + " buffers, expected 2");
        }
        MemorySegment buffers = ArrowArrayDescriptor.buffers(child).reinterpret(2 * ADDRESS.byteSize());
        MemorySegment validityPtr = buffers.getAtIndex(ADDRESS, 0);
        MemorySegment valuesPtr = buffers.getAtIndex(ADDRESS, 1);
        MemorySegment validity = null;
        long nulls = 0;
        if (!validityPtr.equals(MemorySegment.NULL)) {
            validity = bits(validityPtr, off, length, arena);
            nulls = countNulls(validity, 0, length);
        } else if (ArrowArrayDescriptor.nullCount(child) > 0) {
            throw new IllegalArgumentException("Arrow import: field '" + f.name() + "' reports "
                    + ArrowArrayDescriptor.nullCount(child) + " nulls but has no validity bitmap");
        }
        MemorySegment values;
        if (f.type() == ColumnType.BOOLEAN) {
            values = length == 0 ? arena.allocate(BufferDescriptor.ALIGNMENT) : bits(valuesPtr, off, length, arena);
        } else {
            int w = f.type().valueBytes();
            values = length == 0 ? arena.allocate(BufferDescriptor.ALIGNMENT)
                    : valuesPtr.reinterpret((off + length) * w, arena, null).asSlice(off * w, length * w);
        }
        List<String> dictionary = null;
        if (f.type() == ColumnType.CATEGORY) {
            dictionary = dictionary(f, ArrowArrayDescriptor.dictionary(child));
            for (long r = 0; r < length; r++) {
                int code = values.getAtIndex(JAVA_INT, r);
                boolean present = validity == null || (validity.get(JAVA_BYTE, r >>> 3) & (1 << (r & 7))) != 0;
                if (present && (code < 0 || code >= dictionary.size())) {
                    throw new IllegalArgumentException("Arrow import: field '" + f.name() + "' row " + r
                            + " has dictionary index " + code + " outside its dictionary of " + dictionary.size());
                }
            }
        }
        return new CDataColumn(f.name(), f.type(), length, nulls, validity, values, dictionary);
    }

    /** A bitmap of {@code length} bits starting at bit {@code off}: a slice when byte-aligned, else a shifted copy. */
    private static MemorySegment bits(MemorySegment ptr, long off, long length, Arena arena) {
        long bytes = (length + 7) >>> 3;
        if (length == 0) {
            return arena.allocate(BufferDescriptor.ALIGNMENT);
        }
        MemorySegment src = ptr.reinterpret((off + length + 7) >>> 3, arena, null);
        if ((off & 7) == 0) {
            return src.asSlice(off >>> 3, bytes);
        }
        MemorySegment dst = arena.allocate(BufferDescriptor.pad(bytes), BufferDescriptor.ALIGNMENT);
        for (long i = 0; i < length; i++) {
            long b = off + i;
            if ((src.get(JAVA_BYTE, b >>> 3) & (1 << (b & 7))) != 0) {
                dst.set(JAVA_BYTE, i >>> 3, (byte) (dst.get(JAVA_BYTE, i >>> 3) | (1 << (i & 7))));
            }
        }
        return dst;
    }

    private static long countNulls(MemorySegment bitmap, long off, long length) {
        long present = 0;
        for (long i = 0; i < length; i++) {
            long b = off + i;
            present += (bitmap.get(JAVA_BYTE, b >>> 3) >>> (b & 7)) & 1;
        }
        return length - present;
    }

    private static List<String> dictionary(Field f, MemorySegment ptr) {
        if (ptr.equals(MemorySegment.NULL)) {
            throw new IllegalArgumentException("Arrow import: field '" + f.name()
                    + "' is dictionary-encoded in its schema but its array has no dictionary");
        }
        MemorySegment d = ptr.reinterpret(ARRAY_BYTES);
        long n = ArrowArrayDescriptor.length(d);
        long off = ArrowArrayDescriptor.offset(d);
        MemorySegment buffers = ArrowArrayDescriptor.buffers(d).reinterpret(3 * ADDRESS.byteSize());
        MemorySegment validity = buffers.getAtIndex(ADDRESS, 0);
        if (!validity.equals(MemorySegment.NULL) && n > 0
                && countNulls(validity.reinterpret((off + n + 7) >>> 3), off, n) > 0) {
            throw new IllegalArgumentException("Arrow import: field '" + f.name()
                    + "' has a null in its dictionary; a category dictionary holds strings only");
        }
        boolean large = f.dictionaryFormat().equals(CDataFormats.LARGE_UTF8);
        long ow = large ? 8 : 4;
        MemorySegment offsets = buffers.getAtIndex(ADDRESS, 1).reinterpret((off + n + 1) * ow);
        String[] out = new String[Math.toIntExact(n)];
        long first = n == 0 ? 0 : large ? offsets.getAtIndex(JAVA_LONG, off) : offsets.getAtIndex(JAVA_INT, off);
        long last = n == 0 ? 0 : large ? offsets.getAtIndex(JAVA_LONG, off + n) : offsets.getAtIndex(JAVA_INT, off + n);
        MemorySegment data = n == 0 ? MemorySegment.NULL : buffers.getAtIndex(ADDRESS, 2).reinterpret(last);
        for (int i = 0; i < n; i++) {
            long s = large ? offsets.getAtIndex(JAVA_LONG, off + i) : offsets.getAtIndex(JAVA_INT, off + i);
            long e = large ? offsets.getAtIndex(JAVA_LONG, off + i + 1) : offsets.getAtIndex(JAVA_INT, off + i + 1);
            if (s < first || e < s || e > last) {
                throw new IllegalArgumentException("Arrow import: field '" + f.name()
                        + "' has corrupt dictionary offsets at entry " + i);
            }
            byte[] bytes = data.asSlice(s, e - s).toArray(JAVA_BYTE);
            out[i] = new String(bytes, StandardCharsets.UTF_8);
        }
        return Arrays.asList(out);
    }

    private static void releaseStruct(MemorySegment schema, boolean isSchema) {
        MemorySegment fn = isSchema ? ArrowSchemaDescriptor.release(schema) : ArrowArrayDescriptor.release(schema);
        callRelease(schema, fn);
    }

    private static void callRelease(MemorySegment struct, MemorySegment fn) {
        if (fn.equals(MemorySegment.NULL)) {
            return; // released already
        }
        try {
            CALL_RELEASE.invokeExact(fn, struct);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("Arrow release callback failed", t);
        }
    }

    private static String string(MemorySegment p) {
        if (p.equals(MemorySegment.NULL)) {
            throw new IllegalArgumentException("Arrow import: a format string is NULL");
        }
        return p.reinterpret(Long.MAX_VALUE).getString(0);
    }

    private static String nullableString(MemorySegment p) {
        return p.equals(MemorySegment.NULL) ? null : p.reinterpret(Long.MAX_VALUE).getString(0);
    }
}
