package dev.streamz.frames.internal.io;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The allocation-free value parsers against the JDK's own, on seeded random input. */
class TextParsersTest {
    private final TextParsers p = new TextParsers(TimeUnit.NANOSECONDS);

    private boolean dbl(String s) {
        return p.parseDouble(s.toCharArray(), 0, s.length());
    }

    private boolean lng(String s) {
        return p.parseLong(s.toCharArray(), 0, s.length(), Long.MIN_VALUE, Long.MAX_VALUE);
    }

    private boolean ts(String s) {
        return p.parseTimestamp(s.toCharArray(), 0, s.length());
    }

    @Test
    void R10_doublesMatchTheJdkBitForBit() {
        Random r = new Random(42);
        for (int i = 0; i < 200_000; i++) {
            String s = switch (i % 5) {
                case 0 -> Double.toString(Double.longBitsToDouble(r.nextLong()));
                case 1 -> String.format(java.util.Locale.ROOT, "%.4f", r.nextDouble() * 1e6 - 5e5);
                case 2 -> Long.toString(r.nextLong() % 1_000_000_000L) + "." + Math.abs(r.nextInt() % 1000);
                case 3 -> r.nextInt(1000) + "e" + (r.nextInt(60) - 30);
                default -> "0.000" + Math.abs(r.nextLong() % 100_000_000_000_000_000L);
            };
            if (s.contains("NaN") || s.contains("Infinity")) {
                continue;
            }
            assertTrue(dbl(s), s);
            assertEquals(Double.doubleToRawLongBits(Double.parseDouble(s)), Double.doubleToRawLongBits(p.doubleValue), s);
        }
    }

    @Test
    void R10_doubleSpellings() {
        for (String nan : new String[] {"NaN", "nan", "-NaN", "-nan", "1.#QNAN", "-1.#IND"}) {
            assertTrue(dbl(nan), nan);
            assertTrue(Double.isNaN(p.doubleValue), nan);
        }
        assertTrue(dbl("inf"));
        assertEquals(Double.POSITIVE_INFINITY, p.doubleValue);
        assertTrue(dbl("-Infinity"));
        assertEquals(Double.NEGATIVE_INFINITY, p.doubleValue);
        assertTrue(dbl("+INF"));
        assertEquals(Double.POSITIVE_INFINITY, p.doubleValue);
        assertTrue(dbl(" 1.5 "));
        assertEquals(1.5, p.doubleValue);
        assertTrue(dbl("-0"));
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(p.doubleValue));
        for (String bad : new String[] {"", "-", "1.2.3", "1e", "abc", "1,5", "infinite", "0x10"}) {
            assertFalse(dbl(bad), bad);
        }
        assertTrue(TextParsers.isNull("NA".toCharArray(), 0, 2));
        assertFalse(TextParsers.isNull("NaN".toCharArray(), 0, 3), "NaN is a value, not null");
    }

    @Test
    void R11_longsAndOverflow() {
        assertTrue(lng("-9223372036854775808"));
        assertEquals(Long.MIN_VALUE, p.longValue);
        assertTrue(lng("9223372036854775807"));
        assertEquals(Long.MAX_VALUE, p.longValue);
        assertFalse(lng("9223372036854775808"));
        assertFalse(lng("-9223372036854775809"));
        assertFalse(lng("1.0"));
        assertFalse(lng("+"));
        assertFalse(p.parseLong("2147483648".toCharArray(), 0, 10, Integer.MIN_VALUE, Integer.MAX_VALUE));
        Random r = new Random(7);
        for (int i = 0; i < 100_000; i++) {
            long v = r.nextLong() >> r.nextInt(64);
            assertTrue(lng(Long.toString(v)));
            assertEquals(v, p.longValue);
        }
    }

    @Test
    void R12_timestampsMatchJavaTime() {
        Random r = new Random(3);
        for (int i = 0; i < 50_000; i++) {
            long sec = (r.nextLong() % 9_000_000_000L); // about years 1685-2255
            int nanos = r.nextInt(1_000_000_000);
            Instant t = Instant.ofEpochSecond(sec, nanos);
            ZoneOffset off = ZoneOffset.ofTotalSeconds((r.nextInt(36) - 18) * 1800);
            String iso = OffsetDateTime.ofInstant(t, off).toString();
            assertTrue(ts(iso), iso);
            assertEquals(sec * 1_000_000_000L + nanos, p.longValue, iso);
        }
        assertTrue(ts("2024-03-01"));
        assertEquals(Instant.parse("2024-03-01T00:00:00Z").toEpochMilli() * 1_000_000L, p.longValue);
        assertTrue(ts("2024-03-01 09:30:00.5"));
        assertEquals(Instant.parse("2024-03-01T09:30:00.5Z").toEpochMilli() * 1_000_000L, p.longValue);
        assertTrue(ts("2024-03-01T09:30+0100"));
        assertEquals(Instant.parse("2024-03-01T08:30:00Z").toEpochMilli() * 1_000_000L, p.longValue);
        assertTrue(ts("1700000000123456789"));
        assertEquals(1700000000123456789L, p.longValue);
        TextParsers seconds = new TextParsers(TimeUnit.SECONDS);
        assertTrue(seconds.parseTimestamp("1700000000".toCharArray(), 0, 10));
        assertEquals(1_700_000_000_000_000_000L, seconds.longValue);
        assertFalse(seconds.parseTimestamp("99999999999".toCharArray(), 0, 11), "overflows epoch nanoseconds");
        for (String bad : new String[] {"2024-02-30", "2024-13-01", "2024-01-01T25:00", "2024-01-01T10:00:00.",
            "2024-01-01X", "3000-01-01", "yesterday", "2024-01-01T10:00+25:00"}) {
            assertFalse(ts(bad), bad);
        }
    }

    @Test
    void R11_booleans() {
        assertEquals(1, TextParsers.parseBoolean("TRUE".toCharArray(), 0, 4));
        assertEquals(0, TextParsers.parseBoolean("False".toCharArray(), 0, 5));
        assertEquals(1, TextParsers.parseBoolean("1".toCharArray(), 0, 1));
        assertEquals(0, TextParsers.parseBoolean("0".toCharArray(), 0, 1));
        assertEquals(-1, TextParsers.parseBoolean("yes".toCharArray(), 0, 3));
    }

    @Test
    void R13_stringCacheReturnsEqualStringsAndIsBounded() {
        StringCache c = new StringCache(1000);
        char[] b = "xxAAPLyyMSFT".toCharArray();
        String a = c.get(b, 2, 6);
        assertEquals("AAPL", a);
        assertTrue(a == c.get("AAPL".toCharArray(), 0, 4), "the cached instance");
        assertEquals("MSFT", c.get(b, 8, 12));
        for (int i = 0; i < 5000; i++) {
            char[] k = ("k" + i).toCharArray();
            assertEquals("k" + i, c.get(k, 0, k.length));
        }
        char[] k = "k4999".toCharArray();
        assertEquals("k4999", c.get(k, 0, k.length));
    }
}
