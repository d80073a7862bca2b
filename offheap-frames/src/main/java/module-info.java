/**
 * Off-heap columnar frames: a {@code Frame} holds rows column by column in {@code java.lang.foreign}
 * memory, with a {@code Schema}, a validity bitmap per column, and kernels that run over whole columns.
 */
module dev.streamz.frames {
    requires transitive dev.streamz;

    exports dev.streamz.frames;
}
