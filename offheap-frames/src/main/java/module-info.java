/**
 * Off-heap columnar frames: a {@code Frame} holds rows column by column in {@code java.lang.foreign}
 * memory, with a {@code Schema}, a validity bitmap per column, and kernels that run over whole columns.
 */
@SuppressWarnings("module") // dev.streamz.dataframe is absent while this module compiles on its own
module dev.streamz.frames {
    requires transitive dev.streamz;
    // The kernels use the incubating Vector API where it measurably beats C2's auto-vectorisation
    // (docs/benchmarks.md); on the class path the JVM needs --add-modules jdk.incubator.vector.
    requires jdk.incubator.vector;

    exports dev.streamz.frames;
    exports dev.streamz.frames.kernels;
    // The streaming DataFrame compiles its expressions onto these column kernels; nobody else may use them.
    exports dev.streamz.frames.internal.kernels to dev.streamz.dataframe;
}
