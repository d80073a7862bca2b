package dev.streamz.dataframe.internal;

import dev.streamz.Stream;
import dev.streamz.ThrowingFunction;
import dev.streamz.frames.Frame;

import java.util.List;
import java.util.Map;

/**
 * A {@code map} whose result is a frame from a {@link FrameLender}: emits it with the element's metadata
 * plus the frame's {@link dev.streamz.RefCounter}, so any node or ring that keeps the frame past the
 * emission holds it, and the operation writes its next result elsewhere (see {@link OutputFrame}).
 *
 * @param <T> the input type
 */
public final class LendingMap<T> extends Stream<Frame> {
    private final FrameLender frames;
    private final ThrowingFunction<? super T, Frame> fn;

    /**
     * @param upstream the input
     * @param op the operation, shown in graph descriptions and errors
     * @param frames where {@code fn} writes its results
     * @param fn computes the result frame of one element (a frame from {@code frames})
     */
    public LendingMap(Stream<T> upstream, String op, FrameLender frames, ThrowingFunction<? super T, Frame> fn) {
        super("map", Map.of("dataframe", op), upstream);
        this.frames = frames;
        this.fn = fn;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void update(Object x, List<Map<String, Object>> metadata, Stream<?> from) {
        Frame y;
        try {
            y = fn.applyChecked((T) x);
        } catch (Throwable e) {
            throw userFailure(e);
        }
        List<Map<String, Object>> md = frames.metadata(metadata);
        Stream<?>[] ds = beginEmit(y, md);
        if (ds.length == 1) {
            ds[0].update(y, md, this);
        } else {
            for (Stream<?> d : ds) {
                d.update(y, md, this);
            }
        }
    }
}
