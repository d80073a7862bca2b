package dev.streamz.hazelcast;

import dev.streamz.Stream;
import dev.streamz.frames.Column;
import dev.streamz.frames.ColumnType;
import dev.streamz.frames.Frame;
import dev.streamz.frames.FrameBuilder;
import dev.streamz.frames.Schema;
import dev.streamz.hazelcast.internal.FrameSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Frames through a scattered pipeline on three embedded members (cases M20 and M21 in
 * docs/conformance.md): each frame travels as one serialized unit, nulls, NaN and categories survive the
 * round trip, the results equal the direct run, and every frame allocated on a member is released.
 */
class ScatterFramesTest {
    static EmbeddedCluster members;
    /** Every frame a member's function saw or made; the members run in this JVM, so the test can check them. */
    static final List<Frame> seenOnMembers = new CopyOnWriteArrayList<>();
    static final Schema SCHEMA = Schema.builder().int64("id").float64("price").category("symbol").bool("flag")
            .timestamp("ts").int32("n").build();

    @BeforeAll
    static void startCluster() {
        members = EmbeddedCluster.start("streamz-scatter-frames-test", 3);
    }

    @AfterAll
    static void stopCluster() {
        if (members != null) {
            members.close();
        }
    }

    /** Input frame {@code k}: rows with nulls in every column, a NaN price, and categories. */
    static Frame input(int k) {
        FrameBuilder b = FrameBuilder.of(SCHEMA, 8);
        for (int r = 0; r < 5 + k % 3; r++) {
            int v = k * 10 + r;
            b = (r % 4 == 1 ? b.addNull() : b.addLong(v));
            b = (r % 3 == 2 ? b.addDouble(Double.NaN) : r % 5 == 3 ? b.addNull() : b.addDouble(v * 1.5));
            b = (r % 4 == 3 ? b.addNull() : b.addString(v % 3 == 0 ? "AAPL" : v % 3 == 1 ? "MSFT" : "S" + k));
            b = (r % 6 == 4 ? b.addNull() : b.addBoolean(v % 2 == 0));
            b = (r == 0 ? b.addNull() : b.addTimestamp(1_700_000_000_000_000_000L + v));
            b = b.addInt(-v).endRow();
        }
        return b.build();
    }

    /** The scattered function: a new frame, prices doubled, symbols lower-cased, nulls kept; not releasing its input. */
    static Frame transform(Frame in) {
        Frame out = Frame.allocate("transformed", in.schema(), Math.max(1, in.rowCount()));
        for (int c = 0; c < in.columnCount(); c++) {
            Column src = in.column(c);
            Column dst = out.column(c);
            for (int r = 0; r < in.rowCount(); r++) {
                if (src.isNull(r)) {
                    dst.setNull(r);
                    continue;
                }
                switch (src.type()) {
                    case INT64 -> dst.setLong(r, src.getLong(r) + 1);
                    case FLOAT64 -> dst.setDouble(r, src.getDouble(r) * 2);
                    case CATEGORY -> dst.setString(r, src.getString(r).toLowerCase(java.util.Locale.ROOT));
                    case BOOLEAN -> dst.setBoolean(r, !src.getBoolean(r));
                    case TIMESTAMP -> dst.setTimestamp(r, src.getTimestamp(r));
                    case INT32 -> dst.setInt(r, src.getInt(r));
                }
            }
        }
        out.setRowCount(in.rowCount());
        return out;
    }

    static Frame onMember(Frame in) {
        seenOnMembers.add(in);
        Frame out = transform(in);
        seenOnMembers.add(out);
        return out;
    }

    /** What a frame holds, comparable: the rows (boxed; NaN equals NaN, a null is null) and the dictionaries. */
    static List<Object> contents(Frame f) {
        List<Object> c = new ArrayList<>(f.rows());
        for (int i = 0; i < f.columnCount(); i++) {
            if (f.column(i).type() == ColumnType.CATEGORY) {
                c.add(f.column(i).dictionary().values());
            }
        }
        c.add(f.schema());
        return c;
    }

    @Test
    void M20_framesRoundTripThroughThreeMembersEqualToTheDirectRun() {
        int n = 12;
        List<Object> expected = new ArrayList<>();
        Stream<Frame> local = Stream.create();
        local.map(ScatterFramesTest::transform).sink(f -> {
            expected.add(contents(f));
            f.release();
        });
        for (int k = 0; k < n; k++) {
            try (Frame in = input(k)) {
                local.emit(in);
            }
        }
        assertTrue(expected.toString().contains("NaN") && expected.toString().contains("null"), expected.toString());

        seenOnMembers.clear();
        ScatterOptions options = ScatterOptions.builder().batchSize(2).build();
        try (Gathered<Frame> g = new Gathered<>("frames")) {
            g.collect(members.cluster().scatter(g.source, options).map(ScatterFramesTest::onMember).gather());
            AtomicInteger fired = new AtomicInteger();
            for (int k = 0; k < n; k++) {
                try (Frame in = input(k)) {
                    g.emitWithRef(in, fired); // the batch copied it: the sender's frame is released right after
                }
            }
            List<Object> got = g.awaitExactly(n);
            List<Object> actual = new ArrayList<>();
            for (Object o : got) {
                Frame f = (Frame) o;
                assertEquals(1, f.holders(), "a gathered frame belongs to the receiver, once");
                actual.add(contents(f));
                f.release();
            }
            assertEquals(expected, actual);
            g.awaitOnLoop(() -> fired.get() == n, "every ref");
            assertEquals(List.of(), g.errors);
        }
        // Each member allocated a frame per input and one per result; every one was released there.
        assertEquals(2 * n, seenOnMembers.size());
        for (Frame f : seenOnMembers) {
            assertEquals(0, f.holders(), "a frame allocated on a member was not released: " + f.name());
        }
    }

    @Test
    void M21_theClusterSerializesAFrameAsOneUnitInItsMaps() {
        try (Frame in = input(4)) {
            var map = members.cluster().embeddedMembers().get(0).<String, Frame>getMap("frames-test");
            map.set("k", in);
            // Read on another member: the registered serializer rebuilt it, and the reader owns the copy.
            Frame back = members.cluster().embeddedMembers().get(2).<String, Frame>getMap("frames-test").get("k");
            try {
                assertEquals(contents(in), contents(back));
                assertEquals(1, back.holders());
            } finally {
                back.release();
            }
            assertTrue(FrameSerializer.TYPE_ID > 0);
        }
    }
}
