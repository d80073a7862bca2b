package dev.streamz.frames.internal.kernels;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Time-window eviction over a TIMESTAMP column: a window of length {@code d} ending at the newest timestamp
 * keeps the rows in {@code (newest − d, newest]}, so a frame-level window drops leading rows of its oldest
 * frame (and whole frames) whose timestamps are {@code <= newest − d}. Timestamps within a frame are
 * non-decreasing, so the boundary is found by binary search: O(log rows), no scan.
 */
public final class TimeEviction {
    private static final ValueLayout.OfLong I64 = Compare.I64;

    private TimeEviction() {
    }

    /**
     * The first row at or after {@code from} that is still inside the window, i.e. whose timestamp is greater
     * than {@code newest − d}; {@code rows} when none is (the whole rest of the frame is evicted).
     *
     * @param times the frame's timestamps (non-decreasing)
     * @param from the first row still retained in this frame
     * @param rows the frame's rows
     * @param newest the newest timestamp seen by the window
     * @param durationNanos {@code d}
     * @return the index of the first retained row
     */
    public static int firstInside(MemorySegment times, int from, int rows, long newest, long durationNanos) {
        long cutoff = newest - durationNanos;
        int lo = from;
        int hi = rows;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (times.getAtIndex(I64, mid) <= cutoff) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
