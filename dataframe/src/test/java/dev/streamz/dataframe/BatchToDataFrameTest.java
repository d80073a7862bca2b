package dev.streamz.dataframe;

import dev.streamz.Batch;
import dev.streamz.Stream;
import dev.streamz.frames.Frame;
import dev.streamz.frames.Schema;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Conformance section K (docs/conformance.md): a core {@link Batch} into a streaming DataFrame. */
class BatchToDataFrameTest {
    private static final Schema XYZ = Schema.builder().int64("x").int64("y").int64("z").build();
    private static final Schema XY = Schema.builder().int64("x").int64("y").build();

    @Test
    void K04_batchesOfRecordsMappedThenIntoADataFrame() {
        Stream<List<Map<String, Object>>> source = Stream.create("records");
        Batch<Map<String, Object>> withZ = source.<Map<String, Object>>toBatch().map(d -> {
            Map<String, Object> e = new HashMap<>(d);
            e.put("z", (Long) d.get("x") + (Long) d.get("y"));
            return e;
        });
        StreamingDataFrame sdf = StreamingDataFrame.fromBatch(withZ, XYZ);
        List<Long> z = new ArrayList<>();
        sdf.stream().sink((Frame f) -> {
            for (int i = 0; i < f.rowCount(); i++) {
                z.add(f.column("z").getLong(i));
            }
        });
        List<Map<String, Object>> batch = new ArrayList<>();
        for (long i = 0; i < 10; i++) {
            batch.add(Map.of("x", i, "y", 2 * i));
            if (batch.size() == 3 || i == 9) { // batches of 3, 3, 3, 1
                source.emit(List.copyOf(batch));
                batch.clear();
            }
        }
        List<Long> expected = new ArrayList<>();
        for (long i = 0; i < 10; i++) {
            expected.add(3 * i);
        }
        assertEquals(expected, z);
    }

    @Test
    void K05_streamToBatchToDataFrameThenAGroupBySumAndItsMean() {
        Stream<String> json = Stream.create("json");
        Batch<Map<String, Object>> records = json.partition(4).<String>toBatch().map(BatchToDataFrameTest::parse);
        StreamingDataFrame sdf = StreamingDataFrame.fromBatch(records, XY);
        List<Double> means = sdf.groupby("x").sum("y").mean().stream().sinkToList();
        for (int i = 0; i < 12; i++) {
            json.emit("{\"x\": " + i % 3 + ", \"y\": " + i + "}");
        }
        assertEquals(List.of(2.0, 28.0 / 3, 22.0), means);
    }

    /** A flat JSON object of whole numbers, enough for this test's records. */
    private static Map<String, Object> parse(String json) {
        Map<String, Object> m = new HashMap<>();
        for (String pair : json.replaceAll("[{}\" ]", "").split(",")) {
            String[] kv = pair.split(":");
            m.put(kv[0], Long.parseLong(kv[1]));
        }
        return m;
    }
}
