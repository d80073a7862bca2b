package dev.streamz.frames;

import dev.streamz.frames.internal.BufferDescriptor;
import dev.streamz.frames.internal.arrow.ArrowArrayDescriptor;
import dev.streamz.frames.internal.arrow.ArrowSchemaDescriptor;
import dev.streamz.frames.internal.arrow.CDataColumn;
import dev.streamz.frames.internal.arrow.CDataExporter;
import dev.streamz.frames.internal.arrow.CDataImporter;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * Hands frames to Apache Arrow tools and takes Arrow record batches as frames, without copying, through the
 * <a href="https://arrow.apache.org/docs/format/CDataInterface.html">Arrow C Data Interface</a>: a frame is
 * a struct array ({@code "+s"}) with one child per column. This is how frames reach DuckDB, Polars, pandas
 * (pyarrow), Spark or Arrow Java, and how their batches come back.
 *
 * <pre>
 *   INT32 "i"   INT64 "l"   FLOAT64 "g"   BOOLEAN "b"   TIMESTAMP "tsn:UTC" (import: any "tsn:" zone)
 *   CATEGORY: "i" indices with a dictionary "u" (utf8; import also "U", large utf8)
 * </pre>
 *
 * <p><b>Export</b> ({@link #exportFrame}) fills the consumer's {@code ArrowArray} and {@code ArrowSchema}
 * structs with pointers into the frame's own memory and holds the frame (one {@link Frame#retain()}) until the
 * consumer calls the array's release callback; that callback, run exactly once, releases the hold (a pooled
 * frame then goes back to its pool). Do not write to an exported frame until then.
 *
 * <p><b>Import</b> ({@link #importFrame}) takes both structs over (the caller may free the structs
 * themselves at once) and returns a frame over the producer's buffers; the frame's last release calls the
 * producer's release callback, exactly once. After that every column access fails with an
 * {@link IllegalStateException}, never touches freed memory. Copies are made only where the layouts
 * differ: a missing validity bitmap (all present) becomes an all-set bitmap, a bitmap at a row offset that
 * is not a multiple of 8 is shifted, and the category dictionary is decoded into Java strings. A type with
 * no frame column (utf8 without a dictionary, timestamps in other units, lists...) fails with an
 * {@link IllegalArgumentException} naming the field and its format string, and both structs are released.
 *
 * <p>Native access: the release callbacks are FFM upcalls and the import calls the producer's callback,
 * both restricted operations. Without {@code --enable-native-access=dev.streamz.frames} (or
 * {@code ALL-UNNAMED} on the class path) the JDK prints a warning once and goes on.
 */
public final class ArrowCData {
    private ArrowCData() {
    }

    /**
     * Exports {@code frame} into the consumer's structs at the given addresses (e.g. Arrow Java's
     * {@code ArrowArray.memoryAddress()}, pyarrow's {@code _export_to_c} pointers).
     *
     * @param frame the frame, held until the consumer releases the array
     * @param arrowArrayAddress address of an uninitialised {@code struct ArrowArray}
     * @param arrowSchemaAddress address of an uninitialised {@code struct ArrowSchema}
     * @throws IllegalArgumentException when an address is 0
     * @throws IllegalStateException when the frame was released
     */
    @SuppressWarnings("restricted")
    public static void exportFrame(Frame frame, long arrowArrayAddress, long arrowSchemaAddress) {
        if (arrowArrayAddress == 0 || arrowSchemaAddress == 0) {
            throw new IllegalArgumentException("ArrowCData.exportFrame: the struct addresses must not be 0");
        }
        exportFrame(frame, MemorySegment.ofAddress(arrowArrayAddress).reinterpret(ArrowArrayDescriptor.LAYOUT.byteSize()),
                MemorySegment.ofAddress(arrowSchemaAddress).reinterpret(ArrowSchemaDescriptor.LAYOUT.byteSize()));
    }

    /**
     * Exports {@code frame} into the consumer's structs.
     *
     * @param frame the frame, held until the consumer releases the array
     * @param arrowArray a writable {@code struct ArrowArray} (80 bytes)
     * @param arrowSchema a writable {@code struct ArrowSchema} (72 bytes)
     * @throws IllegalStateException when the frame was released
     */
    public static void exportFrame(Frame frame, MemorySegment arrowArray, MemorySegment arrowSchema) {
        if (frame == null || arrowArray == null || arrowSchema == null) {
            throw new NullPointerException("ArrowCData.exportFrame: frame, arrowArray and arrowSchema must not be null");
        }
        frame.checkLive();
        List<CDataColumn> columns = columns(frame);
        CDataExporter.exportSchema(columns, arrowSchema);
        frame.retain();
        try {
            CDataExporter.exportArray(columns, frame.rowCount(), frame::release, arrowArray);
        } catch (RuntimeException | Error e) {
            frame.release();
            throw e;
        }
    }

    private static List<CDataColumn> columns(Frame frame) {
        List<CDataColumn> columns = new ArrayList<>(frame.columnCount());
        int rows = frame.rowCount();
        for (int i = 0; i < frame.columnCount(); i++) {
            Column c = frame.column(i);
            columns.add(new CDataColumn(c.name(), c.type(), rows, c.nullCount(), c.validity(), c.values(),
                    c.type() == ColumnType.CATEGORY ? c.dictionary().values() : null));
        }
        return columns;
    }

    /**
     * Imports the producer's structs at the given addresses as a frame named "arrow".
     *
     * @param arrowArrayAddress address of a {@code struct ArrowArray} (a struct array)
     * @param arrowSchemaAddress address of its {@code struct ArrowSchema}
     * @return a frame over the producer's buffers, with one holder (the caller)
     * @throws IllegalArgumentException naming the field and its format for a type with no column, or for a
     *     schema that is not a struct; both structs are released then
     */
    public static Frame importFrame(long arrowArrayAddress, long arrowSchemaAddress) {
        return importFrame("arrow", arrowArrayAddress, arrowSchemaAddress);
    }

    /**
     * Imports the producer's structs at the given addresses as a frame.
     *
     * @param name the frame's name (in errors and {@code toString})
     * @param arrowArrayAddress address of a {@code struct ArrowArray} (a struct array)
     * @param arrowSchemaAddress address of its {@code struct ArrowSchema}
     * @return a frame over the producer's buffers, with one holder (the caller)
     * @throws IllegalArgumentException naming the field and its format for a type with no column, or for a
     *     schema that is not a struct; both structs are released then
     */
    public static Frame importFrame(String name, long arrowArrayAddress, long arrowSchemaAddress) {
        if (name == null) {
            throw new NullPointerException("ArrowCData.importFrame: name must not be null");
        }
        CDataImporter.Imported imported = CDataImporter.importStructs(arrowArrayAddress, arrowSchemaAddress);
        try {
            return wrap(name, imported);
        } catch (RuntimeException | Error e) {
            imported.release();
            throw e;
        }
    }

    private static Frame wrap(String name, CDataImporter.Imported imported) {
        if (imported.length() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("ArrowCData.importFrame: " + imported.length()
                    + " rows exceed a frame's int row count");
        }
        int rows = (int) imported.length();
        List<CDataColumn> cols = imported.columns();
        int n = cols.size();
        Schema.Builder schema = Schema.builder();
        MemorySegment[] validity = new MemorySegment[n];
        MemorySegment[] values = new MemorySegment[n];
        CategoryDictionary[] dictionaries = new CategoryDictionary[n];
        for (int i = 0; i < n; i++) {
            CDataColumn c = cols.get(i);
            schema.column(c.name(), c.type());
            validity[i] = c.validity() != null ? c.validity() : allPresent(imported, rows);
            values[i] = c.values();
            if (c.type() == ColumnType.CATEGORY) {
                CategoryDictionary d = new CategoryDictionary(c.name());
                boolean remap = false;
                for (int k = 0; k < c.dictionary().size(); k++) {
                    remap |= d.encode(c.dictionary().get(k)) != k;
                }
                if (remap) { // a dictionary with repeated strings: codes must point at the first copy
                    values[i] = remapped(imported, c, d, validity[i], rows);
                }
                dictionaries[i] = d;
            }
        }
        return Frame.wrap(name, schema.build(), rows, validity, values, dictionaries, imported::release);
    }

    private static MemorySegment allPresent(CDataImporter.Imported imported, int rows) {
        MemorySegment bits = imported.arena().allocate(BufferDescriptor.validityBytes(Math.max(rows, 1)),
                BufferDescriptor.ALIGNMENT);
        bits.fill((byte) 0xFF);
        return bits;
    }

    private static MemorySegment remapped(CDataImporter.Imported imported, CDataColumn c, CategoryDictionary d,
                                          MemorySegment validity, int rows) {
        MemorySegment codes = imported.arena().allocate(BufferDescriptor.valueBytes(ColumnType.CATEGORY,
                Math.max(rows, 1)), BufferDescriptor.ALIGNMENT);
        for (int r = 0; r < rows; r++) {
            if ((validity.get(JAVA_BYTE, r >>> 3) & (1 << (r & 7))) != 0) {
                codes.setAtIndex(JAVA_INT, r, d.code(c.dictionary().get(c.values().getAtIndex(JAVA_INT, r))));
            }
        }
        return codes;
    }
}
