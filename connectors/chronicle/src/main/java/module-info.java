/**
 * Chronicle Queue journals for streamz: {@link dev.streamz.chronicle.Chronicle#sinkToChronicle} appends a
 * stream to a journal, {@link dev.streamz.chronicle.Chronicle#fromChronicle} replays one (from the start,
 * an index, a time or the end; as fast as the pipeline accepts, at the original pace or at a fixed rate),
 * with checkpoints that let a restarted replay resume without loss, element by element, in runs or in
 * off-heap frames ({@link dev.streamz.chronicle.ReplaySource#frames}).
 *
 * <p>Chronicle's own types stay out of the API: codecs read and write through
 * {@link dev.streamz.chronicle.ExcerptIn} and {@link dev.streamz.chronicle.ExcerptOut}.
 */
module dev.streamz.chronicle {
    requires transitive dev.streamz;
    // ReplaySource.frames emits off-heap frames
    requires transitive dev.streamz.frames;
    requires chronicle.queue;
    requires chronicle.bytes;
    requires chronicle.core;
    requires chronicle.wire;

    exports dev.streamz.chronicle;
}
