package dev.streamz.frames.internal.arrow;

import dev.streamz.frames.ColumnType;
import org.apache.arrow.c.ArrowArray;
import org.apache.arrow.c.ArrowSchema;
import org.apache.arrow.c.CDataDictionaryProvider;
import org.apache.arrow.c.Data;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TimeStampNanoTZVector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.dictionary.Dictionary;
import org.apache.arrow.vector.dictionary.DictionaryProvider;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.DictionaryEncoding;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The C Data Interface layer against the real Arrow Java library, both directions, on raw columns.
 */
class CDataArrowJavaTest {
    private BufferAllocator allocator;
    private Arena arena;

    @BeforeEach
    void open() {
        allocator = new RootAllocator();
        arena = Arena.ofShared();
    }

    @AfterEach
    void close() {
        arena.close();
        allocator.close(); // throws on leaked Arrow memory: a release that never ran
    }

    // 10 rows: crosses a bitmap byte; nulls at 1, 4, 9; NaN at 2 (a value, not a null)
    private static final Integer[] INTS = {1, null, -3, 4, null, 6, Integer.MAX_VALUE, Integer.MIN_VALUE, 9, null};
    private static final Long[] LONGS = {1L, 2L, null, Long.MIN_VALUE, 5L, 6L, 7L, 8L, Long.MAX_VALUE, 10L};
    private static final Double[] DOUBLES = {0.5, null, Double.NaN, -0.0, Double.POSITIVE_INFINITY, 1e300, 7.0, null,
        Double.NEGATIVE_INFINITY, 3.25};
    private static final Boolean[] BOOLS = {true, false, null, true, true, false, null, true, false, true};
    private static final Long[] TIMES = {0L, 1_700_000_000_123_456_789L, null, -1L, 5L, 6L, 7L, 8L, 9L, 10L};
    private static final String[] DICT = {"AAPL", "MSFT", "€uro"};
    private static final Integer[] CODES = {0, 1, 2, null, 0, 0, 1, 2, null, 1};

    private CDataColumn fixed(String name, ColumnType type, Object[] values) {
        int n = values.length;
        MemorySegment validity = arena.allocate(Math.max(1, (n + 7) / 8), 64);
        MemorySegment data = arena.allocate(Math.max(1, type.bitPacked() ? (n + 7) / 8 : (long) n * type.valueBytes()), 64);
        long nulls = 0;
        for (int i = 0; i < n; i++) {
            Object v = values[i];
            if (v == null) {
                nulls++;
                continue;
            }
            validity.set(JAVA_BYTE, i / 8, (byte) (validity.get(JAVA_BYTE, i / 8) | (1 << (i % 8))));
            switch (type) {
                case INT32, CATEGORY -> data.setAtIndex(JAVA_INT, i, (Integer) v);
                case INT64, TIMESTAMP -> data.setAtIndex(JAVA_LONG, i, (Long) v);
                case FLOAT64 -> data.setAtIndex(JAVA_DOUBLE, i, (Double) v);
                case BOOLEAN -> {
                    if ((Boolean) v) {
                        data.set(JAVA_BYTE, i / 8, (byte) (data.get(JAVA_BYTE, i / 8) | (1 << (i % 8))));
                    }
                }
            }
        }
        return new CDataColumn(name, type, n, nulls, validity, data,
                type == ColumnType.CATEGORY ? List.of(DICT) : null);
    }

    private List<CDataColumn> allTypes() {
        return List.of(fixed("i32", ColumnType.INT32, INTS), fixed("i64", ColumnType.INT64, LONGS),
                fixed("f64", ColumnType.FLOAT64, DOUBLES), fixed("flag", ColumnType.BOOLEAN, BOOLS),
                fixed("ts", ColumnType.TIMESTAMP, TIMES), fixed("sym", ColumnType.CATEGORY, CODES));
    }

    private static Object value(CDataColumn c, int i) {
        if (c.validity() != null && (c.validity().get(JAVA_BYTE, i / 8) & (1 << (i % 8))) == 0) {
            return null;
        }
        return switch (c.type()) {
            case INT32 -> c.values().getAtIndex(JAVA_INT, i);
            case CATEGORY -> c.dictionary().get(c.values().getAtIndex(JAVA_INT, i));
            case INT64, TIMESTAMP -> c.values().getAtIndex(JAVA_LONG, i);
            case FLOAT64 -> c.values().getAtIndex(JAVA_DOUBLE, i);
            case BOOLEAN -> (c.values().get(JAVA_BYTE, i / 8) & (1 << (i % 8))) != 0;
        };
    }

    private static Object expected(String column, int i) {
        return switch (column) {
            case "i32" -> INTS[i];
            case "i64" -> LONGS[i];
            case "f64" -> DOUBLES[i];
            case "flag" -> BOOLS[i];
            case "ts" -> TIMES[i];
            case "sym" -> CODES[i] == null ? null : DICT[CODES[i]];
            default -> throw new AssertionError(column);
        };
    }

    /** our export imports into Arrow Java with every value, null and NaN intact; releases run once. */
    @Test
    void R01_oursImportIntoArrowJava() {
        List<CDataColumn> cols = allTypes();
        int live = CDataExporter.liveExports();
        AtomicInteger unpinned = new AtomicInteger();
        try (ArrowSchema s = ArrowSchema.allocateNew(allocator); ArrowArray a = ArrowArray.allocateNew(allocator);
             CDataDictionaryProvider provider = new CDataDictionaryProvider()) {
            CDataExporter.exportSchema(cols, seg(s.memoryAddress(), ArrowSchemaDescriptor.LAYOUT.byteSize()));
            CDataExporter.exportArray(cols, 10, unpinned::incrementAndGet,
                    seg(a.memoryAddress(), ArrowArrayDescriptor.LAYOUT.byteSize()));
            assertEquals(live + 2, CDataExporter.liveExports());
            try (VectorSchemaRoot root = Data.importVectorSchemaRoot(allocator, a, s, provider)) {
                assertEquals(10, root.getRowCount());
                assertEquals("tsn:UTC".equals(CDataFormats.format(ColumnType.TIMESTAMP)), true);
                assertTrue(root.getVector("ts") instanceof TimeStampNanoTZVector);
                assertTrue(root.getVector("flag") instanceof BitVector);
                for (int i = 0; i < 10; i++) {
                    assertEquals(INTS[i], ((IntVector) root.getVector("i32")).getObject(i), "i32 row " + i);
                    assertEquals(LONGS[i], ((BigIntVector) root.getVector("i64")).getObject(i), "i64 row " + i);
                    assertEquals(DOUBLES[i], ((Float8Vector) root.getVector("f64")).getObject(i), "f64 row " + i);
                    assertEquals(BOOLS[i], ((BitVector) root.getVector("flag")).getObject(i), "flag row " + i);
                    assertEquals(TIMES[i], ((TimeStampNanoTZVector) root.getVector("ts")).getObject(i), "ts row " + i);
                    IntVector codes = (IntVector) root.getVector("sym");
                    long dictId = codes.getField().getDictionary().getId();
                    VarCharVector dict = (VarCharVector) provider.lookup(dictId).getVector();
                    Object sym = codes.isNull(i) ? null
                            : new String(dict.get(codes.get(i)), StandardCharsets.UTF_8);
                    assertEquals(expected("sym", i), sym, "sym row " + i);
                }
                assertEquals(0, unpinned.get(), "the frame stays pinned while Arrow holds its buffers");
            }
        }
        assertEquals(1, unpinned.get(), "onRelease ran exactly once");
        assertEquals(live, CDataExporter.liveExports(), "schema and array released");
    }

    /** Arrow Java's export imports as our columns (no copy), and Arrow's release runs once. */
    @Test
    void R02_arrowJavaImportsIntoOurs() {
        CDataImporter.Imported imported;
        try (VectorSchemaRoot root = arrowRoot(); ArrowSchema s = ArrowSchema.allocateNew(allocator);
             ArrowArray a = ArrowArray.allocateNew(allocator)) {
            Data.exportVectorSchemaRoot(allocator, root, dictionaries, a, s);
            long fvAddress = ((Float8Vector) root.getVector("f64")).getDataBufferAddress();
            imported = CDataImporter.importStructs(a.memoryAddress(), s.memoryAddress());
            assertEquals(fvAddress, imported.columns().get(2).values().address(), "float64 values not copied");
        }
        // the root is closed: the buffers live on because our import holds Arrow's reference
        assertEquals(10, imported.length());
        List<String> names = new ArrayList<>();
        for (CDataColumn c : imported.columns()) {
            names.add(c.name());
            for (int i = 0; i < 10; i++) {
                assertEquals(expected(c.name(), i), value(c, i), c.name() + " row " + i);
            }
        }
        assertEquals(List.of("i32", "i64", "f64", "flag", "ts", "sym"), names);
        assertEquals(3, imported.columns().get(0).nullCount());
        assertTrue(allocator.getAllocatedMemory() > 0);
        imported.release();
        imported.release(); // idempotent: Arrow's callback runs once (a second run would corrupt its allocator)
        dictionaries.close();
        assertEquals(0, allocator.getAllocatedMemory(), "Arrow's release callback freed everything");
        assertThrows(IllegalStateException.class,
                () -> imported.columns().get(2).values().getAtIndex(JAVA_DOUBLE, 0), "use after release");
    }

    /** empty frames both ways. */
    @Test
    void R03_emptyBothWays() {
        List<CDataColumn> cols = List.of(fixed("x", ColumnType.FLOAT64, new Double[0]),
                fixed("b", ColumnType.BOOLEAN, new Boolean[0]));
        try (ArrowSchema s = ArrowSchema.allocateNew(allocator); ArrowArray a = ArrowArray.allocateNew(allocator);
             CDataDictionaryProvider provider = new CDataDictionaryProvider()) {
            CDataExporter.exportSchema(cols, seg(s.memoryAddress(), ArrowSchemaDescriptor.LAYOUT.byteSize()));
            CDataExporter.exportArray(cols, 0, () -> { }, seg(a.memoryAddress(), ArrowArrayDescriptor.LAYOUT.byteSize()));
            try (VectorSchemaRoot root = Data.importVectorSchemaRoot(allocator, a, s, provider)) {
                assertEquals(0, root.getRowCount());
                assertEquals(2, root.getFieldVectors().size());
                try (ArrowSchema s2 = ArrowSchema.allocateNew(allocator);
                     ArrowArray a2 = ArrowArray.allocateNew(allocator)) {
                    Data.exportVectorSchemaRoot(allocator, root, null, a2, s2);
                    CDataImporter.Imported back = CDataImporter.importStructs(a2.memoryAddress(), s2.memoryAddress());
                    assertEquals(0, back.length());
                    assertEquals(ColumnType.BOOLEAN, back.columns().get(1).type());
                    back.release();
                }
            }
        }
    }

    /** a type we have no column for fails naming the field and its format; nothing leaks. */
    @Test
    void R04_unsupportedTypeNamesFieldAndFormat() {
        try (TimeStampMicroTZVector micros = new TimeStampMicroTZVector("when", allocator, "UTC");
             VarCharVector city = new VarCharVector("city", allocator)) {
            micros.allocateNew(1);
            micros.setSafe(0, 5);
            micros.setValueCount(1);
            city.allocateNew(1);
            city.setSafe(0, "Oslo".getBytes(StandardCharsets.UTF_8));
            city.setValueCount(1);
            assertUnsupported(List.of(city), "'city'", "'u' (utf8)");
            assertUnsupported(List.of(micros), "'when'", "'tsu:UTC' (timestamp[us, UTC])");
        }
    }

    private void assertUnsupported(List<FieldVector> vectors, String field, String format) {
        try (VectorSchemaRoot root = new VectorSchemaRoot(vectors); ArrowSchema s = ArrowSchema.allocateNew(allocator);
             ArrowArray a = ArrowArray.allocateNew(allocator)) {
            root.setRowCount(1);
            long before = allocator.getAllocatedMemory();
            Data.exportVectorSchemaRoot(allocator, root, null, a, s);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> CDataImporter.importStructs(a.memoryAddress(), s.memoryAddress()));
            assertTrue(e.getMessage().contains(field) && e.getMessage().contains(format), e.getMessage());
            assertEquals(before, allocator.getAllocatedMemory(), "both structs were released on failure");
        }
    }

    /** our export imported by our importer: the upcall release runs once; a row offset is honoured. */
    @Test
    void R05_oursToOursWithOffset() {
        List<CDataColumn> cols = allTypes();
        AtomicInteger unpinned = new AtomicInteger();
        MemorySegment s = arena.allocate(ArrowSchemaDescriptor.LAYOUT);
        MemorySegment a = arena.allocate(ArrowArrayDescriptor.LAYOUT);
        CDataExporter.exportSchema(cols, s);
        CDataExporter.exportArray(cols, 10, unpinned::incrementAndGet, a);
        ArrowArrayDescriptor.offset(a, 3); // rows 3..9 of every child: bitmaps are not byte-aligned, so copied
        ArrowArrayDescriptor.length(a, 7);
        CDataImporter.Imported imported = CDataImporter.importStructs(a.address(), s.address());
        assertEquals(MemorySegment.NULL, ArrowArrayDescriptor.release(a), "the source struct was moved");
        assertEquals(MemorySegment.NULL, ArrowSchemaDescriptor.release(s), "the schema was released");
        for (CDataColumn c : imported.columns()) {
            for (int i = 0; i < 7; i++) {
                assertEquals(expected(c.name(), i + 3), value(c, i), c.name() + " row " + i);
            }
        }
        assertEquals(0, unpinned.get());
        imported.release();
        imported.release();
        assertEquals(1, unpinned.get());
        assertFalse(imported.columns().getFirst().values().scope().isAlive());
        assertNull(CDataFormats.type("tsu:UTC"));
    }

    private DictionaryProvider.MapDictionaryProvider dictionaries;

    private VectorSchemaRoot arrowRoot() {
        IntVector i32 = new IntVector("i32", allocator);
        BigIntVector i64 = new BigIntVector("i64", allocator);
        Float8Vector f64 = new Float8Vector("f64", allocator);
        BitVector flag = new BitVector("flag", allocator);
        TimeStampNanoTZVector ts = new TimeStampNanoTZVector("ts", allocator, "UTC");
        VarCharVector dict = new VarCharVector("dict", allocator);
        DictionaryEncoding enc = new DictionaryEncoding(7L, false, new ArrowType.Int(32, true));
        IntVector sym = new IntVector("sym", new FieldType(true, new ArrowType.Int(32, true), enc), allocator);
        for (FieldVector v : List.of(i32, i64, f64, flag, ts, sym, dict)) {
            v.allocateNew();
        }
        for (int i = 0; i < 10; i++) {
            if (INTS[i] != null) {
                i32.setSafe(i, INTS[i]);
            }
            if (LONGS[i] != null) {
                i64.setSafe(i, LONGS[i]);
            }
            if (DOUBLES[i] != null) {
                f64.setSafe(i, DOUBLES[i]);
            }
            if (BOOLS[i] != null) {
                flag.setSafe(i, BOOLS[i] ? 1 : 0);
            }
            if (TIMES[i] != null) {
                ts.setSafe(i, TIMES[i]);
            }
            if (CODES[i] != null) {
                sym.setSafe(i, CODES[i]);
            }
        }
        for (int d = 0; d < DICT.length; d++) {
            dict.setSafe(d, DICT[d].getBytes(StandardCharsets.UTF_8));
        }
        dict.setValueCount(DICT.length);
        dictionaries = new DictionaryProvider.MapDictionaryProvider(new Dictionary(dict, enc));
        VectorSchemaRoot root = new VectorSchemaRoot(List.<FieldVector>of(i32, i64, f64, flag, ts, sym));
        root.setRowCount(10);
        return root;
    }

    @SuppressWarnings("restricted")
    private static MemorySegment seg(long address, long size) {
        return MemorySegment.ofAddress(address).reinterpret(size);
    }
}
