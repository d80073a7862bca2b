package dev.streamz.frames.internal.arrow;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.VarHandle;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * The layout of the Arrow C Data Interface's {@code struct ArrowSchema}, written in one place:
 * <pre>
 *   const char* format; const char* name; const char* metadata; int64_t flags; int64_t n_children;
 *   struct ArrowSchema** children; struct ArrowSchema* dictionary;
 *   void (*release)(struct ArrowSchema*); void* private_data;
 * </pre>
 * 72 bytes on a 64-bit platform. The accessors take a segment of (at least) {@link #LAYOUT}'s size.
 */
public final class ArrowSchemaDescriptor {
    /** The struct. */
    public static final StructLayout LAYOUT = MemoryLayout.structLayout(
            ADDRESS.withName("format"),
            ADDRESS.withName("name"),
            ADDRESS.withName("metadata"),
            JAVA_LONG.withName("flags"),
            JAVA_LONG.withName("n_children"),
            ADDRESS.withName("children"),
            ADDRESS.withName("dictionary"),
            ADDRESS.withName("release"),
            ADDRESS.withName("private_data")).withName("ArrowSchema");

    /** {@code ARROW_FLAG_DICTIONARY_ORDERED}. */
    public static final long FLAG_DICTIONARY_ORDERED = 1;
    /** {@code ARROW_FLAG_NULLABLE}. */
    public static final long FLAG_NULLABLE = 2;

    private static final VarHandle FORMAT = handle("format");
    private static final VarHandle NAME = handle("name");
    private static final VarHandle METADATA = handle("metadata");
    private static final VarHandle FLAGS = handle("flags");
    private static final VarHandle N_CHILDREN = handle("n_children");
    private static final VarHandle CHILDREN = handle("children");
    private static final VarHandle DICTIONARY = handle("dictionary");
    private static final VarHandle RELEASE = handle("release");
    private static final VarHandle PRIVATE_DATA = handle("private_data");

    private ArrowSchemaDescriptor() {
    }

    private static VarHandle handle(String field) {
        return LAYOUT.varHandle(groupElement(field));
    }

    /** @param s struct @return the format string's address */
    public static MemorySegment format(MemorySegment s) {
        return (MemorySegment) FORMAT.get(s, 0L);
    }

    /** @param s struct @param v address */
    public static void format(MemorySegment s, MemorySegment v) {
        FORMAT.set(s, 0L, v);
    }

    /** @param s struct @return the name's address, possibly NULL */
    public static MemorySegment name(MemorySegment s) {
        return (MemorySegment) NAME.get(s, 0L);
    }

    /** @param s struct @param v address */
    public static void name(MemorySegment s, MemorySegment v) {
        NAME.set(s, 0L, v);
    }

    /** @param s struct @param v address */
    public static void metadata(MemorySegment s, MemorySegment v) {
        METADATA.set(s, 0L, v);
    }

    /** @param s struct @return flags */
    public static long flags(MemorySegment s) {
        return (long) FLAGS.get(s, 0L);
    }

    /** @param s struct @param v flags */
    public static void flags(MemorySegment s, long v) {
        FLAGS.set(s, 0L, v);
    }

    /** @param s struct @return number of children */
    public static long nChildren(MemorySegment s) {
        return (long) N_CHILDREN.get(s, 0L);
    }

    /** @param s struct @param v number of children */
    public static void nChildren(MemorySegment s, long v) {
        N_CHILDREN.set(s, 0L, v);
    }

    /** @param s struct @return address of the array of child pointers */
    public static MemorySegment children(MemorySegment s) {
        return (MemorySegment) CHILDREN.get(s, 0L);
    }

    /** @param s struct @param v address */
    public static void children(MemorySegment s, MemorySegment v) {
        CHILDREN.set(s, 0L, v);
    }

    /** @param s struct @return address of the dictionary's schema, possibly NULL */
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
