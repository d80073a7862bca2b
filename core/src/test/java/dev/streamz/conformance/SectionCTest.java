package dev.streamz.conformance;

import dev.streamz.Step;
import dev.streamz.Stream;
import dev.streamz.StreamException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Conformance section C (docs/conformance.md) (accumulate / scan). streamz's {@code returns_state=True} is
 * {@code accumulateWithState} (the function returns a {@link Step}); {@code with_state=True} is
 * {@code accumulateSteps} (the {@link Step} itself is emitted).
 *
 * <p>C09 (errors behind an async node are reported) is in {@link AsyncGraphTest}.
 */
public class SectionCTest extends ConformanceBase {

    private static int line() {
        return StackWalker.getInstance().walk(f -> f.skip(1).findFirst().orElseThrow()).getLineNumber();
    }

    @Test
    void C01_noStartFirstElementIsTheStateAndIsNotPassedToFunc() {
        Stream<Integer> s = Stream.create();
        AtomicInteger calls = new AtomicInteger();
        List<Integer> out = s.map(x -> x + 1).scan((acc, x) -> {
            calls.incrementAndGet();
            return acc + x;
        }).sinkToList();
        for (int i = 0; i < 4; i++) {
            emit(s, i);
        }
        assertEquals(List.of(1, 3, 6, 10), out);
        assertEquals(3, calls.get());
    }

    @Test
    void C02_returnsStateWithoutStart() {
        Stream<Integer> s = Stream.create();
        List<Integer> out = s.accumulateWithState((Integer acc, Integer i) -> Step.of(acc + i, acc + i))
                .sinkToList();
        List.of(0, 1, 2).forEach(emitter(s));
        assertEquals(List.of(0, 1, 3), out);
    }

    @Test
    void C03_kwargs() {
        int y = 10; // streamz: scan(f, y=10) with f(acc, x, y) = acc + x + y
        Stream<Integer> s = Stream.create();
        List<Integer> out = s.scan((acc, x) -> acc + x + y).sinkToList();
        List.of(0, 1, 2).forEach(emitter(s));
        // The first element bypasses f, so y is not added to it.
        assertEquals(List.of(0, 11, 23), out);
    }

    @Test
    void C04_startGiven() {
        Stream<Integer> s = Stream.create();
        List<Integer> out = s.accumulate((Integer acc, Integer x) -> acc + 1, 0).sinkToList();
        for (int i = 0; i < 5; i++) {
            emit(s, 0);
        }
        assertEquals(List.of(1, 2, 3, 4, 5), out);
    }

    @Test
    void C05_enumeratePattern() {
        Stream<Integer> s = Stream.create();
        List<List<Integer>> out = s.accumulateWithState(
                (List<Integer> acc, Integer x) -> Step.of(List.of(acc.get(0) + 1, x), List.of(acc.get(0), x)),
                List.of(0, 0)).sinkToList();
        List.of(0, 0, 0).forEach(emitter(s));
        assertEquals(List.of(List.of(0, 0), List.of(1, 0), List.of(2, 0)), out);
    }

    @Test
    void C06_withStateEmitsStateAndResult() {
        // accumulate(add, start=10, with_state=True): no dedicated overload, so the function returns the
        // Step (state, result) = (acc + x, acc + x), which is the same thing.
        Stream<Integer> a = Stream.create();
        List<Step<Integer, Integer>> aout = a.accumulateSteps(
                (Integer acc, Integer x) -> Step.of(acc + x, acc + x), 10).sinkToList();
        List.of(0, 1, 2).forEach(emitter(a));
        assertEquals(List.of(Step.of(10, 10), Step.of(11, 11), Step.of(13, 13)), aout);

        // accumulate(add, with_state=True), no start: the first element emits (x, x).
        Stream<Integer> b = Stream.create();
        List<Step<Integer, Integer>> bout = b.accumulateSteps(Integer::sum).sinkToList();
        List.of(0, 1, 2).forEach(emitter(b));
        assertEquals(List.of(Step.of(0, 0), Step.of(1, 1), Step.of(3, 3)), bout);

        // returns_state=True, with_state=True: f(a, x) = (a + x, a * 10), start=0.
        Stream<Integer> c = Stream.create();
        List<Step<Integer, Integer>> cout = c.accumulateSteps(
                (Integer acc, Integer x) -> Step.of(acc + x, acc * 10), 0).sinkToList();
        List.of(1, 2, 3).forEach(emitter(c));
        assertEquals(List.of(Step.of(1, 0), Step.of(3, 10), Step.of(6, 30)), cout);
    }

    @Test
    void C07_numDistinct() {
        Stream<String> s = Stream.create();
        List<Integer> out = s.accumulateWithState((Set<String> state, String x) -> {
            state.add(x);
            return Step.of(state, state.size());
        }, new HashSet<String>()).sinkToList();
        List.of("cat", "dog", "cat", "mouse").forEach(emitter(s));
        assertEquals(List.of(1, 2, 2, 3), out);
    }

    @Test
    void C08_exceptionInFuncLeavesStateUnchanged() {
        // Python's 12 / 0 ZeroDivisionError is integer division by zero here (ArithmeticException),
        // and 12 / 3 is 4 rather than 4.0.
        Stream<Integer> s = Stream.create();
        int built = line() + 1;
        Stream<Integer> acc = s.accumulate((x, y) -> x / y);
        List<Integer> out = acc.sinkToList();
        emit(s, 12);
        assertEquals(List.of(12), out);
        StreamException e = assertThrows(StreamException.class, () -> emit(s, 0));
        assertInstanceOf(ArithmeticException.class, e.getCause());
        assertEquals("accumulate", e.operator());
        assertEquals("SectionCTest.java:" + built, e.buildSite());
        assertTrue(e.getMessage().contains("SectionCTest.java:" + built), e.getMessage());
        assertEquals(List.of(12), out); // nothing emitted
        emit(s, 3);
        assertEquals(List.of(12, 4), out); // the state was still 12

        // The same with with_state=True.
        Stream<Integer> w = Stream.create();
        List<Step<Integer, Integer>> wout = w.accumulateSteps((Integer x, Integer y) -> x / y).sinkToList();
        emit(w, 12);
        StreamException we = assertThrows(StreamException.class, () -> emit(w, 0));
        assertInstanceOf(ArithmeticException.class, we.getCause());
        assertEquals(List.of(Step.of(12, 12)), wout);
        emit(w, 3);
        assertEquals(List.of(Step.of(12, 12), Step.of(4, 4)), wout);
    }

    @Test
    void C10_startObjectIsNotCopied() {
        // A function that builds a new state each time: [[1], [1, 2]].
        Stream<Integer> s = Stream.create();
        List<List<Integer>> out = s.accumulate((List<Integer> st, Integer x) -> {
            List<Integer> next = new ArrayList<>(st);
            next.add(x);
            return next;
        }, List.<Integer>of()).sinkToList();
        emit(s, 1);
        emit(s, 2);
        assertEquals(List.of(List.of(1), List.of(1, 2)), out);
        assertNotSame(out.get(0), out.get(1));

        // As in streamz, start is shared, not copied: a function that mutates the state mutates start.
        List<Integer> start = new ArrayList<>();
        Stream<Integer> m = Stream.create();
        List<List<Integer>> mout = m.accumulate((List<Integer> st, Integer x) -> {
            st.add(x);
            return st;
        }, start).sinkToList();
        emit(m, 1);
        emit(m, 2);
        assertEquals(List.of(1, 2), start);
        assertSame(start, mout.get(0));
        assertSame(start, mout.get(1));
    }
}
