package dev.streamz.conformance;

import dev.streamz.Batch;
import dev.streamz.Stream;
import dev.streamz.StreamException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Conformance section K (docs/conformance.md): Batch collections.
 *
 * <p>Deferred to the dataframe issue: K04 and K05 ({@code to_dataframe}).
 */
public class SectionKTest extends ConformanceBase {

    @Test
    void K01_pluckMapSum() {
        Stream<List<Map<String, Integer>>> s = Stream.create();
        Batch<Map<String, Integer>> a = s.toBatch();
        Batch<Integer> b = a.<Integer>pluck("x").map(x -> x + 1);
        Stream<Number> total = b.sum();
        List<Number> l = total.sinkToList();
        List<List<Integer>> batches = b.stream().sinkToList();

        emit(s, List.of(Map.of("x", 0, "y", 0), Map.of("x", 1, "y", 0), Map.of("x", 2, "y", 0),
                Map.of("x", 3, "y", 0)));
        assertEquals(List.<Number>of(10L), l);
        emit(s, List.of(Map.of("x", 10)));
        assertEquals(List.<Number>of(10L, 21L), l, "sum is a running total across batches");
        assertEquals(List.of(List.of(1, 2, 3, 4), List.of(11)), batches, "one list per incoming batch");
    }

    @Test
    void K02_filterAndToStream() {
        Stream<List<Integer>> s = Stream.create();
        List<Integer> l = s.<Integer>toBatch().filter(x -> x % 2 == 0).toStream().sinkToList();
        emit(s, List.of(1, 2, 3, 4));
        emit(s, List.of(5, 6));
        assertEquals(List.of(2, 4, 6), l);
    }

    @Test
    void K03_mapWithArgumentsPluckAndEmptyBatch() {
        Stream<List<Integer>> s = Stream.create();
        int y = 10; // streamz's map(f, y=10): extra arguments are captured by the lambda
        List<List<Integer>> l = s.<Integer>toBatch().map(x -> x + y).stream().sinkToList();
        emit(s, List.of(1, 2));
        emit(s, List.of());
        assertEquals(List.of(List.of(11, 12), List.of()), l);

        Stream<List<List<Integer>>> t = Stream.create();
        List<List<Integer>> picked = t.<List<Integer>>toBatch().<Integer>pluck(1).stream().sinkToList();
        emit(t, List.of(List.of(1, 2), List.of(3, 4)));
        emit(t, List.of());
        assertEquals(List.of(List.of(2, 4), List.of()), picked);

        Stream<List<Integer>> u = Stream.create();
        List<Number> sums = u.<Integer>toBatch().sum().sinkToList();
        emit(u, List.of());
        assertEquals(List.<Number>of(0L), sums, "an empty batch adds nothing");
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    @Test
    void K06_typeVerification() {
        // The Java type system checks batches at compile time; a raw emit of a non-list is reported by
        // the batch operation that unpacks it, naming the expected and the actual type.
        Stream<List<Integer>> s = Stream.create();
        List<List<Integer>> l = s.<Integer>toBatch().map(x -> x + 1).stream().sinkToList();
        StreamException e = assertThrows(StreamException.class, () -> ((Stream) s).emit(5));
        assertEquals("map", e.operator());
        assertInstanceOf(IllegalArgumentException.class, e.getCause());
        assertTrue(e.getMessage().contains("Batch.map expects each element to be a List"), e.getMessage());
        assertTrue(e.getMessage().contains("java.lang.Integer"), e.getMessage());
        emit(s, List.of(1));
        assertEquals(List.of(List.of(2)), l, "the stream keeps working");
    }
}
