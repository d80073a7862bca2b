package dev.streamz.benchmarks;

import dev.streamz.Stream;
import dev.streamz.disruptor.CompiledPipeline;
import dev.streamz.disruptor.DisruptorRuntime;
import dev.streamz.disruptor.PipelineOptions;
import dev.streamz.frames.Frame;
import dev.streamz.frames.FrameBuilder;
import dev.streamz.frames.FramePool;
import dev.streamz.frames.FrameProducer;
import dev.streamz.frames.Schema;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Rows per second of a three-stage trade pipeline (flag rows with price above a threshold, compute their
 * notional price * qty, sum it), same run:
 * <ul>
 *   <li><b>frames-compiled</b>: pooled off-heap frames of 4,096 rows through a compiled pipeline
 *       ({@code source.map(flag).async().map(notional).async().sink(sum, release)}): producer + 3 segment
 *       threads, one ring hop per frame per stage;</li>
 *   <li><b>frames-direct</b>: the same graph, the same frames and column loops, run directly on the
 *       producer's thread (the single-threaded peer);</li>
 *   <li><b>elements-compiled</b>: the per-element runtime: one pre-allocated trade object per row through
 *       the same three compiled stages ({@code filter}, {@code map}, {@code sink}).</li>
 * </ul>
 * The producer fills each frame from Java arrays (three column copies), so its cost is in the figure.
 * The column loops are plain loops over {@code MemorySegment}s written here, not the kernels module.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class FramePipelineBench {
    static final int ROWS = 4096;
    static final int FRAMES_PER_OP = 16;
    static final int CHUNKS = 16;
    static final double THRESHOLD = 100.0;
    static final Schema SCHEMA = Schema.builder().int64("id").float64("price").int64("qty").bool("keep")
            .float64("notional").build();

    @Param({"frames-compiled", "frames-direct", "elements-compiled"})
    public String impl;

    private final long[][] ids = new long[CHUNKS][ROWS];
    private final double[][] prices = new double[CHUNKS][ROWS];
    private final long[][] qtys = new long[CHUNKS][ROWS];
    private Trade[] trades;
    private int cursor;
    private FramePool pool;
    private FrameProducer producer;
    private CompiledPipeline<?> pipeline;
    private CompiledPipeline<Trade> elements;
    private final Sum sum = new Sum();

    /** One row as an object, for the per-element peer; pre-allocated, so only the pipeline is measured. */
    static final class Trade {
        long id;
        double price;
        long qty;
        double notional;
    }

    /** The sink's total. */
    static final class Sum {
        double value;
    }

    @Setup(Level.Trial)
    public void setUp() {
        Random rnd = new Random(7);
        for (int c = 0; c < CHUNKS; c++) {
            for (int i = 0; i < ROWS; i++) {
                ids[c][i] = (long) c * ROWS + i;
                prices[c][i] = 50 + rnd.nextInt(101);
                qtys[c][i] = 1 + rnd.nextInt(10);
            }
        }
        switch (impl) {
            case "frames-compiled", "frames-direct" -> {
                pool = FramePool.builder(SCHEMA).frameCapacity(ROWS).frames(16).name("bench").build();
                Stream<Frame> source = Stream.create("frames");
                source.map(FramePipelineBench::flag).async().map(FramePipelineBench::notional).async()
                        .sink(Frame.releasing(f -> sum.value += total(f)));
                if (impl.equals("frames-compiled")) {
                    CompiledPipeline<Frame> p = DisruptorRuntime.compile(source,
                            PipelineOptions.builder().ringSize(8).name("frames").build());
                    pipeline = p;
                    producer = FrameProducer.of(pool, p::emit);
                } else {
                    producer = FrameProducer.of(pool, source::emit);
                }
            }
            case "elements-compiled" -> {
                trades = new Trade[1 << 16]; // more than the three rings hold: never two uses in flight
                for (int i = 0; i < trades.length; i++) {
                    Trade t = new Trade();
                    t.id = i;
                    t.price = prices[(i / ROWS) % CHUNKS][i % ROWS];
                    t.qty = qtys[(i / ROWS) % CHUNKS][i % ROWS];
                    trades[i] = t;
                }
                Stream<Trade> source = Stream.create("trades");
                source.filter(t -> t.price > THRESHOLD).async().map(t -> {
                    t.notional = t.price * t.qty;
                    return t;
                }).async().sink(t -> sum.value += t.notional);
                elements = DisruptorRuntime.compile(source, PipelineOptions.builder().ringSize(1024).name("elements")
                        .build());
                pipeline = elements;
            }
            default -> throw new IllegalArgumentException("impl: " + impl);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown(Blackhole bh) throws InterruptedException {
        if (pipeline != null) {
            pipeline.awaitQuiescence(Duration.ofSeconds(30));
            pipeline.close();
        }
        if (pool != null) {
            pool.close();
        }
        bh.consume(sum.value);
    }

    @Benchmark
    @OperationsPerInvocation(FRAMES_PER_OP * ROWS)
    public void rows() {
        if (elements != null) {
            Trade[] ts = trades;
            int mask = ts.length - 1;
            CompiledPipeline<Trade> p = elements;
            for (int i = 0; i < FRAMES_PER_OP * ROWS; i++) {
                p.emit(ts[cursor++ & mask]);
            }
            return;
        }
        for (int k = 0; k < FRAMES_PER_OP; k++) {
            int c = cursor++ & (CHUNKS - 1);
            FrameBuilder b = producer.claim();
            b.column("id", ids[c]).column("price", prices[c]).column("qty", qtys[c]);
            producer.publish();
        }
    }

    private static final ValueLayout.OfDouble F64 = ValueLayout.JAVA_DOUBLE;
    private static final ValueLayout.OfLong I64 = ValueLayout.JAVA_LONG;

    /** Stage 1: keep = price present and above the threshold, 8 rows per bitmap byte. */
    static Frame flag(Frame f) {
        int n = f.rowCount();
        MemorySegment price = f.column(1).values();
        MemorySegment priceValid = f.column(1).validity();
        MemorySegment keep = f.column(3).values();
        MemorySegment keepValid = f.column(3).validity();
        for (int b = 0; b * 8 < n; b++) {
            int bits = 0;
            for (int j = 0; j < 8; j++) {
                int i = b * 8 + j;
                bits |= (i < n && price.getAtIndex(F64, i) > THRESHOLD ? 1 : 0) << j;
            }
            keep.set(ValueLayout.JAVA_BYTE, b, (byte) (bits & priceValid.get(ValueLayout.JAVA_BYTE, b)));
            keepValid.set(ValueLayout.JAVA_BYTE, b, (byte) 0xFF);
        }
        return f;
    }

    /** Stage 2: notional = price * qty where kept, 0 elsewhere. */
    static Frame notional(Frame f) {
        int n = f.rowCount();
        MemorySegment price = f.column(1).values();
        MemorySegment qty = f.column(2).values();
        MemorySegment keep = f.column(3).values();
        MemorySegment out = f.column(4).values();
        for (int i = 0; i < n; i++) {
            double k = (keep.get(ValueLayout.JAVA_BYTE, i >>> 3) >> (i & 7)) & 1;
            out.setAtIndex(F64, i, k * price.getAtIndex(F64, i) * qty.getAtIndex(I64, i));
        }
        return f;
    }

    /** Stage 3: the sum of the notional column. */
    static double total(Frame f) {
        int n = f.rowCount();
        MemorySegment out = f.column(4).values();
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += out.getAtIndex(F64, i);
        }
        return s;
    }
}
