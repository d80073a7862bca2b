package dev.streamz.chronicle.internal;

import dev.streamz.chronicle.JournalInfo;
import dev.streamz.chronicle.JournalOptions;
import dev.streamz.chronicle.RollCycle;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.core.time.TimeProvider;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableSet;
import java.util.function.LongSupplier;
import java.util.stream.Stream;

/**
 * Opening journals, the excerpt layout, and the seek by time.
 *
 * <p><b>Excerpt layout.</b> Each excerpt is one Chronicle data document: the append time (8 bytes,
 * nanoseconds since the epoch, little-endian), then the codec's payload. The time comes first so a seek
 * or a pace can read it without decoding the payload.
 *
 * <p><b>With a checksum</b> ({@code JournalOptions.checksum}), the first word is the time with its top two
 * bits set to {@code 10} ({@link #CHECKSUM_FLAG}), then a 4-byte CRC32C of that word and the payload
 * ({@link Checksums}), then the payload. Journals written without checksums stay readable as they are: a
 * plain time never has those top bits (they would mean a time before the year 1824), so the flag is the
 * per-excerpt version mark. An append time outside {@code [0, 2^62)} is written without a checksum.
 */
public final class Journals {
    /** Bytes of the append time that precede every payload. */
    public static final int TIME_BYTES = 8;
    /** The top two bits of an excerpt's first word that mark a checksummed excerpt. */
    public static final long CHECKSUM_FLAG = 0b10L << 62;
    /** The bits of the first word that hold the time in a checksummed excerpt. */
    public static final long TIME_MASK = (1L << 62) - 1;
    /** Bytes of the checksum that follows the flagged time. */
    public static final int CHECKSUM_BYTES = 4;
    /** The suffix of Chronicle's cycle files. */
    public static final String CYCLE_SUFFIX = ".cq4";
    /** The name of Chronicle's queue metadata file. */
    public static final String METADATA_FILE = "metadata.cq4t";

    private Journals() {
    }

    /**
     * @param word an excerpt's first word
     * @return whether a checksum follows it
     */
    public static boolean checksummed(long word) {
        return (word & (0b11L << 62)) == CHECKSUM_FLAG;
    }

    /**
     * @param word an excerpt's first word
     * @return the append time it holds
     */
    public static long timeOf(long word) {
        return checksummed(word) ? word & TIME_MASK : word;
    }

    /**
     * @param cycle ours
     * @return Chronicle's
     */
    public static RollCycles chronicleCycle(RollCycle cycle) {
        return switch (cycle) {
            case FIVE_MINUTELY -> RollCycles.FIVE_MINUTELY;
            case TEN_MINUTELY -> RollCycles.TEN_MINUTELY;
            case HALF_HOURLY -> RollCycles.HALF_HOURLY;
            case HOURLY -> RollCycles.FAST_HOURLY;
            case TWO_HOURLY -> RollCycles.TWO_HOURLY;
            case SIX_HOURLY -> RollCycles.SIX_HOURLY;
            case DAILY -> RollCycles.FAST_DAILY;
            case WEEKLY -> RollCycles.WEEKLY;
        };
    }

    /**
     * Opens (creating if needed) a journal for appending.
     *
     * @param dir the directory
     * @param options roll cycle and clock
     * @return the queue
     */
    public static SingleChronicleQueue openForAppend(Path dir, JournalOptions options) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IllegalArgumentException("journal " + dir + " is not a directory");
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the journal directory " + dir + ": " + e.getMessage(), e);
        }
        if (!Files.isWritable(dir)) {
            throw new IllegalArgumentException("journal directory " + dir + " is not writable");
        }
        return SingleChronicleQueueBuilder.binary(dir)
                .rollCycle(chronicleCycle(options.rollCycle()))
                .timeProvider(new ClockTimeProvider(options.clock()))
                .build();
    }

    /**
     * Opens an existing journal for reading, after checking that {@code dir} is one.
     *
     * @param dir the directory
     * @return the queue
     * @throws IllegalArgumentException naming the directory: missing, not a directory, unreadable, or not a
     *     Chronicle Queue (no cycle files and no queue metadata)
     */
    public static SingleChronicleQueue openForRead(Path dir) {
        checkReadable(dir);
        return SingleChronicleQueueBuilder.binary(dir).build();
    }

    /**
     * @param dir a journal directory
     * @throws IllegalArgumentException if it is not a readable Chronicle Queue
     */
    public static void checkReadable(Path dir) {
        if (!Files.exists(dir)) {
            throw new IllegalArgumentException("journal directory " + dir + " does not exist");
        }
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("journal " + dir + " is not a directory");
        }
        if (!Files.isReadable(dir) || !Files.isExecutable(dir)) {
            throw new IllegalArgumentException("journal directory " + dir + " is not readable");
        }
        boolean queue = Files.exists(dir.resolve(METADATA_FILE)) || !cycleFiles(dir).isEmpty();
        if (!queue) {
            throw new IllegalArgumentException(dir + " is not a Chronicle Queue journal: it has no "
                    + METADATA_FILE + " and no *" + CYCLE_SUFFIX + " cycle files");
        }
        for (Path f : cycleFiles(dir)) {
            if (!Files.isReadable(f)) {
                throw new IllegalArgumentException("journal cycle file " + f + " is not readable");
            }
        }
    }

    /**
     * @param dir a directory
     * @return its cycle files, sorted by name (which is by time)
     */
    public static List<Path> cycleFiles(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(CYCLE_SUFFIX)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the journal directory " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Positions {@code tailer} at the first data excerpt whose append time is at or after {@code epochNanos},
     * or at the end when there is none: the last cycle whose first excerpt is not later, then a binary
     * search over the sequence numbers of that cycle.
     *
     * @param queue the journal
     * @param tailer the tailer to position
     * @param epochNanos the time
     */
    public static void seekTime(SingleChronicleQueue queue, ExcerptTailer tailer, long epochNanos) {
        int first = queue.firstCycle();
        int last = queue.lastCycle();
        if (first == Integer.MAX_VALUE || last == Integer.MIN_VALUE) {
            tailer.toEnd();
            return;
        }
        NavigableSet<Long> cycles = queue.listCyclesBetween(first, last);
        int chosen = -1;
        for (long c : cycles) {
            long t = firstTimeOfCycle(tailer, (int) c);
            if (t == Long.MIN_VALUE) {
                continue; // an empty cycle
            }
            if (t <= epochNanos) {
                chosen = (int) c;
            } else {
                break;
            }
        }
        if (chosen < 0) {
            tailer.toStart(); // every excerpt is at or after the time
            return;
        }
        net.openhft.chronicle.queue.RollCycle rc = queue.rollCycle();
        long lo = 0;
        long hi = tailer.excerptsInCycle(chosen); // answer in [lo, hi]: hi means "after this cycle"
        while (lo < hi) {
            long mid = (lo + hi) >>> 1;
            long t = timeAt(tailer, rc.toIndex(chosen, mid));
            if (t == Long.MIN_VALUE || t >= epochNanos) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        if (!tailer.moveToIndex(rc.toIndex(chosen, lo))) {
            // After the last excerpt of the chosen cycle: the first excerpt of the next non-empty cycle.
            Long next = cycles.higher((long) chosen);
            while (next != null && !tailer.moveToCycle(next.intValue())) {
                next = cycles.higher(next);
            }
            if (next == null) {
                tailer.toEnd();
            }
        }
    }

    private static long firstTimeOfCycle(ExcerptTailer tailer, int cycle) {
        if (!tailer.moveToCycle(cycle)) {
            return Long.MIN_VALUE;
        }
        return readTime(tailer);
    }

    private static long timeAt(ExcerptTailer tailer, long index) {
        if (!tailer.moveToIndex(index)) {
            return Long.MIN_VALUE;
        }
        return readTime(tailer);
    }

    private static long readTime(ExcerptTailer tailer) {
        try (DocumentContext dc = tailer.readingDocument()) {
            if (!dc.isPresent()) {
                return Long.MIN_VALUE;
            }
            Bytes<?> b = dc.wire().bytes();
            return b.readRemaining() >= TIME_BYTES ? timeOf(b.readLong()) : Long.MIN_VALUE;
        }
    }

    /**
     * Reads a whole journal to describe it.
     *
     * @param dir the journal
     * @return what it holds
     */
    public static JournalInfo inspect(Path dir) {
        checkReadable(dir);
        List<Path> files = cycleFiles(dir);
        long fileBytes = 0;
        List<Path> all = new ArrayList<>(files);
        if (Files.exists(dir.resolve(METADATA_FILE))) {
            all.add(dir.resolve(METADATA_FILE));
        }
        for (Path f : all) {
            try {
                fileBytes += Files.size(f);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the size of " + f + ": " + e.getMessage(), e);
            }
        }
        try (SingleChronicleQueue q = SingleChronicleQueueBuilder.binary(dir).readOnly(true).build();
             ExcerptTailer t = q.createTailer()) {
            long count = 0;
            long payload = 0;
            long firstIndex = -1;
            long lastIndex = -1;
            long firstTime = Long.MIN_VALUE;
            long lastTime = Long.MIN_VALUE;
            while (true) {
                try (DocumentContext dc = t.readingDocument()) {
                    if (!dc.isPresent()) {
                        break;
                    }
                    Bytes<?> b = dc.wire().bytes();
                    long time = Long.MIN_VALUE;
                    if (b.readRemaining() >= TIME_BYTES) {
                        long word = b.readLong();
                        time = timeOf(word);
                        if (checksummed(word)) {
                            b.readSkip(Math.min(CHECKSUM_BYTES, b.readRemaining()));
                        }
                    }
                    if (count == 0) {
                        firstIndex = dc.index();
                        firstTime = time;
                    }
                    lastIndex = dc.index();
                    lastTime = time;
                    payload += b.readRemaining();
                    count++;
                }
            }
            return new JournalInfo(dir, count, firstIndex, lastIndex, instant(firstTime), instant(lastTime), payload,
                    fileBytes, files);
        }
    }

    /**
     * @param epochNanos nanoseconds since the epoch, or {@code Long.MIN_VALUE}
     * @return the instant, or {@code null}
     */
    public static Instant instant(long epochNanos) {
        return epochNanos == Long.MIN_VALUE ? null
                : Instant.ofEpochSecond(Math.floorDiv(epochNanos, 1_000_000_000L), Math.floorMod(epochNanos, 1_000_000_000L));
    }

    /**
     * @param t an instant
     * @return nanoseconds since the epoch
     */
    public static long epochNanos(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
    }

    /**
     * @param queue the journal
     * @param tailer a tailer of it
     * @return the cycle file it reads (or would read next)
     */
    public static String fileOf(SingleChronicleQueue queue, ExcerptTailer tailer) {
        try {
            File f = tailer.currentFile();
            if (f != null) {
                return f.toString();
            }
            return cycleFile(queue, tailer.cycle()).toString();
        } catch (RuntimeException e) {
            return queue.file() + " (cycle " + tailer.cycle() + ")";
        }
    }

    /**
     * @param queue the journal
     * @param cycle a cycle number
     * @return the path of that cycle's file (named by the roll cycle's date format, in UTC)
     */
    public static Path cycleFile(SingleChronicleQueue queue, int cycle) {
        net.openhft.chronicle.queue.RollCycle rc = queue.rollCycle();
        String name = java.time.format.DateTimeFormatter.ofPattern(rc.format()).withZone(java.time.ZoneOffset.UTC)
                .format(Instant.ofEpochMilli((long) cycle * rc.lengthInMillis())) + CYCLE_SUFFIX;
        return queue.file().toPath().resolve(name);
    }

    /** A Chronicle time provider over the sink's clock, so cycles roll by the excerpts' own times. */
    static final class ClockTimeProvider implements TimeProvider {
        private final LongSupplier epochNanos;

        ClockTimeProvider(LongSupplier epochNanos) {
            this.epochNanos = epochNanos;
        }

        @Override
        public long currentTimeMillis() {
            return epochNanos.getAsLong() / 1_000_000L;
        }

        @Override
        public long currentTimeMicros() {
            return epochNanos.getAsLong() / 1_000L;
        }

        @Override
        public long currentTimeNanos() {
            return epochNanos.getAsLong();
        }
    }
}
