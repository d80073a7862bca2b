package dev.streamz.conformance;

import dev.streamz.Source;
import dev.streamz.Stream;
import dev.streamz.StreamException;
import dev.streamz.VirtualScheduler;
import dev.streamz.conformance.SourceTestSupport.Gate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Conformance section I (docs/conformance.md): the sources that run on the graph's scheduler (iterable, periodic, text file,
 * file names, queue), on a {@link VirtualScheduler}: no sleeping, time moves by hand. The sources with
 * threads of their own (TCP, HTTP, process) are in {@link SectionIServersTest}.
 *
 * <p>CHOSEN SEMANTICS: {@code fromTextFile} on a missing file fails at {@code start()} with a
 * {@link StreamException} (streamz opens the file when it is built and fails there); a file that
 * disappears later is reported and stops the source.
 */
class SectionITest {
    private static final Duration POLL = Duration.ofMillis(10);

    private static List<Integer> range(int n) {
        return IntStream.range(0, n).boxed().toList();
    }

    @Test
    void I01_sourceLifecycle() {
        VirtualScheduler vs = new VirtualScheduler();
        AtomicInteger calls = new AtomicInteger();
        Source<Integer> s = Stream.fromPeriodic(calls::incrementAndGet, Duration.ofMillis(100));
        s.withScheduler(vs);
        List<Integer> out = s.sinkToList();
        assertTrue(s.isStopped(), "created stopped");
        assertFalse(s.hasStarted());
        vs.advanceBy(Duration.ofSeconds(1));
        assertEquals(List.of(), out, "nothing before start");

        s.start();
        s.start(); // idempotent: still one loop
        assertFalse(s.isStopped());
        vs.runUntilIdle();
        assertTrue(s.hasStarted());
        vs.advanceBy(Duration.ofMillis(250));
        assertEquals(List.of(1, 2, 3), out, "one loop: t=0, 100, 200 ms");

        s.stop();
        s.stop(); // idempotent
        assertTrue(s.isStopped());
        vs.advanceBy(Duration.ofSeconds(1));
        assertEquals(3, out.size(), "nothing after stop");

        s.start(); // restart
        vs.runUntilIdle();
        vs.advanceBy(Duration.ofMillis(100));
        assertEquals(List.of(1, 2, 3, 4, 5), out);
        s.stop();
        vs.advanceBy(Duration.ofSeconds(10));
        assertEquals(0, vs.pendingTasks(), "a stopped source schedules nothing more");
        assertEquals(5, out.size());
    }

    @Test
    void I02_fromIterable() {
        VirtualScheduler vs = new VirtualScheduler();
        Source<Integer> s = Stream.fromIterable(range(3));
        s.withScheduler(vs);
        List<Integer> out = s.sinkToList();
        s.start();
        vs.runUntilIdle();
        assertEquals(List.of(0, 1, 2), out);
        assertTrue(s.isStopped(), "stopped on exhaustion");
        assertEquals(Duration.ZERO, vs.elapsed(), "no time passes");
    }

    @Test
    void I03_fromIterableStop_atMostTheInFlightElement() {
        VirtualScheduler vs = new VirtualScheduler();
        Source<Integer> s = Stream.fromIterable(range(5));
        s.withScheduler(vs);
        Gate<Integer> gate = s.through(Gate::new);
        List<Object> out = new ArrayList<>();
        gate.sink(out::add);
        s.start();
        vs.runUntilIdle();
        assertEquals(List.of(0), gate.seen(), "held at the first element");
        s.stop();
        assertTrue(s.isStopped());
        gate.releaseOne();
        vs.advanceBy(Duration.ofSeconds(1));
        assertEquals(List.of(0), gate.seen(), "nothing pulled after stop");
        assertEquals(List.of(0), out);
    }

    @Test
    void I04_restart_reIterableStartsOver_iteratorContinues() {
        VirtualScheduler vs = new VirtualScheduler();
        Source<Integer> again = Stream.fromIterable(range(4));
        again.withScheduler(vs);
        Gate<Integer> g1 = again.through(Gate::new);
        again.start();
        vs.runUntilIdle();
        g1.releaseOne();
        vs.runUntilIdle();
        assertEquals(List.of(0, 1), g1.seen());
        again.stop();
        g1.releaseOne();
        vs.runUntilIdle();
        again.start();
        vs.runUntilIdle();
        g1.releaseOne();
        vs.runUntilIdle();
        assertEquals(List.of(0, 1, 0, 1), g1.seen(), "a re-iterable restarts from its first element");

        VirtualScheduler vs2 = new VirtualScheduler();
        Iterator<Integer> it = range(6).iterator();
        Source<Integer> once = Stream.fromIterator(it);
        once.withScheduler(vs2);
        Gate<Integer> g2 = once.through(Gate::new);
        once.start();
        vs2.runUntilIdle();
        g2.releaseOne();
        vs2.runUntilIdle();
        once.stop();
        g2.releaseOne();
        vs2.runUntilIdle();
        assertEquals(List.of(0, 1), g2.seen());
        once.start();
        for (int i = 0; i < 4; i++) {
            vs2.runUntilIdle();
            g2.releaseOne();
        }
        vs2.runUntilIdle();
        assertEquals(List.of(0, 1, 2, 3, 4, 5), g2.seen(), "an iterator continues where it stopped");
        assertTrue(once.isStopped(), "exhausted");
        once.start(); // nothing left: stops again at once
        vs2.runUntilIdle();
        assertTrue(once.isStopped());
    }

    @Test
    void F21_sourceBackPressure_pullsOnlyAfterAcceptance() {
        VirtualScheduler vs = new VirtualScheduler();
        Iterator<Integer> it = range(5).iterator();
        Source<Integer> s = Stream.fromIterator(it);
        s.withScheduler(vs);
        Gate<Integer> gate = s.through(Gate::new);
        s.start();
        vs.advanceBy(Duration.ofSeconds(1));
        assertEquals(List.of(0), gate.seen());
        assertEquals(1, it.next(), "exactly one element was pulled while the consumer was busy");
        gate.releaseOne();
        vs.runUntilIdle();
        assertEquals(List.of(0, 2), gate.seen());
    }

    @Test
    void I02_iteratorThatThrows_isReportedAndStopsTheSource() {
        VirtualScheduler vs = new VirtualScheduler(e -> { });
        Iterator<Integer> bad = new Iterator<>() {
            int i;

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Integer next() {
                if (i == 2) {
                    throw new IllegalStateException("boom");
                }
                return i++;
            }
        };
        Source<Integer> s = Stream.fromIterator(bad);
        s.withScheduler(vs);
        List<Integer> out = s.sinkToList();
        s.start();
        vs.runUntilIdle();
        assertEquals(List.of(0, 1), out);
        assertTrue(s.isStopped());
        assertEquals(1, vs.errors().size());
        assertTrue(vs.errors().get(0).getMessage().contains("boom"), vs.errors().get(0).getMessage());
    }

    @Test
    void I05_fromPeriodic_callsEmitsAwaitsThenWaits() {
        VirtualScheduler vs = new VirtualScheduler();
        AtomicInteger n = new AtomicInteger();
        Source<Integer> s = Stream.fromPeriodic(n::incrementAndGet, "100ms");
        s.withScheduler(vs);
        Gate<Integer> gate = s.through(Gate::new);
        vs.advanceBy(Duration.ofMillis(500));
        assertEquals(List.of(), gate.seen(), "stopped until start");
        s.start();
        vs.runUntilIdle();
        assertEquals(List.of(1), gate.seen(), "first call at start");
        vs.advanceBy(Duration.ofMillis(300));
        assertEquals(List.of(1), gate.seen(), "waits for acceptance before the interval starts");
        assertEquals(1, n.get());
        gate.releaseOne();
        vs.advanceBy(Duration.ofMillis(99));
        assertEquals(List.of(1), gate.seen());
        vs.advanceBy(Duration.ofMillis(1));
        assertEquals(List.of(1, 2), gate.seen(), "interval counted from acceptance");
        s.stop();
    }

    @Test
    void I05_fromPeriodic_callbackThatThrowsIsReportedAndRetried() {
        VirtualScheduler vs = new VirtualScheduler(e -> { });
        AtomicInteger n = new AtomicInteger();
        Source<Integer> s = Stream.fromPeriodic(() -> {
            int i = n.incrementAndGet();
            if (i == 2) {
                throw new IllegalStateException("tick 2 failed");
            }
            return i;
        }, Duration.ofMillis(10));
        s.withScheduler(vs);
        List<Integer> out = s.sinkToList();
        s.start();
        vs.runUntilIdle();
        vs.advanceBy(Duration.ofMillis(25));
        assertEquals(List.of(1, 3), out);
        assertEquals(1, vs.errors().size());
        assertTrue(vs.errors().get(0).getMessage().contains("from_periodic"));
        s.stop();
    }

    private static void append(Path f, String text) throws IOException {
        Files.writeString(f, text, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    @Test
    void I06_fromTextFile(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("data.jsonl");
        Files.writeString(f, "{\"x\": 1}\n{\"x\": 2}\n{\"x\": 3}\n");
        VirtualScheduler vs = new VirtualScheduler();
        Source<String> s = Stream.fromTextFile(f, POLL, "\n", false);
        s.withScheduler(vs);
        List<String> out = s.sinkToList();
        vs.advanceBy(POLL);
        assertEquals(List.of(), out, "nothing before start");
        s.start();
        vs.runUntilIdle();
        assertEquals(List.of("{\"x\": 1}\n", "{\"x\": 2}\n", "{\"x\": 3}\n"), out);
        append(f, "{\"x\": 4}\n{\"x\": 5}\n");
        vs.advanceBy(POLL);
        assertEquals(5, out.size());
        assertEquals("{\"x\": 5}\n", out.get(4));
        s.stop();
    }

    @Test
    void I07_fromTextFile_delimiterKept_partialLineBuffered(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("t.txt");
        Files.writeString(f, "a\nb\npartial");
        VirtualScheduler vs = new VirtualScheduler();
        Source<String> s = Stream.fromTextFile(f, "10ms", "\n", false);
        s.withScheduler(vs);
        List<String> out = s.sinkToList();
        s.start();
        vs.runUntilIdle();
        assertEquals(List.of("a\n", "b\n"), out);
        vs.advanceBy(Duration.ofMillis(50));
        assertEquals(List.of("a\n", "b\n"), out, "the partial line waits");
        append(f, "-done\nnext\n");
        vs.advanceBy(POLL);
        assertEquals(List.of("a\n", "b\n", "partial-done\n", "next\n"), out);
        s.stop();
    }

    @Test
    void I07_fromTextFile_delimiterAndCharacterSplitAcrossReads(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("t.txt");
        byte[] e9 = "é".getBytes(StandardCharsets.UTF_8); // two bytes
        Files.write(f, new byte[] {'x', e9[0]});
        VirtualScheduler vs = new VirtualScheduler();
        Source<String> s = Stream.fromTextFile(f, POLL, "||", false);
        s.withScheduler(vs);
        List<String> out = s.sinkToList();
        s.start();
        vs.runUntilIdle();
        Files.write(f, new byte[] {e9[1], '|'}, StandardOpenOption.APPEND);
        vs.advanceBy(POLL);
        assertEquals(List.of(), out, "half a delimiter is not a delimiter");
        append(f, "|y|z||");
        vs.advanceBy(POLL);
        assertEquals(List.of("xé||", "y|z||"), out);
        s.stop();
    }

    @Test
    void I08_fromTextFile_fromEnd(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("t.txt");
        Files.writeString(f, "data1\n");
        VirtualScheduler vs = new VirtualScheduler();
        Source<String> s = Stream.fromTextFile(f, POLL, "\n", true);
        s.withScheduler(vs);
        List<String> out = s.sinkToList();
        s.start();
        vs.runUntilIdle();
        assertTrue(s.hasStarted());
        append(f, "data2\n");
        vs.advanceBy(POLL);
        assertEquals(List.of("data2\n"), out);
        s.stop();
        append(f, "data3\n");
        s.start(); // a restart continues from where it stopped
        vs.runUntilIdle();
        assertEquals(List.of("data2\n", "data3\n"), out);
        s.stop();
    }

    @Test
    void I06_fromTextFile_missingFileFailsAtStart_vanishingFileIsReported(@TempDir Path dir) throws IOException {
        Path missing = dir.resolve("missing.txt");
        VirtualScheduler vs = new VirtualScheduler(e -> { });
        Source<String> s = Stream.fromTextFile(missing);
        s.withScheduler(vs);
        StreamException e = assertThrows(StreamException.class, s::start);
        assertTrue(e.getMessage().contains("missing.txt"), e.getMessage());
        assertTrue(s.isStopped());

        Files.writeString(missing, "one\n");
        s.start(); // works once it exists
        List<String> out = s.sinkToList();
        vs.runUntilIdle();
        assertEquals(List.of("one\n"), out);
        Files.delete(missing);
        vs.advanceBy(Duration.ofMillis(100));
        assertTrue(s.isStopped(), "a vanished file stops the source");
        assertEquals(1, vs.errors().size());
        assertTrue(vs.errors().get(0).getMessage().contains("missing.txt"));
    }

    @Test
    void I09_filenames(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("b"), "");
        Files.writeString(dir.resolve("a"), "");
        Files.writeString(dir.resolve(".hidden"), "");
        VirtualScheduler vs = new VirtualScheduler();
        Source<String> s = Stream.filenames(dir.toString(), POLL);
        s.withScheduler(vs);
        List<String> out = s.sinkToList();
        s.start();
        vs.runUntilIdle();
        assertEquals(List.of(dir.resolve("a").toString(), dir.resolve("b").toString()), out,
                "a directory means dir/*, sorted within one poll, dot names skipped");
        Files.writeString(dir.resolve("c"), "");
        vs.advanceBy(POLL.multipliedBy(3));
        assertEquals(List.of(dir.resolve("a").toString(), dir.resolve("b").toString(), dir.resolve("c").toString()),
                out, "each name once");
        s.stop();
        s.start();
        vs.advanceBy(POLL);
        assertEquals(3, out.size(), "names seen are not emitted again after a restart");
        s.stop();
    }

    @Test
    void I09_filenames_globAsIs(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("sub"));
        Files.writeString(dir.resolve("x.txt"), "");
        Files.writeString(dir.resolve("y.log"), "");
        Files.writeString(dir.resolve("sub/z.txt"), "");
        VirtualScheduler vs = new VirtualScheduler();
        Source<String> s = Stream.filenames(dir.resolve("*.txt").toString(), "10ms");
        s.withScheduler(vs);
        List<String> out = s.sinkToList();
        Source<String> nested = Stream.filenames(dir + "/*/*.txt", "10ms");
        nested.withScheduler(vs);
        List<String> nestedOut = nested.sinkToList();
        s.start();
        nested.start();
        vs.runUntilIdle();
        assertEquals(List.of(dir.resolve("x.txt").toString()), out);
        assertEquals(List.of(dir.resolve("sub/z.txt").toString()), nestedOut);
        s.stop();
        nested.stop();
    }

    @Test
    void I09_filenames_badGlobFailsAtBuild(@TempDir Path dir) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Stream.filenames(dir + "/[abc", POLL));
        assertTrue(e.getMessage().startsWith("filenames: malformed glob"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Stream.filenames(dir + "/{a,b", POLL));
    }

    @Test
    void I17_fromQueue_fifoWithoutBlockingTheScheduler() {
        VirtualScheduler vs = new VirtualScheduler();
        LinkedBlockingQueue<String> q = new LinkedBlockingQueue<>();
        Source<String> s = Stream.fromQueue(q, POLL);
        s.withScheduler(vs);
        List<String> out = s.sinkToList();
        q.add("a");
        q.add("b");
        s.start();
        vs.runUntilIdle();
        assertEquals(List.of("a", "b"), out);
        vs.advanceBy(Duration.ofSeconds(1)); // empty: polls every 10 ms, never blocks
        q.add("c");
        q.add("d");
        vs.advanceBy(POLL);
        assertEquals(List.of("a", "b", "c", "d"), out);
        s.stop();
        q.add("e");
        vs.advanceBy(Duration.ofSeconds(1));
        assertEquals(4, out.size());
        assertEquals(List.of("e"), List.copyOf(q), "a stopped source leaves the queue alone");
    }

    @Test
    void I17_fromQueue_fedFromAnotherThread_onTheRealLoop() throws Exception {
        SourceTestSupport.Loop loop = new SourceTestSupport.Loop();
        LinkedBlockingQueue<Integer> q = new LinkedBlockingQueue<>();
        Source<Integer> s = Stream.fromQueue(q, "1ms");
        s.withScheduler(loop.scheduler);
        SourceTestSupport.Collected<Integer> out = SourceTestSupport.Collected.from(s);
        s.start();
        Thread producer = new Thread(() -> range(200).forEach(q::add));
        producer.start();
        assertEquals(range(200), out.awaitSize(200));
        s.stop();
    }
}
