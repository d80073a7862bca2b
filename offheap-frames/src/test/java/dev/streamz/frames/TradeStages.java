package dev.streamz.frames;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Three frame operators over raw column buffers, for the runtime tests: flag rows with a price above a
 * threshold, compute a notional for them, sum it. Allocation-free.
 */
final class TradeStages {
    static final Schema SCHEMA = Schema.builder().int64("id").float64("price").int64("qty").bool("keep")
            .float64("notional").build();
    static final double THRESHOLD = 100.0;
    private static final ValueLayout.OfDouble F64 = ValueLayout.JAVA_DOUBLE;
    private static final ValueLayout.OfLong I64 = ValueLayout.JAVA_LONG;

    private TradeStages() {
    }

    /** Stage 1: keep = price present and above the threshold (bit-packed, 8 rows per byte). */
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
                if (i < n && price.getAtIndex(F64, i) > THRESHOLD) {
                    bits |= 1 << j;
                }
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
            boolean k = ((keep.get(ValueLayout.JAVA_BYTE, i >>> 3) >> (i & 7)) & 1) != 0;
            out.setAtIndex(F64, i, k ? price.getAtIndex(F64, i) * qty.getAtIndex(I64, i) : 0.0);
        }
        MemorySegment valid = f.column(4).validity();
        for (int b = 0; b < (n + 7) >>> 3; b++) { // not asSlice().fill(): a slice is an object per frame
            valid.set(ValueLayout.JAVA_BYTE, b, (byte) 0xFF);
        }
        return f;
    }

    /** Stage 3: the sum of the notional column. */
    static double sum(Frame f) {
        int n = f.rowCount();
        MemorySegment out = f.column(4).values();
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += out.getAtIndex(F64, i);
        }
        return s;
    }

    /** Fills rows {@code from ..} of a trade sequence into the producer's claimed frame. */
    static void fill(FrameBuilder rows, long from) {
        for (long id = from; rows.hasRoom(); id++) {
            double price = 50 + (id * 37 % 101);  // 50 .. 150
            rows.addLong(id).addDouble(price).addLong(1 + id % 10).addNull().addNull().endRow();
        }
    }

    /** What the pipeline should sum over trades {@code 0 .. rows-1}. */
    static double expected(long rows) {
        double s = 0;
        for (long id = 0; id < rows; id++) {
            double price = 50 + (id * 37 % 101);
            if (price > THRESHOLD) {
                s += price * (1 + id % 10);
            }
        }
        return s;
    }
}
