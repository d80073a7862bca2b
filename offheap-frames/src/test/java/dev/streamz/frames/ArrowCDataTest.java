package dev.streamz.frames;

import dev.streamz.frames.internal.arrow.CDataExporter;
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

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Frames through the Arrow C Data Interface against Arrow Java 19, both directions. */
class ArrowCDataTest {
    private static final Schema SCHEMA = Schema.builder().int32("i32").int64("i64").float64("f64").bool("flag")
            .timestamp("ts").category("sym").build();
    private BufferAllocator allocator;

    @BeforeEach
    void open() {
        allocator = new RootAllocator();
    }

    @AfterEach
    void close() {
        allocator.close(); // fails on Arrow memory nobody released
    }

    /** A seeded random frame with nulls in every column, NaN and infinities. */
    private static Frame randomFrame(int rows, long seed) {
        Random r = new Random(seed);
        String[] syms = {"AAPL", "MSFT", "GOOG", "ünïcödé"};
        Frame f = Frame.allocate("random", SCHEMA, Math.max(rows, 1));
        for (int i = 0; i < rows; i++) {
            for (int c = 0; c < SCHEMA.size(); c++) {
                Column col = f.column(c);
                if (r.nextInt(5) == 0) {
                    col.setNull(i);
                    continue;
                }
                switch (col.type()) {
                    case INT32 -> col.setInt(i, r.nextInt());
                    case INT64 -> col.setLong(i, r.nextLong());
                    case FLOAT64 -> col.setDouble(i, switch (r.nextInt(6)) {
                        case 0 -> Double.NaN;
                        case 1 -> Double.NEGATIVE_INFINITY;
                        default -> r.nextGaussian();
                    });
                    case BOOLEAN -> col.setBoolean(i, r.nextBoolean());
                    case TIMESTAMP -> col.setTimestamp(i, r.nextLong());
                    case CATEGORY -> col.setString(i, syms[r.nextInt(syms.length)]);
                }
            }
        }
        f.setRowCount(rows);
        return f;
    }

    private static Object arrowValue(VectorSchemaRoot root, CDataDictionaryProvider provider, String name, int i) {
        FieldVector v = root.getVector(name);
        if (v.isNull(i)) {
            return null;
        }
        if (v.getField().getDictionary() != null) {
            VarCharVector dict = (VarCharVector) provider.lookup(v.getField().getDictionary().getId()).getVector();
            return new String(dict.get(((IntVector) v).get(i)), StandardCharsets.UTF_8);
        }
        if (v instanceof TimeStampNanoTZVector t) {
            long n = t.get(i);
            return java.time.Instant.ofEpochSecond(Math.floorDiv(n, 1_000_000_000L), Math.floorMod(n, 1_000_000_000L));
        }
        return v.getObject(i);
    }

    /** a frame exported to Arrow Java reads back value for value, null for null; the frame stays held until Arrow releases. */
    @Test
    void R06_frameToArrowJava() {
        for (int rows : new int[] {0, 1, 7, 8, 1000}) {
            Frame f = randomFrame(rows, rows);
            List<List<Object>> expected = f.rows();
            int live = CDataExporter.liveExports();
            try (ArrowSchema s = ArrowSchema.allocateNew(allocator); ArrowArray a = ArrowArray.allocateNew(allocator);
                 CDataDictionaryProvider provider = new CDataDictionaryProvider()) {
                ArrowCData.exportFrame(f, a.memoryAddress(), s.memoryAddress());
                f.release(); // our hold is gone; Arrow's keeps the memory alive
                assertEquals(1, f.holders());
                try (VectorSchemaRoot root = Data.importVectorSchemaRoot(allocator, a, s, provider)) {
                    assertEquals(rows, root.getRowCount());
                    assertEquals(SCHEMA.names(), root.getSchema().getFields().stream().map(x -> x.getName()).toList());
                    for (int i = 0; i < rows; i++) {
                        List<Object> row = new ArrayList<>();
                        for (String name : SCHEMA.names()) {
                            row.add(arrowValue(root, provider, name, i));
                        }
                        assertEquals(expected.get(i), row, "row " + i + " of " + rows);
                    }
                }
            }
            assertEquals(0, f.holders(), "Arrow's release released the frame, once");
            assertEquals(live, CDataExporter.liveExports());
        }
    }

    /** an Arrow Java batch imports as a frame without copying; closing the frame runs Arrow's release once. */
    @Test
    void R07_arrowJavaToFrame() {
        Frame source = randomFrame(1000, 99);
        List<List<Object>> expected = source.rows();
        Frame imported;
        try (ArrowSchema s = ArrowSchema.allocateNew(allocator); ArrowArray a = ArrowArray.allocateNew(allocator);
             CDataDictionaryProvider provider = new CDataDictionaryProvider()) {
            ArrowCData.exportFrame(source, a.memoryAddress(), s.memoryAddress());
            source.release();
            try (VectorSchemaRoot root = Data.importVectorSchemaRoot(allocator, a, s, provider);
                 ArrowSchema s2 = ArrowSchema.allocateNew(allocator); ArrowArray a2 = ArrowArray.allocateNew(allocator)) {
                Data.exportVectorSchemaRoot(allocator, root, provider, a2, s2);
                imported = ArrowCData.importFrame("from-arrow", a2.memoryAddress(), s2.memoryAddress());
                assertEquals(((Float8Vector) root.getVector("f64")).getDataBufferAddress(),
                        imported.column("f64").values().address(), "no copy");
            }
        }
        assertEquals(SCHEMA, imported.schema());
        assertEquals(expected, imported.rows());
        assertTrue(allocator.getAllocatedMemory() > 0, "the imported frame holds Arrow's buffers");
        imported.release();
        assertEquals(0, allocator.getAllocatedMemory(), "Arrow's release ran");
        assertThrows(IllegalStateException.class, () -> imported.column("f64").getDouble(0));
        assertThrows(IllegalStateException.class, imported::release, "a second release is refused, not a double free");
    }

    /** an Arrow-built batch (no validity buffers where Arrow omits them, a dictionary with repeats) imports. */
    @Test
    void R08_arrowBuiltBatchImports() {
        IntVector ids = new IntVector("id", allocator);
        BitVector flags = new BitVector("flag", allocator);
        VarCharVector dict = new VarCharVector("d", allocator);
        DictionaryEncoding enc = new DictionaryEncoding(1L, false, new ArrowType.Int(32, true));
        IntVector sym = new IntVector("sym", new FieldType(true, new ArrowType.Int(32, true), enc), allocator);
        ids.allocateNew(3);
        flags.allocateNew(3);
        sym.allocateNew(3);
        dict.allocateNew();
        for (int i = 0; i < 3; i++) {
            ids.set(i, i * 10);
            flags.set(i, i % 2);
            sym.set(i, i); // entries 0 and 2 are both "x"
        }
        flags.setNull(1);
        dict.setSafe(0, "x".getBytes(StandardCharsets.UTF_8));
        dict.setSafe(1, "y".getBytes(StandardCharsets.UTF_8));
        dict.setSafe(2, "x".getBytes(StandardCharsets.UTF_8));
        dict.setValueCount(3);
        DictionaryProvider.MapDictionaryProvider provider = new DictionaryProvider.MapDictionaryProvider(
                new Dictionary(dict, enc));
        Frame f;
        try (VectorSchemaRoot root = new VectorSchemaRoot(List.<FieldVector>of(ids, flags, sym));
             ArrowSchema s = ArrowSchema.allocateNew(allocator); ArrowArray a = ArrowArray.allocateNew(allocator)) {
            root.setRowCount(3);
            Data.exportVectorSchemaRoot(allocator, root, provider, a, s);
            f = ArrowCData.importFrame(a.memoryAddress(), s.memoryAddress());
        }
        dict.close();
        try (f) {
            assertEquals(List.of(Arrays.asList(0, false, "x"), Arrays.asList(10, null, "y"), Arrays.asList(20, false, "x")),
                    f.rows());
            assertEquals(f.column("sym").getCode(0), f.column("sym").getCode(2), "repeated strings share a code");
        }
    }

    /** export of a released frame, null arguments and zero addresses fail clearly. */
    @Test
    void R09_misuseFailsClearly() {
        Frame f = randomFrame(3, 1);
        f.release();
        IllegalStateException released = assertThrows(IllegalStateException.class,
                () -> ArrowCData.exportFrame(f, 8, 8));
        assertTrue(released.getMessage().contains("random"), released.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ArrowCData.importFrame(0, 0));
        assertThrows(NullPointerException.class, () -> ArrowCData.exportFrame(null, null, null));
    }
}
