package dev.streamz;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SmokeTest {
    @Test
    void mapFilterSink() {
        Stream<Integer> s = Stream.create();
        List<Integer> out = s.map(x -> x + 1).filter(x -> x % 2 == 0).sinkToList();
        for (int i = 0; i < 6; i++) {
            s.emit(i);
        }
        assertEquals(List.of(2, 4, 6), out);
    }

    @Test
    void cycleDepthFirst() {
        Stream<Integer> s = Stream.create();
        Stream<Integer> u = s.unique();
        List<Integer> l = u.sinkToList();
        u.map(x -> List.of((2 * x) % 7, (x + 3) % 7)).<Integer>flatten().connect(s);
        s.emit(1);
        assertEquals(List.of(1, 2, 4, 0, 3, 6, 5), l);
    }
}
