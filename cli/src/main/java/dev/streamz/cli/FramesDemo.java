package dev.streamz.cli;

import dev.streamz.Stream;
import dev.streamz.disruptor.CloseReport;
import dev.streamz.disruptor.CompiledPipeline;
import dev.streamz.disruptor.DisruptorRuntime;
import dev.streamz.disruptor.PipelineOptions;
import dev.streamz.disruptor.SegmentInfo;
import dev.streamz.frames.Frame;
import dev.streamz.frames.FrameBuilder;
import dev.streamz.frames.FramePool;
import dev.streamz.frames.FrameProducer;
import dev.streamz.frames.Schema;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.time.Duration;
import java.util.Locale;

/**
 * The demo section for off-heap frames: a million trades, packed 4,096 rows to a frame, flagged,
 * priced and summed by three segment threads of a compiled pipeline; frames come from a pool and go back
 * to it, so the whole run uses 16 frames.
 */
final class FramesDemo {
    static final int TRADES = 1_000_000;
    static final int ROWS = 4096;
    static final double THRESHOLD = 100.0;
    static final Schema SCHEMA = Schema.builder().int64("id").float64("price").int64("qty").category("symbol")
            .bool("keep").float64("notional").build();
    private static final String[] SYMBOLS = {"AAPL", "MSFT", "GOOG", "AMZN"};

    /** The section, appended to {@link Demos#SECTIONS}. */
    static final DemoSection SECTION = new DemoSection("frames",
            "a million trades in off-heap frames through three threads: filter, price, sum (rows/s)",
            FramesDemo::run);

    private FramesDemo() {
    }

    static void run(Narrator n) {
        n.code("FramePool pool = FramePool.builder(schema).frameCapacity(4096).frames(16).build();",
               "source.map(flag)                          // segment 0: keep = price > 100",
               "      .async(\"price\").map(notional)        // segment 1: notional = price * qty where kept",
               "      .async(\"sum\").sink(Frame.releasing(f -> total += sum(f)));  // segment 2; frame back to pool",
               "FrameProducer producer = FrameProducer.of(pool, pipeline::emit);  // claim, fill, publish");
        double[] total = new double[1];
        Frame[] last = new Frame[1];
        Stream<Frame> source = Stream.create("trades");
        source.map(FramesDemo::flag).async("price").map(FramesDemo::notional).async("sum")
                .sink(Frame.releasing(f -> total[0] += sum(f)));
        double expected = 0;
        long start;
        long elapsed;
        boolean quiet;
        try (FramePool pool = FramePool.builder(SCHEMA).frameCapacity(ROWS).frames(16).name("trades").build()) {
            CompiledPipeline<Frame> p = DisruptorRuntime.compile(source,
                    PipelineOptions.builder().ringSize(8).name("frames").build());
            FrameProducer producer = FrameProducer.of(pool, p::emit);
            start = System.nanoTime();
            long id = 0;
            while (id < TRADES) {
                FrameBuilder rows = producer.claim();
                while (rows.hasRoom() && id < TRADES) {
                    double price = 50 + (id * 37 % 101);
                    long qty = 1 + id % 10;
                    if (price > THRESHOLD) {
                        expected += price * qty;
                    }
                    rows.addLong(id).addDouble(price).addLong(qty).addString(SYMBOLS[(int) (id & 3)]).addNull()
                            .addNull().endRow();
                    id++;
                }
                if (id == TRADES) {
                    last[0] = producer.claimed();
                    last[0].retain(); // keep the last frame to print it
                }
                producer.publish();
            }
            try {
                quiet = p.awaitQuiescence(Duration.ofSeconds(60));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                quiet = false;
            }
            elapsed = System.nanoTime() - start;
            n.say(String.format(Locale.ROOT, "%,d trades in %,d frames of %,d rows, filled row by row on this"
                    + " thread, through 3 segment threads in %.1f ms: %,.0f rows/s; the pipeline %s.", TRADES,
                    (TRADES + ROWS - 1) / ROWS, ROWS, elapsed / 1e6, TRADES / (elapsed / 1e9),
                    quiet ? "drained" : "did NOT drain in 60 s"));
            for (SegmentInfo s : p.segments()) {
                n.event(String.format(Locale.ROOT, "segment %d on thread %-10s processed %,d frames", s.index(),
                        "'" + s.threadName() + "'", s.processed()));
            }
            CloseReport report = p.close(Duration.ofSeconds(30));
            n.event("close(): drained " + report.drained() + ", threads left behind: " + report.threadsStillAlive());
            n.say(String.format(Locale.ROOT, "sum of notional where price > 100: %,.0f (%s)", total[0],
                    total[0] == expected ? "matches a plain Java loop" : "DIFFERS from a plain loop: " + expected));
            n.say("The pool held " + pool.size() + " frames of " + pool.frameCapacity() + " rows; every frame went"
                    + " back to it after the sum (held now: " + (pool.held() - 1) + " besides the one kept to print).");
            n.say("The last frame (" + last[0].rowCount() + " rows; its codes come from the pool's dictionary "
                    + pool.dictionary("symbol").values() + "):");
            for (String line : last[0].toString().split("\n")) {
                n.event(line); // not block(): it strips the table's leading spaces
            }
            last[0].release();
        }
    }

    private static final ValueLayout.OfDouble F64 = ValueLayout.JAVA_DOUBLE;
    private static final ValueLayout.OfLong I64 = ValueLayout.JAVA_LONG;

    /** keep = price present and above the threshold, 8 rows per bitmap byte. */
    static Frame flag(Frame f) {
        int rows = f.rowCount();
        MemorySegment price = f.column("price").values();
        MemorySegment priceValid = f.column("price").validity();
        MemorySegment keep = f.column("keep").values();
        MemorySegment keepValid = f.column("keep").validity();
        for (int b = 0; b * 8 < rows; b++) {
            int bits = 0;
            for (int j = 0; j < 8; j++) {
                int i = b * 8 + j;
                bits |= (i < rows && price.getAtIndex(F64, i) > THRESHOLD ? 1 : 0) << j;
            }
            keep.set(ValueLayout.JAVA_BYTE, b, (byte) (bits & priceValid.get(ValueLayout.JAVA_BYTE, b)));
            keepValid.set(ValueLayout.JAVA_BYTE, b, (byte) 0xFF);
        }
        return f;
    }

    /** notional = price * qty where kept, null elsewhere. */
    static Frame notional(Frame f) {
        int rows = f.rowCount();
        MemorySegment price = f.column("price").values();
        MemorySegment qty = f.column("qty").values();
        MemorySegment keep = f.column("keep").values();
        MemorySegment out = f.column("notional").values();
        MemorySegment outValid = f.column("notional").validity();
        for (int b = 0; b * 8 < rows; b++) {
            outValid.set(ValueLayout.JAVA_BYTE, b, keep.get(ValueLayout.JAVA_BYTE, b));
        }
        for (int i = 0; i < rows; i++) {
            double k = (keep.get(ValueLayout.JAVA_BYTE, i >>> 3) >> (i & 7)) & 1;
            out.setAtIndex(F64, i, k * price.getAtIndex(F64, i) * qty.getAtIndex(I64, i));
        }
        return f;
    }

    /** The sum of the notional column (a null row holds 0). */
    static double sum(Frame f) {
        int rows = f.rowCount();
        MemorySegment out = f.column("notional").values();
        double s = 0;
        for (int i = 0; i < rows; i++) {
            s += out.getAtIndex(F64, i);
        }
        return s;
    }
}
