package dev.streamz.dataframe;

import dev.streamz.Sink;
import dev.streamz.Stream;
import dev.streamz.ThrowingFunction;
import dev.streamz.dataframe.internal.Checks;
import dev.streamz.frames.Frame;

import java.util.function.DoubleConsumer;
import java.util.function.ToDoubleFunction;

/**
 * An updating scalar (streamz's scalar results, such as {@code sdf.x.sum()}): one number per input batch,
 * each replacing the last, empty batches included. Values are doubles; whole-number sums, counts, minima
 * and maxima are exact up to 2^53.
 *
 * <pre>{@code
 * UpdatingScalar total = sdf.col("amount").sum();
 * total.sink(t -> System.out.println("total " + t));   // a DoubleConsumer
 * double now = total.latest();                        // the value after the last batch, unboxed
 * }</pre>
 *
 * <p>The value is computed once per batch, by one node, whatever is attached, and travels downstream as a
 * {@code Double}: one small object per batch, nothing per row. {@link #latest()} keeps it as a primitive
 * for readers on any thread (a dashboard polling the current total).
 */
public final class UpdatingScalar {
    private final String name;
    private final Stream<Double> stream;
    private volatile double latest = Double.NaN;

    /**
     * @param name the operation, e.g. {@code "x.sum()"}
     * @param batches the input batches
     * @param value computes the new value from a batch (and the operation's state)
     */
    UpdatingScalar(String name, Stream<Frame> batches, ToDoubleFunction<Frame> value) {
        this.name = name;
        ThrowingFunction<Frame, Double> f = frame -> {
            double v = value.applyAsDouble(frame);
            latest = v;
            return v;
        };
        this.stream = batches.map(f);
    }

    /** {@return the operation that computes this scalar, e.g. {@code x.sum()}} */
    public String name() {
        return name;
    }

    /** {@return the values: one per input batch, each replacing the last} */
    public Stream<Double> stream() {
        return stream;
    }

    /**
     * The value after the last batch: NaN before the first. Safe to read from any thread (a volatile read).
     *
     * @return the current value
     */
    public double latest() {
        return latest;
    }

    /**
     * Calls {@code consumer} with each new value, unboxed, on the thread that emitted the batch.
     *
     * @param consumer receives one value per batch
     * @return the sink (see {@link Stream#sink})
     * @throws NullPointerException when consumer is null
     */
    public Sink<Double> sink(DoubleConsumer consumer) {
        Checks.notNull(consumer, name + ".sink: consumer");
        return stream.sink(d -> consumer.accept(d));
    }

    @Override
    public String toString() {
        return "UpdatingScalar[" + name + " = " + latest + "]";
    }
}
