package dev.streamz.benchmarks;

import dev.streamz.Scheduler;
import dev.streamz.Schedulers;
import dev.streamz.Stream;
import dev.streamz.chronicle.Chronicle;
import dev.streamz.chronicle.ExcerptCodec;
import dev.streamz.chronicle.ExcerptIn;
import dev.streamz.chronicle.ExcerptOut;
import dev.streamz.chronicle.JournalOptions;
import dev.streamz.chronicle.JournalSink;
import dev.streamz.chronicle.ReplaySource;
import dev.streamz.disruptor.CompiledPipeline;
import dev.streamz.disruptor.DisruptorRuntime;
import dev.streamz.disruptor.PipelineOptions;
import dev.streamz.disruptor.ProducerKind;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Chronicle Queue journals, same run: replaying {@code excerpts} 64-byte excerpts from a page-cache-resident
 * journal through {@code fromChronicle → map → sink}, directly and through a compiled pipeline, against a bare
 * {@code ExcerptTailer} loop doing the same work (decode eight longs into a reused object, combine them, add to
 * a sum); and appending with the journal sink against a bare {@code ExcerptAppender}. The compiled variants
 * hand the pipeline one element at a time ({@code emit}) or runs of elements ({@code ReplaySource.runs} into
 * {@code PipelineInput.emitAll}), into {@code async → map → sink} (two segment threads) or, in the
 * {@code OneSegment} variants, {@code map → sink} (one). Two controls split the gap between the replay and the
 * bare loop: {@code tailerOnly} (Chronicle alone) and {@code bareTailerIntoPipeline} (the bare loop feeding
 * the same {@code map → sink}).
 *
 * <p>Each benchmark invocation replays (or appends) the whole journal once, so the score (seconds per
 * operation) divided into {@code excerpts} is messages per second; docs/benchmarks.md converts it to GB/s of
 * payload.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(1)
public class ChronicleReplayBench {
    /** Payload bytes per excerpt: eight longs. */
    static final int PAYLOAD = 64;

    @Param({"10000000"})
    long excerpts;

    /**
     * Whether the journal carries the CRC32C checksum that the replay verifies (and the sink computes). Both
     * journals are written by the journal sink, so they differ only in the checksum.
     */
    @Param({"false"})
    boolean checksum;

    /** Writes the journal without checksums with a bare appender (quicker to set up) instead of the sink. */
    @Param({"false"})
    boolean bareSetup;

    private Path dir;
    private Path appendDir;
    /** The sum every replaying variant must compute: a check that each excerpt arrived, whole and once. */
    private long expectedSum;
    private Scheduler loop;
    private long sum;

    /** The reused object the zero-copy codec decodes into. */
    static final class Msg {
        long a;
        long b;
        long c;
        long d;
        long e;
        long f;
        long g;
        long h;
        long combined;

        void read(Bytes<?> in) {
            a = in.readLong();
            b = in.readLong();
            c = in.readLong();
            d = in.readLong();
            e = in.readLong();
            f = in.readLong();
            g = in.readLong();
            h = in.readLong();
        }

        void read(ExcerptIn in) {
            a = in.readLong();
            b = in.readLong();
            c = in.readLong();
            d = in.readLong();
            e = in.readLong();
            f = in.readLong();
            g = in.readLong();
            h = in.readLong();
        }

        void write(ExcerptOut out) {
            out.writeLong(a);
            out.writeLong(b);
            out.writeLong(c);
            out.writeLong(d);
            out.writeLong(e);
            out.writeLong(f);
            out.writeLong(g);
            out.writeLong(h);
        }

        /** Excerpt {@code i} of the journal: eight consecutive longs from {@code i}. */
        Msg fill(long i) {
            a = i;
            b = i + 1;
            c = i + 2;
            d = i + 3;
            e = i + 4;
            f = i + 5;
            g = i + 6;
            h = i + 7;
            return this;
        }

        /** The "map": the same arithmetic in every variant. */
        Msg combine() {
            combined = a + 3 * b - c + (d ^ e) + f * g + h;
            return this;
        }

        Msg copyFrom(Msg m) {
            a = m.a;
            b = m.b;
            c = m.c;
            d = m.d;
            e = m.e;
            f = m.f;
            g = m.g;
            h = m.h;
            return this;
        }
    }

    static ExcerptCodec<Msg> codec() {
        return ExcerptCodec.reusing(Msg::new, Msg::write, (in, m) -> m.read(in));
    }

    @Setup(Level.Trial)
    public void setUp(BenchmarkParams params) throws IOException {
        loop = Schedulers.newEventLoop("bench-replay", e -> {
            throw new IllegalStateException("replay error in the benchmark: " + e.getMessage(), e);
        });
        dir = Files.createTempDirectory("streamz-bench-journal");
        Msg expected = new Msg();
        for (long i = 0; i < excerpts; i++) {
            expectedSum += expected.fill(i).combine().combined;
        }
        if (params.getBenchmark().endsWith("Append")) {
            return; // the append benchmarks write their own journals
        }
        if (checksum || !bareSetup) {
            Stream<Msg> in = Stream.create();
            Msg m = new Msg();
            try (JournalSink<Msg> j = Chronicle.sinkToChronicle(in, dir, codec(), JournalOptions.defaults().checksum(checksum))) {
                for (long i = 0; i < excerpts; i++) {
                    m.fill(i);
                    in.emit(m);
                }
                check(j.appended());
            }
            warmPageCache();
            return;
        }
        // Written with a bare appender (the fastest way); the layout is the journal sink's: time, then payload.
        try (SingleChronicleQueue q = SingleChronicleQueueBuilder.binary(dir).build();
             ExcerptAppender app = q.createAppender()) {
            for (long i = 0; i < excerpts; i++) {
                try (DocumentContext dc = app.writingDocument()) {
                    Bytes<?> b = dc.wire().bytes();
                    b.writeLong(System.nanoTime());
                    for (int k = 0; k < 8; k++) {
                        b.writeLong(i + k);
                    }
                }
            }
        }
        warmPageCache();
    }

    /**
     * Reads the journal's files once, so that they are resident in the page cache, with plain file reads:
     * reading them with a tailer here would compile Chronicle's read path on its own before any benchmark
     * runs, and the JIT then declines to inline it into the loop compiled later (a method "already compiled
     * into a big method"), which handicaps whichever variant runs in the fork.
     */
    private void warmPageCache() throws IOException {
        byte[] buf = new byte[1 << 20];
        try (java.util.stream.Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                try (java.io.InputStream in = Files.newInputStream(f)) {
                    while (in.read(buf) >= 0) {
                        // only the reading matters
                    }
                }
            }
        }
    }

    @Setup(Level.Invocation)
    public void freshAppendDir() throws IOException {
        appendDir = Files.createTempDirectory("streamz-bench-append");
    }

    @TearDown(Level.Invocation)
    public void dropAppendDir() {
        delete(appendDir);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        delete(dir);
    }

    private static void delete(Path d) {
        if (d == null || !Files.exists(d)) {
            return;
        }
        try (java.util.stream.Stream<Path> s = Files.walk(d)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The peer: a bare tailer loop doing the work of map and sink. */
    @Benchmark
    public long bareTailer() {
        Msg m = new Msg();
        long s = 0;
        long n = 0;
        try (SingleChronicleQueue q = SingleChronicleQueueBuilder.binary(dir).build();
             ExcerptTailer t = q.createTailer()) {
            while (true) {
                try (DocumentContext dc = t.readingDocument()) {
                    if (!dc.isPresent()) {
                        break;
                    }
                    Bytes<?> b = dc.wire().bytes();
                    if (b.readLong() >>> 62 == 2) { // the append time, marked: a checksum follows (not checked here)
                        b.readSkip(4);
                    }
                    m.read(b);
                }
                s += m.combine().combined;
                n++;
            }
        }
        check(n);
        checkSum(s);
        return s;
    }

    /**
     * A control: the tailer alone, reading each excerpt's time word and nothing else. What Chronicle itself
     * costs per excerpt, the floor under every other variant.
     */
    @Benchmark
    public long tailerOnly() {
        long s = 0;
        long n = 0;
        try (SingleChronicleQueue q = SingleChronicleQueueBuilder.binary(dir).build();
             ExcerptTailer t = q.createTailer()) {
            while (true) {
                try (DocumentContext dc = t.readingDocument()) {
                    if (!dc.isPresent()) {
                        break;
                    }
                    s += dc.wire().bytes().readLong();
                }
                n++;
            }
        }
        check(n);
        return s;
    }

    /**
     * A control: the peer's loop handing each decoded message to the same {@code map → sink} with
     * {@code Stream.emit}, on the calling thread. Against {@link #bareTailer()} it is what the pipeline's two
     * nodes cost; against {@link #replayMapSink()}, what the replay source adds (its own loop, the codec's
     * flyweight, the per-excerpt index, time and limit, error handling, back pressure, batches on an event
     * loop).
     */
    @Benchmark
    public long bareTailerIntoPipeline() {
        Msg m = new Msg();
        long n = 0;
        sum = 0;
        Stream<Msg> in = Stream.create();
        in.map(Msg::combine).sink(x -> sum += x.combined);
        try (SingleChronicleQueue q = SingleChronicleQueueBuilder.binary(dir).build();
             ExcerptTailer t = q.createTailer()) {
            while (true) {
                try (DocumentContext dc = t.readingDocument()) {
                    if (!dc.isPresent()) {
                        break;
                    }
                    Bytes<?> b = dc.wire().bytes();
                    if (b.readLong() >>> 62 == 2) {
                        b.readSkip(4);
                    }
                    m.read(b);
                }
                in.emit(m);
                n++;
            }
        }
        check(n);
        checkSum(sum);
        return sum;
    }

    /**
     * The peer's loop run where the replay runs: opened on the calling thread, read on the event loop's
     * thread (a control for the thread that reads).
     */
    @Benchmark
    public long bareTailerOnLoop() throws Exception {
        try (SingleChronicleQueue q = SingleChronicleQueueBuilder.binary(dir).build();
             ExcerptTailer t = q.createTailer()) {
            t.singleThreadedCheckDisabled(true);
            java.util.concurrent.CompletableFuture<Long> done = new java.util.concurrent.CompletableFuture<>();
            loop.execute(() -> {
                Msg m = new Msg();
                long s = 0;
                long n = 0;
                while (true) {
                    try (DocumentContext dc = t.readingDocument()) {
                        if (!dc.isPresent()) {
                            break;
                        }
                        Bytes<?> b = dc.wire().bytes();
                        if (b.readLong() >>> 62 == 2) {
                            b.readSkip(4);
                        }
                        m.read(b);
                    }
                    s += m.combine().combined;
                    n++;
                }
                check(n);
                checkSum(s);
                done.complete(s);
            });
            return done.get(10, TimeUnit.MINUTES);
        }
    }

    /** {@code fromChronicle → map → sink}, on an event loop, as fast as accepted. */
    @Benchmark
    public long replayMapSink() throws Exception {
        ReplaySource<Msg> r = Chronicle.fromChronicle(dir, codec());
        r.withScheduler(loop);
        sum = 0;
        long[] n = {0};
        r.map(Msg::combine).sink(m -> {
            sum += m.combined;
            n[0]++;
        });
        r.start();
        r.completion().get(10, TimeUnit.MINUTES);
        r.destroy();
        check(n[0]);
        checkSum(sum);
        return sum;
    }

    /**
     * The same through a compiled pipeline: the replay hands each element to the pipeline's ring (copied into
     * a pool of pre-allocated messages larger than the ring, since the decoded object is reused), and the
     * map and sink run on the segment thread.
     */
    @Benchmark
    public long replayCompiled() throws Exception {
        return replayInto(ProducerKind.MULTI);
    }

    /**
     * The same with {@link ProducerKind#SINGLE}: the replay's thread is the pipeline's only producer, so the
     * entry ring claims its slots without a compare-and-swap.
     */
    @Benchmark
    public long replayCompiledSingleProducer() throws Exception {
        return replayInto(ProducerKind.SINGLE);
    }

    /**
     * The same, the replay handing the pipeline runs of up to {@link #RUN} elements
     * ({@code ReplaySource.runs} into {@code PipelineInput.emitAll}): one claim and one publish per run.
     */
    @Benchmark
    public long replayCompiledRuns() throws Exception {
        return replayInto(ProducerKind.MULTI, true);
    }

    /** {@link #replayCompiledRuns()} with {@link ProducerKind#SINGLE}. */
    @Benchmark
    public long replayCompiledRunsSingleProducer() throws Exception {
        return replayInto(ProducerKind.SINGLE, true);
    }

    /**
     * One segment instead of two: {@code map → sink} compiled without the {@code async} boundary, so they run
     * on the thread that reads the entry ring (one hop from the replay), elements one at a time
     * ({@code SINGLE} producer).
     */
    @Benchmark
    public long replayCompiledOneSegment() throws Exception {
        return replayInto(ProducerKind.SINGLE, false, false);
    }

    /** {@link #replayCompiledOneSegment()} in runs ({@code runs → emitAll}). */
    @Benchmark
    public long replayCompiledRunsOneSegment() throws Exception {
        return replayInto(ProducerKind.SINGLE, true, false);
    }

    /** Elements per run in the {@code Runs} variants: a quarter of the ring, what {@code emitAll} claims at once. */
    static final int RUN = 256;

    private long replayInto(ProducerKind producer) throws Exception {
        return replayInto(producer, false);
    }

    private long replayInto(ProducerKind producer, boolean runs) throws Exception {
        return replayInto(producer, runs, true);
    }

    private long replayInto(ProducerKind producer, boolean runs, boolean async) throws Exception {
        Stream<Msg> in = Stream.create();
        AtomicLong done = new AtomicLong();
        long[] s = {0};
        (async ? in.async("bench-map") : in).map(Msg::combine).sink(m -> {
            s[0] += m.combined;
            done.lazySet(done.get() + 1);
        });
        int ring = 1024;
        Msg[] pool = new Msg[ring * 4];
        for (int i = 0; i < pool.length; i++) {
            pool[i] = new Msg();
        }
        int mask = pool.length - 1;
        try (CompiledPipeline<Msg> p = DisruptorRuntime.compile(in,
                PipelineOptions.builder().ringSize(ring).producerKind(producer).build())) {
            ReplaySource<Msg> r = Chronicle.fromChronicle(dir, codec());
            r.withScheduler(loop);
            long[] i = {0};
            if (runs) {
                r.runs(RUN, m -> pool[(int) (i[0]++ & mask)].copyFrom(m)).sink(p::emitAll);
            } else {
                r.sink(m -> p.emit(pool[(int) (i[0]++ & mask)].copyFrom(m)));
            }
            r.start();
            r.completion().get(10, TimeUnit.MINUTES);
            while (done.get() < excerpts) {
                Thread.onSpinWait();
            }
            r.destroy();
        }
        check(done.get());
        checkSum(s[0]);
        return s[0];
    }

    /** Appending {@code excerpts / 10} excerpts with the journal sink. */
    @Benchmark
    public long sinkAppend() {
        Stream<Msg> s = Stream.create();
        Msg m = new Msg();
        long n = excerpts / 10;
        try (JournalSink<Msg> j = Chronicle.sinkToChronicle(s, appendDir, codec(),
                JournalOptions.defaults().checksum(checksum))) {
            for (long i = 0; i < n; i++) {
                m.a = i;
                m.h = i;
                s.emit(m);
            }
            return j.lastIndex();
        }
    }

    /** The peer: a bare appender writing the same bytes (time, eight longs). */
    @Benchmark
    public long bareAppend() {
        long n = excerpts / 10;
        try (SingleChronicleQueue q = SingleChronicleQueueBuilder.binary(appendDir).build();
             ExcerptAppender app = q.createAppender()) {
            for (long i = 0; i < n; i++) {
                try (DocumentContext dc = app.writingDocument()) {
                    Bytes<?> b = dc.wire().bytes();
                    b.writeLong(net.openhft.chronicle.core.time.SystemTimeProvider.CLOCK.currentTimeNanos());
                    b.writeLong(i);
                    for (int k = 0; k < 6; k++) {
                        b.writeLong(0);
                    }
                    b.writeLong(i);
                }
            }
            return app.lastIndexAppended();
        }
    }

    private void checkSum(long s) {
        if (s != expectedSum) {
            throw new IllegalStateException("sum " + s + ", expected " + expectedSum + ": an excerpt was lost, "
                    + "repeated or damaged");
        }
    }

    private void check(long n) {
        if (n != excerpts) {
            throw new IllegalStateException("replayed " + n + " of " + excerpts + " excerpts");
        }
    }
}
