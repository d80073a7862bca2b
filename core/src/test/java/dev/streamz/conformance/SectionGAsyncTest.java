package dev.streamz.conformance;

import dev.streamz.RefCounter;
import dev.streamz.Scheduler;
import dev.streamz.Schedulers;
import dev.streamz.Stream;
import dev.streamz.StreamException;
import dev.streamz.VirtualScheduler;
import dev.streamz.conformance.Async.Log;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static dev.streamz.conformance.Async.ms;
import static dev.streamz.conformance.Async.source;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Conformance section G (docs/conformance.md), the cases that need a scheduler: G06 (an asynchronous emit surfaces errors) and
 * G07 (errors behind scheduler-driven nodes).
 *
 * <p>Our answer to the G07 QUIRK (a deliberate difference, docs/conformance.md): a node driven by the scheduler catches the
 * failure per element, reports it to the scheduler's error handler (a {@link VirtualScheduler} records
 * it; the default handler logs on {@code dev.streamz}), releases the element's refs and keeps running.
 * The emitter does not see it. streamz's loop dies instead.
 */
class SectionGAsyncTest {
    /** Held strongly: java.util.logging keeps loggers only weakly. */
    private static final Logger STREAMZ_LOGGER = Logger.getLogger("dev.streamz");

    @Test
    void G06_asyncEmitSurfacesErrors() throws Exception {
        // On a virtual scheduler.
        VirtualScheduler vs = new VirtualScheduler();
        Stream<Integer> s = source(vs);
        List<Integer> out = s.map(x -> 10 / x).named("inverse").sinkToList();
        CompletableFuture<Void> f = s.emitAsync(0);
        assertTrue(f.isCompletedExceptionally());
        ExecutionException ee = assertThrows(ExecutionException.class, f::get);
        StreamException se = assertInstanceOf(StreamException.class, ee.getCause());
        assertEquals("inverse", se.nodeName());
        assertInstanceOf(ArithmeticException.class, se.getCause());
        StreamException blocking = assertThrows(StreamException.class, () -> s.emit(0));
        assertEquals("inverse", blocking.nodeName());
        s.emit(5);
        assertEquals(List.of(2), out, "the stream keeps working");
        assertEquals(List.of(), vs.errors(), "thrown to the emitter, not reported");

        // Without a scheduler.
        Stream<Integer> plain = Stream.create();
        plain.map(x -> 10 / x);
        CompletableFuture<Void> g = plain.emitAsync(0);
        assertInstanceOf(StreamException.class, assertThrows(ExecutionException.class, g::get).getCause());

        // On a real event loop, from another thread.
        Scheduler loop = Schedulers.newEventLoop("g06-loop", e -> { });
        Stream<Integer> r = Stream.<Integer>create().withScheduler(loop);
        r.map(x -> 10 / x).named("inverse-on-loop");
        CompletableFuture<Void> h = r.emitAsync(0);
        ExecutionException he = assertThrows(ExecutionException.class, () -> h.get(30, TimeUnit.SECONDS));
        assertEquals("inverse-on-loop", assertInstanceOf(StreamException.class, he.getCause()).nodeName());
        StreamException rb = assertThrows(StreamException.class, () -> r.emit(0));
        assertInstanceOf(ArithmeticException.class, rb.getCause());
        r.emitAsync(1).get(30, TimeUnit.SECONDS);
    }

    /** A failing asynchronous sink stage is reported; the emitter is released normally. */
    @Test
    void G06_asyncSinkStageFailureIsReportedNotThrown() {
        VirtualScheduler vs = new VirtualScheduler(e -> { });
        Log log = new Log();
        Stream<Integer> s = source(vs);
        s.sinkAsync(x -> Async.failAfter(vs, ms(10), new IllegalStateException("write failed " + x)))
                .named("writer");
        RefCounter r = log.ref(1);
        CompletableFuture<Void> f = s.emitAsync(1, Md.ref(r));
        assertFalse(f.isDone());
        vs.advanceBy(ms(10));
        assertTrue(f.isDone());
        assertFalse(f.isCompletedExceptionally());
        assertEquals(1, vs.errors().size());
        assertEquals("writer", vs.errors().get(0).nodeName());
        assertEquals("write failed 1", vs.errors().get(0).getCause().getMessage());
        assertTrue(r.fired(), "its refs were released");

        // A function that throws (instead of failing its stage) is a synchronous failure: the emitter sees it.
        Stream<Integer> t = source(vs);
        t.sinkAsync(x -> {
            throw new IllegalArgumentException("no");
        });
        assertThrows(StreamException.class, () -> t.emit(1));
    }

    /** Builds {@code upstream -> op -> map(4 / x)} and returns the list the map's results go to. */
    private static List<Integer> behind(Stream<Integer> s, Function<Stream<Integer>, Stream<Integer>> op) {
        return op.apply(s).map(x -> 4 / x).named("quarter").sinkToList();
    }

    private static void assertG07(VirtualScheduler vs, Log log, RefCounter zeroRef) {
        List<StreamException> errors = vs.errors();
        assertEquals(1, errors.size(), errors.toString());
        assertEquals("quarter", errors.get(0).nodeName());
        assertInstanceOf(ArithmeticException.class, errors.get(0).getCause());
        assertEquals(0, zeroRef.count(), "the failed element's refs are released");
        assertTrue(zeroRef.fired());
        assertEquals(1, log.occurrences("cb:0"));
    }

    @Test
    void G07_delayReportsAndSurvives() {
        VirtualScheduler vs = new VirtualScheduler(e -> { });
        Log log = new Log();
        Stream<Integer> s = source(vs);
        List<Integer> out = behind(s, a -> a.delay(ms(1)));
        RefCounter zero = log.ref(0);
        s.emit(1);
        s.emit(0, Md.ref(zero)); // the emitter does not see the failure
        s.emit(2);
        s.emit(4);
        vs.advanceBy(ms(1));
        assertEquals(List.of(4, 2, 1), out, "streamz: [1.0], its loop is dead");
        assertG07(vs, log, zero);
        s.emit(1);
        vs.advanceBy(ms(1));
        assertEquals(List.of(4, 2, 1, 4), out);
    }

    @Test
    void G07_bufferReportsAndSurvives() {
        VirtualScheduler vs = new VirtualScheduler(e -> { });
        Log log = new Log();
        Stream<Integer> s = source(vs);
        List<Integer> out = behind(s, a -> a.buffer(5));
        RefCounter zero = log.ref(0);
        s.emit(1);
        s.emit(0, Md.ref(zero));
        s.emit(2);
        s.emit(4);
        vs.runUntilIdle();
        assertEquals(List.of(4, 2, 1), out, "streamz: [1.0], its loop is dead");
        assertG07(vs, log, zero);
    }

    @Test
    void G07_timedWindowReportsAndSurvives() {
        VirtualScheduler vs = new VirtualScheduler(e -> { });
        Log log = new Log();
        Stream<Integer> s = source(vs);
        List<Integer> sums = s.timedWindow(ms(10))
                .map(w -> w.stream().mapToInt(x -> 4 / x).sum()).named("quarter").sinkToList();
        vs.runUntilIdle(); // the first, empty window
        s.emit(1);
        vs.advanceBy(ms(10));
        RefCounter zero = log.ref(0);
        s.emit(0, Md.ref(zero));
        s.emit(4);
        vs.advanceBy(ms(10));
        s.emit(2);
        vs.advanceBy(ms(10));
        vs.advanceBy(ms(10));
        assertEquals(List.of(0, 4, 2, 0), sums, "windows continue after the failing one");
        assertG07(vs, log, zero);
    }

    @Test
    void G07_rateLimitAndLatestReportAndSurvive() {
        // rate_limit: an element that waited for its turn fails on the scheduler and is reported. (One that
        // passes at once runs inside its emitter's call, so its failure reaches that emitter.)
        VirtualScheduler vs = new VirtualScheduler(e -> { });
        Log log = new Log();
        Stream<Integer> s = source(vs);
        List<Integer> out = behind(s, a -> a.rateLimit(ms(10)));
        RefCounter zero = log.ref(0);
        s.emit(1);
        CompletableFuture<Void> queued = s.emitAsync(0, Md.ref(zero));
        s.emitAsync(2);
        vs.advanceBy(ms(100));
        assertTrue(queued.isDone());
        assertFalse(queued.isCompletedExceptionally(), "the emitter does not see it");
        assertEquals(List.of(4, 2), out);
        assertG07(vs, log, zero);
        StreamException inline = assertThrows(StreamException.class, () -> s.emit(0));
        assertEquals("quarter", inline.nodeName());

        VirtualScheduler vs2 = new VirtualScheduler(e -> { });
        Log log2 = new Log();
        Stream<Integer> t = source(vs2);
        List<Integer> out2 = behind(t, Stream::latest);
        RefCounter zero2 = log2.ref(0);
        t.emit(1);
        vs2.runUntilIdle();
        t.emit(0, Md.ref(zero2));
        vs2.runUntilIdle();
        t.emit(2);
        vs2.runUntilIdle();
        assertEquals(List.of(4, 2), out2);
        assertG07(vs2, log2, zero2);
    }

    /** The default error handler logs at ERROR (java.util.logging SEVERE) on the {@code dev.streamz} logger. */
    @Test
    void G07_defaultHandlerLogs() throws Exception {
        List<LogRecord> records = new java.util.concurrent.CopyOnWriteArrayList<>();
        CountDownLatch logged = new CountDownLatch(2);
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                // Only this test's failures (a node named "quarter"), should anything else log meanwhile.
                if (record.getThrown() instanceof StreamException e && e.nodeName().equals("quarter")) {
                    records.add(record);
                    logged.countDown();
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
        STREAMZ_LOGGER.setUseParentHandlers(false); // keep the expected errors off the console
        try {
            VirtualScheduler vs = new VirtualScheduler(); // records and logs
            Stream<Integer> s = source(vs);
            behind(s, a -> a.delay(ms(1)));
            s.emit(0);
            vs.advanceBy(ms(1));
            assertEquals(1, vs.errors().size());

            Scheduler loop = Schedulers.newEventLoop("g07-logging", Schedulers.loggingErrorHandler());
            Stream<Integer> r = Stream.<Integer>create().withScheduler(loop);
            behind(r, a -> a.delay(ms(1)));
            r.emit(0);
            assertTrue(logged.await(30, TimeUnit.SECONDS), "logged: " + records);

            for (LogRecord rec : records) {
                assertEquals(Level.SEVERE, rec.getLevel());
                assertEquals("dev.streamz", rec.getLoggerName());
                StreamException e = assertInstanceOf(StreamException.class, rec.getThrown());
                assertEquals("quarter", e.nodeName());
                assertTrue(rec.getMessage().contains("quarter") && rec.getMessage().contains("ArithmeticException"),
                        rec.getMessage());
            }
            assertSame(vs.errors().get(0), records.get(0).getThrown());
        } finally {
            STREAMZ_LOGGER.removeHandler(capture);
            STREAMZ_LOGGER.setUseParentHandlers(parents);
        }
    }
}
