/**
 * Kernels over whole columns of {@link dev.streamz.frames.Frame}s: reductions, selections, element-wise
 * comparisons, arithmetic, logic and casts, cumulative operations, group-by aggregation and rolling windows,
 * with pandas' rules for NaN and nulls.
 *
 * <p>Everything here is built once and reused frame after frame: a {@link dev.streamz.frames.kernels.Selection},
 * a {@link dev.streamz.frames.kernels.GroupByAggregator}, a {@link dev.streamz.frames.kernels.RollingWindow}
 * and a {@link dev.streamz.frames.kernels.CumulativeColumn} allocate nothing per frame once their key set and
 * capacity are stable. The kernels use the JDK's incubating Vector API where it measured faster than plain
 * loops; on the class path the JVM needs {@code --add-modules jdk.incubator.vector}, and without it the first
 * kernel call fails with an {@code IllegalStateException} that names the flag.
 */
package dev.streamz.frames.kernels;
