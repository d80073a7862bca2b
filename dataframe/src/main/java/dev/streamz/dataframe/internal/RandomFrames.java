package dev.streamz.dataframe.internal;

import dev.streamz.ThrowingBiFunction;
import dev.streamz.frames.Column;
import dev.streamz.frames.ColumnType;
import dev.streamz.frames.Frame;
import dev.streamz.frames.Schema;

import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;

/**
 * streamz's {@code random_datablock}, the callback of {@code Random}: one row per {@code freq} step in
 * {@code (last, now]} (at {@code last + freq}, {@code last + 2 freq}, ...), index {@code index}
 * (timestamp), {@code x} uniform in [0, 1), {@code y} Poisson with mean 1 (int64), {@code z} standard
 * normal. Rows are written into a reused frame (lent: the source releases its hold after the graph accepted
 * it), so the steady state allocates nothing per row.
 */
public final class RandomFrames implements ThrowingBiFunction<Instant, Instant, Frame> {
    /** The schema of every frame. */
    public static final Schema SCHEMA = Schema.of(new Schema.Field("index", ColumnType.TIMESTAMP),
            new Schema.Field("x", ColumnType.FLOAT64), new Schema.Field("y", ColumnType.INT64),
            new Schema.Field("z", ColumnType.FLOAT64));
    private static final double E_MINUS_1 = Math.exp(-1);

    private final long freq;
    private final SplittableRandom random;
    private final OutputFrame frames = new OutputFrame("random", SCHEMA);

    /**
     * @param freq the time between rows
     * @param seed the random seed
     */
    public RandomFrames(Duration freq, long seed) {
        this.freq = freq.toNanos();
        this.random = new SplittableRandom(seed);
    }

    @Override
    public Frame apply(Instant last, Instant now) {
        long from = last.getEpochSecond() * 1_000_000_000L + last.getNano();
        long to = now.getEpochSecond() * 1_000_000_000L + now.getNano();
        long n = to <= from ? 0 : (to - from) / freq;
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("random: " + n + " rows in one call; use a larger freq or a shorter interval");
        }
        int rows = (int) n;
        Frame f = frames.next(rows);
        Column index = f.column(0);
        Column x = f.column(1);
        Column y = f.column(2);
        Column z = f.column(3);
        for (int i = 0; i < rows; i++) {
            index.setTimestamp(i, from + (i + 1) * freq);
            x.setDouble(i, random.nextDouble());
            y.setLong(i, poisson());
            z.setDouble(i, random.nextGaussian());
        }
        f.setRowCount(rows);
        f.retain(); // the source's hold, released once the graph accepted the frame; ours stays for reuse
        return f;
    }

    /** Knuth's method for a mean of 1: multiply uniforms until the product drops below e^-1. */
    private long poisson() {
        long k = 0;
        double p = random.nextDouble();
        while (p > E_MINUS_1) {
            k++;
            p *= random.nextDouble();
        }
        return k;
    }
}
