package dev.streamz.interop;

import dev.streamz.Scheduler;
import dev.streamz.Schedulers;
import org.reactivestreams.tck.TestEnvironment;

import java.util.Iterator;
import java.util.NoSuchElementException;

/** Shared settings of the Reactive Streams TCK runs: short timeouts, one quiet event loop. */
final class Tck {
    /** Signals are expected within 300 ms; "no signal" is checked for 100 ms. Stable here, and keeps the run short. */
    static TestEnvironment environment() {
        return new TestEnvironment(300, 100, 300);
    }

    /**
     * The TCK's graphs run here. Failures the TCK provokes on purpose (a publisher's onError) are expected;
     * anything else is printed, so a real problem shows in the build log.
     */
    static final Scheduler SCHEDULER = Schedulers.newEventLoop("streamz-tck", e -> {
        if (!String.valueOf(e.getMessage()).contains("signalled onError")) {
            e.printStackTrace();
        }
    });

    private Tck() {
    }

    /** 0, 1, ..., n-1 without materializing them (the TCK asks for up to Long.MAX_VALUE elements). */
    static Iterable<Long> range(long n) {
        return () -> new Iterator<>() {
            private long next;

            @Override
            public boolean hasNext() {
                return next < n;
            }

            @Override
            public Long next() {
                if (next >= n) {
                    throw new NoSuchElementException();
                }
                return next++;
            }
        };
    }
}
