package dev.streamz.internal.time;

import dev.streamz.internal.Args;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the duration arguments of time-based operators: a {@link Duration} or a string like "500ms". */
public final class Durations {
    private static final Pattern FORM = Pattern.compile("\\s*(\\d+(?:\\.\\d+)?)\\s*(ns|us|µs|ms|s|m|min|h)\\s*");

    private Durations() {
    }

    /**
     * Parses {@code spec}: a number followed by one of {@code ns, us, ms, s, m (or min), h}, such as
     * {@code "500ms"}, {@code "2s"}, {@code "1.5s"}, {@code "1m"}.
     *
     * @param spec the text
     * @param what the operator and argument, for the error message
     * @return the duration
     * @throws IllegalArgumentException naming {@code what} when the text is not of that form
     */
    public static Duration parse(String spec, String what) {
        Args.notNull(spec, what);
        Matcher m = FORM.matcher(spec.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException(what + ": expected a duration such as \"500ms\", \"2s\", \"1m\" "
                    + "(units ns, us, ms, s, m, h), got \"" + spec + "\"");
        }
        double value = Double.parseDouble(m.group(1));
        double nanosPerUnit = switch (m.group(2)) {
            case "ns" -> 1;
            case "us", "µs" -> 1e3;
            case "ms" -> 1e6;
            case "s" -> 1e9;
            case "m", "min" -> 60e9;
            default -> 3600e9;
        };
        return Duration.ofNanos(Math.round(value * nanosPerUnit));
    }

    /**
     * Checks a duration argument that must be positive.
     *
     * @param d the duration
     * @param what the operator and argument, for the error message
     * @return {@code d}
     */
    public static Duration positive(Duration d, String what) {
        Args.notNull(d, what);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + " must be positive, got " + d);
        }
        return d;
    }
}
