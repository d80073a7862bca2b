package dev.streamz.frames.internal.kernels;

import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/** The value layouts of column buffers: little-endian, packed, byte-aligned access (a slice may start anywhere). */
final class Layouts {
    static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
    static final ValueLayout.OfDouble DOUBLE_LE = ValueLayout.JAVA_DOUBLE_UNALIGNED.withOrder(LE);
    static final ValueLayout.OfLong LONG_LE = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(LE);
    static final ValueLayout.OfInt INT_LE = ValueLayout.JAVA_INT_UNALIGNED.withOrder(LE);

    private Layouts() {
    }
}
