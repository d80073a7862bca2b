package dev.streamz.chronicle;

import dev.streamz.Stream;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;

/** The child JVMs of {@link CrashTest}: a writer and a replayer, each killed with SIGKILL by the test. */
final class CrashChildren {
    private CrashChildren() {
    }

    /** The payload of excerpt {@code i}: long enough that a torn excerpt would show. */
    static String payload(int i) {
        StringBuilder sb = new StringBuilder("element-").append(i).append(':');
        for (int k = 0; k < 20; k++) {
            sb.append(Integer.toHexString(i * 31 + k));
        }
        return sb.append(";end").toString();
    }

    /** Appends payload(0), payload(1), ... until killed; prints "appended N" every 10,000. */
    static final class Writer {
        public static void main(String[] args) {
            Path dir = Path.of(args[0]);
            Stream<String> s = Stream.create();
            JournalSink<String> j = Chronicle.sinkToChronicle(s, dir, ExcerptCodec.utf8());
            for (int i = 0; ; i++) {
                s.emit(payload(i));
                if (i % 10_000 == 9_999) {
                    System.out.println("appended " + (i + 1));
                    System.out.flush();
                }
                if (i == Integer.MAX_VALUE - 1) {
                    j.close();
                    return;
                }
            }
        }
    }

    /**
     * A named, paced replay whose sink appends each element as a line to a file (written through to the
     * page cache before the element is released, so the checkpoint never runs ahead of the file).
     */
    static final class Replayer {
        public static void main(String[] args) throws Exception {
            Path dir = Path.of(args[0]);
            Path out = Path.of(args[1]);
            double rate = Double.parseDouble(args[2]);
            try (FileChannel ch = FileChannel.open(out, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND)) {
                ReplaySource<String> r = Chronicle.fromChronicle(dir, ExcerptCodec.utf8(),
                        ReplayOptions.defaults().pace(Pace.fixedRate(rate)).checkpoint("crash"));
                r.sink(x -> {
                    try {
                        ch.write(ByteBuffer.wrap((x + "\n").getBytes(StandardCharsets.UTF_8)));
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
                r.start();
                System.out.println("started");
                System.out.flush();
                r.completion().get(5, TimeUnit.MINUTES);
                System.out.println("done " + r.replayed());
            }
        }
    }
}
