package dev.streamz.frames.internal.arrow;

import dev.streamz.frames.ColumnType;
import dev.streamz.frames.internal.BufferDescriptor;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * Writes columns into a consumer's {@code ArrowSchema} / {@code ArrowArray} structs as a struct array with
 * one child per column, without copying the columns' buffers.
 *
 * <p>Release protocol. Each export owns a shared arena holding what it allocated (the child structs,
 * the buffer-pointer arrays, the names, a category's UTF-8 dictionary); its base struct's
 * {@code private_data} is the export's id in a table of live exports. The base release callback, an upcall
 * stub made once, removes the id from the table (so it acts exactly once even if called twice), closes the
 * arena and runs the export's {@code onRelease} (which unpins the frame), then marks the struct released.
 * The base struct may have been moved by the consumer (the spec allows it); only {@code private_data} is
 * used to find the export. Child structs' callbacks only mark them released: the base owns their memory.
 */
// Restricted FFM calls (upcall stubs, downcalls, reinterpret) are the point of this class: the JVM warns
// once unless --enable-native-access names this module (or ALL-UNNAMED on the class path).
@SuppressWarnings("restricted")
public final class CDataExporter {
    private static final System.Logger LOG = System.getLogger(CDataExporter.class.getName());
    private static final Map<Long, Export> LIVE = new ConcurrentHashMap<>();
    private static final AtomicLong IDS = new AtomicLong();
    private static final long SCHEMA_BYTES = ArrowSchemaDescriptor.LAYOUT.byteSize();
    private static final long ARRAY_BYTES = ArrowArrayDescriptor.LAYOUT.byteSize();

    private static final MemorySegment RELEASE_SCHEMA = stub("releaseSchema");
    private static final MemorySegment RELEASE_ARRAY = stub("releaseArray");
    private static final MemorySegment RELEASE_CHILD_SCHEMA = stub("releaseChildSchema");
    private static final MemorySegment RELEASE_CHILD_ARRAY = stub("releaseChildArray");

    private record Export(Arena arena, Runnable onRelease) {
    }

    private CDataExporter() {
    }

    private static MemorySegment stub(String method) {
        try {
            var handle = MethodHandles.lookup().findStatic(CDataExporter.class, method,
                    MethodType.methodType(void.class, MemorySegment.class));
            return Linker.nativeLinker().upcallStub(handle, FunctionDescriptor.ofVoid(ADDRESS), Arena.global());
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** @return exports whose release callback has not run yet (tests check for leaks with it) */
    public static int liveExports() {
        return LIVE.size();
    }

    /**
     * Fills {@code schema} (the consumer's struct) with a struct schema of one child per column.
     *
     * @param columns the columns (only names, types and dictionaries are read)
     * @param schema a writable segment of at least {@link ArrowSchemaDescriptor#LAYOUT}'s size
     */
    public static void exportSchema(List<CDataColumn> columns, MemorySegment schema) {
        Arena arena = Arena.ofShared();
        try {
            MemorySegment children = arena.allocate(ADDRESS, Math.max(1, columns.size()));
            for (int i = 0; i < columns.size(); i++) {
                CDataColumn c = columns.get(i);
                MemorySegment child = arena.allocate(ArrowSchemaDescriptor.LAYOUT);
                fillSchema(child, arena.allocateFrom(CDataFormats.format(c.type())), arena.allocateFrom(c.name()),
                        ArrowSchemaDescriptor.FLAG_NULLABLE, 0, MemorySegment.NULL, RELEASE_CHILD_SCHEMA,
                        MemorySegment.NULL);
                if (c.type() == ColumnType.CATEGORY) {
                    MemorySegment dict = arena.allocate(ArrowSchemaDescriptor.LAYOUT);
                    fillSchema(dict, arena.allocateFrom(CDataFormats.UTF8), MemorySegment.NULL,
                            ArrowSchemaDescriptor.FLAG_NULLABLE, 0, MemorySegment.NULL, RELEASE_CHILD_SCHEMA,
                            MemorySegment.NULL);
                    ArrowSchemaDescriptor.dictionary(child, dict);
                }
                children.setAtIndex(ADDRESS, i, child);
            }
            long id = register(arena, () -> { });
            fillSchema(schema, arena.allocateFrom(CDataFormats.STRUCT), arena.allocateFrom(""), 0,
                    columns.size(), children, RELEASE_SCHEMA, MemorySegment.ofAddress(id));
        } catch (RuntimeException | Error e) {
            arena.close();
            throw e;
        }
    }

    /**
     * Fills {@code array} (the consumer's struct) with a struct array whose children point at the columns'
     * buffers. {@code onRelease} runs exactly once, when the consumer releases the array.
     *
     * @param columns the columns, each of {@code length} rows
     * @param length rows
     * @param onRelease what to do when the consumer is done with the buffers (unpin the frame)
     * @param array a writable segment of at least {@link ArrowArrayDescriptor#LAYOUT}'s size
     */
    public static void exportArray(List<CDataColumn> columns, long length, Runnable onRelease, MemorySegment array) {
        Arena arena = Arena.ofShared();
        try {
            MemorySegment children = arena.allocate(ADDRESS, Math.max(1, columns.size()));
            for (int i = 0; i < columns.size(); i++) {
                CDataColumn c = columns.get(i);
                MemorySegment buffers = arena.allocate(ADDRESS, 2);
                buffers.setAtIndex(ADDRESS, 0, c.validity() == null ? MemorySegment.NULL : c.validity());
                buffers.setAtIndex(ADDRESS, 1, c.values());
                MemorySegment child = arena.allocate(ArrowArrayDescriptor.LAYOUT);
                fillArray(child, c.length(), c.nullCount(), 2, buffers, 0, MemorySegment.NULL, RELEASE_CHILD_ARRAY,
                        MemorySegment.NULL);
                if (c.type() == ColumnType.CATEGORY) {
                    ArrowArrayDescriptor.dictionary(child, dictionaryArray(arena, c.dictionary()));
                }
                children.setAtIndex(ADDRESS, i, child);
            }
            MemorySegment buffers = arena.allocate(ADDRESS, 1); // no struct-level validity: no null rows
            long id = register(arena, onRelease);
            fillArray(array, length, 0, 1, buffers, columns.size(), children, RELEASE_ARRAY,
                    MemorySegment.ofAddress(id));
        } catch (RuntimeException | Error e) {
            arena.close();
            throw e;
        }
    }

    private static MemorySegment dictionaryArray(Arena arena, List<String> dictionary) {
        byte[][] utf8 = new byte[dictionary.size()][];
        long total = 0;
        for (int i = 0; i < utf8.length; i++) {
            utf8[i] = dictionary.get(i).getBytes(StandardCharsets.UTF_8);
            total += utf8[i].length;
        }
        if (total > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("a category dictionary of " + total
                    + " UTF-8 bytes exceeds Arrow utf8's 2 GiB limit");
        }
        MemorySegment offsets = arena.allocate(BufferDescriptor.pad(4L * (utf8.length + 1)), BufferDescriptor.ALIGNMENT);
        MemorySegment data = arena.allocate(BufferDescriptor.pad(Math.max(1, total)), BufferDescriptor.ALIGNMENT);
        int at = 0;
        for (int i = 0; i < utf8.length; i++) {
            offsets.setAtIndex(JAVA_INT, i, at);
            MemorySegment.copy(utf8[i], 0, data, JAVA_BYTE, at, utf8[i].length);
            at += utf8[i].length;
        }
        offsets.setAtIndex(JAVA_INT, utf8.length, at);
        MemorySegment buffers = arena.allocate(ADDRESS, 3);
        buffers.setAtIndex(ADDRESS, 0, MemorySegment.NULL);
        buffers.setAtIndex(ADDRESS, 1, offsets);
        buffers.setAtIndex(ADDRESS, 2, data);
        MemorySegment dict = arena.allocate(ArrowArrayDescriptor.LAYOUT);
        fillArray(dict, utf8.length, 0, 3, buffers, 0, MemorySegment.NULL, RELEASE_CHILD_ARRAY, MemorySegment.NULL);
        return dict;
    }

    private static long register(Arena arena, Runnable onRelease) {
        long id = IDS.incrementAndGet();
        LIVE.put(id, new Export(arena, onRelease));
        return id;
    }

    private static void fillSchema(MemorySegment s, MemorySegment format, MemorySegment name, long flags,
                                   long nChildren, MemorySegment children, MemorySegment release,
                                   MemorySegment privateData) {
        ArrowSchemaDescriptor.format(s, format);
        ArrowSchemaDescriptor.name(s, name);
        ArrowSchemaDescriptor.metadata(s, MemorySegment.NULL);
        ArrowSchemaDescriptor.flags(s, flags);
        ArrowSchemaDescriptor.nChildren(s, nChildren);
        ArrowSchemaDescriptor.children(s, nChildren == 0 ? MemorySegment.NULL : children);
        ArrowSchemaDescriptor.dictionary(s, MemorySegment.NULL);
        ArrowSchemaDescriptor.privateData(s, privateData);
        ArrowSchemaDescriptor.release(s, release);
    }

    private static void fillArray(MemorySegment a, long length, long nullCount, long nBuffers, MemorySegment buffers,
                                  long nChildren, MemorySegment children, MemorySegment release,
                                  MemorySegment privateData) {
        ArrowArrayDescriptor.length(a, length);
        ArrowArrayDescriptor.nullCount(a, nullCount);
        ArrowArrayDescriptor.offset(a, 0);
        ArrowArrayDescriptor.nBuffers(a, nBuffers);
        ArrowArrayDescriptor.nChildren(a, nChildren);
        ArrowArrayDescriptor.buffers(a, buffers);
        ArrowArrayDescriptor.children(a, nChildren == 0 ? MemorySegment.NULL : children);
        ArrowArrayDescriptor.dictionary(a, MemorySegment.NULL);
        ArrowArrayDescriptor.privateData(a, privateData);
        ArrowArrayDescriptor.release(a, release);
    }

    // ---- release callbacks (upcalls: must never throw, a throwing upcall ends the JVM) ----

    private static void releaseSchema(MemorySegment p) {
        try {
            MemorySegment s = p.reinterpret(SCHEMA_BYTES);
            Export e = LIVE.remove(ArrowSchemaDescriptor.privateData(s).address());
            ArrowSchemaDescriptor.release(s, MemorySegment.NULL);
            if (e != null) {
                e.arena().close();
            }
        } catch (Throwable t) {
            LOG.log(System.Logger.Level.ERROR, "releasing an exported ArrowSchema failed", t);
        }
    }

    private static void releaseArray(MemorySegment p) {
        try {
            MemorySegment a = p.reinterpret(ARRAY_BYTES);
            Export e = LIVE.remove(ArrowArrayDescriptor.privateData(a).address());
            ArrowArrayDescriptor.release(a, MemorySegment.NULL);
            if (e != null) {
                try {
                    e.arena().close();
                } finally {
                    e.onRelease().run();
                }
            }
        } catch (Throwable t) {
            LOG.log(System.Logger.Level.ERROR, "releasing an exported ArrowArray failed", t);
        }
    }

    private static void releaseChildSchema(MemorySegment p) {
        try {
            ArrowSchemaDescriptor.release(p.reinterpret(SCHEMA_BYTES), MemorySegment.NULL);
        } catch (Throwable t) {
            LOG.log(System.Logger.Level.ERROR, "releasing a child ArrowSchema failed", t);
        }
    }

    private static void releaseChildArray(MemorySegment p) {
        try {
            ArrowArrayDescriptor.release(p.reinterpret(ARRAY_BYTES), MemorySegment.NULL);
        } catch (Throwable t) {
            LOG.log(System.Logger.Level.ERROR, "releasing a child ArrowArray failed", t);
        }
    }
}
