package dev.streamz.javaapi;

import dev.streamz.Stream;
import dev.streamz.StreamException;
import dev.streamz.internal.time.RateLimitedErrorLog;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The default error handler logs a repeated identical failure of one node once per window, counting all. */
class ErrorLogRateLimitTest {
    /** Held strongly: java.util.logging keeps loggers only weakly. */
    private static final Logger STREAMZ_LOGGER = Logger.getLogger("dev.streamz");

    @Test
    void identicalFailuresOfOneNodeAreLoggedOnceButCountedEach() {
        List<LogRecord> records = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getThrown() instanceof StreamException e && e.nodeName().startsWith("parser-")) {
                    records.add(record);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        boolean parents = STREAMZ_LOGGER.getUseParentHandlers();
        STREAMZ_LOGGER.addHandler(capture);
        STREAMZ_LOGGER.setUseParentHandlers(false);
        try {
            RateLimitedErrorLog log = new RateLimitedErrorLog();
            Stream<String> one = Stream.<String>create().map(x -> x).named("parser-1");
            Stream<String> two = Stream.<String>create().map(x -> x).named("parser-2");
            for (int i = 0; i < 100; i++) {
                log.accept(new StreamException(one, "bad line", new NumberFormatException("x")));
            }
            log.accept(new StreamException(two, "bad line", new NumberFormatException("x")));
            assertEquals(2, records.size(), "one line per node");
            assertEquals(100, one.errorCount(), "every failure is counted");
            assertEquals(1, two.errorCount());
        } finally {
            STREAMZ_LOGGER.removeHandler(capture);
            STREAMZ_LOGGER.setUseParentHandlers(parents);
        }
    }
}
