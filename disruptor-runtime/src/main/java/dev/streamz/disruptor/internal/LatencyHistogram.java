package dev.streamz.disruptor.internal;

import dev.streamz.disruptor.LatencyPercentiles;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A fixed-size log-linear histogram of nanosecond latencies (HdrHistogram's idea, a few lines of it): a
 * value falls in the bucket of its power of two, split in {@value #SUB} linear sub-buckets, so a
 * percentile is within 1/{@value #SUB} of the true value. One writer (the segment thread), any readers;
 * recording allocates nothing and takes no lock.
 */
final class LatencyHistogram {
    private static final int SUB_BITS = 4;
    static final int SUB = 1 << SUB_BITS;
    private final AtomicLongArray counts = new AtomicLongArray(64 * SUB);

    void record(long nanos) {
        int i = index(Math.max(0, nanos));
        counts.setRelease(i, counts.getPlain(i) + 1); // single writer: no read-modify-write needed
    }

    static int index(long v) {
        if (v < SUB) {
            return (int) v;
        }
        int exp = 63 - Long.numberOfLeadingZeros(v); // >= SUB_BITS
        int sub = (int) (v >>> (exp - SUB_BITS)) & (SUB - 1);
        return (exp - SUB_BITS + 1) * SUB + sub;
    }

    /** @return the largest value that falls in bucket {@code i} */
    static long upper(int i) {
        if (i < SUB) {
            return i;
        }
        int exp = i / SUB + SUB_BITS - 1;
        long sub = i % SUB;
        long lo = (1L << exp) | (sub << (exp - SUB_BITS));
        return lo + (1L << (exp - SUB_BITS)) - 1;
    }

    LatencyPercentiles snapshot() {
        long[] c = new long[counts.length()];
        long total = 0;
        for (int i = 0; i < c.length; i++) {
            c[i] = counts.getAcquire(i);
            total += c[i];
        }
        return new LatencyPercentiles(total, at(c, total, 0.50), at(c, total, 0.90), at(c, total, 0.99),
                at(c, total, 0.999), at(c, total, 1.0));
    }

    private static Duration at(long[] c, long total, double q) {
        if (total == 0) {
            return Duration.ZERO;
        }
        long rank = Math.max(1, (long) Math.ceil(q * total));
        long seen = 0;
        for (int i = 0; i < c.length; i++) {
            seen += c[i];
            if (seen >= rank) {
                return Duration.ofNanos(upper(i));
            }
        }
        return Duration.ofNanos(upper(c.length - 1));
    }
}
