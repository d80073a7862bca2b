package dev.streamz.chronicle;

import dev.streamz.Stream;
import dev.streamz.chronicle.internal.Journals;

import java.nio.file.Path;

/**
 * Chronicle Queue journals: record a stream, replay it later.
 *
 * <pre>{@code
 * Stream<String> orders = Stream.create();
 * try (JournalSink<String> journal = Chronicle.sinkToChronicle(orders, dir, ExcerptCodec.utf8())) {
 *     orders.emit("buy 10");
 * }
 * ReplaySource<String> replay = Chronicle.fromChronicle(dir, ExcerptCodec.utf8());
 * replay.sink(System.out::println);
 * replay.start();
 * replay.completion().join();
 * }</pre>
 */
public final class Chronicle {
    private Chronicle() {
    }

    /**
     * Appends every element of {@code upstream} to the journal in {@code dir} (created if needed), with
     * daily cycle files and page-cache durability.
     *
     * @param upstream the stream to record
     * @param dir the journal's directory
     * @param codec writes each element's payload
     * @param <T> element type
     * @return the sink, downstream of {@code upstream}; destroy or close it to close the journal
     */
    public static <T> JournalSink<T> sinkToChronicle(Stream<? extends T> upstream, Path dir, ExcerptCodec<? super T> codec) {
        return sinkToChronicle(upstream, dir, codec, JournalOptions.defaults());
    }

    /**
     * Appends every element of {@code upstream} to the journal in {@code dir} (created if needed).
     *
     * @param upstream the stream to record
     * @param dir the journal's directory
     * @param codec writes each element's payload
     * @param options roll cycle, durability and clock
     * @param <T> element type
     * @return the sink, downstream of {@code upstream}; destroy or close it to close the journal
     * @throws IllegalArgumentException if an argument is null, or {@code dir} is a file or not writable
     */
    public static <T> JournalSink<T> sinkToChronicle(Stream<? extends T> upstream, Path dir, ExcerptCodec<? super T> codec,
                                                     JournalOptions options) {
        if (upstream == null || dir == null || codec == null || options == null) {
            throw new IllegalArgumentException("sinkToChronicle: upstream, dir, codec and options must not be null");
        }
        return new JournalSink<>(upstream, dir, codec, options);
    }

    /**
     * Replays the journal in {@code dir} from the start, as fast as the graph accepts, then stops.
     *
     * @param dir the journal's directory
     * @param codec reads each excerpt's payload
     * @param <T> element type
     * @return the source, stopped: {@link ReplaySource#start()} it
     */
    public static <T> ReplaySource<T> fromChronicle(Path dir, ExcerptCodec<? extends T> codec) {
        return fromChronicle(dir, codec, ReplayOptions.defaults());
    }

    /**
     * Replays the journal in {@code dir} from {@code from}, at {@code pace}, then stops.
     *
     * @param dir the journal's directory
     * @param codec reads each excerpt's payload
     * @param from where to start
     * @param pace how fast
     * @param <T> element type
     * @return the source, stopped: {@link ReplaySource#start()} it
     */
    public static <T> ReplaySource<T> fromChronicle(Path dir, ExcerptCodec<? extends T> codec, From from, Pace pace) {
        return fromChronicle(dir, codec, ReplayOptions.defaults().from(from).pace(pace));
    }

    /**
     * Replays the journal in {@code dir}.
     *
     * @param dir the journal's directory; checked when the source starts
     * @param codec reads each excerpt's payload
     * @param options where from, how fast, tailing, limit, checkpoint
     * @param <T> element type
     * @return the source, stopped: {@link ReplaySource#start()} it
     */
    public static <T> ReplaySource<T> fromChronicle(Path dir, ExcerptCodec<? extends T> codec, ReplayOptions options) {
        if (dir == null || codec == null || options == null) {
            throw new IllegalArgumentException("fromChronicle: dir, codec and options must not be null");
        }
        return new ReplaySource<>(dir, codec, options);
    }

    /**
     * Reads a whole journal and says what it holds: count, first and last index and time, sizes, files.
     *
     * @param dir the journal's directory
     * @return the summary
     * @throws IllegalArgumentException if {@code dir} is missing, unreadable or not a journal
     */
    public static JournalInfo inspect(Path dir) {
        if (dir == null) {
            throw new IllegalArgumentException("inspect: dir must not be null");
        }
        return Journals.inspect(dir);
    }
}
