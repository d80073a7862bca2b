package dev.streamz.chronicle;

import dev.streamz.RefCounter;
import dev.streamz.Scheduler;
import dev.streamz.Source;
import dev.streamz.Stream;
import dev.streamz.StreamException;
import dev.streamz.chronicle.internal.BytesIn;
import dev.streamz.chronicle.internal.Checksums;
import dev.streamz.chronicle.internal.CheckpointStore;
import dev.streamz.chronicle.internal.CommitTracker;
import dev.streamz.chronicle.internal.FrameNode;
import dev.streamz.chronicle.internal.Gatherer;
import dev.streamz.chronicle.internal.Journals;
import dev.streamz.chronicle.internal.MappedScan;
import dev.streamz.chronicle.internal.RunNode;
import dev.streamz.frames.Frame;
import dev.streamz.frames.RowWriter;
import dev.streamz.frames.Schema;
import dev.streamz.internal.time.EmitContext;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.AbstractWire;
import net.openhft.chronicle.wire.DocumentContext;
import net.openhft.chronicle.wire.Wire;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

/**
 * A source that replays a Chronicle Queue journal written by a {@link JournalSink}. Made by
 * {@link Chronicle#fromChronicle(Path, ExcerptCodec, ReplayOptions)}.
 *
 * <p><b>How it runs.</b> Reading happens on the graph's scheduler, in batches: each excerpt is decoded in
 * place and emitted, and the next is read only after the graph has accepted it (back pressure). A timed
 * {@link Pace} waits on the scheduler's clock, so a {@code VirtualScheduler} replays in virtual time. At the
 * end of the journal the source stops (its {@link #completion()} completes) unless it is
 * {@linkplain ReplayOptions#tail(boolean) tailing}.
 *
 * <p><b>How it reads.</b> A replay as fast as accepted and without a checkpoint reads runs of excerpts
 * straight from the mapped cycle file: after the Chronicle tailer has read an excerpt, the replay reads on
 * through the excerpts that follow it in Chronicle Wire's layout (a 4-byte header, then the excerpt), for
 * as long as each one is complete and lies in the mapped chunk (verifying its checksum, if it has one), and
 * then moves the tailer past them. Whatever stops such a run (the end of what is written, an excerpt being
 * written, the end of a cycle file or of a mapped chunk, a short excerpt, the end of a batch, an element a
 * node holds) is left to the tailer. The elements, their order, their indexes and the errors are the
 * same either way; the direct read costs a fraction of the tailer's per excerpt.
 *
 * <p><b>Errors.</b> A directory that is missing, unreadable or not a journal fails {@link #start()} with a
 * message naming it. A codec that throws on one excerpt, or an emission that fails downstream, is reported
 * to the scheduler's error handler (naming the cycle file and the excerpt's index) and the replay goes on.
 * A journal that cannot be read further (a corrupt or truncated cycle file) is reported the same way after
 * everything before it was replayed; then the source stops in a failed state: {@link #isStopped()} is true,
 * {@link #failure()} says why, and {@link #completion()} completes exceptionally. Any other
 * {@code Throwable} (an {@code Error} included) does the same: nothing kills the replay silently.
 *
 * <p><b>Checkpoints.</b> See {@link ReplayOptions#checkpoint(String)}.
 *
 * @param <T> the element type
 */
public final class ReplaySource<T> extends Source<T> {
    /** Excerpts read per scheduler task before yielding to other tasks. */
    private static final int BATCH = 4096;
    private static final List<Map<String, Object>> NO_METADATA = List.of();
    /**
     * How long a tailing replay waits at one place (no new excerpt) before it checks whether the journal is
     * damaged there, and again after each further such interval. Long enough that a writer in the middle of
     * an append is never mistaken for damage.
     */
    static final Duration TAIL_CHECK_AFTER = Duration.ofSeconds(1);

    private final Path dir;
    private final ExcerptCodec<? extends T> codec;
    private final ReplayOptions options;

    private volatile Run current;
    private volatile CompletableFuture<Void> completion = CompletableFuture.completedFuture(null);
    private volatile long replayed;
    // Written per excerpt on the scheduler; plain fields (a volatile store per excerpt would cost a fence).
    private long lastIndex = -1;
    private long lastTime = Long.MIN_VALUE;
    private volatile long failedExcerpts;
    /** Excerpts read by scans rather than by the tailer, for tests. */
    private long scanned;
    /** The nodes made by {@link #runs} and {@link #frames}; the replay flushes them before it yields, waits or stops. */
    private final List<Gatherer> gatherers = new CopyOnWriteArrayList<>();

    ReplaySource(Path dir, ExcerptCodec<? extends T> codec, ReplayOptions options) {
        super("from_chronicle", Map.of("dir", dir.toString(), "codec", codec.name(), "from", options.from().toString(),
                "pace", options.pace().toString(), "tail", options.tail(),
                "checkpoint", options.checkpointName() == null ? "" : options.checkpointName()));
        this.dir = dir;
        this.codec = codec;
        this.options = options;
    }

    /**
     * Returns the journal's directory.
     *
     * @return the journal's directory
     */
    public Path dir() {
        return dir;
    }

    /**
     * Returns the options.
     *
     * @return the options
     */
    public ReplayOptions options() {
        return options;
    }

    /**
     * Returns how many excerpts the current (or last) run has read, codec failures included.
     *
     * @return how many excerpts the current (or last) run has read, codec failures included
     */
    public long replayed() {
        return replayed;
    }

    /**
     * Returns the Chronicle index of the last excerpt read, or -1; exact on the replay's own thread (in a.
     *
     * @return the Chronicle index of the last excerpt read, or -1; exact on the replay's own thread (in a
     *     sink, it is the index of the element being delivered), eventually visible on others
     */
    public long lastIndex() {
        return lastIndex;
    }

    /**
     * Returns the append time of the last excerpt read, in nanoseconds since the epoch, or.
     *
     * @return the append time of the last excerpt read, in nanoseconds since the epoch, or
     *     {@code Long.MIN_VALUE}; exact on the replay's own thread, like {@link #lastIndex()}
     */
    public long lastTimeNanos() {
        return lastTime;
    }

    /**
     * Returns how many excerpts of the current (or last) run were skipped because their decoding or emission failed.
     *
     * @return how many excerpts of the current (or last) run were skipped because their decoding or emission failed
     */
    public long failedExcerpts() {
        return failedExcerpts;
    }

    /** @return how many excerpts scans have read straight from the mapped file (for tests; on the replay's thread) */
    long scannedExcerpts() {
        return scanned;
    }

    /**
     * Returns completes when the current run stops: normally at the end of the journal, at the limit or on.
     *
     * @return completes when the current run stops: normally at the end of the journal, at the limit or on
     *     {@link #stop()}; exceptionally with the failure when it failed
     */
    public CompletableFuture<Void> completion() {
        return completion;
    }

    /**
     * Returns the committed index of the checkpoint, if this is a named replay and one was committed.
     *
     * @return the committed index of the checkpoint, if this is a named replay and one was committed
     */
    public Optional<Long> checkpoint() {
        if (options.checkpointName() == null) {
            return Optional.empty();
        }
        Run r = current;
        if (r != null && r.store != null) {
            long c = r.store.read();
            return c == CheckpointStore.NONE ? Optional.empty() : Optional.of(c);
        }
        try (CheckpointStore s = new CheckpointStore(checkpointDir(), options.checkpointName())) {
            long c = s.read();
            return c == CheckpointStore.NONE ? Optional.empty() : Optional.of(c);
        }
    }

    /**
     * The replay in runs: each element is copied with {@code copy} into a list, and the list is emitted
     * when it holds {@code maxRun} elements, or earlier when the replay yields its scheduler (after each
     * batch of reads), reaches the end of the journal, waits for its pace or stops, so no element waits
     * longer than the replay's current batch. For a consumer that takes elements in bulk, such as a
     * compiled pipeline's {@code PipelineInput.emitAll}:
     * {@code replay.runs(256, Tick::copy).sink(pipeline::emitAll)} claims and publishes ring slots once
     * per run instead of once per element.
     *
     * <p>The list is reused for the next run once it has been accepted, so it is valid only during the
     * downstream's call: a node that keeps it must copy it. While a run is not accepted yet (a full
     * buffer downstream), the replay reads no further. The elements of a run carry no metadata, so runs
     * are refused on a {@linkplain ReplayOptions#checkpoint(String) named replay}, whose checkpoint needs
     * each element's {@code RefCounter}.
     *
     * @param maxRun the most elements per run, at least 1
     * @param copy makes the element kept in the run from the decoded one (which the zero-copy codec
     *     overwrites with the next excerpt); {@code UnaryOperator.identity()} for a codec that makes a new
     *     element per excerpt
     * @return the stream of runs
     * @throws IllegalArgumentException if {@code maxRun} is less than 1
     * @throws IllegalStateException on a named replay
     * @throws NullPointerException if {@code copy} is null
     */
    public Stream<List<T>> runs(int maxRun, UnaryOperator<T> copy) {
        if (copy == null) {
            throw new NullPointerException("runs: copy must not be null");
        }
        if (maxRun < 1) {
            throw new IllegalArgumentException("runs: maxRun must be at least 1, got " + maxRun);
        }
        refuseOnNamedReplay("runs", "runs carry no metadata");
        RunNode<T> n = new RunNode<>(this, maxRun, copy);
        gatherers.add(n);
        return n;
    }

    /**
     * The replay in off-heap frames: {@code writer} writes each element as one row of the current frame
     * (its {@code add*} calls, in schema order), and the frame is emitted when it holds
     * {@code rowsPerFrame} rows, or earlier when the replay yields its scheduler, reaches the end of the
     * journal, waits for its pace or stops, as {@link #runs} does. The frames feed a
     * {@code StreamingDataFrame} ({@code StreamingDataFrame.from(replay.frames(...), schema)}) or any frame
     * operator. With the zero-copy codec ({@link ExcerptCodec#reusing}) nothing is allocated per excerpt,
     * and nothing per frame while no downstream keeps one.
     *
     * <p>Each frame travels with a {@link RefCounter} in its metadata. A node that keeps the frame past its
     * emission (a {@code buffer}, a window, the ring of a compiled pipeline) holds it through that counter,
     * or by {@link Frame#retain()}: the next rows then go into another frame, and the kept one is reused once
     * its last holder lets go. A downstream that keeps a frame any other way must retain it. A
     * {@code writer} that throws on an element drops that element's partial row and is reported like a
     * failed emission; the replay goes on. Refused on a {@linkplain ReplayOptions#checkpoint(String) named
     * replay}, as runs are. Needs the {@code streamz-offheap-frames} module.
     *
     * @param schema the frames' columns
     * @param rowsPerFrame rows per frame, at least 1
     * @param writer writes one element's columns
     * @return the stream of frames
     * @throws IllegalArgumentException if {@code rowsPerFrame} is less than 1
     * @throws IllegalStateException on a named replay
     * @throws NullPointerException if {@code schema} or {@code writer} is null
     */
    public Stream<Frame> frames(Schema schema, int rowsPerFrame, RowWriter<? super T> writer) {
        if (schema == null || writer == null) {
            throw new NullPointerException("frames: schema and writer must not be null");
        }
        if (rowsPerFrame < 1) {
            throw new IllegalArgumentException("frames: rowsPerFrame must be at least 1, got " + rowsPerFrame);
        }
        refuseOnNamedReplay("frames", "a frame of rows carries one");
        FrameNode<T> n = new FrameNode<>(this, schema, rowsPerFrame, writer);
        gatherers.add(n);
        return n;
    }

    /** Runs and frames need each element alone: a named replay's checkpoint needs each element's RefCounter. */
    private void refuseOnNamedReplay(String op, String why) {
        if (options.checkpointName() != null) {
            throw new IllegalStateException(op + ": replay '" + options.checkpointName() + "' of " + dir
                    + " keeps a checkpoint, which needs each element's RefCounter; " + why);
        }
    }

    /**
     * Emits the runs gathered so far. A downstream that throws is reported like a failed emission, for
     * every element of the run.
     *
     * @return the acceptance of a run the downstream still holds (or that failed asynchronously), else null
     */
    private CompletableFuture<Void> flushRuns(Run r) {
        CompletableFuture<Void> pending = null;
        for (Gatherer node : gatherers) {
            int n = node.size();
            CompletableFuture<Void> f;
            try {
                f = node.flush();
            } catch (RuntimeException e) {
                failedExcerpts += n - 1; // reportEmission counts one
                reportEmission(r, lastIndex, e, null);
                continue;
            }
            if (f != null) {
                pending = pending == null ? f : CompletableFuture.allOf(pending, f);
            }
        }
        return pending;
    }

    /**
     * Before the replay yields its scheduler: emits the gathered runs, and goes on reading now if they were
     * accepted; otherwise once they are.
     */
    private void yieldBatch(Run r) {
        publish(r);
        CompletableFuture<Void> held = gatherers.isEmpty() ? null : flushRuns(r);
        if (held != null) {
            resumeWhenAccepted(r, held, lastIndex, null);
            return;
        }
        r.scheduler.execute(() -> drain(r));
    }

    private Path checkpointDir() {
        return options.checkpointDir() != null ? options.checkpointDir() : dir;
    }

    @Override
    protected void onStart(Scheduler scheduler) {
        Journals.checkReadable(dir);
        replayed = 0;
        failedExcerpts = 0;
        completion = new CompletableFuture<>();
        Run r = new Run(scheduler);
        try {
            r.open();
        } catch (RuntimeException | Error e) {
            r.close();
            completion.completeExceptionally(e);
            throw e;
        }
        current = r;
        scheduler.execute(() -> drain(r));
    }

    @Override
    protected void onStop() {
        Run r = current;
        current = null;
        if (r != null) {
            Scheduler.Task t = r.timer;
            if (t != null) {
                t.cancel();
            }
            // Close on the scheduler, after any drain task already queued: the tailer is confined to it. The
            // runs gathered so far are emitted first: their elements were read.
            r.scheduler.execute(() -> {
                try {
                    flushRuns(r);
                } finally {
                    gatherers.forEach(Gatherer::close);
                    r.close();
                }
            });
        }
        Throwable f = failure().orElse(null); // set by markFailed before it calls onStop
        if (f != null) {
            completion.completeExceptionally(f);
        } else {
            completion.complete(null);
        }
    }

    private void drain(Run r) {
        if (r != current) {
            return;
        }
        r.timer = null;
        markStarted();
        try {
            drainBatch(r);
        } catch (Throwable e) {
            fail(r, "replay of " + dir + " failed at " + r.where(), e);
        }
    }

    private void drainBatch(Run r) {
        if (r.tracker == null && options.pace() instanceof Pace.Fast) {
            drainFast(r);
        } else {
            drainPaced(r);
        }
    }

    /**
     * The loop of the common replay, as fast as accepted and without a checkpoint: read, decode, emit,
     * nothing else per excerpt. The tailer reads one excerpt; then {@link #scanOn} reads on from it straight
     * from the mapped cycle file for as long as the excerpts are plain (complete, inside the mapped chunk),
     * and moves the tailer past them; the tailer reads whatever stopped the scan. Every rare
     * case is in a method of its own, so that the loops stay small enough for the JIT to compile the read,
     * the codec and the emission into one loop body.
     */
    private void drainFast(Run r) {
        ExcerptTailer tailer = r.tailer;
        BytesIn in = r.in;
        ExcerptCodec<? extends T> codec = this.codec;
        long limit = options.limit();
        // One comparison per excerpt for both the batch and the limit; which one it was is decided after.
        long count = r.count;
        long stop = Math.min(limit, count + BATCH);
        // This thread's emission context, looked up once per batch: emitDownstreamAsync looks it up per call.
        EmitContext ctx = EmitContext.current();
        while (count < stop) {
            T value;
            boolean scannable;
            try (DocumentContext dc = tailer.readingDocument()) {
                if (!dc.isPresent()) {
                    endOfJournal(r);
                    return;
                }
                Bytes<?> b = dc.wire().bytes();
                r.count = ++count;
                lastIndex = dc.index();
                if (b.readRemaining() < Journals.TIME_BYTES) {
                    shortExcerpt(r, lastIndex, b);
                    continue;
                }
                long word = b.readLong();
                if (Journals.checksummed(word)) {
                    lastTime = word & Journals.TIME_MASK;
                    if (!r.checksums().verify(b)) {
                        reportExcerpt(r, lastIndex, "fails its CRC32C checksum: its payload is damaged", null);
                        continue;
                    }
                } else {
                    lastTime = word;
                }
                scannable = r.startScan(dc.wire(), b);
                in.wrap(b);
                try {
                    value = codec.decode(in);
                } catch (RuntimeException e) {
                    r.scan.clear();
                    reportExcerpt(r, lastIndex, "could not be decoded by codec '" + codec.name() + "'", e);
                    continue;
                } finally {
                    in.clear();
                }
            }
            CompletableFuture<Void> accepted = emitFast(r, ctx, value);
            if (accepted != EmitContext.ACCEPTED && heldOrFailed(r, accepted)) {
                r.scan.clear();
                return;
            }
            if (scannable) {
                count = scanOn(r, ctx, lastIndex + 1, count, stop);
                if (count < 0) {
                    return;
                }
            }
        }
        if (count >= limit) {
            publish(r);
            flushRuns(r);
            markExhausted();
        } else {
            yieldBatch(r);
        }
    }

    /**
     * Reads on from the excerpt the tailer has just read, straight from the mapped cycle file (see
     * {@link MappedScan}), until the batch ends or the scan meets anything but a plain excerpt; then moves the
     * tailer past what it read.
     *
     * @param index the Chronicle index of the next excerpt: the one after the tailer's
     * @return the count of excerpts read, or -1 when the replay now waits for a held element
     */
    private long scanOn(Run r, EmitContext ctx, long index, long count, long stop) {
        MappedScan scan = r.scan;
        BytesIn in = r.in;
        ExcerptCodec<? extends T> codec = this.codec;
        long first = index;
        while (count < stop && scan.next()) {
            if (scan.length() < Journals.TIME_BYTES) {
                break; // the tailer reads it and reports it
            }
            scan.consume();
            r.count = ++count;
            lastIndex = index++;
            long word = scan.longAt(0);
            long payloadAt = Journals.TIME_BYTES;
            if (Journals.checksummed(word)) {
                lastTime = word & Journals.TIME_MASK;
                if (!scan.checksumMatches(r.checksums())) {
                    reportExcerpt(r, lastIndex, "fails its CRC32C checksum: its payload is damaged", null);
                    continue;
                }
                payloadAt += Journals.CHECKSUM_BYTES;
            } else {
                lastTime = word;
            }
            T value;
            scan.wrap(in, payloadAt);
            try {
                value = codec.decode(in);
            } catch (RuntimeException e) {
                reportExcerpt(r, lastIndex, "could not be decoded by codec '" + codec.name() + "'", e);
                continue;
            } finally {
                in.clear();
            }
            CompletableFuture<Void> accepted = emitFast(r, ctx, value);
            if (accepted != EmitContext.ACCEPTED) {
                if (!accepted.isDone()) {
                    endScan(r, first, index);
                    resumeWhenAccepted(r, accepted, lastIndex, null);
                    return -1;
                }
                heldOrFailed(r, accepted); // reports the failure; the replay goes on
            }
        }
        endScan(r, first, index);
        return count;
    }

    /**
     * Ends a scan that read the excerpts from {@code first} to before {@code next}: moves the tailer to the
     * last of them and reads it again, so that the tailer goes on after it. A tailer that cannot be moved
     * there, or finds another excerpt there, fails the replay: the scan and Chronicle disagree on the file.
     */
    private void endScan(Run r, long first, long next) {
        r.scan.clear();
        if (next == first) {
            return;
        }
        scanned += next - first;
        long last = next - 1;
        ExcerptTailer t = r.tailer;
        if (t.moveToIndex(last)) {
            try (DocumentContext dc = t.readingDocument()) {
                if (dc.isPresent() && dc.index() == last) {
                    return;
                }
            }
        }
        throw new IllegalStateException("the tailer of " + dir + " cannot be moved past excerpt " + hex(last)
                + ", read from " + Journals.fileOf(r.queue, t) + " directly");
    }

    /**
     * What emitDownstreamAsync(value, List.of()) does, with the context looked up once per batch and this
     * class's own call site for the downstream nodes (monomorphic in a typical graph, so the JIT inlines the
     * first node; a call site shared by every source sees every node type). A single downstream is called
     * without a loop, as Stream's own dispatch does: an inner loop here cost the replay a tenth of its speed.
     *
     * @return the acceptance: {@link EmitContext#ACCEPTED} when accepted at once or when the emission threw
     *     (reported here)
     */
    private CompletableFuture<Void> emitFast(Run r, EmitContext ctx, T value) {
        int mark = ctx.begin();
        try {
            Stream<?>[] ds = beginEmit(value, NO_METADATA);
            if (ds.length == 1) {
                ds[0].update(value, NO_METADATA, this);
            } else {
                for (Stream<?> d : ds) {
                    d.update(value, NO_METADATA, this);
                }
            }
        } catch (RuntimeException e) {
            ctx.abandon(mark);
            reportEmission(r, lastIndex, e, null);
            return EmitContext.ACCEPTED;
        } catch (Error e) {
            ctx.abandon(mark);
            throw e;
        }
        return ctx.end(mark);
    }

    /**
     * A node held the element just emitted, or its acceptance failed at once: waits for the hold (and
     * returns true, the replay goes on when it is accepted) or reports the failure (false: go on now).
     */
    private boolean heldOrFailed(Run r, CompletableFuture<Void> accepted) {
        if (!accepted.isDone()) {
            resumeWhenAccepted(r, accepted, lastIndex, null);
            return true;
        }
        if (accepted.isCompletedExceptionally()) {
            reportEmission(r, lastIndex, accepted.handle((v, e) -> e).join(), null);
        }
        return false;
    }

    /** No excerpt to read: wait for more when tailing, else end the replay (or fail it on a corrupt tail). */
    private void endOfJournal(Run r) {
        publish(r);
        flushRuns(r);
        if (options.tail()) {
            String stalled = r.stalledTail();
            if (stalled != null) {
                fail(r, stalled, null);
                return;
            }
            r.timer = r.scheduler.schedule(() -> drain(r), options.pollInterval());
            return;
        }
        String lost = unreadableTail(r);
        if (lost != null) {
            fail(r, lost, null);
        } else {
            markExhausted();
        }
    }

    private void shortExcerpt(Run r, long index, Bytes<?> b) {
        reportExcerpt(r, index, "is " + b.readRemaining() + " bytes long, shorter than its "
                + Journals.TIME_BYTES + "-byte append time: not written by a journal sink", null);
        skipInCheckpoint(r, index);
    }

    /** Goes on reading once the graph has accepted the element that a node holds. */
    private void resumeWhenAccepted(Run r, CompletableFuture<Void> accepted, long index, Pending pending) {
        publish(r);
        accepted.whenComplete((v, e) -> {
            if (e != null) {
                reportEmission(r, index, e, pending);
            }
            r.scheduler.execute(() -> drain(r));
        });
    }

    /** The general loop: timed paces and checkpoints. */
    private void drainPaced(Run r) {
        ExcerptTailer tailer = r.tailer;
        Pace pace = options.pace();
        long limit = options.limit();
        for (int n = 0; n < BATCH; n++) {
            if (r.count >= limit) {
                publish(r);
                flushRuns(r);
                markExhausted();
                return;
            }
            T value;
            long index;
            boolean decoded;
            try (DocumentContext dc = tailer.readingDocument()) {
                if (!dc.isPresent()) {
                    endOfJournal(r);
                    return;
                }
                index = dc.index();
                Bytes<?> b = dc.wire().bytes();
                if (b.readRemaining() < Journals.TIME_BYTES) {
                    r.count++;
                    lastIndex = index;
                    shortExcerpt(r, index, b);
                    continue;
                }
                long word = b.readLong();
                boolean summed = Journals.checksummed(word);
                long time = summed ? word & Journals.TIME_MASK : word;
                if (!(pace instanceof Pace.Fast)) {
                    long wait = waitNanos(r, pace, time);
                    if (wait > 0) {
                        dc.rollbackOnClose(); // read it again when it is due
                        publish(r);
                        flushRuns(r);
                        r.timer = r.scheduler.schedule(() -> drain(r), Duration.ofNanos(wait));
                        return;
                    }
                }
                r.count++;
                lastIndex = index;
                lastTime = time;
                if (summed && !r.checksums().verify(b)) {
                    reportExcerpt(r, index, "fails its CRC32C checksum: its payload is damaged", null);
                    skipInCheckpoint(r, index);
                    continue;
                }
                r.in.wrap(b);
                try {
                    value = codec.decode(r.in);
                    decoded = true;
                } catch (RuntimeException e) {
                    value = null;
                    decoded = false;
                    reportExcerpt(r, index, "could not be decoded by codec '" + codec.name() + "'", e);
                    skipInCheckpoint(r, index);
                } finally {
                    r.in.clear();
                }
            }
            if (!decoded) {
                continue;
            }
            CompletableFuture<Void> accepted;
            Pending p = null;
            // drain runs on the scheduler, so the emission is synchronous: emitDownstreamAsync is what emitAsync
            // does there, without re-checking the thread and the metadata per excerpt.
            try {
                if (r.tracker == null) {
                    accepted = emitDownstreamAsync(value, List.of());
                } else {
                    p = new Pending(r, r.tracker.register(index));
                    accepted = emitDownstreamAsync(value, List.of(Map.of(RefCounter.METADATA_KEY, new RefCounter(p))));
                }
            } catch (RuntimeException e) {
                accepted = CompletableFuture.failedFuture(e);
            }
            if (!accepted.isDone()) {
                resumeWhenAccepted(r, accepted, index, p);
                return;
            }
            if (accepted.isCompletedExceptionally()) {
                Throwable cause = accepted.handle((v, e) -> e).join();
                reportEmission(r, index, cause, p);
            }
        }
        yieldBatch(r);
    }

    /**
     * At the end of a replay that does not tail, or after a tailing replay stayed at one place for
     * {@link #TAIL_CHECK_AFTER}: did reading stop before what the journal's own index lists, or before a
     * later cycle file? That is a corrupt or truncated cycle file (Chronicle stops at a header it cannot read
     * as if the journal ended there).
     */
    private String unreadableTail(Run r) {
        ExcerptTailer t = r.tailer;
        try {
            int cycle = t.cycle();
            long next = t.index();
            // Counted by a second tailer: excerptsInCycle repositions the tailer it is asked, and the live one
            // must stay where it is (a tailing replay reads on from there).
            long listed = r.probe().excerptsInCycle(cycle);
            long seq = r.queue.rollCycle().toSequenceNumber(next);
            if (listed > 0 && seq < listed && cycle == r.queue.rollCycle().toCycle(next)) {
                return "journal cycle file " + Journals.fileOf(r.queue, t) + " is corrupt or truncated: its index lists "
                        + listed + " excerpts but reading stopped at excerpt " + seq + " (index " + hex(next)
                        + "); the rest of the journal cannot be replayed";
            }
            int lastCycle = r.queue.lastCycle();
            if (lastCycle != Integer.MIN_VALUE && lastCycle > cycle) {
                return "journal " + dir + ": reading stopped in " + Journals.fileOf(r.queue, t) + " at index " + hex(next)
                        + " but later cycle files exist (up to cycle " + lastCycle + "): corrupt cycle file";
            }
            return null;
        } catch (RuntimeException | AssertionError e) {
            return "journal " + dir + ": cannot check the end of " + Journals.fileOf(r.queue, t) + " (" + e + "): corrupt cycle file";
        }
    }

    private long waitNanos(Run r, Pace pace, long time) {
        long now = r.scheduler.now();
        if (!r.paceStarted) {
            r.paceStarted = true;
            r.paceStart = now;
            r.firstTime = time;
            return 0;
        }
        long due;
        if (pace instanceof Pace.Original o) {
            due = r.paceStart + (long) ((time - r.firstTime) / o.speed());
        } else {
            due = r.paceStart + (long) (r.count * (1e9 / ((Pace.FixedRate) pace).perSecond()));
        }
        return due - now;
    }

    private void skipInCheckpoint(Run r, long index) {
        if (r.tracker != null) {
            new Pending(r, r.tracker.register(index)).run();
        }
    }

    private void publish(Run r) {
        replayed = r.count;
    }

    private void reportExcerpt(Run r, long index, String what, Throwable cause) {
        failedExcerpts++;
        r.scheduler.reportError(new StreamException(this, "excerpt " + hex(index) + " in " + Journals.fileOf(r.queue, r.tailer)
                + " " + what + "; skipped, the replay goes on", cause));
    }

    private void reportEmission(Run r, long index, Throwable e, Pending p) {
        if (p != null) {
            // Reported and skipped, like a failure behind any scheduler-driven node: the checkpoint moves past
            // it rather than holding every later excerpt back.
            p.run();
        }
        Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        failedExcerpts++;
        r.scheduler.reportError(cause instanceof StreamException se ? se
                : new StreamException(this, "emitting excerpt " + hex(index) + " of " + dir + " failed", cause));
    }

    private void fail(Run r, String detail, Throwable e) {
        if (r != current) {
            return;
        }
        publish(r);
        try {
            flushRuns(r); // what was read before the failure is delivered
        } catch (RuntimeException | Error ignored) {
            // the replay fails anyway, with the cause below
        }
        StreamException se = new StreamException(this, detail + (e == null ? "" : ": " + e) + "; the " + r.count
                + " excerpts before it were replayed", e);
        markFailed(detail, se); // reports se, sets failure(), stops
    }

    static String hex(long index) {
        return index + " (0x" + Long.toHexString(index) + ")";
    }

    /** The RefCounter callback of one excerpt: releases its place in the commit order, once. */
    private final class Pending implements Runnable {
        private final Run run;
        private final long seq;
        private boolean done; // guarded by run.tracker

        Pending(Run run, long seq) {
            this.run = run;
            this.seq = seq;
        }

        @Override
        public void run() {
            synchronized (run.tracker) {
                if (done) {
                    return;
                }
                done = true;
                run.tracker.release(seq);
            }
        }
    }

    /** The resources and position of one run (one start); confined to the scheduler after {@link #open()}. */
    private final class Run {
        final Scheduler scheduler;
        final BytesIn in = new BytesIn();
        final MappedScan scan = new MappedScan();
        SingleChronicleQueue queue;
        ExcerptTailer tailer;
        CheckpointStore store;
        CommitTracker tracker;
        volatile Scheduler.Task timer;
        long count;
        /** A second tailer for the damage check, so the live one never moves; made when first needed. */
        private ExcerptTailer probe;
        private Checksums checksums;
        /** Where a tailing replay was stuck at its last idle poll, since when, and when to check next. */
        private long idleAt = Long.MIN_VALUE;
        private long nextCheck;
        boolean paceStarted;
        long paceStart;
        long firstTime;
        private boolean closed; // guarded by tracker

        Run(Scheduler scheduler) {
            this.scheduler = scheduler;
        }

        void open() {
            queue = Journals.openForRead(dir);
            tailer = queue.createTailer();
            // The tailer is used by one scheduler task at a time, which is not always the same thread.
            tailer.singleThreadedCheckDisabled(true);
            long resume = CheckpointStore.NONE;
            if (options.checkpointName() != null) {
                store = new CheckpointStore(checkpointDir(), options.checkpointName());
                resume = store.read();
                CheckpointStore s = store;
                tracker = new CommitTracker(index -> {
                    // Runs under the tracker's lock. Elements still held when the run stopped keep committing
                    // until the last one is released; then the store closes.
                    s.write(index);
                    if (closed && tracker.inFlight() == 0) {
                        s.close();
                    }
                });
            }
            if (resume != CheckpointStore.NONE) {
                if (!tailer.moveToIndex(resume)) {
                    throw new IllegalStateException("checkpoint '" + options.checkpointName() + "' in " + store.file()
                            + " names excerpt " + hex(resume) + ", which is not in the journal " + dir);
                }
                try (DocumentContext dc = tailer.readingDocument()) {
                    if (!dc.isPresent()) { // moveToIndex succeeded, so it is there; a journal changed under us
                        throw new IllegalStateException("checkpoint '" + options.checkpointName() + "': excerpt "
                                + hex(resume) + " of " + dir + " cannot be read");
                    }
                }
                return;
            }
            From from = options.from();
            switch (from) {
                case From.Start s -> tailer.toStart();
                case From.End e -> tailer.toEnd();
                case From.Index i -> {
                    if (!tailer.moveToIndex(i.index())) {
                        long last = queue.lastIndex();
                        if (last == -1 || Long.compareUnsigned(i.index(), last) > 0) {
                            tailer.toEnd();
                        } else if (Long.compareUnsigned(i.index(), queue.firstIndex()) < 0) {
                            throw new IllegalArgumentException("from index " + hex(i.index()) + ": the journal " + dir
                                    + " starts at " + hex(queue.firstIndex()));
                        } else {
                            throw new IllegalArgumentException("from index " + hex(i.index()) + ": no such excerpt in "
                                    + dir + " (its excerpts are " + hex(queue.firstIndex()) + " to " + hex(last) + ")");
                        }
                    }
                }
                case From.Time t -> Journals.seekTime(queue, tailer, Journals.epochNanos(t.time()));
            }
        }

        ExcerptTailer probe() {
            if (probe == null) {
                probe = queue.createTailer();
                probe.singleThreadedCheckDisabled(true);
            }
            return probe;
        }

        Checksums checksums() {
            if (checksums == null) {
                checksums = new Checksums();
            }
            return checksums;
        }

        /**
         * Called at each idle poll of a tailing replay: once it has stayed at one index for
         * {@link #TAIL_CHECK_AFTER} of the scheduler's time, checks (then again each interval) whether it is
         * stuck at damage rather than at the end.
         *
         * @return the damage, or null
         */
        String stalledTail() {
            long at = tailer.index();
            long now = scheduler.now();
            long every = TAIL_CHECK_AFTER.toNanos();
            if (at != idleAt) {
                idleAt = at;
                nextCheck = now + every;
                return null;
            }
            if (now - nextCheck < 0) {
                return null;
            }
            nextCheck = now + every;
            return unreadableTail(this);
        }

        /**
         * Starts a scan after the excerpt being read, when its wire is one whose layout {@link MappedScan}
         * reads (Chronicle's binary wire) and it lies in mapped memory.
         */
        boolean startScan(Wire wire, Bytes<?> excerpt) {
            return wire instanceof AbstractWire w && scan.start(excerpt, w.usePadding());
        }

        String where() {
            ExcerptTailer t = tailer;
            return t == null ? dir.toString() : Journals.fileOf(queue, t) + " after index " + hex(lastIndex);
        }

        void close() {
            if (probe != null) {
                probe.close();
            }
            if (tailer != null) {
                tailer.close();
            }
            if (queue != null) {
                queue.close();
            }
            if (store != null) {
                synchronized (tracker) {
                    if (closed) {
                        return;
                    }
                    closed = true;
                    if (tracker.inFlight() == 0) {
                        store.close();
                    }
                }
            }
        }
    }
}
