/**
 * streamz's streaming DataFrame on off-heap frames: streaming and updating frames and series, reductions
 * over all time, cumulative operations, group-by, row and time windows, rolling, expanding and
 * exponentially weighted aggregations.
 *
 * <p>A module of its own, beside {@code dev.streamz.frames}: users who need only frames and their kernels
 * keep that small dependency; this module brings the pandas-like API on top.
 */
module dev.streamz.dataframe {
    requires transitive dev.streamz;
    requires transitive dev.streamz.frames;

    exports dev.streamz.dataframe;
}
