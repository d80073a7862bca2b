package dev.streamz.frames.internal.kernels;

import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/** The value layouts of column buffers: little-endian, packed, byte-aligned access (a slice may start anywhere). */
final class Layouts {
    static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
    static final ValueLayout.OfDouble F64 = ValueLayout.JAVA_DOUBLE_UNALIGNED.withOrder(LE);
    static final ValueLayout.OfLong I64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(LE);
    static final ValueLayout.OfInt I32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(LE);

    private Layouts() {
    }
}
