package dev.streamz.cli;

import dev.streamz.Stream;
import dev.streamz.dataframe.Expr;
import dev.streamz.dataframe.StreamingDataFrame;
import dev.streamz.frames.Frame;
import dev.streamz.frames.FrameBuilder;
import dev.streamz.frames.Schema;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The demo section for the streaming DataFrame: trades arrive in batches; a per-symbol total of the big
 * trades (filter, then group-by), the mean
 * price of the last four trades and a rolling maximum stay up to date, one update per batch (empty batches
 * included). Then a million trades in batches of 4,096 through the same pipeline, timed, the totals
 * checked against a plain Java loop.
 */
final class DataFrameDemo {
    static final Schema SCHEMA = Schema.builder().category("symbol").float64("price").int64("qty").build();
    static final int TRADES = 1_000_000;
    static final int ROWS = 4096;
    private static final String[] SYMBOLS = {"AAPL", "MSFT", "GOOG", "AMZN"};
    private static final ValueLayout.OfDouble DOUBLE_LE = ValueLayout.JAVA_DOUBLE;

    /** The section, appended to {@link Demos#SECTIONS}. */
    static final DemoSection SECTION = new DemoSection("dataframe",
            "trades in batches: filter + per-symbol totals, a window mean, a rolling max, kept up to date",
            DataFrameDemo::run);

    private DataFrameDemo() {
    }

    static void run(Narrator n) {
        n.code("StreamingDataFrame sdf = StreamingDataFrame.from(source, schema);  // symbol, price, qty",
               "sdf.filter(col(\"qty\").ge(10))                     // trades of 10 shares or more",
               "   .groupby(\"symbol\").sum(\"qty\").toMaps().sink(...); // their shares per symbol, all time",
               "sdf.col(\"price\").window(4).mean().sink(...);        // mean price of the last 4 trades",
               "sdf.col(\"price\").rolling(2).max().frame().stream()  // per trade: max of it and the one before",
               "   .sink(...);");
        Stream<Frame> source = Stream.create("trades");
        StreamingDataFrame sdf = StreamingDataFrame.from(source, SCHEMA);
        sdf.filter(Expr.col("qty").ge(10)).groupby("symbol").sum("qty").toMaps()
                .sink(m -> n.got("qty of trades >= 10 by symbol", m));
        sdf.col("price").window(4).mean().sink(m -> n.got("window(4) mean price", fmt(m)));
        sdf.col("price").rolling(2).max().frame().stream().sink(f -> n.got("rolling(2) max price", column(f)));

        emit(n, source, new String[] {"AAPL", "MSFT", "AAPL"}, new double[] {190.5, 410.0, 191.0},
                new long[] {100, 50, 20}, "3 trades");
        emit(n, source, new String[] {"GOOG", "MSFT"}, new double[] {170.0, 409.5}, new long[] {10, 30},
                "2 more; window(4) now holds the last 4 of 5");
        emit(n, source, new String[0], new double[0], new long[0],
                "an empty batch: every result emits again, unchanged; rolling emits no rows");
        emit(n, source, new String[] {"AAPL"}, new double[] {189.0}, new long[] {5},
                "1 trade of 5 shares: the filter keeps it out of the totals");

        throughput(n);
    }

    private static void emit(Narrator n, Stream<Frame> source, String[] symbols, double[] prices, long[] qtys,
            String note) {
        Frame batch = FrameBuilder.of(SCHEMA, Math.max(1, symbols.length)).column("symbol", symbols)
                .column("price", prices).column("qty", qtys).build();
        n.emit("batch of " + symbols.length + (symbols.length == 1 ? " row" : " rows"), note);
        source.emit(batch);
        batch.release(); // the DataFrame keeps nothing that points into the batch
    }

    private static String column(Frame f) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < f.rowCount(); i++) {
            b.append(i == 0 ? "" : ", ").append(fmt(f.column(0).values().getAtIndex(DOUBLE_LE, i)));
        }
        return b.append(']').toString();
    }

    private static String fmt(double d) {
        return Double.isNaN(d) ? "NaN" : String.format(Locale.ROOT, "%.2f", d);
    }

    /** A million trades in batches of 4,096 through filter + groupby sum and a window mean, timed; checked. */
    private static void throughput(Narrator n) {
        int batches = (TRADES + ROWS - 1) / ROWS;
        Frame[] frames = new Frame[batches];
        Map<String, Long> expected = new TreeMap<>();
        for (int b = 0; b < batches; b++) {
            int rows = Math.min(ROWS, TRADES - b * ROWS);
            String[] symbols = new String[rows];
            double[] prices = new double[rows];
            long[] qtys = new long[rows];
            for (int i = 0; i < rows; i++) {
                long id = (long) b * ROWS + i;
                symbols[i] = SYMBOLS[(int) (id * 7 % 4)];
                prices[i] = 50 + id * 37 % 101;
                qtys[i] = 1 + id % 10;
                if (qtys[i] >= 5) {
                    expected.merge(symbols[i], qtys[i], Long::sum);
                }
            }
            frames[b] = FrameBuilder.of(SCHEMA, rows).column("symbol", symbols).column("price", prices)
                    .column("qty", qtys).build();
        }
        AtomicReference<Frame> last = new AtomicReference<>();
        double[] mean = new double[1];
        for (int pass = 1; pass <= 2; pass++) {
            Stream<Frame> source = Stream.create("trades");
            StreamingDataFrame sdf = StreamingDataFrame.from(source, SCHEMA);
            sdf.filter(Expr.col("qty").ge(5)).groupby("symbol").sum("qty").stream()
                    .sink(last::set); // a lent frame: valid until its next update
            sdf.col("price").window(10_000).mean().sink(m -> mean[0] = m);
            long start = System.nanoTime();
            for (Frame f : frames) {
                source.emit(f);
            }
            long elapsed = System.nanoTime() - start;
            if (pass == 1) {
                n.say(String.format(Locale.ROOT, "Warm-up pass (the JIT compiles the loops): %,.0f rows/s.",
                        TRADES / (elapsed / 1e9)));
                continue;
            }
            n.say(String.format(Locale.ROOT, "%,d trades in %,d batches of %,d rows through filter(qty >= 5).groupby(symbol)"
                    + ".sum(qty) and window(10000).mean(price) in %.1f ms: %,.0f rows/s, one update of each per batch.",
                    TRADES, batches, ROWS, elapsed / 1e6, TRADES / (elapsed / 1e9)));
        }
        double lastMean = plainWindowMean(frames, 10_000);
        Map<Object, Double> totals = new LinkedHashMap<>();
        Frame t = last.get();
        for (int i = 0; i < t.rowCount(); i++) {
            totals.put(t.column(0).get(i), t.column(1).getDouble(i));
        }
        boolean same = true;
        for (Map.Entry<String, Long> e : expected.entrySet()) {
            same &= Objects.equals(totals.get(e.getKey()), e.getValue().doubleValue());
        }
        n.event("qty of trades >= 5 by symbol: " + totals + (same && totals.size() == expected.size()
                ? " (matches a plain Java loop)" : " (DIFFERS from a plain Java loop: " + expected + ")"));
        n.event("window(10000) mean price: " + fmt(mean[0]) + (Math.abs(mean[0] - lastMean) < 1e-9
                ? " (matches a plain Java loop)" : " (DIFFERS from a plain Java loop: " + fmt(lastMean) + ")"));
        for (Frame f : frames) {
            f.release();
        }
    }

    /** The mean price of the last {@code w} rows, by a plain loop over the frames' columns. */
    private static double plainWindowMean(Frame[] frames, int w) {
        double sum = 0;
        int seen = 0;
        for (int b = frames.length - 1; b >= 0 && seen < w; b--) {
            MemorySegment prices = frames[b].column("price").values();
            for (int i = frames[b].rowCount() - 1; i >= 0 && seen < w; i--, seen++) {
                sum += prices.getAtIndex(DOUBLE_LE, i);
            }
        }
        return sum / seen;
    }
}
