package dev.streamz.internal.sources;

import dev.streamz.Scheduler;
import dev.streamz.Source;
import dev.streamz.StreamException;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The limit hits of a network source: counted exactly, and reported to the error handler at a bounded
 * rate, so that a flood (thousands of refused connections a second) does not become a flood of reports.
 *
 * <p>Per kind of limit: the first hit is reported at once; hits in the following {@link #INTERVAL} are
 * counted, and when it ends one summary reports how many there were and the last one's message (which
 * names its peer); an interval without hits ends the throttling, so the next hit is reported at once
 * again. The summaries are timed on the graph's scheduler (virtual time under a {@code VirtualScheduler}).
 * Nothing is dropped from the counts ({@link #counts()}).
 */
final class LimitReports {
    /** How long hits of one kind are summed up before they are reported together. */
    static final Duration INTERVAL = Duration.ofSeconds(1);

    private final Source<?> source;
    private final Map<String, Kind> kinds = new ConcurrentHashMap<>();

    /** One kind's state; guarded by itself. */
    private static final class Kind {
        final String name;
        long total;
        long unreported;
        boolean throttling;
        String last;

        Kind(String name) {
            this.name = name;
        }
    }

    LimitReports(Source<?> source) {
        this.source = source;
    }

    /**
     * Counts one hit of the limit {@code kind} and reports {@code message} now, or in the next summary.
     *
     * @param kind the limit, by its {@code ServerLimits} name ({@code maxConnections}), or {@code badRequest}
     * @param message the report, naming the peer and the limit
     */
    void hit(String kind, String message) {
        Kind k = kinds.computeIfAbsent(kind, Kind::new);
        synchronized (k) {
            k.total++;
            if (k.throttling) {
                k.unreported++;
                k.last = message;
                return;
            }
            k.throttling = true;
        }
        Scheduler s = source.scheduler().orElse(null);
        if (s == null) {
            return; // never started: nobody to report to (counted all the same)
        }
        s.reportError(new StreamException(source, message, null));
        later(s, k);
    }

    private void later(Scheduler s, Kind k) {
        try {
            s.schedule(() -> summarize(s, k), INTERVAL);
        } catch (RuntimeException e) { // a closed event loop: no more summaries, report each hit again
            synchronized (k) {
                k.throttling = false;
            }
        }
    }

    private void summarize(Scheduler s, Kind k) {
        long n;
        String last;
        synchronized (k) {
            n = k.unreported;
            last = k.last;
            k.unreported = 0;
            k.last = null;
            if (n == 0) {
                k.throttling = false;
                return;
            }
        }
        s.reportError(new StreamException(source, n + " more hit" + (n == 1 ? "" : "s") + " of the " + k.name
                + " limit in the last " + INTERVAL.toMillis() + " ms (reports are summed up per second), the last: "
                + last, null));
        later(s, k);
    }

    /** {@return the hits so far per kind, exact, sorted by kind} */
    Map<String, Long> counts() {
        Map<String, Long> m = new TreeMap<>();
        for (Kind k : kinds.values()) {
            synchronized (k) {
                m.put(k.name, k.total);
            }
        }
        return m;
    }
}
