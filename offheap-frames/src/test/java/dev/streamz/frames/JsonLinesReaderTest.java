package dev.streamz.frames;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** JSON lines into frames. */
class JsonLinesReaderTest {
    private static final Schema SCHEMA = Schema.builder().timestamp("time").category("symbol").float64("price")
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

    private static JsonLinesReader json(String text, ReadOptions o) {
        return JsonLinesReader.open(new StringReader(text), "events.jsonl", SCHEMA, o);
    }

    /** fields by name in any order, missing and null are null, escapes, NaN tokens, unknown keys skipped. */
    @Test
    void R20_readsObjectsByName() {
        String text = "{\"time\":\"2024-03-01T09:30:00Z\",\"symbol\":\"AAPL\",\"price\":101.5,\"qty\":3,\"buy\":true,"
                + "\"venue\":7}\n"
                + "  { \"venue\" : -1 , \"extra\": {\"deep\": [1, {\"x\": \"}\"}]}, \"symbol\": \"a\\\"b\\u00e9\\n\","
                + " \"price\": NaN, \"time\": 1709285400000000001, \"qty\": null }  \r\n"
                + "\n"
                + "{\"price\": -Infinity, \"buy\": 0, \"qty\": -9223372036854775808}\n"
                + "{}";
        List<List<Object>> rows = readAll(json(text, ReadOptions.defaults()));
        assertEquals(4, rows.size());
        assertEquals(List.of(Instant.parse("2024-03-01T09:30:00Z"), "AAPL", 101.5, 3L, true, 7), rows.get(0));
        List<Object> r1 = rows.get(1);
        assertEquals(Instant.ofEpochSecond(1709285400L, 1), r1.get(0));
        assertEquals("a\"bé\n", r1.get(1));
        assertTrue(Double.isNaN((Double) r1.get(2)));
        assertNull(r1.get(3));
        assertNull(r1.get(4), "missing is null");
        assertEquals(-1, r1.get(5));
        assertEquals(Arrays.asList(null, null, Double.NEGATIVE_INFINITY, Long.MIN_VALUE, false, null), rows.get(2));
        assertEquals(Arrays.asList(null, null, null, null, null, null), rows.get(3));
    }

    /** bad input names the file, line and field with its expected type; nested values are an error. */
    @Test
    void R21_badInputNamesLineAndField() {
        FrameReadException nested = assertThrows(FrameReadException.class,
                () -> readAll(json("{\"qty\": 1}\n\n{\"price\": [1, 2]}\n", ReadOptions.defaults())));
        assertEquals(3, nested.line());
        assertEquals("price", nested.column());
        assertTrue(nested.getMessage().contains("nested array is not supported"), nested.getMessage());

        FrameReadException type = assertThrows(FrameReadException.class,
                () -> readAll(json("{\"qty\": \"7\"}\n", ReadOptions.defaults())));
        assertEquals("events.jsonl: line 1, column 'qty' (int64): expected a 64-bit integer, got the string \"7\"",
                type.getMessage());
        FrameReadException frac = assertThrows(FrameReadException.class,
                () -> readAll(json("{\"venue\": 1.5}\n", ReadOptions.defaults())));
        assertEquals(ColumnType.INT32, frac.expected());
        FrameReadException syntax = assertThrows(FrameReadException.class,
                () -> readAll(json("{\"qty\": 1}\n{\"qty\" 2}\n", ReadOptions.defaults())));
        assertEquals(2, syntax.line());
        assertTrue(syntax.getMessage().contains("expected ':'"), syntax.getMessage());
        assertTrue(syntax.getMessage().contains("character 8"), syntax.getMessage());
        FrameReadException trailing = assertThrows(FrameReadException.class,
                () -> readAll(json("{\"qty\": 1} {\"qty\": 2}\n", ReadOptions.defaults())));
        assertTrue(trailing.getMessage().contains("one object per line"), trailing.getMessage());
        FrameReadException ts = assertThrows(FrameReadException.class,
                () -> readAll(json("{\"time\": \"yesterday\"}\n", ReadOptions.defaults())));
        assertEquals("time", ts.column());
        assertEquals(ColumnType.TIMESTAMP, ts.expected());
    }

    /** SKIP keeps the good lines across frames from a byte stream; errors are kept in order. */
    @Test
    void R22_skipAcrossFrames() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 500; i++) {
            sb.append(i % 50 == 7 ? "{\"qty\": oops}" : "{\"qty\": " + i + ", \"symbol\": \"s" + (i % 3) + "\"}")
                    .append('\n');
        }
        JsonLinesReader r = JsonLinesReader.open(new ByteArrayInputStream(sb.toString().getBytes(StandardCharsets.UTF_8)),
                "s.jsonl", SCHEMA, ReadOptions.defaults().withBadRows(BadRowPolicy.SKIP).withFrameRows(64));
        List<List<Object>> rows = readAll(r);
        assertEquals(490, rows.size());
        assertEquals(10, r.skippedRows());
        assertEquals(8, r.skippedErrors().getFirst().line());
        long sum = 0;
        for (List<Object> row : rows) {
            sum += (Long) row.get(3);
            assertEquals("s" + ((Long) row.get(3) % 3), row.get(1));
        }
        long all = 499L * 500 / 2;
        long bad = 0;
        for (int i = 7; i < 500; i += 50) {
            bad += i;
        }
        assertEquals(all - bad, sum);
    }
}
