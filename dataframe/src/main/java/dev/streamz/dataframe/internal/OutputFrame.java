package dev.streamz.dataframe.internal;

import dev.streamz.RefCounter;
import dev.streamz.frames.Frame;
import dev.streamz.frames.Schema;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;

/**
 * The frame an operation emits, lent to its downstreams for one emission and reused for the next, so the
 * steady state allocates nothing.
 *
 * <p><b>Hand-over.</b> Each frame travels with a {@link RefCounter} in its metadata ({@link #metadata}),
 * which holds this operation's hold on the frame. Whatever keeps an element past its emission retains
 * that counter: a ring of the compiled runtime until the segment behind it is done, a {@code buffer}, a
 * window, a join. So at the next emission, a count above one means the frame is still in use elsewhere:
 * the operation lets go of it (it goes back to a few spare frames when the last holder releases it, or is
 * freed) and writes into a spare or fresh frame instead. A downstream that {@link Frame#retain()}s the
 * frame itself gets the same treatment. Synchronous downstreams that keep nothing cost nothing: the same
 * frame and counter are reused.
 */
public final class OutputFrame implements FrameLender {
    /** Frames kept for reuse once their hand-overs ended; more are freed. */
    private static final int SPARES = 4;

    private final String name;
    private final Schema schema;
    private final ArrayBlockingQueue<Frame> spares = new ArrayBlockingQueue<>(SPARES);
    private Frame frame;
    private RefCounter counter;
    private List<Map<String, Object>> own;

    /**
     * @param name the frames' name (the operation, for error messages)
     * @param schema their schema
     */
    public OutputFrame(String name, Schema schema) {
        this.name = name;
        this.schema = schema;
    }

    /**
     * @param rows rows the next emission needs
     * @return a frame of at least that capacity, with no rows yet, that no one else holds
     */
    public Frame next(int rows) {
        int capacity = 16;
        if (frame != null) {
            capacity = Math.max(capacity, frame.capacity());
            if (counter.count() > 1 || frame.holders() > 1 || frame.capacity() < rows) {
                counter.release(); // ours; the last holder's release recycles the frame
                frame = null;
            }
        }
        if (frame == null) {
            Frame f = spares.poll();
            while (f != null && f.capacity() < rows) {
                f.release();
                f = spares.poll();
            }
            if (f == null) {
                f = Frame.allocate(name, schema, Math.max(capacity, rows));
            }
            Frame kept = f;
            frame = f;
            counter = new RefCounter(1, () -> recycle(kept));
            own = List.of(Map.of(RefCounter.METADATA_KEY, counter));
        }
        frame.setRowCount(0);
        return frame;
    }

    /** Runs on the thread that let go of the frame last: keeps it as a spare if no one else holds it. */
    private void recycle(Frame f) {
        if (f.holders() != 1 || !spares.offer(f)) {
            f.release();
        }
    }

    /**
     * The metadata to emit the current frame with: the upstream's, then this frame's counter.
     *
     * @param upstream the metadata of the element the frame was computed from
     * @return the metadata (shared, not copied, when the upstream has none)
     */
    @Override
    public List<Map<String, Object>> metadata(List<Map<String, Object>> upstream) {
        return FrameLender.concat(upstream, own);
    }

    /**
     * Marks rows {@code [0, rows)} of a validity bitmap present.
     *
     * @param validity the bitmap
     * @param rows the rows
     */
    public static void allPresent(MemorySegment validity, int rows) {
        int bytes = (rows + 7) >>> 3;
        int i = 0;
        for (; i + 8 <= bytes; i += 8) {
            validity.set(ValueLayout.JAVA_LONG_UNALIGNED, i, -1L); // 64 rows per store
        }
        for (; i < bytes; i++) {
            validity.set(ValueLayout.JAVA_BYTE, i, (byte) 0xFF);
        }
    }
}
