package dev.streamz.benchmarks;

import dev.streamz.frames.Column;
import dev.streamz.frames.CsvReader;
import dev.streamz.frames.Frame;
import dev.streamz.frames.FramePool;
import dev.streamz.frames.ReadOptions;
import dev.streamz.frames.Schema;
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

import java.io.BufferedReader;
import java.io.CharArrayReader;
import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * CSV reader throughput, same run: {@code CsvReader} into pooled frames of 4,096 rows vs the plain Java
 * baseline a user would write, {@code BufferedReader.readLine} + {@code String.split(",")} + the JDK's
 * parsers into primitive arrays of the same 4,096 rows. Both read the same in-memory characters (no disk,
 * no UTF-8 decoding), so the figure is parsing alone. One op reads the whole file; MB/s = file MB × ops/s.
 * <ul>
 *   <li><b>numeric</b>: {@code id,price,qty,buy} (int64, float64 with 2 decimals, int64, boolean), ~37 B/row;</li>
 *   <li><b>trades</b>: {@code time,symbol,price,qty} (ISO-8601 timestamp with milliseconds, one of 8 symbols
 *       as a category, float64, int64), ~50 B/row; the baseline uses {@code Instant.parse} and a
 *       {@code HashMap} dictionary.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class CsvReadBench {
    static final int FRAME_ROWS = 4096;
    static final String[] SYMBOLS = {"AAPL", "MSFT", "GOOG", "AMZN", "META", "NVDA", "TSLA", "ORCL"};

    /** Rows in the file. */
    @Param("200000")
    public int rows;

    /** Which file. */
    @Param({"numeric", "trades"})
    public String shape;

    private char[] text;
    private Schema schema;
    private FramePool pool;

    @Setup(Level.Trial)
    public void setUp() {
        Random r = new Random(42);
        StringBuilder sb = new StringBuilder();
        boolean trades = shape.equals("trades");
        sb.append(trades ? "time,symbol,price,qty\n" : "id,price,qty,buy\n");
        long t = Instant.parse("2024-03-01T09:30:00Z").toEpochMilli();
        for (int i = 0; i < rows; i++) {
            String price = (r.nextInt(1_000_000) / 100) + "." + String.format("%02d", r.nextInt(100));
            if (trades) {
                sb.append(Instant.ofEpochMilli(t + i * 7L + r.nextInt(5)).toString()).append(',')
                        .append(SYMBOLS[r.nextInt(SYMBOLS.length)]).append(',').append(price).append(',')
                        .append(1 + r.nextInt(10_000)).append('\n');
            } else {
                sb.append(i).append(',').append(price).append(',').append(1 + r.nextInt(10_000)).append(',')
                        .append(r.nextBoolean()).append('\n');
            }
        }
        text = sb.toString().toCharArray();
        schema = trades
                ? Schema.builder().timestamp("time").category("symbol").float64("price").int64("qty").build()
                : Schema.builder().int64("id").float64("price").int64("qty").bool("buy").build();
        pool = FramePool.builder(schema).frameCapacity(FRAME_ROWS).frames(2).name("csv-bench").build();
        System.out.printf("%n[CsvReadBench] %s: %d rows, %.2f MB%n", shape, rows, text.length / 1e6);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        pool.close();
    }

    /** Ours: frames from a pool, each released after its price column is summed. */
    @Benchmark
    public double csvReader() {
        double sum = 0;
        try (CsvReader reader = CsvReader.open(new CharArrayReader(text), "bench.csv", schema,
                ReadOptions.defaults().withPool(pool))) {
            while (reader.hasNext()) {
                Frame f = reader.next();
                Column price = f.column("price");
                for (int i = 0; i < f.rowCount(); i++) {
                    sum += price.getDouble(i);
                }
                f.release();
            }
        }
        return sum;
    }

    /** The peer: readLine + split + JDK parsers into reused primitive arrays of a frame's size. */
    @Benchmark
    public double bufferedReaderSplit() throws IOException {
        boolean trades = shape.equals("trades");
        long[] a = new long[FRAME_ROWS];
        double[] price = new double[FRAME_ROWS];
        long[] qty = new long[FRAME_ROWS];
        boolean[] buy = new boolean[FRAME_ROWS];
        int[] code = new int[FRAME_ROWS];
        Map<String, Integer> dictionary = new HashMap<>();
        double sum = 0;
        try (BufferedReader in = new BufferedReader(new CharArrayReader(text))) {
            in.readLine(); // header
            int n = 0;
            String line;
            while ((line = in.readLine()) != null) {
                String[] f = line.split(",");
                if (trades) {
                    Instant t = Instant.parse(f[0]);
                    a[n] = t.getEpochSecond() * 1_000_000_000L + t.getNano();
                    code[n] = dictionary.computeIfAbsent(f[1], k -> dictionary.size());
                    price[n] = Double.parseDouble(f[2]);
                    qty[n] = Long.parseLong(f[3]);
                } else {
                    a[n] = Long.parseLong(f[0]);
                    price[n] = Double.parseDouble(f[1]);
                    qty[n] = Long.parseLong(f[2]);
                    buy[n] = Boolean.parseBoolean(f[3]);
                }
                if (++n == FRAME_ROWS) {
                    for (int i = 0; i < n; i++) {
                        sum += price[i];
                    }
                    n = 0;
                }
            }
            for (int i = 0; i < n; i++) {
                sum += price[i];
            }
        }
        return sum + (buy[0] ? 1 : 0) + code[0] + qty[0] + a[0];
    }
}
