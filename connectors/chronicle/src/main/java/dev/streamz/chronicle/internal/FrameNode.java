package dev.streamz.chronicle.internal;

import dev.streamz.RefCounter;
import dev.streamz.Stream;
import dev.streamz.frames.Frame;
import dev.streamz.frames.FrameBuilder;
import dev.streamz.frames.RowWriter;
import dev.streamz.frames.Schema;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;

/**
 * Gathers a replay's elements into off-heap frames: a {@link RowWriter} writes each element as one row of
 * the current frame, which is emitted when it is full or when the replay flushes it.
 *
 * <p><b>Hand-over.</b> A frame travels with a {@link RefCounter} in its metadata that holds this node's
 * hold on it. Whatever keeps the frame past its emission (a ring of the compiled runtime, a {@code buffer},
 * a window) retains that counter, or the frame itself: then the next rows go into a spare or a new frame,
 * and the kept one becomes a spare again once its last holder lets go. A downstream that keeps nothing
 * costs nothing: the same frame and counter are reused, so the steady state allocates nothing per frame.
 *
 * @param <T> the element type
 */
public final class FrameNode<T> extends Stream<Frame> implements Gatherer {
    /** Frames kept for reuse once their hand-overs ended; more are freed. */
    private static final int SPARES = 4;

    private final String name;
    private final Schema schema;
    private final int rows;
    private final RowWriter<? super T> writer;
    private final ArrayBlockingQueue<Frame> spares = new ArrayBlockingQueue<>(SPARES);
    private final FrameBuilder builder;
    private Frame frame;
    private RefCounter counter;
    private List<Map<String, Object>> own;
    /** Set between runs of the replay: frames that come back then are freed, not kept. */
    private volatile boolean closed;

    /**
     * @param upstream the replay
     * @param schema the frames' columns
     * @param rows rows per frame, at least 1
     * @param writer writes one element's columns, in schema order
     */
    public FrameNode(Stream<T> upstream, Schema schema, int rows, RowWriter<? super T> writer) {
        super("frames", Map.of("rows", rows), upstream);
        this.name = upstream.operator() + " frames";
        this.schema = schema;
        this.rows = rows;
        this.writer = writer;
        fresh();
        this.builder = FrameBuilder.into(frame);
    }

    @Override
    @SuppressWarnings("unchecked")
    public void update(Object x, List<Map<String, Object>> metadata, Stream<?> from) {
        if (frame == null) { // closed after the last run: this is a new one
            closed = false;
            fresh();
            builder.reset(frame);
        }
        try {
            writer.write((T) x, builder);
            builder.endRow();
        } catch (RuntimeException | Error e) {
            builder.discardRow();
            throw userFailure(e);
        }
        if (!builder.hasRoom()) {
            CompletableFuture<Void> f = flush();
            if (f != null) {
                holdEmitter(f); // the replay reads on once the frame is accepted
            }
        }
    }

    @Override
    public int size() {
        return frame == null ? 0 : builder.rows();
    }

    @Override
    public CompletableFuture<Void> flush() {
        if (size() == 0) {
            return null;
        }
        CompletableFuture<Void> f;
        try {
            f = emitDownstreamAsync(frame, own);
        } catch (RuntimeException | Error e) {
            next(true); // its rows are dropped; a downstream may still hold the frame
            throw e;
        }
        // A pending acceptance means a node holds the frame: the next rows go elsewhere in any case.
        next(!f.isDone());
        return f.isDone() && !f.isCompletedExceptionally() ? null : f;
    }

    /** Readies a frame for the next rows: the same one if no one kept it, else a spare or a new one. */
    private void next(boolean kept) {
        if (kept || counter.count() > 1 || frame.holders() > 1) {
            counter.release(); // ours; the last holder's release makes the frame a spare again
            fresh();
        }
        builder.reset(frame);
    }

    private void fresh() {
        Frame f = spares.poll();
        if (f == null) {
            f = Frame.allocate(name, schema, rows);
        }
        Frame mine = f;
        frame = f;
        counter = new RefCounter(1, () -> recycle(mine));
        own = List.of(Map.of(RefCounter.METADATA_KEY, counter));
    }

    /** Runs on the thread that let go of the frame last: keeps it as a spare if no one else holds it. */
    private void recycle(Frame f) {
        if (closed || f.holders() != 1 || !spares.offer(f)) {
            f.release();
        }
    }

    /** Frees the frame being filled (its rows were flushed) and the spares; a later run makes new ones. */
    @Override
    public void close() {
        if (frame == null) {
            return;
        }
        closed = true;
        frame = null;
        counter.release(); // frees the frame now, or when the last downstream that kept it lets go
        for (Frame s = spares.poll(); s != null; s = spares.poll()) {
            s.release();
        }
    }
}
