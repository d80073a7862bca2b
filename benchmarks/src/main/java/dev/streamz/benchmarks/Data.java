package dev.streamz.benchmarks;

import java.util.function.BiFunction;
import java.util.function.BinaryOperator;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Inputs and user functions shared by every benchmark, so streamz-jvm, RxJava and Reactor run exactly the
 * same work. No function allocates: integers come from a pre-boxed table, never from autoboxing.
 */
public final class Data {
    /** Elements emitted per benchmark invocation; scores are divided by it (per-emit cost). */
    public static final int BATCH = 1024;
    /** Results wrap into the table. */
    public static final int MASK = BATCH - 1;
    /** {@code TABLE[i]} is a pre-boxed {@code i}. */
    private static final Integer[] TABLE = new Integer[BATCH];

    static {
        for (int i = 0; i < BATCH; i++) {
            TABLE[i] = i; // the only boxing, at class initialisation
        }
    }

    /** {@code x + 1} (as in benchmarks/streamz_speed.py, the Python side), wrapped into the table. */
    public static final Function<Integer, Integer> INC = x -> TABLE[(x + 1) & MASK];
    /** {@code 2 * x}, wrapped into the table: the second branch's function. */
    public static final Function<Integer, Integer> TWICE = x -> TABLE[(x << 1) & MASK];
    /** {@code x % 2 == 0} (as in benchmarks/streamz_speed.py, the Python side). */
    public static final Predicate<Integer> EVEN = x -> (x & 1) == 0;
    /** {@code acc + x}, wrapped into the table: the accumulator. */
    public static final BinaryOperator<Integer> ADD = (a, b) -> TABLE[(a + b) & MASK];
    /** {@code a + b}, wrapped into the table: the peers' zip combinator. */
    public static final BiFunction<Integer, Integer, Integer> COMBINE = (a, b) -> TABLE[(a + b) & MASK];

    private Data() {
    }

    /** @return {@code 0, 1, ..., BATCH-1}, pre-boxed (the same sequence example-speed.py emits, modulo BATCH) */
    public static Integer[] inputs() {
        return TABLE.clone();
    }

    /** @return the pre-boxed {@code i & MASK} */
    public static Integer boxed(int i) {
        return TABLE[i & MASK];
    }
}
