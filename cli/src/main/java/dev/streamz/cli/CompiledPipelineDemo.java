package dev.streamz.cli;

import dev.streamz.Stream;
import dev.streamz.disruptor.CloseReport;
import dev.streamz.disruptor.CompiledPipeline;
import dev.streamz.disruptor.DisruptorRuntime;
import dev.streamz.disruptor.PipelineOptions;
import dev.streamz.disruptor.SegmentInfo;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;

/**
 * The demo section for the compiled runtime: the same fluent pipeline, compiled into Disruptor rings with
 * one thread per segment, driven by one producer; it prints the segments, their counters and a latency
 * histogram summary (emit to sink, across two thread hops).
 */
final class CompiledPipelineDemo {
    static final int ELEMENTS = 200_000;

    /** The section, appended to {@link Demos#SECTIONS}. */
    static final DemoSection SECTION = new DemoSection("compiled",
            "the same pipeline compiled to Disruptor event handlers: three threads, back pressure, latency",
            CompiledPipelineDemo::run);

    private CompiledPipelineDemo() {
    }

    /** An element that carries the time it was emitted; pre-allocated and reused, as the rings are. */
    static final class Order {
        long emittedAt;
        long amount;
    }

    static void run(Narrator n) {
        n.code("source.map(o -> withTax(o))                 // segment 0: the entry ring's thread",
               "      .async(\"risk\").filter(o -> o.amount < 900)   // segment 1: thread 'risk'",
               "      .async(\"ledger\").sink(o -> record(o));       // segment 2: thread 'ledger'",
               "DisruptorRuntime.compile(source, PipelineOptions.builder().ringSize(1024).build())");
        long[] latencies = new long[ELEMENTS];
        int[] recorded = new int[1];
        long[] ledger = new long[1];
        Stream<Order> source = Stream.create("orders");
        source.map(o -> {
            o.amount += o.amount / 10;
            return o;
        }).named("withTax").async("risk").filter(o -> o.amount < 900).async("ledger").sink(o -> {
            ledger[0] += o.amount;
            latencies[recorded[0]++] = System.nanoTime() - o.emittedAt;
        });
        Order[] pool = new Order[4096]; // more than the three rings hold: a slot is never reused too early
        for (int i = 0; i < pool.length; i++) {
            pool[i] = new Order();
        }
        CompiledPipeline<Order> p = DisruptorRuntime.compile(source,
                PipelineOptions.builder().ringSize(1024).name("demo").build());
        long start = System.nanoTime();
        for (int i = 0; i < ELEMENTS; i++) {
            Order o = pool[i & (pool.length - 1)];
            o.amount = i % 1000;
            o.emittedAt = System.nanoTime();
            p.emit(o);
        }
        boolean quiet;
        try {
            quiet = p.awaitQuiescence(Duration.ofSeconds(60));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            quiet = false;
        }
        long elapsed = System.nanoTime() - start;
        n.say(String.format(Locale.ROOT, "Emitted %,d orders from one thread in %.1f ms (%,.0f per second);"
                + " the pipeline %s.", ELEMENTS, elapsed / 1e6, ELEMENTS / (elapsed / 1e9),
                quiet ? "drained" : "did NOT drain in 60 s"));
        for (SegmentInfo s : p.segments()) {
            n.event(String.format(Locale.ROOT, "segment %d on thread %-16s runs %-22s ring %4d: published %,d,"
                    + " processed %,d, backlog %d", s.index(), "'" + s.threadName() + "'", s.nodes(), s.ringSize(),
                    s.published(), s.processed(), s.backlog()));
        }
        CloseReport report = p.close(Duration.ofSeconds(30));
        n.event("close(): drained " + report.drained() + ", threads left behind: " + report.threadsStillAlive());
        long[] sorted = Arrays.copyOf(latencies, recorded[0]);
        Arrays.sort(sorted);
        n.say(String.format(Locale.ROOT, "%,d orders passed the risk filter; emit-to-ledger latency across two"
                + " hops (blocking wait strategy, under full load, so mostly queueing):", sorted.length));
        n.event(String.format(Locale.ROOT, "p50 %s   p99 %s   p99.9 %s   max %s", micros(sorted, 0.50),
                micros(sorted, 0.99), micros(sorted, 0.999), micros(sorted, 1.0)));
        n.say("A full ring blocks emit (back pressure), so memory stays bounded by the rings: "
                + "3 x 1024 pre-allocated slots here.");
    }

    private static String micros(long[] sorted, double q) {
        if (sorted.length == 0) {
            return "-";
        }
        int i = (int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1);
        return String.format(Locale.ROOT, "%.1f us", sorted[Math.max(0, i)] / 1e3);
    }
}
