package dev.streamz.frames;

import dev.streamz.VirtualScheduler;
import dev.streamz.Source;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** CSV into frames. */
class CsvReaderTest {
    private static final Schema TRADES = Schema.builder().timestamp("time").category("symbol").float64("price")
            .int64("qty").bool("buy").int32("venue").build();

    private static List<List<Object>> readAll(FrameReader r) {
        List<List<Object>> rows = new ArrayList<>();
        try (r) {
            while (r.hasNext()) {
                try (Frame f = r.next()) {
                    rows.addAll(f.rows());
                }
            }
        }
        return rows;
    }

    private static CsvReader csv(String text, Schema schema, ReadOptions o) {
        return CsvReader.open(new StringReader(text), "trades.csv", schema, o);
    }

    private static long nanos(String iso) {
        java.time.Instant t = java.time.Instant.parse(iso);
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }

    /** every type, nulls (empty and NA spellings), NaN distinct from null, quoting, header by name. */
    @Test
    void R14_readsEveryTypeWithNullsAndQuoting() {
        String text = "venue,buy,qty,price,symbol,time,ignored\r\n"
                + "1,true,100,101.25,AAPL,2024-03-01T09:30:00.000000001Z,x\r\n"
                + ",FALSE,,NaN,\"MS,FT\",2024-03-01 09:30:01,\"a \"\"quoted\"\" one\"\n"
                + "\n" // blank line: skipped
                + "3,1,-7,,\"multi\nline\",1709285402000000000,y\n"
                + "NA,0,NULL,-inf,<NA>,,z\n"
                + "5,,9223372036854775807,1e-3,AAPL,2024-03-01T10:30:03+01:00,\"\"";
        List<List<Object>> rows = readAll(csv(text, TRADES, ReadOptions.defaults()));
        assertEquals(5, rows.size());
        assertEquals(List.of(java.time.Instant.ofEpochSecond(1709285400, 1), "AAPL", 101.25, 100L, true, 1),
                rows.get(0));
        List<Object> r1 = rows.get(1);
        assertEquals("MS,FT", r1.get(1));
        assertTrue(Double.isNaN((Double) r1.get(2)), "NaN is a value");
        assertNull(r1.get(3));
        assertEquals(false, r1.get(4));
        assertNull(r1.get(5));
        assertEquals("multi\nline", rows.get(2).get(1));
        assertNull(rows.get(2).get(2), "an empty float is null, not NaN");
        assertEquals(nanos("2024-03-01T09:30:02Z"), ((java.time.Instant) rows.get(2).get(0)).getEpochSecond()
                * 1_000_000_000L);
        assertEquals(java.util.Arrays.asList(null, null, Double.NEGATIVE_INFINITY, null, false, null), rows.get(3));
        assertEquals(java.time.Instant.parse("2024-03-01T09:30:03Z"), rows.get(4).get(0));
        assertEquals(Long.MAX_VALUE, rows.get(4).get(3));
        assertNull(rows.get(4).get(4));
    }

    /** streaming: frames of the given size, the last one partial; the same data whatever the buffer splits. */
    @Test
    void R15_framesOfTheGivenSizeAcrossBufferBoundaries() {
        Random r = new Random(11);
        StringBuilder sb = new StringBuilder("time,symbol,price,qty,buy,venue\n");
        List<List<Object>> expected = new ArrayList<>();
        String[] syms = {"AAPL", "MSFT", "a \"q\" b", "x,y", "long\nline"};
        for (int i = 0; i < 10_007; i++) {
            long t = 1_700_000_000_000_000_000L + i * 1_000_000L;
            String sym = syms[r.nextInt(syms.length)];
            double price = Math.round(r.nextDouble() * 1e6) / 100.0;
            long qty = r.nextLong();
            boolean buy = r.nextBoolean();
            int venue = r.nextInt();
            boolean quote = sym.contains("\"") || sym.contains(",") || sym.contains("\n");
            sb.append(t).append(',').append(quote ? "\"" + sym.replace("\"", "\"\"") + "\"" : sym).append(',')
                    .append(price).append(',').append(qty).append(',').append(buy).append(',').append(venue)
                    .append(i % 3 == 0 ? "\r\n" : "\n");
            expected.add(List.of(java.time.Instant.ofEpochSecond(t / 1_000_000_000L, t % 1_000_000_000L), sym, price,
                    qty, buy, venue));
        }
        // a reader that returns few characters per call splits records and fields at every place
        Reader trickle = new java.io.FilterReader(new StringReader(sb.toString())) {
            @Override
            public int read(char[] cbuf, int off, int len) throws java.io.IOException {
                return super.read(cbuf, off, Math.min(len, 1 + r.nextInt(7)));
            }
        };
        CsvReader reader = CsvReader.open(trickle, "gen.csv", TRADES, ReadOptions.defaults().withFrameRows(1000));
        List<Integer> sizes = new ArrayList<>();
        List<List<Object>> rows = new ArrayList<>();
        while (reader.hasNext()) {
            try (Frame f = reader.next()) {
                sizes.add(f.rowCount());
                rows.addAll(f.rows());
            }
        }
        assertEquals(11, sizes.size());
        assertEquals(7, sizes.getLast());
        assertEquals(expected, rows);
        assertEquals(10_007, reader.rowsRead());
        assertFalse(reader.hasNext());
    }

    /** a bad value names the file, line and column with its type; FAIL is the default. */
    @Test
    void R16_badValueNamesFileLineColumnAndType() {
        String text = "time,symbol,price,qty,buy,venue\n"
                + "2024-01-01,A,1.0,1,true,1\n"
                + "2024-01-01,\"B\nC\",2.0,2,true,2\n"
                + "2024-01-01,D,abc,3,true,3\n";
        FrameReadException e = assertThrows(FrameReadException.class,
                () -> readAll(csv(text, TRADES, ReadOptions.defaults())));
        assertEquals("trades.csv", e.source());
        assertEquals(5, e.line(), "the quoted line break counts");
        assertEquals("price", e.column());
        assertEquals(ColumnType.FLOAT64, e.expected());
        assertTrue(e.getMessage().startsWith("trades.csv: line 5, column 'price' (float64): cannot parse \"abc\""),
                e.getMessage());

        CsvReader failed = csv(text, TRADES, ReadOptions.defaults());
        assertThrows(FrameReadException.class, failed::hasNext);
        assertFalse(failed.hasNext(), "a failed reader stays failed (its input is closed)");
        FrameReadException fields = assertThrows(FrameReadException.class,
                () -> readAll(csv("time,symbol,price,qty,buy,venue\n2024-01-01,A,1.0\n", TRADES,
                        ReadOptions.defaults())));
        assertEquals(2, fields.line());
        assertTrue(fields.getMessage().contains("expected 6 fields, got 3"), fields.getMessage());

        FrameReadException quote = assertThrows(FrameReadException.class,
                () -> readAll(csv("a\n\"open\n", Schema.builder().category("a").build(), ReadOptions.defaults())));
        assertTrue(quote.getMessage().contains("not closed"), quote.getMessage());
        FrameReadException after = assertThrows(FrameReadException.class,
                () -> readAll(csv("a\n\"x\"y\n", Schema.builder().category("a").build(), ReadOptions.defaults())));
        assertTrue(after.getMessage().contains("after the closing quote"), after.getMessage());
        FrameReadException range = assertThrows(FrameReadException.class,
                () -> readAll(csv("n\n2147483648\n", Schema.builder().int32("n").build(), ReadOptions.defaults())));
        assertEquals("n", range.column());
        assertEquals(ColumnType.INT32, range.expected());
    }

    /** SKIP drops bad rows, counts them and keeps their errors; the good rows all arrive. */
    @Test
    void R17_skipPolicyCountsAndReports() {
        StringBuilder sb = new StringBuilder("n,x\n");
        for (int i = 0; i < 100; i++) {
            sb.append(i).append(',').append(i % 10 == 3 ? "oops" : Double.toString(i)).append('\n');
        }
        sb.append("1,2,3\n"); // wrong field count
        sb.append("\"unterminated,1\n");
        CsvReader r = csv(sb.toString(), Schema.builder().int64("n").float64("x").build(),
                ReadOptions.defaults().withBadRows(BadRowPolicy.SKIP).withFrameRows(16));
        List<List<Object>> rows = readAll(r);
        assertEquals(90, rows.size());
        assertEquals(12, r.skippedRows());
        assertEquals(12, r.skippedErrors().size());
        assertEquals(5, r.skippedErrors().getFirst().line());
        assertEquals("x", r.skippedErrors().getFirst().column());
        assertEquals(102, r.skippedErrors().get(10).line());
        for (List<Object> row : rows) {
            assertEquals((double) (Long) row.get(0), row.get(1));
        }
    }

    /** options: delimiter, no header (columns by position), epoch seconds; header lacking a column fails at open. */
    @Test
    void R18_optionsAndHeaderChecks() {
        Schema s = Schema.builder().timestamp("t").category("k").build();
        List<List<Object>> rows = readAll(csv("1700000000;'a;b'\n1700000001;c\n", s, ReadOptions.defaults()
                .withHeader(false).withDelimiter(';').withQuote('\'').withEpochUnit(TimeUnit.SECONDS)));
        assertEquals(List.of(List.of(java.time.Instant.ofEpochSecond(1_700_000_000L), "a;b"),
                List.of(java.time.Instant.ofEpochSecond(1_700_000_001L), "c")), rows);
        FrameReadException e = assertThrows(FrameReadException.class,
                () -> csv("t,x\n1,2\n", s, ReadOptions.defaults()));
        assertTrue(e.getMessage().contains("lacks the schema's column(s) [k]"), e.getMessage());
        assertEquals(1, e.line());
        assertThrows(IllegalArgumentException.class, () -> ReadOptions.defaults().withDelimiter('"'));
        assertThrows(IllegalArgumentException.class, () -> ReadOptions.defaults().withFrameRows(0));
        assertEquals(List.of(), readAll(csv("t,k\n", s, ReadOptions.defaults())), "header only: no frames");
    }

    /** a file through a pool (bounded, shared dictionaries) and as a Source of frames. */
    @Test
    void R19_fileThroughPoolAndSource(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("t.csv");
        StringBuilder sb = new StringBuilder("k,v\n");
        for (int i = 0; i < 1000; i++) {
            sb.append(i % 2 == 0 ? "even" : "odd").append(',').append(i).append('\n');
        }
        Files.writeString(file, sb, StandardCharsets.UTF_8);
        Schema s = Schema.builder().category("k").int64("v").build();
        try (FramePool pool = FramePool.builder(s).frameCapacity(100).frames(2).name("csv").build()) {
            CsvReader r = CsvReader.open(file, s, ReadOptions.defaults().withPool(pool));
            Source<Frame> source = r.toSource();
            VirtualScheduler vs = new VirtualScheduler();
            source.withScheduler(vs);
            List<Long> sums = new ArrayList<>();
            List<Integer> codes = new ArrayList<>();
            source.sink(f -> {
                long sum = 0;
                for (int i = 0; i < f.rowCount(); i++) {
                    sum += f.column("v").getLong(i);
                }
                sums.add(sum);
                codes.add(f.column("k").getCode(1));
                f.release(); // the sink is the frame's last user
            });
            source.start();
            vs.runUntilIdle();
            assertTrue(source.isStopped(), "stopped at the end of the file");
            assertTrue(source.failure().isEmpty(), () -> source.failure().toString());
            assertEquals(10, sums.size());
            assertEquals(499_500L, sums.stream().mapToLong(Long::longValue).sum());
            assertEquals(1, codes.stream().distinct().count(), "one dictionary: 'odd' has one code in every frame");
            assertEquals(0, pool.held(), "every frame went back");
        }
    }
}
