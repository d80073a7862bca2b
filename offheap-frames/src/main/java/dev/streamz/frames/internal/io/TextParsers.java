package dev.streamz.frames.internal.io;

import java.util.concurrent.TimeUnit;

/**
 * Parses values straight from a {@code char[]} slice {@code [s, e)}, allocating nothing on the common
 * paths (plain decimal numbers, ISO-8601 timestamps). A parse returns {@code false} on bad input and leaves
 * its result in {@link #longValue} / {@link #doubleValue}; one instance per reader, not thread-safe.
 *
 * <p>Null and NaN spellings follow pandas' default {@code na_values}: the spellings of "not a number"
 * ({@code NaN nan -NaN -nan 1.#QNAN -1.#QNAN 1.#IND -1.#IND}) are a float64 NaN (a value) and null in any
 * other column; the other ones ({@code "" NA N/A n/a #N/A #N/A N/A #NA NULL null None <NA>}) are null in
 * every column.
 */
public final class TextParsers {
    private static final double[] POW10 = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12,
        1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
    private static final String[] NULLS = {"NA", "N/A", "n/a", "#N/A", "#N/A N/A", "#NA", "NULL", "null", "None",
        "<NA>"};
    private static final String[] NANS = {"NaN", "nan", "-NaN", "-nan", "1.#QNAN", "-1.#QNAN", "1.#IND", "-1.#IND"};

    /** Result of the last successful integer or timestamp parse. */
    public long longValue;
    /** Result of the last successful float parse. */
    public double doubleValue;
    private final long epochUnitNanos;

    /**
     * @param epochUnit the unit of a timestamp written as a plain integer (pandas' default is nanoseconds)
     */
    public TextParsers(TimeUnit epochUnit) {
        this.epochUnitNanos = epochUnit.toNanos(1);
    }

    /** @return whether the slice spells null (pandas' default NA values that are not NaN, or empty) */
    public static boolean isNull(char[] b, int s, int e) {
        if (s == e) {
            return true;
        }
        for (String n : NULLS) {
            if (equals(b, s, e, n)) {
                return true;
            }
        }
        return false;
    }

    /** @return whether the slice spells NaN the pandas way */
    public static boolean isNaN(char[] b, int s, int e) {
        int len = e - s;
        if (len < 3 || len > 8) {
            return false;
        }
        for (String n : NANS) {
            if (equals(b, s, e, n)) {
                return true;
            }
        }
        return false;
    }

    /** @return whether {@code [s, e)} equals {@code t} exactly */
    public static boolean equals(char[] b, int s, int e, String t) {
        if (e - s != t.length()) {
            return false;
        }
        for (int i = 0; i < t.length(); i++) {
            if (b[s + i] != t.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static boolean equalsIgnoreCase(char[] b, int s, int e, String lower) {
        if (e - s != lower.length()) {
            return false;
        }
        for (int i = 0; i < lower.length(); i++) {
            if (Character.toLowerCase(b[s + i]) != lower.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /**
     * An integer in {@code [min, max]}: optional sign, decimal digits; spaces around are ignored.
     *
     * @return false on anything else or overflow
     */
    public boolean parseLong(char[] b, int s, int e, long min, long max) {
        while (s < e && b[s] == ' ') {
            s++;
        }
        while (e > s && b[e - 1] == ' ') {
            e--;
        }
        if (s == e) {
            return false;
        }
        boolean neg = false;
        if (b[s] == '-' || b[s] == '+') {
            neg = b[s] == '-';
            if (++s == e) {
                return false;
            }
        }
        long v = 0; // accumulated negatively: Long.MIN_VALUE fits
        for (int i = s; i < e; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) {
                return false;
            }
            if (v < Long.MIN_VALUE / 10 || (v == Long.MIN_VALUE / 10 && d > 8)) {
                return false;
            }
            v = v * 10 - d;
        }
        if (!neg) {
            if (v == Long.MIN_VALUE) {
                return false;
            }
            v = -v;
        }
        if (v < min || v > max) {
            return false;
        }
        longValue = v;
        return true;
    }

    /**
     * A float64: decimal or scientific notation, {@code inf}/{@code infinity} (any case, optional sign), or a
     * NaN spelling. Exact (correctly rounded): short decimals take Clinger's fast path, the rest
     * {@link Double#parseDouble} (which allocates a string).
     *
     * @return false on anything else
     */
    public boolean parseDouble(char[] b, int s, int e) {
        while (s < e && b[s] == ' ') {
            s++;
        }
        while (e > s && b[e - 1] == ' ') {
            e--;
        }
        if (s == e) {
            return false;
        }
        int i = s;
        boolean neg = false;
        if (b[i] == '-' || b[i] == '+') {
            neg = b[i] == '-';
            i++;
        }
        long mantissa = 0;
        int digits = 0;
        int exp10 = 0;
        boolean any = false;
        while (i < e && b[i] >= '0' && b[i] <= '9') {
            if (digits < 18) {
                mantissa = mantissa * 10 + (b[i] - '0');
                if (mantissa != 0) {
                    digits++;
                }
            } else {
                exp10++;
                digits++;
            }
            any = true;
            i++;
        }
        if (i < e && b[i] == '.') {
            i++;
            while (i < e && b[i] >= '0' && b[i] <= '9') {
                if (digits < 18) {
                    mantissa = mantissa * 10 + (b[i] - '0');
                    if (mantissa != 0) {
                        digits++;
                    }
                    exp10--;
                } else {
                    digits++;
                }
                any = true;
                i++;
            }
        }
        if (!any) {
            return special(b, s, e);
        }
        if (i < e && (b[i] == 'e' || b[i] == 'E')) {
            i++;
            boolean eneg = false;
            if (i < e && (b[i] == '-' || b[i] == '+')) {
                eneg = b[i] == '-';
                i++;
            }
            if (i == e) {
                return false;
            }
            int x = 0;
            while (i < e && b[i] >= '0' && b[i] <= '9') {
                if (x < 100_000) {
                    x = x * 10 + (b[i] - '0');
                }
                i++;
            }
            exp10 += eneg ? -x : x;
        }
        if (i != e) {
            return special(b, s, e); // 1.#QNAN and friends start like a number
        }
        if (digits <= 15 && exp10 >= -22 && exp10 <= 22) { // Clinger: both exact doubles, one rounding
            double v = mantissa;
            v = exp10 < 0 ? v / POW10[-exp10] : v * POW10[exp10];
            doubleValue = neg ? -v : v;
            return true;
        }
        if (mantissa == 0 && digits == 0) {
            doubleValue = neg ? -0.0 : 0.0;
            return true;
        }
        try {
            doubleValue = Double.parseDouble(new String(b, s, e - s));
            return true;
        } catch (NumberFormatException x) {
            return false;
        }
    }

    private boolean special(char[] b, int s, int e) {
        if (isNaN(b, s, e)) {
            doubleValue = Double.NaN;
            return true;
        }
        boolean neg = b[s] == '-';
        int t = b[s] == '-' || b[s] == '+' ? s + 1 : s;
        if (equalsIgnoreCase(b, t, e, "inf") || equalsIgnoreCase(b, t, e, "infinity")) {
            doubleValue = neg ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            return true;
        }
        return false;
    }

    /**
     * A boolean: {@code true}/{@code false} (any case) or {@code 1}/{@code 0}.
     *
     * @return 1 for true, 0 for false, -1 for anything else
     */
    public static int parseBoolean(char[] b, int s, int e) {
        if (e - s == 1) {
            return b[s] == '1' ? 1 : b[s] == '0' ? 0 : -1;
        }
        if (equalsIgnoreCase(b, s, e, "true")) {
            return 1;
        }
        return equalsIgnoreCase(b, s, e, "false") ? 0 : -1;
    }

    /**
     * A timestamp, into {@link #longValue} as epoch nanoseconds: ISO-8601 {@code yyyy-MM-dd}, optionally
     * followed by {@code T} or a space, {@code HH:mm}, {@code :ss}, a fraction of up to 9 digits, and a zone
     * {@code Z}, {@code +hh:mm}, {@code +hhmm} or {@code +hh} (no zone means UTC); or a plain integer, epoch
     * time in the reader's unit.
     *
     * @return false on anything else or a value outside epoch nanoseconds' range (years 1677-2262)
     */
    public boolean parseTimestamp(char[] b, int s, int e) {
        while (s < e && b[s] == ' ') {
            s++;
        }
        while (e > s && b[e - 1] == ' ') {
            e--;
        }
        if (e - s >= 10 && b[s + 4] == '-' && b[s + 7] == '-') {
            return iso(b, s, e);
        }
        if (!parseLong(b, s, e, Long.MIN_VALUE, Long.MAX_VALUE)) {
            return false;
        }
        long v = longValue;
        long hi = Math.multiplyHigh(v, epochUnitNanos);
        long lo = v * epochUnitNanos;
        if ((hi != 0 || lo < 0) && (hi != -1 || lo >= 0)) {
            return false;
        }
        longValue = lo;
        return true;
    }

    private boolean iso(char[] b, int s, int e) {
        int year = digits(b, s, 4);
        int month = digits(b, s + 5, 2);
        int day = digits(b, s + 8, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
            return false;
        }
        int i = s + 10;
        long nanosOfDay = 0;
        long offsetSeconds = 0;
        if (i < e && (b[i] == 'T' || b[i] == ' ')) {
            if (e - i < 6 || b[i + 3] != ':') {
                return false;
            }
            int hour = digits(b, i + 1, 2);
            int minute = digits(b, i + 4, 2);
            if (hour < 0 || hour > 23 || minute < 0 || minute > 59) {
                return false;
            }
            i += 6;
            int second = 0;
            long fraction = 0;
            if (i < e && b[i] == ':') {
                second = digits(b, i + 1, Math.min(2, e - i - 1) == 2 ? 2 : -1);
                if (second < 0 || second > 59) {
                    return false;
                }
                i += 3;
                if (i < e && (b[i] == '.' || b[i] == ',')) {
                    i++;
                    int n = 0;
                    while (i < e && b[i] >= '0' && b[i] <= '9') {
                        if (n < 9) {
                            fraction = fraction * 10 + (b[i] - '0');
                            n++;
                        }
                        i++;
                    }
                    if (n == 0) {
                        return false;
                    }
                    for (; n < 9; n++) {
                        fraction *= 10;
                    }
                }
            }
            nanosOfDay = ((hour * 60L + minute) * 60 + second) * 1_000_000_000L + fraction;
            if (i < e) {
                if (b[i] == 'Z' && i + 1 == e) {
                    i++;
                } else if (b[i] == '+' || b[i] == '-') {
                    int sign = b[i] == '-' ? -1 : 1;
                    int oh = digits(b, i + 1, e - i - 1 >= 2 ? 2 : -1);
                    int om = 0;
                    int rest = e - i - 3;
                    if (rest == 3 && b[i + 3] == ':') {
                        om = digits(b, i + 4, 2);
                    } else if (rest == 2) {
                        om = digits(b, i + 3, 2);
                    } else if (rest != 0) {
                        return false;
                    }
                    if (oh < 0 || oh > 18 || om < 0 || om > 59) {
                        return false;
                    }
                    offsetSeconds = sign * (oh * 3600L + om * 60L);
                    i = e;
                }
            }
        }
        if (i != e) {
            return false;
        }
        long days = daysFromCivil(year, month, day);
        // epoch nanoseconds reach from 1677-09-21 to 2262-04-11
        if (days < -106_751 || days > 106_750) {
            return false;
        }
        try {
            longValue = Math.addExact(Math.multiplyExact(days * 86_400L - offsetSeconds, 1_000_000_000L), nanosOfDay);
        } catch (ArithmeticException x) {
            return false;
        }
        return true;
    }

    private static int digits(char[] b, int s, int n) {
        if (n < 0) {
            return -1;
        }
        int v = 0;
        for (int i = 0; i < n; i++) {
            int d = b[s + i] - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            v = v * 10 + d;
        }
        return v;
    }

    private static int daysInMonth(int y, int m) {
        return switch (m) {
            case 2 -> (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm). */
    static long daysFromCivil(long y, int m, int d) {
        y -= m <= 2 ? 1 : 0;
        long era = Math.floorDiv(y, 400);
        long yoe = y - era * 400;
        long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146_097 + doe - 719_468;
    }
}
