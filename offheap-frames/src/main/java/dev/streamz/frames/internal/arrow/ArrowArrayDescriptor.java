package dev.streamz.frames.internal.arrow;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.VarHandle;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * The layout of the Arrow C Data Interface's {@code struct ArrowArray}, written in one place:
 * <pre>
 *   int64_t length; int64_t null_count; int64_t offset; int64_t n_buffers; int64_t n_children;
 *   const void** buffers; struct ArrowArray** children; struct ArrowArray* dictionary;
 *   void (*release)(struct ArrowArray*); void* private_data;
 * </pre>
 * 80 bytes on a 64-bit platform. The accessors take a segment of (at least) {@link #LAYOUT}'s size.
 */
public final class ArrowArrayDescriptor {
    /** The struct. */
    public static final StructLayout LAYOUT = MemoryLayout.structLayout(
            JAVA_LONG.withName("length"),
            JAVA_LONG.withName("null_count"),
            JAVA_LONG.withName("offset"),
            JAVA_LONG.withName("n_buffers"),
            JAVA_LONG.withName("n_children"),
            ADDRESS.withName("buffers"),
            ADDRESS.withName("children"),
            ADDRESS.withName("dictionary"),
            ADDRESS.withName("release"),
            ADDRESS.withName("private_data")).withName("ArrowArray");

    private static final VarHandle LENGTH = handle("length");
    private static final VarHandle NULL_COUNT = handle("null_count");
    private static final VarHandle OFFSET = handle("offset");
    private static final VarHandle N_BUFFERS = handle("n_buffers");
    private static final VarHandle N_CHILDREN = handle("n_children");
    private static final VarHandle BUFFERS = handle("buffers");
    private static final VarHandle CHILDREN = handle("children");
    private static final VarHandle DICTIONARY = handle("dictionary");
    private static final VarHandle RELEASE = handle("release");
    private static final VarHandle PRIVATE_DATA = handle("private_data");

    private ArrowArrayDescriptor() {
    }

    private static VarHandle handle(String field) {
        return LAYOUT.varHandle(groupElement(field));
    }

    /** @param s struct @return rows */
    public static long length(MemorySegment s) {
        return (long) LENGTH.get(s, 0L);
    }

    /** @param s struct @param v rows */
    public static void length(MemorySegment s, long v) {
        LENGTH.set(s, 0L, v);
    }

    /** @param s struct @return nulls, or -1 when not computed */
    public static long nullCount(MemorySegment s) {
        return (long) NULL_COUNT.get(s, 0L);
    }

    /** @param s struct @param v nulls */
    public static void nullCount(MemorySegment s, long v) {
        NULL_COUNT.set(s, 0L, v);
    }

    /** @param s struct @return the logical offset into the buffers, in rows */
    public static long offset(MemorySegment s) {
        return (long) OFFSET.get(s, 0L);
    }

    /** @param s struct @param v offset in rows */
    public static void offset(MemorySegment s, long v) {
        OFFSET.set(s, 0L, v);
    }

    /** @param s struct @return number of buffers */
    public static long nBuffers(MemorySegment s) {
        return (long) N_BUFFERS.get(s, 0L);
    }

    /** @param s struct @param v number of buffers */
    public static void nBuffers(MemorySegment s, long v) {
        N_BUFFERS.set(s, 0L, v);
    }

    /** @param s struct @return number of children */
    public static long nChildren(MemorySegment s) {
        return (long) N_CHILDREN.get(s, 0L);
    }

    /** @param s struct @param v number of children */
    public static void nChildren(MemorySegment s, long v) {
        N_CHILDREN.set(s, 0L, v);
    }

    /** @param s struct @return address of the array of buffer pointers */
    public static MemorySegment buffers(MemorySegment s) {
        return (MemorySegment) BUFFERS.get(s, 0L);
    }

    /** @param s struct @param v address */
    public static void buffers(MemorySegment s, MemorySegment v) {
        BUFFERS.set(s, 0L, v);
    }

    /** @param s struct @return address of the array of child pointers */
    public static MemorySegment children(MemorySegment s) {
        return (MemorySegment) CHILDREN.get(s, 0L);
    }

    /** @param s struct @param v address */
    public static void children(MemorySegment s, MemorySegment v) {
        CHILDREN.set(s, 0L, v);
    }

    /** @param s struct @return address of the dictionary's array, possibly NULL */
    public static MemorySegment dictionary(MemorySegment s) {
        return (MemorySegment) DICTIONARY.get(s, 0L);
    }

    /** @param s struct @param v address */
    public static void dictionary(MemorySegment s, MemorySegment v) {
        DICTIONARY.set(s, 0L, v);
    }

    /** @param s struct @return the release callback, NULL once released */
    public static MemorySegment release(MemorySegment s) {
        return (MemorySegment) RELEASE.get(s, 0L);
    }

    /** @param s struct @param v callback address, or NULL to mark released */
    public static void release(MemorySegment s, MemorySegment v) {
        RELEASE.set(s, 0L, v);
    }

    /** @param s struct @return the producer's private data */
    public static MemorySegment privateData(MemorySegment s) {
        return (MemorySegment) PRIVATE_DATA.get(s, 0L);
    }

    /** @param s struct @param v the producer's private data */
    public static void privateData(MemorySegment s, MemorySegment v) {
        PRIVATE_DATA.set(s, 0L, v);
    }
}
