package dev.streamz.internal.sources;

import dev.streamz.internal.time.Durations;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Argument checks of the source factories; each message names the factory and the argument. */
public final class SourceArgs {
    /** Default poll interval of the polling sources (streamz: 0.1 s). */
    public static final Duration DEFAULT_POLL = Duration.ofMillis(100);
    /** Default poll interval of {@code fromQueue} (streamz: 0.01 s). */
    public static final Duration DEFAULT_QUEUE_POLL = Duration.ofMillis(10);
    /** Default bind address of the network sources: loopback only. */
    public static final String DEFAULT_BIND = "127.0.0.1";
    /** Default largest TCP frame / HTTP body: 1 MiB. */
    public static final int DEFAULT_MAX_BYTES = 1 << 20;

    private SourceArgs() {
    }

    /**
     * @param x the argument
     * @param what factory and argument, e.g. {@code "fromTextFile: path"}
     * @param <X> its type
     * @return {@code x}
     * @throws NullPointerException if {@code x} is null
     */
    public static <X> X notNull(X x, String what) {
        return dev.streamz.internal.Args.notNull(x, what);
    }

    /**
     * @param d a duration, positive
     * @param what factory and argument
     * @return {@code d}
     */
    public static Duration positive(Duration d, String what) {
        return Durations.positive(d, what);
    }

    /**
     * @param spec a duration such as {@code "500ms"}, positive
     * @param what factory and argument
     * @return the duration
     */
    public static Duration positive(String spec, String what) {
        return Durations.positive(Durations.parse(spec, what), what);
    }

    /**
     * @param port 0 to 65535
     * @param what factory and argument
     * @return {@code port}
     */
    public static int port(int port, String what) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(what + " must be between 0 and 65535 (0: any free port), got " + port);
        }
        return port;
    }

    /**
     * @param n positive
     * @param what factory and argument
     * @return {@code n}
     */
    public static int positive(int n, String what) {
        if (n <= 0) {
            throw new IllegalArgumentException(what + " must be positive, got " + n);
        }
        return n;
    }

    /**
     * @param host a host name or IP literal
     * @param what factory and argument
     * @return the address
     */
    public static InetAddress address(String host, String what) {
        notNull(host, what);
        if (host.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(what + ": unknown host \"" + host + "\"", e);
        }
    }

    /**
     * @param s not null, not empty
     * @param what factory and argument
     * @return {@code s}
     */
    public static String notEmpty(String s, String what) {
        notNull(s, what);
        if (s.isEmpty()) {
            throw new IllegalArgumentException(what + " must not be empty");
        }
        return s;
    }

    /**
     * @param regex a regular expression
     * @param what factory and argument
     * @return the compiled pattern
     */
    public static Pattern regex(String regex, String what) {
        notNull(regex, what);
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(what + ": malformed regular expression \"" + regex + "\": "
                    + e.getDescription(), e);
        }
    }

    /**
     * @param command the program and its arguments: not empty, no null element, a non-empty program
     * @param what factory and argument
     * @return an immutable copy
     */
    public static List<String> command(List<String> command, String what) {
        notNull(command, what);
        if (command.isEmpty() || command.get(0) == null || command.get(0).isEmpty()) {
            throw new IllegalArgumentException(what + " must name a program, got " + command);
        }
        for (int i = 0; i < command.size(); i++) {
            if (command.get(i) == null) {
                throw new NullPointerException(what + ": argument " + i + " is null");
            }
        }
        return List.copyOf(command);
    }
}
