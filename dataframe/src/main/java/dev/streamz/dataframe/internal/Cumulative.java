package dev.streamz.dataframe.internal;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * cumsum, cumprod, cummin and cummax of one column across batches: each batch's output holds the new rows'
 * running values only, and the state carries over.
 *
 * <p>Deliberate difference: streamz keeps the last output row as its state, so a NaN in a batch's last
 * row restarts the running value in the next batch; here the state is the running value itself, so the
 * outputs equal pandas' on all rows so far. A missing row's output is NaN (null for a null input) and does
 * not change the state, as pandas' {@code skipna}.
 */
public final class Cumulative {
    /** The four cumulative operations. */
    public enum Op {
        /** Running sum. */
        CUMSUM,
        /** Running product. */
        CUMPROD,
        /** Running minimum. */
        CUMMIN,
        /** Running maximum. */
        CUMMAX
    }

    private final Op op;
    private boolean started;
    private double d;
    private long l;

    /**
     * @param op which operation
     */
    public Cumulative(Op op) {
        this.op = op;
    }

    /**
     * Computes the running values of one batch into an output column.
     *
     * @param in the batch's rows
     * @param outValues values of the output: int64 when {@code in} is integral, else float64
     * @param outValidity validity bitmap of the output ({@code in.rows()} bits), cleared where the input is null
     */
    public void apply(Slice in, MemorySegment outValues, MemorySegment outValidity) {
        int rows = in.rows();
        boolean integral = in.integral();
        for (int i = 0; i < rows; i++) {
            boolean isNull = in.isNull(i);
            setValid(outValidity, i, !isNull);
            if (in.missing(i)) {
                if (integral) {
                    outValues.setAtIndex(Slice.LONG_LE, i, 0L);
                } else {
                    outValues.setAtIndex(Slice.DOUBLE_LE, i, Double.NaN);
                }
                continue;
            }
            if (integral) {
                long v = in.l(i);
                l = !started ? v : switch (op) {
                    case CUMSUM -> l + v;
                    case CUMPROD -> l * v;
                    case CUMMIN -> Math.min(l, v);
                    case CUMMAX -> Math.max(l, v);
                };
                outValues.setAtIndex(Slice.LONG_LE, i, l);
            } else {
                double v = in.d(i);
                d = !started ? v : switch (op) {
                    case CUMSUM -> d + v;
                    case CUMPROD -> d * v;
                    case CUMMIN -> Math.min(d, v);
                    case CUMMAX -> Math.max(d, v);
                };
                outValues.setAtIndex(Slice.DOUBLE_LE, i, d);
            }
            started = true;
        }
    }

    static void setValid(MemorySegment validity, int row, boolean valid) {
        long at = row >>> 3;
        byte b = validity.get(ValueLayout.JAVA_BYTE, at);
        int bit = 1 << (row & 7);
        validity.set(ValueLayout.JAVA_BYTE, at, (byte) (valid ? b | bit : b & ~bit));
    }
}
