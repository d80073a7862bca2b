package dev.streamz.chronicle;

import dev.streamz.Stream;
import dev.streamz.VirtualScheduler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.BufferUnderflowException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every {@link ExcerptIn} read returns what {@link ExcerptOut} wrote, tracks what is left, and stops at the end. */
class ExcerptInTest {
    @TempDir
    Path tmp;

    /** What one excerpt holds: one field of each kind. */
    record Mixed(byte b, int i, long l, double d, byte[] raw, String text) {
    }

    /** Writes the fields in order; reads them back, recording {@code remaining()} before each read. */
    static ExcerptCodec<Mixed> codec(List<Long> remainingSeen) {
        return new ExcerptCodec<>() {
            @Override
            public void encode(Mixed m, ExcerptOut out) {
                out.writeByte(m.b());
                out.writeInt(m.i());
                out.writeLong(m.l());
                out.writeDouble(m.d());
                out.writeInt(m.raw().length);
                out.writeBytes(m.raw(), 0, m.raw().length);
                out.writeUtf8(m.text());
            }

            @Override
            public Mixed decode(ExcerptIn in) {
                remainingSeen.add(in.remaining());
                byte b = in.readByte();
                int i = in.readInt();
                long l = in.readLong();
                double d = in.readDouble();
                byte[] raw = new byte[in.readInt()];
                in.readBytes(raw, 0, raw.length);
                StringBuilder text = new StringBuilder();
                in.readUtf8(text);
                remainingSeen.add(in.remaining());
                return new Mixed(b, i, l, d, raw, text.toString());
            }

            @Override
            public String name() {
                return "mixed";
            }
        };
    }

    @Test
    void everyReadReturnsWhatWasWritten() {
        Path dir = tmp.resolve("j");
        List<Long> remaining = new ArrayList<>();
        Stream<Mixed> s = Stream.create();
        List<Mixed> written = new ArrayList<>();
        try (JournalSink<Mixed> j = Chronicle.sinkToChronicle(s, dir, codec(remaining))) {
            for (int k = 0; k < 200; k++) {
                Mixed m = new Mixed((byte) (k - 100), -k * 1_000_003, Long.MIN_VALUE + k * 7L, k / 3.0,
                        ("raw-" + k).getBytes(StandardCharsets.UTF_8), "préfix-" + k + "-€-\uD83D\uDE00");
                written.add(m);
                s.emit(m);
            }
            assertEquals(200, j.appended());
        }
        VirtualScheduler vs = new VirtualScheduler();
        ReplaySource<Mixed> r = Chronicle.fromChronicle(dir, codec(remaining));
        r.withScheduler(vs);
        List<Mixed> got = new ArrayList<>();
        r.sink(got::add);
        r.start();
        vs.runUntilIdle();
        assertEquals(List.of(), vs.errors());
        assertEquals(200, got.size());
        for (int k = 0; k < 200; k++) {
            Mixed w = written.get(k);
            Mixed g = got.get(k);
            assertEquals(w.b(), g.b());
            assertEquals(w.i(), g.i());
            assertEquals(w.l(), g.l());
            assertEquals(w.d(), g.d());
            assertEquals(new String(w.raw(), StandardCharsets.UTF_8), new String(g.raw(), StandardCharsets.UTF_8));
            assertEquals(w.text(), g.text());
            long payload = 1 + 4 + 8 + 8 + 4 + w.raw().length + w.text().getBytes(StandardCharsets.UTF_8).length;
            assertEquals(payload, remaining.get(2 * k), "remaining() before the first read");
            assertEquals(0, remaining.get(2 * k + 1), "remaining() after the last read");
        }
    }

    @Test
    void readingPastTheEndThrowsAndTheExcerptIsReportedAndSkipped() {
        Path dir = tmp.resolve("j");
        Stream<long[]> s = Stream.create();
        ExcerptCodec<long[]> oneLong = ExcerptCodec.reusing(() -> new long[1], (v, out) -> out.writeLong(v[0]),
                (in, v) -> v[0] = in.readLong());
        try (JournalSink<long[]> j = Chronicle.sinkToChronicle(s, dir, oneLong)) {
            s.emit(new long[] {42});
            assertEquals(1, j.appended());
        }
        for (int wide = 0; wide < 4; wide++) {
            int kind = wide;
            // Each read kind, one past the 8-byte payload: the long fits, the next read does not.
            ExcerptCodec<long[]> tooFar = ExcerptCodec.reusing(() -> new long[1], (v, out) -> out.writeLong(v[0]),
                    (in, v) -> {
                        v[0] = in.readLong();
                        switch (kind) {
                            case 0 -> in.readByte();
                            case 1 -> in.readInt();
                            case 2 -> in.readLong();
                            default -> in.readDouble();
                        }
                    });
            VirtualScheduler vs = new VirtualScheduler();
            ReplaySource<long[]> r = Chronicle.fromChronicle(dir, tooFar);
            r.withScheduler(vs);
            List<long[]> got = new ArrayList<>();
            r.sink(got::add);
            r.start();
            vs.runUntilIdle();
            assertEquals(List.of(), got, "kind " + kind);
            assertEquals(1, r.failedExcerpts());
            assertEquals(1, vs.errors().size());
            assertInstanceOf(BufferUnderflowException.class, vs.errors().get(0).getCause(), "kind " + kind);
            assertTrue(vs.errors().get(0).getMessage().contains("could not be decoded"), vs.errors().get(0).getMessage());
        }
    }
}
