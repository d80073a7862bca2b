package dev.streamz.internal.sources;

import dev.streamz.ServerLimits;
import dev.streamz.ServerSource;
import dev.streamz.Source;
import dev.streamz.Stream;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The source and file-sink factories behind {@code Stream.fromIterable}, {@code Stream.fromTcp} and the
 * rest: each checks its arguments (with {@link SourceArgs}, messages naming the factory and argument) and
 * builds the node. {@code Stream}'s public methods delegate here in one line each.
 */
public final class Sources {
    private Sources() {
    }

    /** @see Stream#fromIterable(Iterable) */
    public static <T> Source<T> fromIterable(Iterable<? extends T> iterable) {
        return new IterableSource<>(SourceArgs.notNull(iterable, "fromIterable: iterable"));
    }

    /** @see Stream#fromIterator(Iterator) */
    public static <T> Source<T> fromIterator(Iterator<? extends T> iterator) {
        return new IterableSource<>(SourceArgs.notNull(iterator, "fromIterator: iterator"));
    }

    /** @see Stream#fromPeriodic(Supplier, Duration) */
    public static <T> Source<T> fromPeriodic(Supplier<? extends T> callback, Duration interval) {
        SourceArgs.notNull(callback, "fromPeriodic: callback");
        return new PeriodicSource<>(callback, SourceArgs.positive(interval, "fromPeriodic: interval"));
    }

    /** @see Stream#fromPeriodic(Supplier, String) */
    public static <T> Source<T> fromPeriodic(Supplier<? extends T> callback, String interval) {
        return fromPeriodic(callback, SourceArgs.positive(interval, "fromPeriodic: interval"));
    }

    /** @see Stream#fromTextFile(Path, Duration, String, boolean) */
    public static Source<String> fromTextFile(Path path, Duration pollInterval, String delimiter, boolean fromEnd) {
        return fromTextFile(path, pollInterval, delimiter, fromEnd, SourceArgs.DEFAULT_MAX_BYTES);
    }

    /** @see Stream#fromTextFile(Path, Duration, String, boolean, int) */
    public static Source<String> fromTextFile(Path path, Duration pollInterval, String delimiter, boolean fromEnd,
                                              int maxLineBytes) {
        SourceArgs.notNull(path, "fromTextFile: path");
        SourceArgs.positive(pollInterval, "fromTextFile: pollInterval");
        SourceArgs.notEmpty(delimiter, "fromTextFile: delimiter");
        SourceArgs.positive(maxLineBytes, "fromTextFile: maxLineBytes");
        return new TextFileSource(path, pollInterval, delimiter, fromEnd, maxLineBytes);
    }

    /** @see Stream#fromTextFile(Path, String, String, boolean) */
    public static Source<String> fromTextFile(Path path, String pollInterval, String delimiter, boolean fromEnd) {
        return fromTextFile(path, SourceArgs.positive(pollInterval, "fromTextFile: pollInterval"), delimiter,
                fromEnd);
    }

    /** @see Stream#filenames(String, Duration) */
    public static Source<String> filenames(String globOrDir, Duration pollInterval) {
        SourceArgs.notEmpty(globOrDir, "filenames: globOrDir");
        SourceArgs.positive(pollInterval, "filenames: pollInterval");
        return new FilenamesSource(globOrDir, pollInterval);
    }

    /** @see Stream#filenames(String, String) */
    public static Source<String> filenames(String globOrDir, String pollInterval) {
        return filenames(globOrDir, SourceArgs.positive(pollInterval, "filenames: pollInterval"));
    }

    /** @see Stream#fromProcess(List, boolean, boolean) */
    public static Source<byte[]> fromProcess(List<String> command, boolean withStderr, boolean withEnd) {
        return fromProcess(command, withStderr, withEnd, SourceArgs.DEFAULT_MAX_BYTES);
    }

    /** @see Stream#fromProcess(List, boolean, boolean, int) */
    public static Source<byte[]> fromProcess(List<String> command, boolean withStderr, boolean withEnd,
                                             int maxLineBytes) {
        List<String> c = SourceArgs.command(command, "fromProcess: command");
        SourceArgs.positive(maxLineBytes, "fromProcess: maxLineBytes");
        return new ProcessSource(c, withStderr, withEnd, maxLineBytes);
    }

    /** @see Stream#fromProcess(String, boolean, boolean) */
    public static Source<byte[]> fromProcess(String commandLine, boolean withStderr, boolean withEnd) {
        SourceArgs.notNull(commandLine, "fromProcess: command");
        return fromProcess(ProcessSource.split(commandLine), withStderr, withEnd);
    }

    /** @see Stream#fromTcp(int, byte, String, int) */
    public static ServerSource<byte[]> fromTcp(int port, byte delimiter, String bindAddress, int maxFrameBytes) {
        SourceArgs.port(port, "fromTcp: port");
        InetAddress addr = SourceArgs.address(bindAddress, "fromTcp: bindAddress");
        SourceArgs.positive(maxFrameBytes, "fromTcp: maxFrameBytes");
        ServerLimits d = ServerLimits.defaults();
        return new TcpSource(port, delimiter, addr, d.withMaxBufferedBytes(Math.max(d.maxBufferedBytes(), maxFrameBytes))
                .withMaxMessageBytes(maxFrameBytes));
    }

    /** @see Stream#fromTcp(int, byte, String, ServerLimits) */
    public static ServerSource<byte[]> fromTcp(int port, byte delimiter, String bindAddress, ServerLimits limits) {
        SourceArgs.port(port, "fromTcp: port");
        InetAddress addr = SourceArgs.address(bindAddress, "fromTcp: bindAddress");
        SourceArgs.notNull(limits, "fromTcp: limits");
        return new TcpSource(port, delimiter, addr, limits);
    }

    /** @see Stream#fromHttpServer(int, String, String, int) */
    public static ServerSource<byte[]> fromHttpServer(int port, String pathRegex, String bindAddress,
                                                      int maxBodyBytes) {
        SourceArgs.port(port, "fromHttpServer: port");
        Pattern p = SourceArgs.regex(pathRegex, "fromHttpServer: pathRegex");
        InetAddress addr = SourceArgs.address(bindAddress, "fromHttpServer: bindAddress");
        SourceArgs.positive(maxBodyBytes, "fromHttpServer: maxBodyBytes");
        ServerLimits d = ServerLimits.defaults();
        return new HttpServerSource(port, p, addr, d.withMaxBufferedBytes(Math.max(d.maxBufferedBytes(), maxBodyBytes))
                .withMaxMessageBytes(maxBodyBytes));
    }

    /** @see Stream#fromHttpServer(int, String, String, ServerLimits) */
    public static ServerSource<byte[]> fromHttpServer(int port, String pathRegex, String bindAddress,
                                                      ServerLimits limits) {
        SourceArgs.port(port, "fromHttpServer: port");
        Pattern p = SourceArgs.regex(pathRegex, "fromHttpServer: pathRegex");
        InetAddress addr = SourceArgs.address(bindAddress, "fromHttpServer: bindAddress");
        SourceArgs.notNull(limits, "fromHttpServer: limits");
        return new HttpServerSource(port, p, addr, limits);
    }

    /** @see Stream#fromQueue(BlockingQueue, Duration) */
    public static <T> Source<T> fromQueue(BlockingQueue<? extends T> queue, Duration pollInterval) {
        SourceArgs.notNull(queue, "fromQueue: queue");
        return new QueueSource<>(queue, SourceArgs.positive(pollInterval, "fromQueue: pollInterval"));
    }

    /** @see Stream#fromQueue(BlockingQueue, String) */
    public static <T> Source<T> fromQueue(BlockingQueue<? extends T> queue, String pollInterval) {
        return fromQueue(queue, SourceArgs.positive(pollInterval, "fromQueue: pollInterval"));
    }

    /** @see Stream#sinkToTextFile(Path, String, boolean) */
    public static <T> Stream<T> sinkToTextFile(Stream<T> upstream, Path path, String end, boolean append) {
        SourceArgs.notNull(path, "sinkToTextFile: path");
        SourceArgs.notNull(end, "sinkToTextFile: end");
        return new TextFileSink<>(upstream, path, end, append);
    }

    /** @see Stream#fromPublisher(java.util.concurrent.Flow.Publisher, dev.streamz.SubscriberOptions) */
    public static <T> Source<T> fromPublisher(java.util.concurrent.Flow.Publisher<? extends T> publisher,
                                              dev.streamz.SubscriberOptions options) {
        SourceArgs.notNull(publisher, "fromPublisher: publisher");
        SourceArgs.notNull(options, "fromPublisher: options");
        return new PublisherSource<>(publisher, options);
    }
}
