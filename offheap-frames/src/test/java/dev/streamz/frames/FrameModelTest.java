package dev.streamz.frames;

import dev.streamz.frames.internal.BufferDescriptor;
import dev.streamz.frames.internal.FrameDescriptor;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The frame model: schema, columns, nulls, categories, builders, round trips, layout, bad input. */
class FrameModelTest {
    static final Schema TRADES = Schema.builder().int64("id").float64("price").category("symbol")
            .timestamp("ts").bool("buy").int32("qty").build();

    record Trade(long id, double price, String symbol, long ts, boolean buy, int qty) {
    }

    static final RowWriter<Trade> WRITER = (t, row) -> row.addLong(t.id()).addDouble(t.price())
            .addString(t.symbol()).addTimestamp(t.ts()).addBoolean(t.buy()).addInt(t.qty());

    static Trade read(Row r) {
        return new Trade(r.getLong("id"), r.getDouble("price"), r.getString("symbol"), r.getTimestamp("ts"),
                r.getBoolean("buy"), r.getInt("qty"));
    }

    @Test
    void P01_schemaNamesTypesAndClearErrors() {
        assertEquals(List.of("id", "price", "symbol", "ts", "buy", "qty"), TRADES.names());
        assertEquals(2, TRADES.indexOf("symbol"));
        assertEquals(ColumnType.TIMESTAMP, TRADES.field(3).type());
        assertEquals(TRADES, Schema.builder().int64("id").float64("price").category("symbol").timestamp("ts")
                .bool("buy").int32("qty").build());
        IllegalArgumentException dup = assertThrows(IllegalArgumentException.class,
                () -> Schema.builder().int64("a").float64("a").build());
        assertEquals("Schema: column name 'a' appears twice (columns 0 and 1)", dup.getMessage());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> TRADES.indexOf("px"));
        assertTrue(unknown.getMessage().startsWith("no column 'px' in Schema[id: INT64, price: FLOAT64"),
                unknown.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Schema.builder().int64(" ").build());
        NullPointerException npe = assertThrows(NullPointerException.class,
                () -> Schema.builder().column("x", null));
        assertEquals("Schema.Field: type of column 'x' must not be null", npe.getMessage());
    }

    @Test
    void P02_typedAccessorsRoundTripEveryTypeWithNulls() {
        try (Frame f = Frame.allocate(TRADES, 8)) {
            Column id = f.column("id");
            Column price = f.column(1);
            Column sym = f.column("symbol");
            Column ts = f.column("ts");
            Column buy = f.column("buy");
            Column qty = f.column("qty");
            for (int i = 0; i < 8; i++) {
                id.setLong(i, 100L + i);
                price.setDouble(i, i * 1.5);
                sym.setString(i, i % 2 == 0 ? "AAPL" : "MSFT");
                ts.setTimestamp(i, 1_700_000_000_000_000_000L + i);
                buy.setBoolean(i, i % 3 == 0);
                qty.setInt(i, -i);
            }
            f.setRowCount(8);
            id.setNull(3);
            price.setNull(4);
            sym.setString(5, null);
            ts.setNull(6);
            buy.setNull(7);
            qty.setNull(0);
            assertEquals(104L, id.getLong(4));
            assertTrue(id.isNull(3));
            assertEquals(0L, id.getLong(3), "a null row reads as zero");
            assertEquals(1, id.nullCount());
            assertEquals(4.5, price.getDouble(3));
            assertTrue(price.isNull(4));
            assertEquals("AAPL", sym.getString(4));
            assertNull(sym.getString(5));
            assertEquals(1, sym.getCode(5 - 2));
            assertEquals(Instant.ofEpochSecond(1_700_000_000L, 2), ts.getInstant(2));
            assertNull(ts.getInstant(6));
            assertTrue(buy.getBoolean(3));
            assertFalse(buy.getBoolean(4));
            assertTrue(buy.isNull(7));
            assertEquals(-2, qty.getInt(2));
            assertEquals(List.of(102L, 3.0, "AAPL", Instant.ofEpochSecond(1_700_000_000L, 2), false, -2),
                    f.row(2).values());
            assertEquals(Arrays.asList(100L, 0.0, "AAPL", Instant.ofEpochSecond(1_700_000_000L, 0), true, null),
                    f.rows().get(0));
            // setting a value again makes the row present
            id.setLong(3, 7);
            assertFalse(id.isNull(3));
            assertEquals(0, id.nullCount());
        }
    }

    @Test
    void P03_nanIsAValueDistinctFromNull() {
        try (Frame f = FrameBuilder.of(Schema.builder().float64("x").build(), 4)
                .addDouble(Double.NaN).endRow().addNull().endRow().addDouble(1).endRow().build()) {
            Column x = f.column("x");
            assertFalse(x.isNull(0));
            assertTrue(Double.isNaN(x.getDouble(0)));
            assertTrue(x.isNull(1));
            assertEquals(0.0, x.getDouble(1));
            assertEquals(1, x.nullCount());
            double[] filled = x.toDoubleArray(-1);
            assertTrue(Double.isNaN(filled[0]));
            assertEquals(-1.0, filled[1]);
            IllegalStateException e = assertThrows(IllegalStateException.class, x::toDoubleArray);
            assertEquals("column 'x' of frame has a null at row 1; a primitive array cannot hold it "
                    + "(use toDoubleArray(nullValue))", e.getMessage());
            assertEquals(Arrays.asList(Double.NaN, null, 1.0), f.toList(r -> r.get("x")));
            assertTrue(f.toString().contains("NaN") && f.toString().contains("<NA>"), f.toString());
        }
    }

    @Test
    void P04_emptyAndOneRowFrames() {
        try (Frame empty = Frame.allocate(TRADES, 1)) {
            assertTrue(empty.isEmpty());
            assertEquals(0, empty.column("price").toDoubleArray().length);
            assertEquals(0, empty.column("symbol").toStringArray().length);
            assertEquals(0, empty.column("id").nullCount());
            assertEquals(List.of(), empty.rows());
            assertEquals("  id  price  symbol  ts  buy  qty\n\n[0 rows x 6 columns]", empty.toString());
            assertThrows(IndexOutOfBoundsException.class, () -> empty.column("id").getLong(0));
        }
        Trade t = new Trade(1, 2.5, "X", 3, true, 4);
        try (Frame one = FrameBuilder.fromObjects(TRADES, List.of(t), WRITER)) {
            assertEquals(1, one.rowCount());
            assertEquals(1, one.capacity());
            assertEquals(List.of(t), one.toList(FrameModelTest::read));
            assertArrayEquals(new long[] {1}, one.column("id").toLongArray());
        }
        try (Frame none = FrameBuilder.fromObjects(TRADES, List.<Trade>of(), WRITER)) {
            assertEquals(0, none.rowCount());
        }
    }

    @Test
    void P05_categoriesAreDictionaryEncodedWithStableCodes() {
        try (Frame f = FrameBuilder.of(TRADES, 16).column("symbol", new String[] {"b", "a", null, "b", "c"})
                .build()) {
            Column sym = f.column("symbol");
            CategoryDictionary d = sym.dictionary();
            assertEquals(List.of("b", "a", "c"), d.values());
            assertEquals(0, sym.getCode(0));
            assertEquals(1, sym.getCode(1));
            assertEquals(0, sym.getCode(3));
            assertTrue(sym.isNull(2));
            assertArrayEquals(new String[] {"b", "a", null, "b", "c"}, sym.toStringArray());
            assertEquals(1, d.code("a"));
            assertEquals(-1, d.code("zz"));
            assertEquals(1, d.encode("a"));
            sym.setCode(4, 1);
            assertEquals("a", sym.getString(4));
            IndexOutOfBoundsException bad = assertThrows(IndexOutOfBoundsException.class, () -> sym.setCode(0, 9));
            assertEquals("category column 'symbol': code 9 is not in its dictionary (size 3)", bad.getMessage());
            IllegalStateException notCat = assertThrows(IllegalStateException.class,
                    () -> f.column("id").dictionary());
            assertEquals("dictionary() needs a column of type CATEGORY, but column 'id' of frame is INT64",
                    notCat.getMessage());
            // other columns were not given: every row of theirs is null
            assertEquals(5, f.column("price").nullCount());
        }
        CategoryDictionary small = new CategoryDictionary("tag", 2);
        small.encode("x");
        small.encode("y");
        assertEquals(1, small.encode("y"));
        IllegalStateException full = assertThrows(IllegalStateException.class, () -> small.encode("z"));
        assertEquals("category column 'tag': dictionary is full (2 distinct values); cannot add 'z'",
                full.getMessage());
    }

    @Test
    void P06_buildersFromEverySourceRoundTrip() {
        Random rnd = new Random(42);
        int n = 1000;
        int[] qty = new int[n];
        long[] id = new long[n];
        long[] ts = new long[n];
        double[] px = new double[n];
        boolean[] buy = new boolean[n];
        String[] sym = new String[n];
        String[] names = {"AAPL", "MSFT", "GOOG", "AMZN"};
        for (int i = 0; i < n; i++) {
            qty[i] = rnd.nextInt();
            id[i] = rnd.nextLong();
            ts[i] = rnd.nextLong();
            px[i] = rnd.nextDouble();
            buy[i] = rnd.nextBoolean();
            sym[i] = names[rnd.nextInt(names.length)];
        }
        // whole columns
        Frame cols = FrameBuilder.of(TRADES, n).column("id", id).column("price", px).column("symbol", sym)
                .column("ts", ts).column("buy", buy).column("qty", qty).build();
        assertArrayEquals(id, cols.column("id").toLongArray());
        assertArrayEquals(px, cols.column("price").toDoubleArray());
        assertArrayEquals(sym, cols.column("symbol").toStringArray());
        assertArrayEquals(ts, cols.column("ts").toLongArray());
        assertArrayEquals(buy, cols.column("buy").toBooleanArray());
        assertArrayEquals(qty, cols.column("qty").toIntArray());
        // rows, through the typed appenders
        FrameBuilder rows = FrameBuilder.of(TRADES, n);
        for (int i = 0; i < n; i++) {
            rows.addLong(id[i]).addDouble(px[i]).addString(sym[i]).addTimestamp(ts[i]).addBoolean(buy[i])
                    .addInt(qty[i]).endRow();
        }
        Frame byRows = rows.build();
        // objects, through a mapper, and back
        List<Trade> trades = cols.toList(FrameModelTest::read);
        Frame byObjects = FrameBuilder.fromObjects(TRADES, trades, WRITER);
        assertEquals(trades, byRows.toList(FrameModelTest::read));
        assertEquals(trades, byObjects.toList(FrameModelTest::read));
        assertEquals(cols.rows(), byObjects.rows());
        // nulls on top of whole columns
        try (Frame withNulls = FrameBuilder.of(Schema.builder().int64("a").build(), 3)
                .column("a", new long[] {1, 2, 3}).nulls("a", new boolean[] {false, true, false}).build()) {
            assertArrayEquals(new long[] {1, -9, 3}, withNulls.column("a").toLongArray(-9));
            assertArrayEquals(new boolean[] {false, true, false}, withNulls.column("a").toNullArray());
        }
        // Instant appender, null timestamps
        try (Frame t = FrameBuilder.of(Schema.builder().timestamp("t").build(), 2)
                .addTimestamp(Instant.ofEpochSecond(-1, 5)).endRow().addTimestamp((Instant) null).endRow().build()) {
            assertEquals(-999_999_995L, t.column("t").getTimestamp(0));
            assertEquals(Instant.ofEpochSecond(-1, 5), t.column("t").getInstant(0));
            assertTrue(t.column("t").isNull(1));
        }
        cols.close();
        byRows.close();
        byObjects.close();
    }

    @Test
    void P07_toStringIsAPandasLikeTableTruncatedWhenLong() {
        try (Frame f = FrameBuilder.of(Schema.builder().int64("id").float64("px").category("sym").build(), 4)
                .addLong(1).addDouble(10.5).addString("AAPL").endRow()
                .addLong(22).addNull().addString("MSFT").endRow()
                .addLong(333).addDouble(Double.NaN).addString(null).endRow().build()) {
            assertEquals("""
                        id    px   sym
                    0    1  10.5  AAPL
                    1   22  <NA>  MSFT
                    2  333   NaN  <NA>""", f.toString());
        }
        long[] ids = new long[100];
        Arrays.setAll(ids, i -> i);
        try (Frame big = FrameBuilder.of(Schema.builder().int64("id").build(), 100).column("id", ids).build()) {
            String s = big.toString();
            List<String> lines = s.lines().toList();
            assertEquals(1 + 5 + 1 + 5 + 2, lines.size(), s);
            assertEquals("     id", lines.get(0));
            assertEquals(" 0    0", lines.get(1));
            assertEquals("    ...", lines.get(6));
            assertEquals("99   99", lines.get(11));
            assertEquals("", lines.get(12));
            assertEquals("[100 rows x 1 column]", lines.get(13));
        }
    }

    @Test
    void P08_badInputFailsClearlyNamingTheColumnOrFrame() {
        try (Frame f = Frame.allocate("ticks", TRADES, 2)) {
            IllegalStateException wrong = assertThrows(IllegalStateException.class, () -> f.column("price").getLong(0));
            assertEquals("getLong needs a column of type INT64, but column 'price' of ticks is FLOAT64", wrong.getMessage());
            assertThrows(IllegalStateException.class, () -> f.column("id").setDouble(0, 1));
            assertThrows(IllegalStateException.class, () -> f.column("id").getString(0));
            IndexOutOfBoundsException row = assertThrows(IndexOutOfBoundsException.class,
                    () -> f.column("id").getLong(0));
            assertEquals("row 0 of column 'id' of ticks is outside its row count 0", row.getMessage());
            IndexOutOfBoundsException slot = assertThrows(IndexOutOfBoundsException.class,
                    () -> f.column("id").setLong(2, 1));
            assertEquals("row 2 of column 'id' of ticks is outside its capacity 2", slot.getMessage());
            assertThrows(IndexOutOfBoundsException.class, () -> f.setRowCount(3));
            IllegalArgumentException noCol = assertThrows(IllegalArgumentException.class, () -> f.column("nope"));
            assertTrue(noCol.getMessage().startsWith("no column 'nope' in ticks Schema[id: INT64"), noCol.getMessage());
            IllegalArgumentException mismatch = assertThrows(IllegalArgumentException.class,
                    () -> f.requireSchema(Schema.builder().int64("id").build()));
            assertTrue(mismatch.getMessage().startsWith("schema mismatch: ticks has Schema[id: INT64, price: FLOAT64"),
                    mismatch.getMessage());
            assertTrue(mismatch.getMessage().endsWith("expected Schema[id: INT64]"), mismatch.getMessage());

            FrameBuilder b = FrameBuilder.into(f);
            IllegalStateException type = assertThrows(IllegalStateException.class, () -> b.addDouble(1));
            assertEquals("FrameBuilder: addDouble for column 'id' of ticks, which is INT64", type.getMessage());
            b.addLong(1).addDouble(1);
            IllegalStateException incomplete = assertThrows(IllegalStateException.class, b::endRow);
            assertEquals("FrameBuilder: row 0 of ticks has 2 of 6 columns; missing 'symbol'", incomplete.getMessage());
            assertThrows(IllegalStateException.class, b::build);
            b.addString("s").addTimestamp(1).addBoolean(true).addInt(1);
            assertEquals("FrameBuilder: row 0 of ticks already has all 6 columns; call endRow()",
                    assertThrows(IllegalStateException.class, () -> b.addInt(1)).getMessage());
            b.endRow();
            b.addLong(99).addDouble(9.5);
            b.discardRow(); // a writer that failed half-way through the row: the row starts again
            assertEquals(1, f.rowCount());
            b.addLong(2).addNull().addNull().addNull().addNull().addNull().endRow();
            assertEquals(2, f.column("id").getLong(1));
            assertTrue(f.column("price").isNull(1), "the discarded row's price is gone");
            IllegalStateException full = assertThrows(IllegalStateException.class, () -> b.addLong(3));
            assertEquals("FrameBuilder: ticks is full (capacity 2 rows)", full.getMessage());
            assertEquals(2, f.rowCount());
            IllegalStateException mix = assertThrows(IllegalStateException.class,
                    () -> b.column("id", new long[] {1}));
            assertEquals("FrameBuilder: ticks was filled by rows; whole columns cannot be appended to it",
                    mix.getMessage());
        }
        FrameBuilder c = FrameBuilder.of(TRADES, 2);
        IllegalStateException over = assertThrows(IllegalStateException.class, () -> c.column("id", new long[3]));
        assertEquals("FrameBuilder: column 'id' has 3 values; frame holds 2 rows", over.getMessage());
        c.column("id", new long[2]);
        IllegalArgumentException len = assertThrows(IllegalArgumentException.class,
                () -> c.column("price", new double[1]));
        assertEquals("FrameBuilder: column 'price' has 1 values, the columns before it 2", len.getMessage());
        assertThrows(IllegalStateException.class, () -> c.column("price", new long[2]));
        assertThrows(IllegalStateException.class, () -> c.addLong(1));
        c.build().close();
        assertThrows(IllegalArgumentException.class, () -> Frame.allocate(TRADES, 0));
        assertEquals("Frame.allocate: schema must not be null",
                assertThrows(NullPointerException.class, () -> Frame.allocate(null, 1)).getMessage());
    }

    @Test
    void P09_layoutIsOneAlignedAllocationOfArrowBuffers() {
        ColumnType[] types = TRADES.types();
        long[] offsets = FrameDescriptor.offsets(types, 100);
        for (long o : offsets) {
            assertEquals(0, o % BufferDescriptor.ALIGNMENT);
        }
        assertEquals(6 * 64 + 64 * (13 + 13 + 7 + 13 + 1 + 7), FrameDescriptor.totalBytes(types, 100));
        try (Frame f = FrameBuilder.of(TRADES, 100).column("id", new long[] {0x0102030405060708L, 2, 3})
                .column("price", new double[] {1, 2, 3}).column("buy", new boolean[] {true, false, true})
                .column("symbol", new String[] {"a", null, "a"}).column("ts", new long[3])
                .column("qty", new int[3]).build()) {
            MemorySegment all = f.memory();
            assertEquals(0, all.address() % BufferDescriptor.ALIGNMENT);
            assertEquals(FrameDescriptor.totalBytes(types, 100), all.byteSize());
            for (int c = 0; c < f.columnCount(); c++) {
                Column col = f.column(c);
                assertEquals(all.address() + offsets[2 * c], col.validity().address());
                assertEquals(all.address() + offsets[2 * c + 1], col.values().address());
            }
            // little-endian values, validity bit i of byte i/8 (LSB first), booleans bit-packed the same way
            MemorySegment id = f.column("id").values();
            assertEquals(0x08, id.get(ValueLayout.JAVA_BYTE, 0));
            assertEquals(0x0102030405060708L, id.get(ValueLayout.JAVA_LONG.withOrder(ByteOrder.LITTLE_ENDIAN), 0));
            assertEquals(0b101, f.column("symbol").validity().get(ValueLayout.JAVA_BYTE, 0));
            assertEquals(0b111, f.column("price").validity().get(ValueLayout.JAVA_BYTE, 0));
            assertEquals(0b101, f.column("buy").values().get(ValueLayout.JAVA_BYTE, 0));
        }
    }

    @Test
    void P10_anAllocatedFrameIsFreedByItsLastHolderAndThenRefusesUse() {
        Frame f = FrameBuilder.of(TRADES, 4).column("id", new long[] {1}).column("price", new double[1])
                .column("symbol", new String[1]).column("ts", new long[1]).column("buy", new boolean[1])
                .column("qty", new int[1]).build();
        Column id = f.column("id");
        f.retain();
        assertEquals(2, f.holders());
        f.release();
        assertEquals(1L, id.getLong(0), "still held once");
        f.close();
        assertEquals(0, f.holders());
        IllegalStateException use = assertThrows(IllegalStateException.class, () -> id.getLong(0));
        assertEquals("frame was used after its last holder released it (memory freed, generation 1)",
                use.getMessage());
        assertThrows(IllegalStateException.class, id::values);
        assertThrows(IllegalStateException.class, f::retain);
        IllegalStateException twice = assertThrows(IllegalStateException.class, f::release);
        assertEquals("frame was released more times than it was held (generation 1)", twice.getMessage());
        assertEquals("frame (released)", f.toString());
    }

    @Test
    void P16_aWrappedFrameReadsForeignBuffersInPlaceAndHandsThemBackOnItsLastRelease() {
        Schema schema = Schema.builder().int64("a").category("c").build();
        CategoryDictionary dict = new CategoryDictionary("c");
        dict.encode("x");
        dict.encode("y");
        try (java.lang.foreign.Arena arena = java.lang.foreign.Arena.ofConfined()) {
            MemorySegment aValid = arena.allocate(1);
            MemorySegment aValues = arena.allocate(24, 8);
            MemorySegment cValid = arena.allocate(1);
            MemorySegment cValues = arena.allocate(12, 4);
            aValid.set(ValueLayout.JAVA_BYTE, 0, (byte) 0b011);
            cValid.set(ValueLayout.JAVA_BYTE, 0, (byte) 0b110);
            aValues.setAtIndex(ValueLayout.JAVA_LONG, 1, 42L);
            cValues.setAtIndex(ValueLayout.JAVA_INT, 2, 1);
            AtomicCount released = new AtomicCount();
            Frame f = Frame.wrap("imported", schema, 3, new MemorySegment[] {aValid, cValid},
                    new MemorySegment[] {aValues, cValues}, new CategoryDictionary[] {null, dict}, released::inc);
            assertEquals(3, f.rowCount());
            assertEquals(Arrays.asList(0L, 42L, null), f.toList(r -> r.get("a")));
            assertEquals(Arrays.asList(null, "x", "y"), f.toList(r -> r.getString("c")));
            f.column("a").setLong(2, 7); // in place
            assertEquals(7L, aValues.getAtIndex(ValueLayout.JAVA_LONG, 2));
            assertEquals(MemorySegment.NULL, f.memory());
            f.retain();
            f.release();
            assertEquals(0, released.n);
            f.release();
            assertEquals(1, released.n);
            assertThrows(IllegalStateException.class, () -> f.column("a").getLong(0));
            IllegalArgumentException small = assertThrows(IllegalArgumentException.class, () -> Frame.wrap("w",
                    schema, 4, new MemorySegment[] {aValid, cValid}, new MemorySegment[] {aValues, cValues},
                    new CategoryDictionary[] {null, dict}, () -> { }));
            assertEquals("Frame.wrap: column 'a' needs 32 bytes of values for 4 rows", small.getMessage());
            IllegalArgumentException noDict = assertThrows(IllegalArgumentException.class, () -> Frame.wrap("w",
                    schema, 3, new MemorySegment[] {aValid, cValid}, new MemorySegment[] {aValues, cValues},
                    new CategoryDictionary[] {null, null}, () -> { }));
            assertEquals("Frame.wrap: column 'c' is CATEGORY and needs a dictionary", noDict.getMessage());
            IllegalArgumentException misaligned = assertThrows(IllegalArgumentException.class, () -> Frame.wrap("w",
                    schema, 2, new MemorySegment[] {aValid, cValid},
                    new MemorySegment[] {aValues.asSlice(4), cValues}, new CategoryDictionary[] {null, dict}, () -> { }));
            assertEquals("Frame.wrap: values of column 'a' must be native memory aligned to 8 bytes",
                    misaligned.getMessage());
        }
    }

    static final class AtomicCount {
        int n;

        void inc() {
            n++;
        }
    }
}
